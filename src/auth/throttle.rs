//! Sign-in and sign-up throttling: per email, per client address, and for the whole service.
//!
//! Every `signIn`/`signUp` attempt *reserves* its place under each limit before any password is
//! hashed, so concurrent attempts cannot slip past a limit together (checking first and
//! counting after the slow hash let 200 concurrent guesses through). A successful sign-in
//! gives its email's reservations back; an address's and the service's are kept for the window.
//!
//! - per email: [`Limits::per_email`] attempts per [`WINDOW`] (failures, since successes are
//!   forgiven) — guessing one account's password;
//! - per client address: [`Limits::per_address`] attempts per window — one machine trying
//!   many emails;
//! - global: [`Limits::global`] attempts per window — many machines at once. Together with the
//!   bounded hashing queue it keeps a flood from the whole internet down to a steady trickle
//!   of hashes.
//!
//! The counts live in the store ([`Store::reserve_attempt`]), so every server process on one
//! database enforces one limit: several instances behind a load balancer, or two processes on
//! one SQLite file, count together. Each reservation is atomic in the store (see
//! `store::mongo::attempts` and `store::sqlite::attempts`). Emails and addresses are kept there
//! only as SHA-256 hashes, and only for the window.
//!
//! Each process also counts the attempts it reserved in memory, under the same limits, and
//! asks the store only when its own counts have room. That refuses a burst on one instance in
//! microseconds, without a database round trip per guess — and it matters for correctness,
//! not only cost: a success gives its email's places back, so guesses still waiting for the
//! database when it does would get them (with store round trips of a few milliseconds, 61
//! concurrent guesses on one server had up to 10 passwords checked). What one process refuses
//! the store would have refused too (the store counts every process), so the limits stay
//! exactly the store's. An attempt the store refuses is taken back from memory.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::domain::account::Email;
use crate::store::{AttemptLimit, Store, StoreError};

/// How long an attempt counts.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);

/// Attempts allowed per [`WINDOW`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Failed sign-ins for one email.
    pub per_email: usize,
    /// Attempts from one client address.
    pub per_address: usize,
    /// Attempts to the whole service.
    pub global: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            per_email: 5,
            per_address: 100,
            global: 3000,
        }
    }
}

/// Which limit refused an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Too many failures for this email.
    Email,
    /// Too many attempts from this address.
    Address,
    /// Too many attempts to the service.
    Global,
}

/// Why an attempt was not reserved.
#[derive(Debug, thiserror::Error)]
pub enum NotReserved {
    /// A limit is reached.
    #[error("too many attempts")]
    Refused(Refused),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reserves attempts in memory and in the store, under the limits it was made with.
#[derive(Clone)]
pub struct Throttle {
    limits: Limits,
    store: Arc<dyn Store>,
    local: Arc<Mutex<Local>>,
}

/// Most keys the in-memory counts remember; beyond it, the oldest are dropped.
const MAX_KEYS: usize = 100_000;

/// This process's own attempts in the last window, by key.
#[derive(Default)]
struct Local {
    emails: HashMap<Email, VecDeque<Instant>>,
    addresses: HashMap<IpAddr, VecDeque<Instant>>,
    global: VecDeque<Instant>,
}

impl Local {
    /// Reserves in memory, or says which limit refuses (then nothing is reserved).
    fn reserve(
        &mut self,
        limits: Limits,
        address: Option<IpAddr>,
        email: Option<&Email>,
        now: Instant,
    ) -> Result<(), Refused> {
        if !has_room(&mut self.global, limits.global, now) {
            return Err(Refused::Global);
        }
        if address.is_some_and(|a| !room_for(&mut self.addresses, &a, limits.per_address, now)) {
            return Err(Refused::Address);
        }
        if email.is_some_and(|e| !room_for(&mut self.emails, e, limits.per_email, now)) {
            return Err(Refused::Email);
        }
        self.global.push_back(now);
        if let Some(address) = address {
            record(&mut self.addresses, address, now);
        }
        if let Some(email) = email {
            record(&mut self.emails, email.clone(), now);
        }
        Ok(())
    }

