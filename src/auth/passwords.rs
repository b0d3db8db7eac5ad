//! Password hashing: Argon2id at OWASP's parameters on a small dedicated thread pool with a
//! bounded queue.
//!
//! Each hash costs ~19 MiB and tens of milliseconds on purpose, so hashing is the cheapest way
//! to hurt the server. It runs on [`HASHING_THREADS`] threads of its own (not tokio's blocking
//! pool, which grows to 512 threads, each with its own malloc arena holding freed Argon2
//! buffers), fed by a queue of at most [`HASHING_QUEUE`] jobs. When the queue is full the
//! caller is refused at once ([`HashError::Busy`] → `RATE_LIMITED`) instead of waiting behind a
//! flood, and memory stays at a few hashes' worth whatever the load.
//!
//! Each hashing thread allocates its Argon2 memory once and reuses it for every hash
//! (`hash_password_into_with_memory`): allocating 19 MiB per hash left glibc holding freed
//! buffers, and RSS grew by ~230 MiB after a dozen sign-ins. Now it is two buffers, for good.
//!
//! Only hashes this server could have made are verified: Argon2id, version 0x13, and memory,
//! passes and lanes no larger than ours ([`acceptable_hash`]); anything else (an imported hash
//! asking for 1 GiB, say) never matches and costs nothing.

use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};

use std::cell::RefCell;

use argon2::password_hash::{self, Output, ParamsString, PasswordHash, Salt, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};

use crate::domain::account::Password;

/// Threads that compute hashes.
pub const HASHING_THREADS: usize = 2;
/// Hashes that may wait for a thread; more are refused.
pub const HASHING_QUEUE: usize = 16;

/// OWASP Password Storage Cheat Sheet: Argon2id, m = 19 MiB, t = 2, p = 1.
const M_COST: u32 = 19 * 1024;
const T_COST: u32 = 2;
const P_COST: u32 = 1;

/// Why a hash could not be computed.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    /// The queue is full: too many sign-ins at once.
    #[error("too many sign-ins at once")]
    Busy,
    /// The pool or Argon2 failed.
    #[error("password hashing failed: {0}")]
    Failed(String),
}

type Job = Box<dyn FnOnce() + Send>;

/// Hashes and verifies passwords on the dedicated pool.
#[derive(Clone)]
pub struct Passwords {
    jobs: SyncSender<Job>,
}

impl Default for Passwords {
    fn default() -> Self {
        Self::new(HASHING_THREADS, HASHING_QUEUE)
    }
}

fn params() -> Params {
    Params::new(M_COST, T_COST, P_COST, None).unwrap_or_default()
}

thread_local! {
    /// This thread's Argon2 memory, grown once to the largest size used and then reused.
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Argon2id of `password` with `salt` and `params` into an output of `output_len` bytes, on this
/// thread's reusable memory.
fn argon2id(
    password: &[u8],
    salt: Salt<'_>,
    params: Params,
    output_len: usize,
) -> password_hash::Result<Output> {
    let mut salt_bytes = [0u8; 64];
    let salt = salt.decode_b64(&mut salt_bytes)?;
    let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    let blocks = argon2.params().block_count();
    MEMORY.with_borrow_mut(|memory| {
        if memory.len() < blocks {
            memory.resize(blocks, Block::default());
        }
        Output::init_with(output_len, |out| {
            argon2
                .hash_password_into_with_memory(password, salt, out, &mut memory[..blocks])
                .map_err(Into::into)
        })
    })
}

/// A new PHC string for `password`.
fn new_hash(password: &[u8]) -> password_hash::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    let params = params();
    let output = argon2id(
        password,
        salt.as_salt(),
        params.clone(),
        Params::DEFAULT_OUTPUT_LEN,
    )?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params)?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(hash.to_string())
}

/// Whether `password` matches the PHC string `hash` (already checked by [`acceptable_hash`]).
fn matches(password: &[u8], hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    Params::try_from(&parsed)
        .and_then(|params| argon2id(password, salt, params, expected.len()))
        // `Output`'s equality is constant-time.
        .is_ok_and(|computed| computed == expected)
}

/// Whether `hash` is an Argon2id PHC string within this server's own parameters: the only
/// hashes it will spend time verifying (and, on import, accept).
pub fn acceptable_hash(hash: &str) -> bool {
    if hash.len() > 256 {
        return false;
    }
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return false;
    };
    parsed.algorithm == argon2::ARGON2ID_IDENT
        && parsed.version == Some(Version::V0x13 as u32)
        && params.m_cost() <= M_COST
        && params.t_cost() <= T_COST
        && params.p_cost() <= P_COST
        && parsed.hash.is_some_and(|output| output.len() <= 64)
}

/// A fixed hash to verify against when the email is unknown, so that case costs the same.
/// Made on first use, on a hashing thread.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| new_hash(b"wisewallet-dummy-password").unwrap_or_default())
}

