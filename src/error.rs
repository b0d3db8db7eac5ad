//! The one application error, and how it reaches clients.
//!
//! Error policy:
//! - **Start-up** (config, connecting, migrations) uses `anyhow` with `.context(...)`; `main`
//!   prints the chain once and exits non-zero.
//! - **Domain** rules return small `thiserror` enums (`MoneyError`, `ScheduleError`, …) whose
//!   messages are written for users.
//! - **Stores** return [`StoreError`]: a conflict, a limit, a
//!   database that is unavailable for now (`SERVICE_UNAVAILABLE`), or an internal failure
//!   carrying its cause.
//! - At the **GraphQL boundary** everything becomes an [`AppError`], through the `From` impls
//!   below, so resolvers only write `?`: a domain error is `BAD_USER_INPUT` with its own
//!   message, a store error keeps its kind, and an `anyhow` error is internal. Clients get a
//!   safe message and `extensions.code`; an internal error is logged with its whole cause chain
//!   and the client sees only "internal server error".
//! - An error that reaches the client without a code is a GraphQL parse/validation error or a
//!   scalar that did not parse: the HTTP layer labels it `BAD_USER_INPUT`.

use std::sync::Arc;

use async_graphql::ErrorExtensions;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::auth::{HashError, NotReserved, Refused};
use crate::domain::account::AccountError;
use crate::domain::entry::EntryError;
use crate::domain::forecast::ForecastError;
use crate::domain::holidays::UnknownCalendar;
use crate::domain::occurrence::ExceptionError;
use crate::domain::plan::EnvelopeError;
use crate::domain::schedule::ScheduleError;
use crate::domain::window::WindowError;
use crate::store::StoreError;

/// Every way a request can fail, as a client sees it.
///
/// Deliberately not `Display`: async-graphql turns any `Display` error into a bare message, and
/// this type must always reach clients through its own `From` impl below, which adds the code.
#[derive(Debug, Clone)]
pub enum AppError {
    /// Not signed in, or the sign-in failed.
    Unauthenticated(&'static str),
    /// The input is wrong; the message says how.
    BadInput(String),
    /// The thing does not exist or is not yours.
    NotFound(&'static str),
    /// The thing already exists (e.g. an email that is taken).
    Conflict(String),
    /// Too many attempts, or the server is too busy for this one now; try again later.
    RateLimited(&'static str),
    /// The request asks for more than one request may (response size, time).
    LimitExceeded(String),
    /// The database is unreachable for now; try again shortly. The cause is logged.
    Unavailable(Arc<anyhow::Error>),
    /// Anything else. The cause is logged, never returned.
    Internal(Arc<anyhow::Error>),
}

impl AppError {
    /// The value of `extensions.code`.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthenticated(_) => "UNAUTHENTICATED",
            AppError::BadInput(_) => "BAD_USER_INPUT",
            AppError::NotFound(_) => "NOT_FOUND",
            AppError::Conflict(_) => "CONFLICT",
            AppError::RateLimited(_) => "RATE_LIMITED",
            AppError::LimitExceeded(_) => "LIMIT_EXCEEDED",
            AppError::Unavailable(_) => "SERVICE_UNAVAILABLE",
            AppError::Internal(_) => "INTERNAL_SERVER_ERROR",
        }
    }

    /// The message clients see.
    pub fn message(&self) -> String {
        match self {
            AppError::Unauthenticated(message) | AppError::RateLimited(message) => {
                (*message).to_string()
            }
            AppError::BadInput(message)
            | AppError::Conflict(message)
            | AppError::LimitExceeded(message) => message.clone(),
            AppError::NotFound(what) => format!("{what} not found"),
            AppError::Unavailable(_) => {
                "the database is unavailable right now; try again in a moment".into()
            }
            AppError::Internal(_) => "internal server error".into(),
        }
    }

    /// An internal error with its cause.
    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        AppError::Internal(Arc::new(cause.into()))
    }

    /// A bad-input error from anything displayable.
    pub fn bad_input(message: impl std::fmt::Display) -> Self {
        AppError::BadInput(message.to_string())
    }

    /// The error every protected field returns to an anonymous caller.
    pub fn unauthenticated() -> Self {
        AppError::Unauthenticated("sign in first")
    }

    /// The HTTP status of a request refused with this error before GraphQL ran.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            AppError::BadInput(_) | AppError::LimitExceeded(_) => StatusCode::BAD_REQUEST,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Logs an internal error (or an unavailable database) with its whole cause chain; clients
    /// never see it.
    pub fn log_if_internal(&self) {
        match self {
            AppError::Internal(cause) => {
                tracing::error!(error = format!("{cause:#}"), "internal error");
            }
            AppError::Unavailable(cause) => {
                tracing::warn!(error = format!("{cause:#}"), "the database is unavailable");
            }
            _ => {}
        }
    }
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Conflict(message) => AppError::Conflict(message),
            StoreError::LimitReached(message) => AppError::BadInput(message),
            StoreError::Unavailable(cause) => AppError::Unavailable(Arc::new(cause)),
            StoreError::Internal(cause) => AppError::Internal(Arc::new(cause)),
        }
    }
}

