//! The viewer: who a request is from, resolved once at the edge by an axum extractor (as
//! realworld-axum-sqlx's `src/http/extractor.rs` does) and handed to GraphQL, whose resolvers
//! only read it from the context.

use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;

use super::session::{session_key, token_from_headers};
use crate::domain::account::User;
use crate::domain::session::SessionKey;
use crate::error::AppError;
use crate::store::{Store, StoreResult, now_millis};

/// Who is making a request: the signed-in user and their session's key, or nobody.
#[derive(Debug, Clone, Default)]
pub struct Viewer {
    /// The signed-in user.
    pub user: Option<User>,
    /// The key of the session that authenticated this request (for `signOut`).
    pub session: Option<SessionKey>,
}

/// Extracts the viewer from the request's bearer header or session cookie: one store read when
/// it carries a token, none otherwise. A missing, unknown or expired token is an anonymous
/// viewer, not a rejection (fields that need a user say `UNAUTHENTICATED` themselves); only a
/// store failure rejects the request, with a 500 and a GraphQL-shaped `INTERNAL_SERVER_ERROR`.
impl<S> FromRequestParts<S> for Viewer
where
    Arc<dyn Store>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let store = Arc::<dyn Store>::from_ref(state);
        Ok(resolve_viewer(store.as_ref(), token_from_headers(&parts.headers)).await?)
    }
}

/// Finds who a request is from: one store read when it carries a token, none otherwise.
async fn resolve_viewer(store: &dyn Store, token: Option<String>) -> StoreResult<Viewer> {
    let Some(token) = token else {
        return Ok(Viewer::default());
    };
    let key = session_key(&token);
    let user = store.session_user(&key, now_millis()).await?;
    Ok(Viewer {
        session: user.as_ref().map(|_| key),
        user,
    })
}
