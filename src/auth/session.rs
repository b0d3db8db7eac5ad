//! Session tokens: made, hashed, and found on a request.
//!
//! A token is 32 random bytes (256 bits) shown to the client once, as hex; only its SHA-256 is
//! stored. A request carries it as `Authorization: Bearer <token>` or in the session cookie.
//!
//! A session token starts with its user's id and a dot: `<24 hex digits>.<64 hex digits>`. The
//! id is no secret (it is the `id` of `me`) and grants nothing: the hash is taken of the whole
//! token, so changing the id gives a token with no session. It lets MongoDB read the session
//! and its user in one find, where it took two ([`SessionKey`]). Tokens of 64 hex digits alone
//! (made before) still work until they expire. Calendar feed tokens stay bare random digits:
//! a feed address is shared with calendar apps and should say nothing about its owner.

use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::domain::id::Id;
use crate::domain::session::{SessionKey, TokenHash};

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "ww_session";

/// Longest token accepted from a request (ours are 89 characters).
const MAX_TOKEN_LEN: usize = 128;

/// A new random token (256 bits, hex) and the hash that is stored: a calendar feed's.
pub fn new_token() -> (String, TokenHash) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

/// A new session token for `user` (its id, a dot, 256 random bits in hex) and its key.
pub fn new_session_token(user: Id) -> (String, SessionKey) {
    let token = format!("{user}.{}", new_token().0);
    let key = session_key(&token);
    (token, key)
}

/// How `token` finds its session: its hash, and the user it names (none for a token without
/// a well-formed id before its dot, as the tokens made before were).
pub fn session_key(token: &str) -> SessionKey {
    SessionKey {
        hash: hash_token(token),
        user: token
            .split_once('.')
            .and_then(|(user, _)| user.parse().ok()),
    }
}

/// The stored form of a token.
pub fn hash_token(token: &str) -> TokenHash {
    TokenHash(hex::encode(Sha256::digest(token.as_bytes())))
}

/// The token a request carries: the `Authorization: Bearer` header first, else the cookie.
pub fn token_from_headers(headers: &axum::http::HeaderMap) -> Option<String> {
    let bearer = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string());
    bearer
        .or_else(|| {
            headers
                .get_all(axum::http::header::COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(';'))
                .filter_map(|pair| pair.trim().split_once('='))
                .find(|(name, _)| *name == SESSION_COOKIE)
                .map(|(_, value)| value.to_string())
        })
        .filter(|t| !t.is_empty() && t.len() <= MAX_TOKEN_LEN)
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderValue, header};

    use super::*;

    #[test]
    fn session_tokens_name_their_user_and_their_hash_covers_it() {
        let user = Id::generate();
        let (token, key) = new_session_token(user);
        assert_eq!(token.len(), 89);
        assert!(token.len() <= MAX_TOKEN_LEN);
        assert_eq!(
            token.split_once('.').map(|(id, _)| id),
            Some(user.to_string().as_str())
        );
        assert_eq!(key, session_key(&token));
        assert_eq!(key.user, Some(user));
        assert_eq!(key.hash, hash_token(&token));
        assert_ne!(new_session_token(user).0, token);

        // Another user's id on the same random part: another hash, so no session.
        let other = Id::generate();
        let forged = format!("{other}{}", &token[24..]);
        assert_eq!(session_key(&forged).user, Some(other));
        assert_ne!(session_key(&forged).hash, key.hash);

        // Tokens made before name no user; nor does anything that is not an id before a dot.
        let (old, old_hash) = new_token();
        assert_eq!(
            session_key(&old),
            SessionKey {
                hash: old_hash,
                user: None
            }
        );
        for odd in [
            "",
            ".",
            "nothex.abc",
            "65a1b2c3d4e5f60718293a4.x",
            "x.65a1b2c3d4e5f60718293a4b",
        ] {
            assert_eq!(session_key(odd).user, None, "{odd:?}");
        }
    }

    #[test]
    fn tokens_are_256_bit_and_only_their_hash_is_kept() {
        let (token, hash) = new_token();
        assert_eq!(token.len(), 64);
        assert_ne!(hash.0, token);
        assert_eq!(hash_token(&token), hash);
        assert_ne!(new_token().0, token);
    }

    #[test]
    fn the_bearer_header_wins_over_the_cookie_and_huge_tokens_are_ignored() {
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; ww_session=fromcookie"),
        );
        assert_eq!(token_from_headers(&headers).as_deref(), Some("fromcookie"));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer frombearer"),
        );
        assert_eq!(token_from_headers(&headers).as_deref(), Some("frombearer"));
        let huge = format!("Bearer {}", "a".repeat(MAX_TOKEN_LEN + 1));
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_str(&huge).expect("a header value"),
        );
        assert_eq!(token_from_headers(&headers), None);
    }
}
