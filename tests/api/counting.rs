//! `CountingStore`: a real store wrapped to count calls per method (DataLoader batching), to
//! panic in one (the server's answer to a bug), or to hold the account reads of sign-ins until
//! the test lets them through (requests lined up at a known point, for races without timing).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use tokio::sync::Semaphore;
use wisewallet::domain::account::{Email, SettingsChange, User};
use wisewallet::domain::entry::{Entry, EntryKind, EntryPatch};
use wisewallet::domain::id::Id;
use wisewallet::domain::session::{Session, SessionKey, TokenHash};
use wisewallet::store::{AttemptLimit, Dump, ImportSummary, Store, StoreResult};

/// A store that counts calls per method and passes them on; or, made with
/// [`CountingStore::panicking_on`], panics in one method (a bug the server must survive); or,
/// made with [`CountingStore::gating_user_by_email`], holds each `user_by_email` call until the
/// test adds a permit to the gate.
pub struct CountingStore {
    inner: Arc<dyn Store>,
    calls: Mutex<HashMap<&'static str, usize>>,
    panic_on: Option<&'static str>,
    gate: Option<Arc<Semaphore>>,
}

impl CountingStore {
    pub fn new(inner: Arc<dyn Store>) -> Self {
        Self {
            inner,
            calls: Mutex::new(HashMap::new()),
            panic_on: None,
            gate: None,
        }
    }

    pub fn panicking_on(inner: Arc<dyn Store>, method: &'static str) -> Self {
        Self {
            panic_on: Some(method),
            ..Self::new(inner)
        }
    }

    /// Holds each `user_by_email` call (counted as it arrives) until `gate` gives it a permit:
    /// a sign-in waits there after its attempt is reserved and before its password is checked.
    pub fn gating_user_by_email(inner: Arc<dyn Store>, gate: Arc<Semaphore>) -> Self {
        Self {
            gate: Some(gate),
            ..Self::new(inner)
        }
    }

    /// How many calls of `method` have arrived so far.
    pub fn calls(&self, method: &'static str) -> usize {
        self.calls
            .lock()
            .expect("lock")
            .get(method)
            .copied()
            .unwrap_or(0)
    }

    fn count(&self, method: &'static str) {
        *self.calls.lock().expect("lock").entry(method).or_default() += 1;
        if self.panic_on == Some(method) {
            panic!("a test store panics in {method}");
        }
    }

    pub fn take(&self) -> HashMap<&'static str, usize> {
        std::mem::take(&mut self.calls.lock().expect("lock"))
    }
}

#[async_trait]
impl Store for CountingStore {
    async fn ping(&self) -> StoreResult<()> {
        self.count("ping");
        self.inner.ping().await
    }
    async fn create_user(&self, user: &User) -> StoreResult<()> {
        self.count("create_user");
        self.inner.create_user(user).await
    }
    async fn user(&self, id: Id) -> StoreResult<Option<User>> {
        self.count("user");
        self.inner.user(id).await
    }
    async fn user_by_email(&self, email: &Email) -> StoreResult<Option<User>> {
        self.count("user_by_email");
        if let Some(gate) = &self.gate {
            gate.acquire()
                .await
                .expect("the gate is never closed")
                .forget();
        }
        self.inner.user_by_email(email).await
    }
    async fn update_settings(&self, id: Id, change: &SettingsChange) -> StoreResult<Option<User>> {
        self.count("update_settings");
        self.inner.update_settings(id, change).await
    }
    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        self.count("create_session");
        self.inner.create_session(session).await
    }
    async fn session_user(
        &self,
        key: &SessionKey,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<User>> {
        self.count("session_user");
        self.inner.session_user(key, now).await
    }
    async fn delete_session(&self, key: &SessionKey) -> StoreResult<()> {
        self.count("delete_session");
        self.inner.delete_session(key).await
    }
    async fn replace_calendar_feed(
        &self,
        owner: Id,
        hash: &TokenHash,
        created_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.count("replace_calendar_feed");
        self.inner
            .replace_calendar_feed(owner, hash, created_at)
            .await
    }
    async fn delete_calendar_feed(&self, owner: Id) -> StoreResult<bool> {
        self.count("delete_calendar_feed");
        self.inner.delete_calendar_feed(owner).await
    }
    async fn calendar_feed(&self, owner: Id) -> StoreResult<Option<DateTime<Utc>>> {
        self.count("calendar_feed");
        self.inner.calendar_feed(owner).await
    }
    async fn calendar_feed_user(&self, hash: &TokenHash) -> StoreResult<Option<User>> {
        self.count("calendar_feed_user");
        self.inner.calendar_feed_user(hash).await
    }
    async fn create_entry(&self, entry: &Entry) -> StoreResult<()> {
        self.count("create_entry");
        self.inner.create_entry(entry).await
    }
    async fn entry(&self, owner: Id, kind: EntryKind, id: Id) -> StoreResult<Option<Entry>> {
        self.count("entry");
        self.inner.entry(owner, kind, id).await
    }
    async fn entries_by_ids(
        &self,
        owner: Id,
        kind: EntryKind,
        ids: &[Id],
    ) -> StoreResult<Vec<Entry>> {
        self.count("entries_by_ids");
        self.inner.entries_by_ids(owner, kind, ids).await
    }
    async fn entries(
        &self,
        owner: Id,
        kind: EntryKind,
        include_archived: bool,
    ) -> StoreResult<Vec<Entry>> {
        self.count("entries");
        self.inner.entries(owner, kind, include_archived).await
    }
    async fn bills_and_paydays(
        &self,
        owner: Id,
        include_archived: bool,
    ) -> StoreResult<(Vec<Entry>, Vec<Entry>)> {
        self.count("bills_and_paydays");
        self.inner.bills_and_paydays(owner, include_archived).await
    }
    async fn update_entry(
        &self,
        owner: Id,
        kind: EntryKind,
        id: Id,
        patch: &EntryPatch,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Entry>> {
        self.count("update_entry");
        self.inner.update_entry(owner, kind, id, patch, now).await
    }
    async fn delete_entry(&self, owner: Id, kind: EntryKind, id: Id) -> StoreResult<bool> {
        self.count("delete_entry");
        self.inner.delete_entry(owner, kind, id).await
    }
    async fn reserve_attempt(
        &self,
        limits: &[AttemptLimit],
        now: DateTime<Utc>,
        window: std::time::Duration,
    ) -> StoreResult<Option<usize>> {
        self.count("reserve_attempt");
        self.inner.reserve_attempt(limits, now, window).await
    }
    async fn forget_attempts(&self, key: &str) -> StoreResult<()> {
        self.count("forget_attempts");
        self.inner.forget_attempts(key).await
    }
    async fn export(&self) -> StoreResult<Dump> {
        self.count("export");
        self.inner.export().await
    }
    async fn import(&self, dump: &Dump) -> StoreResult<ImportSummary> {
        self.count("import");
        self.inner.import(dump).await
    }
}