/// Domain errors are written for users: each becomes `BAD_USER_INPUT` with its own message.
macro_rules! bad_input_from {
    ($($error:ty),* $(,)?) => {
        $(
            impl From<$error> for AppError {
                fn from(err: $error) -> Self {
                    AppError::bad_input(err)
                }
            }
        )*
    };
}

bad_input_from!(
    AccountError,
    EntryError,
    EnvelopeError,
    ExceptionError,
    ScheduleError,
    UnknownCalendar,
    WindowError,
);

impl From<ForecastError> for AppError {
    fn from(err: ForecastError) -> Self {
        match err {
            ForecastError::Overflow => AppError::bad_input(err),
            ForecastError::TooLarge => AppError::LimitExceeded(err.to_string()),
        }
    }
}

impl From<NotReserved> for AppError {
    fn from(err: NotReserved) -> Self {
        match err {
            NotReserved::Refused(refused) => refused.into(),
            NotReserved::Store(err) => err.into(),
        }
    }
}

impl From<Refused> for AppError {
    fn from(refused: Refused) -> Self {
        AppError::RateLimited(match refused {
            Refused::Email => "too many failed attempts for this email; try again in a few minutes",
            Refused::Address | Refused::Global => {
                "too many sign-in attempts; try again in a few minutes"
            }
        })
    }
}

/// Anything unexpected (with its context) is internal.
impl From<anyhow::Error> for AppError {
    fn from(err: anyhow::Error) -> Self {
        AppError::Internal(Arc::new(err))
    }
}

/// A DataLoader's error: already shared, as every waiting load gets it. A store that was
/// unavailable stays so.
impl From<Arc<anyhow::Error>> for AppError {
    fn from(err: Arc<anyhow::Error>) -> Self {
        match err.downcast_ref::<StoreError>() {
            Some(StoreError::Unavailable(_)) => AppError::Unavailable(err),
            _ => AppError::Internal(err),
        }
    }
}

impl From<HashError> for AppError {
    fn from(err: HashError) -> Self {
        match err {
            HashError::Busy => {
                AppError::RateLimited("the server is busy signing people in; try again in a moment")
            }
            HashError::Failed(cause) => AppError::internal(anyhow::anyhow!(cause)),
        }
    }
}

impl From<AppError> for async_graphql::Error {
    fn from(err: AppError) -> Self {
        err.log_if_internal();
        let code = err.code();
        async_graphql::Error::new(err.message()).extend_with(|_, ext| ext.set("code", code))
    }
}

/// A request refused before GraphQL ran (the viewer extractor's rejection): its status and
/// a GraphQL-shaped body.
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log_if_internal();
        error_response(self.status(), self.code(), &self.message())
    }
}

/// A GraphQL-shaped error body for failures before execution:
/// `{"errors":[{"message":…,"extensions":{"code":…}}]}`.
pub fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    let body =
        serde_json::json!({ "errors": [{ "message": message, "extensions": { "code": code } }] });
    (status, Json(body)).into_response()
}

/// The result type of resolvers.
pub type AppResult<T> = Result<T, AppError>;

/// The beginnings of async-graphql's messages for its own limits (depth, complexity,
/// recursion), which are `LIMIT_EXCEEDED` like ours.
const LIMIT_MESSAGES: [&str; 3] = [
    "Query is nested too deep",
    "Query is too complex",
    "The recursion depth of the query",
];

/// Sets `extensions.code` on every error that has none: those are the parse, validation and
/// scalar errors that async-graphql raises before any resolver runs — `LIMIT_EXCEEDED` for its
/// limits, `BAD_USER_INPUT` for everything else.
pub fn label_uncoded_errors(errors: &mut [async_graphql::ServerError]) {
    for error in errors {
        let limit = LIMIT_MESSAGES.iter().any(|m| error.message.starts_with(m));
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_none() {
            extensions.set(
                "code",
                if limit {
                    "LIMIT_EXCEEDED"
                } else {
                    "BAD_USER_INPUT"
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_never_leak_their_cause() {
        let err: async_graphql::Error =
            AppError::internal(anyhow::anyhow!("password=hunter2 connection refused")).into();
        assert_eq!(err.message, "internal server error");
    }

    #[test]
    fn every_error_carries_its_code() {
        let err: async_graphql::Error = AppError::NotFound("bill").into();
        let code = err.extensions.as_ref().and_then(|e| e.get("code")).cloned();
        assert_eq!(code, Some(async_graphql::Value::from("NOT_FOUND")));
    }
}
