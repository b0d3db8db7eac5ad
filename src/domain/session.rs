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