    /// Takes back an attempt reserved at `now` (the store refused it).
    fn release(&mut self, address: Option<IpAddr>, email: Option<&Email>, now: Instant) {
        fn remove(times: &mut VecDeque<Instant>, now: Instant) {
            if let Some(at) = times.iter().rposition(|t| *t == now) {
                times.remove(at);
            }
        }
        remove(&mut self.global, now);
        if let Some(times) = address.and_then(|a| self.addresses.get_mut(&a)) {
            remove(times, now);
        }
        if let Some(times) = email.and_then(|e| self.emails.get_mut(e)) {
            remove(times, now);
        }
    }
}

fn has_room(times: &mut VecDeque<Instant>, max: usize, now: Instant) -> bool {
    while times
        .front()
        .is_some_and(|t| now.duration_since(*t) >= WINDOW)
    {
        times.pop_front();
    }
    times.len() < max
}

fn room_for<K: Eq + Hash>(
    map: &mut HashMap<K, VecDeque<Instant>>,
    key: &K,
    max: usize,
    now: Instant,
) -> bool {
    map.get_mut(key)
        .is_none_or(|times| has_room(times, max, now))
}

/// Records an attempt, keeping the map's memory bounded: expired keys go first, then (only
/// under a flood wider than the global limit allows) everything. The store still counts them.
fn record<K: Eq + Hash>(map: &mut HashMap<K, VecDeque<Instant>>, key: K, now: Instant) {
    map.entry(key).or_default().push_back(now);
    if map.len() > MAX_KEYS {
        map.retain(|_, times| {
            has_room(times, usize::MAX, now);
            !times.is_empty()
        });
    }
    if map.len() > MAX_KEYS {
        map.clear();
    }
}

/// The store key of one email's attempts.
fn email_key(email: &Email) -> String {
    format!(
        "email:{}",
        hex::encode(Sha256::digest(email.as_str().as_bytes()))
    )
}

/// The store key of one client address's attempts.
fn address_key(address: IpAddr) -> String {
    let address = match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    };
    format!(
        "address:{}",
        hex::encode(Sha256::digest(address.to_string().as_bytes()))
    )
}

impl Throttle {
    /// A throttle with these limits, counting in `store`.
    pub fn new(limits: Limits, store: Arc<dyn Store>) -> Self {
        Throttle {
            limits,
            store,
            local: Arc::default(),
        }
    }

    fn local(&self) -> MutexGuard<'_, Local> {
        self.local
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Reserves one attempt from `address` (when known) and, for a sign-in, for `email`.
    /// Nothing is reserved when any limit refuses.
    pub async fn reserve(
        &self,
        address: Option<IpAddr>,
        email: Option<&Email>,
    ) -> Result<(), NotReserved> {
        let at = Instant::now();
        self.local()
            .reserve(self.limits, address, email, at)
            .map_err(NotReserved::Refused)?;
        let reserved = self.reserve_in_store(address, email).await;
        if reserved.is_err() {
            self.local().release(address, email, at);
        }
        reserved
    }

    async fn reserve_in_store(
        &self,
        address: Option<IpAddr>,
        email: Option<&Email>,
    ) -> Result<(), NotReserved> {
        let mut limits = vec![AttemptLimit {
            key: "global".into(),
            limit: self.limits.global,
        }];
        let mut refusals = vec![Refused::Global];
        if let Some(address) = address {
            limits.push(AttemptLimit {
                key: address_key(address),
                limit: self.limits.per_address,
            });
            refusals.push(Refused::Address);
        }
        if let Some(email) = email {
            limits.push(AttemptLimit {
                key: email_key(email),
                limit: self.limits.per_email,
            });
            refusals.push(Refused::Email);
        }
        let now = crate::store::now_millis();
        match self.store.reserve_attempt(&limits, now, WINDOW).await? {
            None => Ok(()),
            Some(index) => Err(NotReserved::Refused(
                refusals.get(index).copied().unwrap_or(Refused::Global),
            )),
        }
    }

