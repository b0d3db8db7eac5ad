//! Signing in: password hashing, session tokens, throttling, and the viewer of a request.
//!
//! - [`passwords`]: Argon2id at OWASP's parameters on a dedicated pool with a bounded queue.
//! - [`throttle`]: attempts reserved per email, per client address and globally, before any
//!   hash is computed, in the store (so every server process counts together).
//! - [`session`]: 256-bit session tokens (only their SHA-256 is stored) and how a request
//!   carries one (bearer header or cookie).
//! - [`viewer`]: the [`Viewer`] a request's token resolves to, as an axum extractor, so the
//!   HTTP layer resolves it once and GraphQL only reads it.
//! - An unknown email costs the same Argon2 work as a wrong password and returns the same error.

pub mod passwords;
pub mod session;
pub mod throttle;
pub mod viewer;

pub use passwords::{HashError, Passwords, acceptable_hash};
pub use session::{
    SESSION_COOKIE, hash_token, new_session_token, new_token, session_key, token_from_headers,
};
pub use throttle::{Limits, NotReserved, Refused, Throttle};
pub use viewer::Viewer;
