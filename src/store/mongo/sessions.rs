//! Sessions: the `sessions` collection (a TTL index expires them where the server has one) and
//! the session methods of the [`Store`](super::Store).

use chrono::{DateTime, Utc};
use mongodb::bson::{self, doc, oid::ObjectId};
use serde::{Deserialize, Serialize};

use super::{MongoStore, bson_time, id, internal, oid, users};
use crate::domain::account::User;
use crate::domain::session::{Session, TokenHash};
use crate::store::StoreResult;

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct SessionDoc {
    #[serde(rename = "_id")]
    id: ObjectId,
    token_hash: String,
    user_id: ObjectId,
    created_at: bson::DateTime,
    expires_at: bson::DateTime,
}

pub(super) async fn create(store: &MongoStore, session: &Session) -> StoreResult<()> {
    // On MongoDB the TTL index removes expired sessions; servers without TTL indexes
    // (FerretDB) get this sweep instead.
    if store.sweep_sessions {
        store
            .sessions
            .delete_many(doc! { "expiresAt": { "$lte": bson_time(session.created_at) } })
            .await
            .map_err(internal)?;
    }
    let doc = SessionDoc {
        id: ObjectId::new(),
        token_hash: session.token_hash.0.clone(),
        user_id: oid(session.user_id),
        created_at: bson_time(session.created_at),
        expires_at: bson_time(session.expires_at),
    };
    store.sessions.insert_one(doc).await.map_err(internal)?;
    Ok(())
}

pub(super) async fn user(
    store: &MongoStore,
    hash: &TokenHash,
    now: DateTime<Utc>,
) -> StoreResult<Option<User>> {
    // The TTL index removes expired sessions lazily, so the expiry is checked here too.
    let session = store
        .sessions
        .find_one(doc! { "tokenHash": &hash.0, "expiresAt": { "$gt": bson_time(now) } })
        .await
        .map_err(internal)?;
    match session {
        Some(session) => users::by_id(store, id(session.user_id)).await,
        None => Ok(None),
    }
}

pub(super) async fn delete(store: &MongoStore, hash: &TokenHash) -> StoreResult<()> {
    store
        .sessions
        .delete_one(doc! { "tokenHash": &hash.0 })
        .await
        .map_err(internal)?;
    Ok(())
}
