//! Signing in: password hashing, session tokens, failed-attempt throttling, and the viewer.
//!
//! - Passwords are hashed with Argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane) on
//!   tokio's blocking pool, at most [`HASHING_CONCURRENCY`] at a time so a burst of sign-ins
//!   cannot exhaust memory or starve the runtime.
//! - A session token is 32 random bytes (256 bits) shown to the client once, as hex; only its
//!   SHA-256 is stored. Sessions expire (`SESSION_TTL_DAYS`) and `signOut` deletes them.
//! - An unknown email costs the same Argon2 work as a wrong password and returns the same error.
//! - After [`Throttle::MAX_FAILURES`] failed sign-ins for one email within
//!   [`Throttle::WINDOW`], further attempts are refused with `RATE_LIMITED` until the window
//!   passes, without checking the password. The counter lives in memory: it protects one server
//!   process, which is how Wisewallet is deployed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::domain::account::{Email, Password, User};
use crate::store::TokenHash;

/// How many Argon2 computations may run at once.
pub const HASHING_CONCURRENCY: usize = 2;

/// Hashes and verifies passwords off the async runtime.
#[derive(Clone)]
pub struct Passwords {
    permits: Arc<Semaphore>,
}

impl Default for Passwords {
    fn default() -> Self {
        Passwords {
            permits: Arc::new(Semaphore::new(HASHING_CONCURRENCY)),
        }
    }
}

fn argon2() -> Argon2<'static> {
    // OWASP Password Storage Cheat Sheet: Argon2id, m = 19 MiB, t = 2, p = 1.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A fixed hash to verify against when the email is unknown, so that case costs the same.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        argon2()
            .hash_password(b"wisewallet-dummy-password", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

impl Passwords {
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let _permit = self.permits.acquire().await?;
        Ok(tokio::task::spawn_blocking(work).await?)
    }

    /// The Argon2id PHC string of `password`.
    pub async fn hash(&self, password: &Password) -> anyhow::Result<String> {
        let password = password.expose().to_string();
        self.run(move || {
            let salt = SaltString::generate(&mut rand::rngs::OsRng);
            argon2()
                .hash_password(password.as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
        })
        .await?
    }

    /// Whether `password` matches `hash`; with no hash (unknown email) it does the same work and
    /// answers `false`.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> anyhow::Result<bool> {
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| dummy_hash()).to_string();
        let password = password.to_string();
        let matches = self
            .run(move || {
                PasswordHash::new(&hash)
                    .map(|parsed| {
                        argon2()
                            .verify_password(password.as_bytes(), &parsed)
                            .is_ok()
                    })
                    .unwrap_or(false)
            })
            .await?;
        Ok(known && matches)
    }
}

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

/// Counts failed sign-ins per email and refuses more than a few in a window.
#[derive(Clone, Default)]
pub struct Throttle {
    failures: Arc<Mutex<HashMap<Email, Vec<Instant>>>>,
}

impl Throttle {
    /// Failed attempts allowed per window.
    pub const MAX_FAILURES: usize = 5;
    /// The window.
    pub const WINDOW: Duration = Duration::from_secs(15 * 60);

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Email, Vec<Instant>>> {
        self.failures
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether `email` may try to sign in now.
    pub fn allows(&self, email: &Email) -> bool {
        let now = Instant::now();
        let mut failures = self.lock();
        match failures.get_mut(email) {
            Some(times) => {
                times.retain(|t| now.duration_since(*t) < Self::WINDOW);
                times.len() < Self::MAX_FAILURES
            }
            None => true,
        }
    }

    /// Records a failed attempt.
    pub fn failed(&self, email: &Email) {
        let now = Instant::now();
        let mut failures = self.lock();
        // Keep memory bounded: forget emails whose failures are all old.
        if failures.len() > 10_000 {
            failures.retain(|_, times| times.iter().any(|t| now.duration_since(*t) < Self::WINDOW));
        }
        failures.entry(email.clone()).or_default().push(now);
    }

    /// Forgets failures after a successful sign-in.
    pub fn succeeded(&self, email: &Email) {
        self.lock().remove(email);
    }
}

/// Who is making a request: the signed-in user and their token's hash, or nobody.
#[derive(Debug, Clone, Default)]
pub struct Viewer {
    /// The signed-in user.
    pub user: Option<User>,
    /// The hash of the token that authenticated this request (for `signOut`).
    pub token_hash: Option<TokenHash>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hashed_password_verifies_and_a_wrong_one_does_not() -> anyhow::Result<()> {
        let passwords = Passwords::default();
        let password = Password::try_from("correct horse battery")?;
        let hash = passwords.hash(&password).await?;
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            passwords
                .verify("correct horse battery", Some(&hash))
                .await?
        );
        assert!(!passwords.verify("wrong horse battery", Some(&hash)).await?);
        assert!(!passwords.verify("correct horse battery", None).await?);
        Ok(())
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
    fn the_throttle_refuses_after_five_failures_and_forgets_on_success() -> anyhow::Result<()> {
        let throttle = Throttle::default();
        let email = Email::try_from("a@b.c")?;
        for _ in 0..Throttle::MAX_FAILURES {
            assert!(throttle.allows(&email));
            throttle.failed(&email);
        }
        assert!(!throttle.allows(&email));
        assert!(throttle.allows(&Email::try_from("other@b.c")?));
        throttle.succeeded(&email);
        assert!(throttle.allows(&email));
        Ok(())
    }
}