impl Passwords {
    /// A pool of `threads` hashing threads with room for `queue` waiting jobs. The threads end
    /// when the last clone of the returned value is dropped.
    pub fn new(threads: usize, queue: usize) -> Self {
        let (jobs, waiting) = sync_channel::<Job>(queue);
        let waiting = Arc::new(Mutex::new(waiting));
        for index in 0..threads.max(1) {
            let waiting = waiting.clone();
            let spawned = std::thread::Builder::new()
                .name(format!("argon2-{index}"))
                .spawn(move || work(&waiting));
            if let Err(e) = spawned {
                tracing::error!(error = %e, "could not start a password hashing thread");
            }
        }
        Passwords { jobs }
    }

    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let (done, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(work());
        });
        self.jobs.try_send(job).map_err(|e| match e {
            TrySendError::Full(_) => HashError::Busy,
            TrySendError::Disconnected(_) => HashError::Failed("the pool stopped".into()),
        })?;
        result
            .await
            .map_err(|_| HashError::Failed("a hashing thread died".into()))
    }

    /// The Argon2id PHC string of `password`.
    pub async fn hash(&self, password: &Password) -> Result<String, HashError> {
        let password = password.expose().to_string();
        self.run(move || {
            new_hash(password.as_bytes()).map_err(|e| HashError::Failed(e.to_string()))
        })
        .await?
    }

    /// Whether `password` matches `hash`; with no hash (unknown email) it does the same work and
    /// answers `false`. A hash outside [`acceptable_hash`] never matches and is not computed.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> Result<bool, HashError> {
        let known = hash.is_some();
        let hash = match hash {
            Some(hash) if acceptable_hash(hash) => Some(hash.to_string()),
            Some(_) => {
                tracing::warn!("a stored password hash is outside this server's parameters");
                return Ok(false);
            }
            None => None,
        };
        let password = password.to_string();
        let matched = self
            .run(move || {
                let hash = hash.as_deref().unwrap_or_else(|| dummy_hash());
                matches(password.as_bytes(), hash)
            })
            .await?;
        Ok(known && matched)
    }
}

/// A hashing thread: runs jobs until every sender is gone.
fn work(waiting: &Mutex<Receiver<Job>>) {
    loop {
        let job = {
            let Ok(receiver) = waiting.lock() else { return };
            match receiver.recv() {
                Ok(job) => job,
                Err(_) => return,
            }
        };
        job();
    }
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
        assert!(acceptable_hash(&hash));
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
    fn hashes_made_by_the_argon2_crate_itself_still_verify_and_ours_verify_there() {
        use argon2::password_hash::{PasswordHasher, PasswordVerifier};
        let salt = SaltString::generate(&mut rand::rngs::OsRng);
        let theirs = Argon2::new(Algorithm::Argon2id, Version::V0x13, params())
            .hash_password(b"correct horse battery", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default();
        assert!(matches(b"correct horse battery", &theirs));
        assert!(!matches(b"wrong horse battery", &theirs));
        let ours = new_hash(b"correct horse battery").unwrap_or_default();
        let parsed = PasswordHash::new(&ours).expect("a PHC string");
        assert!(
            Argon2::default()
                .verify_password(b"correct horse battery", &parsed)
                .is_ok()
        );
    }

    #[test]
    fn only_argon2id_hashes_within_our_parameters_are_acceptable() {
        let ours = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$\
                    qN4ZyYh1l5ZQmLw3G0wR3dM5PZKp2yJ8l0Gm3Vb0e1g";
        assert!(acceptable_hash(ours));
        for bad in [
            "$argon2id$v=19$m=1048576,t=2,p=1$c2FsdHNhbHRzYWx0$qN4ZyYh1l5ZQmLw3G0wR3dM5PZKp2yJ8l0Gm3Vb0e1g",
            "$argon2id$v=19$m=19456,t=200,p=1$c2FsdHNhbHRzYWx0$qN4ZyYh1l5ZQmLw3G0wR3dM5PZKp2yJ8l0Gm3Vb0e1g",
            "$argon2id$v=19$m=19456,t=2,p=8$c2FsdHNhbHRzYWx0$qN4ZyYh1l5ZQmLw3G0wR3dM5PZKp2yJ8l0Gm3Vb0e1g",
            "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$qN4ZyYh1l5ZQmLw3G0wR3dM5PZKp2yJ8l0Gm3Vb0e1g",
            "$argon2id$v=16$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$qN4ZyYh1l5ZQmLw3G0wR3dM5PZKp2yJ8l0Gm3Vb0e1g",
            "plain text",
            "",
        ] {
            assert!(!acceptable_hash(bad), "{bad}");
        }
        assert!(!acceptable_hash(&format!(
            "{ours}{}",
            "A".repeat(10_000_000)
        )));
    }

    #[tokio::test]
    async fn a_full_queue_refuses_at_once_instead_of_waiting() -> anyhow::Result<()> {
        let passwords = Passwords::new(1, 1);
        let password = Password::try_from("correct horse battery")?;
        let attempts = (0..12).map(|_| passwords.hash(&password));
        let results = futures_util::future::join_all(attempts).await;
        let busy = results
            .iter()
            .filter(|r| matches!(r, Err(HashError::Busy)))
            .count();
        let done = results.iter().filter(|r| r.is_ok()).count();
        assert!(busy >= 9, "busy {busy}, done {done}");
        assert!(done >= 1, "busy {busy}, done {done}");
        Ok(())
    }
}
