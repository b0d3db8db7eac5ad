//! Sessions: what is kept of a signed-in session — never the token itself, only its hash.

use chrono::{DateTime, Utc};

use super::id::Id;

/// The SHA-256 of a session token, hex-encoded: the only form in which tokens are stored.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TokenHash(pub String);

/// A signed-in session.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// Hash of the bearer token.
    pub token_hash: TokenHash,
    /// Whose session it is.
    pub user_id: Id,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// How a request's token finds its session: the token's hash, and the user the token names.
///
/// Session tokens made since sessions moved in beside their users in MongoDB start with their
/// user's id (`<24 hex digits>.<64 hex digits>`, see `auth::session`), so that store reads the
/// session and its user in one find. Older tokens, 64 hex digits, name no user: their sessions
/// are where that release kept them, and they are read as it read them until they expire.
/// The name is only a hint of where to look, never trusted alone: the hash covers the whole
/// token, so a token whose id was changed has another hash and finds no session.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SessionKey {
    /// The hash of the whole token.
    pub hash: TokenHash,
    /// The user the token names, when it names one.
    pub user: Option<Id>,
}
