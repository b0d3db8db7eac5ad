//! Storage: one [`Store`] trait, two implementations — MongoDB (production) and SQLite
//! (embedded). Only this module knows BSON or SQL.
//!
//! - [`mongo`] and [`sqlite`]: one folder per backend, one file per record (users, sessions,
//!   entries, sign-in attempts, backup) in the trait's order;
//! - `records`: the persisted shapes of schedules and entries ([`StoredSchedule`],
//!   [`StoredEntry`]) and the one way back from them to validated domain values;
//! - [`dump`]: the export file format.
//!
//! Rules every backend keeps (the contract suite in `tests/` checks them on each):
//! - every read and write of a bill, payday or session is filtered by its owner id, so a foreign
//!   id behaves exactly like a missing one;
//! - emails are unique (stored lower-case); a duplicate is [`StoreError::Conflict`];
//! - a user has at most [`EntryKind::limit`] entries of each kind, even under concurrent
//!   creates ([`StoreError::LimitReached`]);
//! - lists come back in one order: name (case-insensitive), then id;
//! - timestamps are kept to the millisecond;
//! - sign-in attempts are reserved atomically for every server process on the database: no
//!   key ever has more unexpired attempts than its limit, however many servers reserve at once.

pub mod dump;
pub mod mongo;
mod records;
pub mod sqlite;

use std::sync::Arc;

use anyhow::Context;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::config::DatabaseUrl;
use crate::domain::account::{Email, SettingsChange, User};
use crate::domain::entry::{Entry, EntryKind, EntryPatch};
use crate::domain::id::Id;
use crate::domain::session::{Session, SessionKey, TokenHash};

pub use dump::{Dump, ImportSummary};
pub use records::{StoredEntry, StoredException, StoredSchedule};

/// A failed store operation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A unique value is taken (the message says which, for users).
    #[error("{0}")]
    Conflict(String),
    /// The per-user limit of entries is reached.
    #[error("{0}")]
    LimitReached(String),
    /// The database cannot be reached or written to right now (a MongoDB server that does not
    /// answer, a SQLite file that is gone or read-only); the cause is for the logs. Requests
    /// get `SERVICE_UNAVAILABLE` and `/readyz` answers 503 until it is back.
    #[error("the database is unavailable")]
    Unavailable(anyhow::Error),
    /// The database failed; the cause is for the logs.
    #[error("database error")]
    Internal(#[from] anyhow::Error),
}

/// The result of a store operation.
pub type StoreResult<T> = Result<T, StoreError>;

/// Persistence for users, sessions, bills and paydays. Methods are in CRUD order per record.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Checks that the database answers and can be written to (`/readyz`); `Unavailable` when
    /// it cannot.
    async fn ping(&self) -> StoreResult<()>;

    /// Creates a user; `Conflict` when the email is taken.
    async fn create_user(&self, user: &User) -> StoreResult<()>;
    /// Reads a user by id.
    async fn user(&self, id: Id) -> StoreResult<Option<User>>;
    /// Reads a user by (normalised) email.
    async fn user_by_email(&self, email: &Email) -> StoreResult<Option<User>>;
    /// Changes a user's settings and returns the user as changed, `None` if there is no such user.
    async fn update_settings(&self, id: Id, change: &SettingsChange) -> StoreResult<Option<User>>;

    /// Stores a new session.
    async fn create_session(&self, session: &Session) -> StoreResult<()>;
    /// The user of the session with this key's token hash, if it exists and has not expired at
    /// `now`. One read: with the user its token names, MongoDB finds both in one (see
    /// [`SessionKey`]).
    async fn session_user(&self, key: &SessionKey, now: DateTime<Utc>)
    -> StoreResult<Option<User>>;
    /// Deletes the session with this key's token hash (nothing happens if there is none).
    async fn delete_session(&self, key: &SessionKey) -> StoreResult<()>;

    /// Gives the owner a calendar feed whose token hashes to `hash`, replacing (and so
    /// revoking) the one they had, in one atomic write.
    async fn replace_calendar_feed(
        &self,
        owner: Id,
        hash: &TokenHash,
        created_at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Revokes the owner's calendar feed; `false` if they had none.
    async fn delete_calendar_feed(&self, owner: Id) -> StoreResult<bool>;
    /// When the owner's calendar feed was made, if they have one.
    async fn calendar_feed(&self, owner: Id) -> StoreResult<Option<DateTime<Utc>>>;
    /// The owner of the calendar feed whose token hashes to `hash`, if there is one.
    async fn calendar_feed_user(&self, hash: &TokenHash) -> StoreResult<Option<User>>;

    /// Creates an entry; `LimitReached` when its owner already has the maximum of its kind.
    async fn create_entry(&self, entry: &Entry) -> StoreResult<()>;
    /// Reads one of the owner's entries.
    async fn entry(&self, owner: Id, kind: EntryKind, id: Id) -> StoreResult<Option<Entry>>;
    /// Reads the owner's entries with these ids in one query; others' and missing ids are left out.
    async fn entries_by_ids(
        &self,
        owner: Id,
        kind: EntryKind,
        ids: &[Id],
    ) -> StoreResult<Vec<Entry>>;
    /// Reads all the owner's entries of a kind, sorted by name then id.
    async fn entries(
        &self,
        owner: Id,
        kind: EntryKind,
        include_archived: bool,
    ) -> StoreResult<Vec<Entry>>;
    /// Reads all the owner's bills and all their paydays, each list sorted by name then id:
    /// what a forecast or a calendar feed needs. Two [`Store::entries`] reads at once, unless a
    /// store can answer both in one (SQLite keeps both kinds in one table).
    async fn bills_and_paydays(
        &self,
        owner: Id,
        include_archived: bool,
    ) -> StoreResult<(Vec<Entry>, Vec<Entry>)> {
        tokio::try_join!(
            self.entries(owner, EntryKind::Bill, include_archived),
            self.entries(owner, EntryKind::Payday, include_archived),
        )
    }
    /// Applies a patch to one of the owner's entries and returns it as changed, `None` if missing.
    async fn update_entry(
        &self,
        owner: Id,
        kind: EntryKind,
        id: Id,
        patch: &EntryPatch,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Entry>>;
    /// Deletes one of the owner's entries; `false` if it did not exist.
    async fn delete_entry(&self, owner: Id, kind: EntryKind, id: Id) -> StoreResult<bool>;

    /// Reserves one sign-in attempt under every one of `limits` until `now + window`, all or
    /// none, atomically for every server on this database: `Ok(None)` when reserved,
    /// `Ok(Some(i))` when `limits[i]` already has its maximum of unexpired attempts (then
    /// nothing is reserved).
    async fn reserve_attempt(
        &self,
        limits: &[AttemptLimit],
        now: DateTime<Utc>,
        window: std::time::Duration,
    ) -> StoreResult<Option<usize>>;
    /// Forgets every attempt reserved under `key` (a sign-in succeeded).
    async fn forget_attempts(&self, key: &str) -> StoreResult<()>;

    /// Every user with their bills and paydays (not sessions), for a backup.
    async fn export(&self) -> StoreResult<Dump>;
    /// Loads a dump, all of it or nothing. Records whose id already exists (for the same
    /// account) are left as they are, so importing the same dump twice duplicates nothing. A
    /// user whose email belongs to a different id, or an entry id stored for another account,
    /// is a `Conflict`; a user who would have more entries of a kind than its limit (counting
    /// those already stored) is `LimitReached`; either way nothing of the dump is written.
    async fn import(&self, dump: &Dump) -> StoreResult<ImportSummary>;
}

/// A sign-in throttle's key (what is counted: the server, one client address, one email) and
/// how many attempts it may have per window. Keys are opaque strings; the throttle
/// (`auth::throttle`) stores addresses and emails only as hashes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptLimit {
    /// What is counted, e.g. `global` or `email:<sha-256>`; at most 100 characters.
    pub key: String,
    /// Attempts allowed per window (at least 1).
    pub limit: usize,
}