    /// A sign-in succeeded: its email's failures are forgotten.
    pub async fn succeeded(&self, email: &Email) -> Result<(), StoreError> {
        self.local().emails.remove(email);
        self.store.forget_attempts(&email_key(email)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sqlite::SqliteStore;

    fn email(text: &str) -> Email {
        Email::try_from(text).expect("a valid email")
    }

    async fn throttle(limits: Limits) -> (Throttle, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("a dir");
        let store = SqliteStore::open(&dir.path().join("throttle.db"))
            .await
            .expect("opens");
        (Throttle::new(limits, Arc::new(store)), dir)
    }

    fn refused(outcome: Result<(), NotReserved>) -> Option<Refused> {
        match outcome {
            Ok(()) => None,
            Err(NotReserved::Refused(which)) => Some(which),
            Err(NotReserved::Store(e)) => panic!("the store failed: {e:#}"),
        }
    }

    #[tokio::test]
    async fn an_email_is_refused_after_five_reservations_and_forgiven_on_success() {
        let (throttle, _dir) = throttle(Limits::default()).await;
        let ann = email("ann@example.com");
        for _ in 0..5 {
            assert_eq!(refused(throttle.reserve(None, Some(&ann)).await), None);
        }
        assert_eq!(
            refused(throttle.reserve(None, Some(&ann)).await),
            Some(Refused::Email)
        );
        assert_eq!(
            refused(
                throttle
                    .reserve(None, Some(&email("bob@example.com")))
                    .await
            ),
            None
        );
        throttle.succeeded(&ann).await.expect("forgotten");
        assert_eq!(refused(throttle.reserve(None, Some(&ann)).await), None);
    }

    #[tokio::test]
    async fn an_address_and_the_server_have_their_own_limits() {
        let (throttle, _dir) = throttle(Limits {
            per_email: 5,
            per_address: 3,
            global: 5,
        })
        .await;
        let one: IpAddr = [192, 0, 2, 1].into();
        let two: IpAddr = [192, 0, 2, 2].into();
        for n in 0..3 {
            let who = email(&format!("{n}@x.io"));
            assert_eq!(refused(throttle.reserve(Some(one), Some(&who)).await), None);
        }
        assert_eq!(
            refused(throttle.reserve(Some(one), Some(&email("new@x.io"))).await),
            Some(Refused::Address)
        );
        assert_eq!(refused(throttle.reserve(Some(two), None).await), None);
        assert_eq!(refused(throttle.reserve(Some(two), None).await), None);
        assert_eq!(
            refused(throttle.reserve(Some(two), None).await),
            Some(Refused::Global)
        );
    }

    #[tokio::test]
    async fn a_refused_attempt_uses_up_nothing() {
        let (throttle, _dir) = throttle(Limits {
            per_email: 1,
            per_address: 2,
            global: 100,
        })
        .await;
        let ann = email("ann@example.com");
        let addr: IpAddr = [192, 0, 2, 1].into();
        assert_eq!(
            refused(throttle.reserve(Some(addr), Some(&ann)).await),
            None
        );
        assert_eq!(
            refused(throttle.reserve(Some(addr), Some(&ann)).await),
            Some(Refused::Email)
        );
        // The refused attempt did not count against the address.
        assert_eq!(refused(throttle.reserve(Some(addr), None).await), None);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_reservations_never_pass_the_email_limit_together() {
        let (throttle, _dir) = throttle(Limits::default()).await;
        let ann = email("ann@example.com");
        let attempts: Vec<_> = (0..64)
            .map(|_| {
                let (throttle, ann) = (throttle.clone(), ann.clone());
                tokio::spawn(async move { refused(throttle.reserve(None, Some(&ann)).await) })
            })
            .collect();
        let mut granted = 0;
        for attempt in attempts {
            granted += usize::from(attempt.await.expect("joined").is_none());
        }
        assert_eq!(granted, 5);
    }

    #[tokio::test]
    async fn another_process_counts_too_and_what_the_store_refuses_is_taken_back() {
        let (here, _dir) = throttle(Limits::default()).await;
        let elsewhere = Throttle::new(Limits::default(), here.store.clone());
        let ann = email("ann@example.com");
        for _ in 0..3 {
            assert_eq!(refused(elsewhere.reserve(None, Some(&ann)).await), None);
        }
        for _ in 0..2 {
            assert_eq!(refused(here.reserve(None, Some(&ann)).await), None);
        }
        for throttle in [&here, &elsewhere] {
            assert_eq!(
                refused(throttle.reserve(None, Some(&ann)).await),
                Some(Refused::Email),
                "five between them"
            );
        }
        assert_eq!(
            here.local().emails.get(&ann).map(VecDeque::len),
            Some(2),
            "the refused attempt is not counted in memory"
        );
    }

    #[test]
    fn emails_and_addresses_are_stored_only_as_hashes() {
        let key = email_key(&email("ann@example.com"));
        assert!(!key.contains("ann"), "{key}");
        assert_eq!(key.len(), "email:".len() + 64);
        let mapped: IpAddr = "::ffff:192.0.2.1".parse().expect("an address");
        assert_eq!(address_key(mapped), address_key([192, 0, 2, 1].into()));
        assert!(!address_key(mapped).contains("192"));
    }
}
