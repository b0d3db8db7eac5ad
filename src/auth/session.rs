//! Session tokens: made, hashed, and found on a request.
//!
//! A token is 32 random bytes (256 bits) shown to the client once, as hex; only its SHA-256 is
//! stored. A request carries it as `Authorization: Bearer <token>` or in the session cookie.

use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::domain::session::TokenHash;

/// The name of the session cookie.
pub const SESSION_COOKIE: &str = "ww_session";

/// Longest token accepted from a request (ours are 64 hex digits).
const MAX_TOKEN_LEN: usize = 128;

/// A new random session token (256 bits, hex) and the hash that is stored.
pub fn new_token() -> (String, TokenHash) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
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
