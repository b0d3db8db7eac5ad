//! Sign-in and sign-up throttling: per email, per client address, and for the whole server.
//!
//! Every `signIn`/`signUp` attempt *reserves* its place in each window before any password is
//! hashed, so concurrent attempts cannot slip past a limit together (checking first and
//! counting after the slow hash let 200 concurrent guesses through). A successful sign-in
//! gives its email's reservations back; an address's and the server's are kept for the window.
//!
//! - per email: [`Limits::per_email`] attempts per [`WINDOW`] (failures, since successes are
//!   forgiven) — guessing one account's password;
//! - per client address: [`Limits::per_address`] attempts per window — one machine trying
//!   many emails;
//! - global: [`Limits::global`] attempts per window — many machines at once. Together with the
//!   bounded hashing queue it keeps a flood from the whole internet down to a steady trickle
//!   of hashes.
//!
//! The counters live in memory, per server process.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::domain::account::Email;

/// How long an attempt counts.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Most keys a window remembers; beyond it, the oldest are dropped.
const MAX_KEYS: usize = 100_000;

/// Attempts allowed per [`WINDOW`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Failed sign-ins for one email.
    pub per_email: usize,
    /// Attempts from one client address.
    pub per_address: usize,
    /// Attempts to the whole server.
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
    /// Too many attempts to the server.
    Global,
}

/// Counts attempts in sliding windows, all under one lock so that checking and reserving is
/// one step.
#[derive(Clone, Default)]
pub struct Throttle {
    limits: Limits,
    state: Arc<Mutex<State>>,
}

#[derive(Default)]
struct State {
    emails: HashMap<Email, VecDeque<Instant>>,
    addresses: HashMap<IpAddr, VecDeque<Instant>>,
    global: VecDeque<Instant>,
}

impl Throttle {
    /// A throttle with these limits.
    pub fn new(limits: Limits) -> Self {
        Throttle {
            limits,
            state: Arc::default(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Reserves one attempt from `address` (when known) and, for a sign-in, for `email`.
    /// Nothing is reserved when any limit refuses.
    pub fn reserve(&self, address: Option<IpAddr>, email: Option<&Email>) -> Result<(), Refused> {
        let now = Instant::now();
        let limits = self.limits;
        let mut state = self.lock();
        let State {
            emails,
            addresses,
            global,
        } = &mut *state;
        if !has_room(global, limits.global, now) {
            return Err(Refused::Global);
        }
        if address.is_some_and(|a| !room_for(addresses, &a, limits.per_address, now)) {
            return Err(Refused::Address);
        }
        if email.is_some_and(|e| !room_for(emails, e, limits.per_email, now)) {
            return Err(Refused::Email);
        }
        global.push_back(now);
        if let Some(address) = address {
            record(addresses, address, now);
        }
        if let Some(email) = email {
            record(emails, email.clone(), now);
        }
        Ok(())
    }

    /// A sign-in succeeded: its email's failures are forgotten.
    pub fn succeeded(&self, email: &Email) {
        self.lock().emails.remove(email);
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
/// under a flood wider than the global limit allows) everything.
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

#[cfg(test)]
mod tests {
    use super::*;

    fn email(text: &str) -> Email {
        Email::try_from(text).expect("a valid email")
    }

    #[test]
    fn an_email_is_refused_after_five_reservations_and_forgiven_on_success() {
        let throttle = Throttle::default();
        let ann = email("ann@example.com");
        for _ in 0..5 {
            assert_eq!(throttle.reserve(None, Some(&ann)), Ok(()));
        }
        assert_eq!(throttle.reserve(None, Some(&ann)), Err(Refused::Email));
        assert_eq!(
            throttle.reserve(None, Some(&email("bob@example.com"))),
            Ok(())
        );
        throttle.succeeded(&ann);
        assert_eq!(throttle.reserve(None, Some(&ann)), Ok(()));
    }

    #[test]
    fn an_address_and_the_server_have_their_own_limits() {
        let throttle = Throttle::new(Limits {
            per_email: 5,
            per_address: 3,
            global: 5,
        });
        let one: IpAddr = [192, 0, 2, 1].into();
        let two: IpAddr = [192, 0, 2, 2].into();
        for n in 0..3 {
            assert_eq!(
                throttle.reserve(Some(one), Some(&email(&format!("{n}@x.io")))),
                Ok(())
            );
        }
        assert_eq!(
            throttle.reserve(Some(one), Some(&email("new@x.io"))),
            Err(Refused::Address)
        );
        assert_eq!(throttle.reserve(Some(two), None), Ok(()));
        assert_eq!(throttle.reserve(Some(two), None), Ok(()));
        assert_eq!(throttle.reserve(Some(two), None), Err(Refused::Global));
    }

    #[test]
    fn a_refused_attempt_uses_up_nothing() {
        let throttle = Throttle::new(Limits {
            per_email: 1,
            per_address: 2,
            global: 100,
        });
        let ann = email("ann@example.com");
        let addr: IpAddr = [192, 0, 2, 1].into();
        assert_eq!(throttle.reserve(Some(addr), Some(&ann)), Ok(()));
        assert_eq!(
            throttle.reserve(Some(addr), Some(&ann)),
            Err(Refused::Email)
        );
        // The refused attempt did not count against the address.
        assert_eq!(throttle.reserve(Some(addr), None), Ok(()));
    }

    #[test]
    fn concurrent_reservations_never_pass_the_email_limit_together() {
        let throttle = Throttle::default();
        let ann = email("ann@example.com");
        let granted: usize = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..64)
                .map(|_| scope.spawn(|| usize::from(throttle.reserve(None, Some(&ann)).is_ok())))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
        });
        assert_eq!(granted, 5);
    }
}