/// Opens the store `url` names: connects, checks it answers, and prepares indexes or schema.
pub async fn connect(url: &DatabaseUrl) -> anyhow::Result<Arc<dyn Store>> {
    match url {
        DatabaseUrl::Mongo(uri) => Ok(Arc::new(
            mongo::MongoStore::connect(uri)
                .await
                .context("could not open the MongoDB database")?,
        )),
        DatabaseUrl::Sqlite(path) => Ok(Arc::new(
            sqlite::SqliteStore::open(path).await.with_context(|| {
                format!("could not open the SQLite database {}", path.display())
            })?,
        )),
    }
}

/// The current time truncated to milliseconds, the precision every backend keeps.
pub fn now_millis() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(Utc::now().timestamp_millis()).unwrap_or_default()
}

/// The message of a limit error for `kind`.
fn limit_message(kind: EntryKind) -> String {
    format!("you can have at most {} {}s", kind.limit(), kind.noun())
}

/// Refuses to import `user` when this store has the same id with another email, or the same
/// email under another id.
fn check_import_clash(
    user: &User,
    by_id: Option<&User>,
    by_email: Option<&User>,
) -> StoreResult<()> {
    if by_id.is_some_and(|existing| existing.email != user.email) {
        return Err(StoreError::Conflict(format!(
            "user {} exists here with another email; nothing was imported",
            user.id
        )));
    }
    if by_email.is_some_and(|existing| existing.id != user.id) {
        return Err(StoreError::Conflict(format!(
            "{} already has an account here (a different one); nothing was imported",
            user.email.as_str()
        )));
    }
    Ok(())
}

/// Refuses to import `entry` when its id is stored for another account or as the other kind:
/// ids are unique across the store, and skipping it would silently lose the entry.
fn check_entry_clash(entry: &Entry, stored_owner: Id, stored_kind: EntryKind) -> StoreResult<()> {
    if stored_owner == entry.owner && stored_kind == entry.kind {
        return Ok(());
    }
    Err(StoreError::Conflict(format!(
        "{} {} exists here under another account; nothing was imported",
        entry.kind.noun(),
        entry.id
    )))
}

/// Refuses an import that would give `user` more than the limit of `kind`: `existing` are
/// already stored, `new` would be written.
fn check_import_limit(
    user: &User,
    kind: EntryKind,
    existing: usize,
    new: usize,
) -> StoreResult<()> {
    let total = existing.saturating_add(new);
    if total <= kind.limit() {
        return Ok(());
    }
    Err(StoreError::LimitReached(format!(
        "{} would have {total} {}s ({existing} here, {new} imported), more than the {} \
         allowed; nothing was imported",
        user.email.as_str(),
        kind.noun(),
        kind.limit()
    )))
}

/// The message of a patch refused because the entry changed after it was read.
pub const CHANGED_MEANWHILE: &str = "it changed while this change was being made; try again";

/// The message of a duplicate email.
const EMAIL_TAKEN: &str = "an account with this email already exists";
