//! The embedded SQLite store: the zero-setup default (`sqlite://data/wisewallet.db`).
//!
//! - **Durable**: WAL journal with `synchronous = FULL`, so a write is on disk before the API
//!   acknowledges it; a `kill -9` loses nothing acknowledged (proven by `tests/process.rs`).
//! - **No "database is locked"**: all data writes go through one connection behind a mutex
//!   (SQLite allows one writer anyway), reads use a small pool of read connections, which WAL
//!   lets run beside the writer. Write transactions begin `IMMEDIATE`, so `busy_timeout` covers
//!   every wait for the write lock: checkpoints, the sign-in throttle's own connection, another
//!   server process on the same file. Writes (each waits for an fsync), the export and any wait
//!   for a lock run on tokio's blocking pool, never on the async runtime. A read runs on the
//!   calling thread instead, refusing to wait for a lock, and goes to the blocking pool only if
//!   it meets one: in WAL mode that is every read in practice, and the blocking pool's two
//!   thread hand-offs per read were a fifth to a quarter of a SQLite forecast's CPU (see
//!   `read`).
//! - **Migrations** are embedded and versioned by `PRAGMA user_version`, applied in one
//!   transaction each at start. A database from a newer build is refused.
//! - Ids are the same 24-hex ObjectIds as on MongoDB; timestamps are Unix milliseconds;
//!   schedules are JSON in the shape of [`StoredSchedule`](crate::store::StoredSchedule).
//! - Limits and the unique email hold under concurrency because each create runs its check and
//!   its insert in one write transaction.
//! - **The file must stay where it was opened.** An open connection keeps working on a deleted
//!   file (every write would be lost at the next start) and on one made read-only (whose
//!   permissions say writes are not wanted), so every read and write first checks the path:
//!   the same file (device and inode) still there, and — for writes and `ping` — not
//!   read-only. Otherwise the operation is [`StoreError::Unavailable`] and `/readyz` says 503.
//!   Read-only permissions given back make it ready again; a deleted or replaced file needs a
//!   restart (the server never switches files under running requests). SQLite's own "read-only",
//!   "cannot open", I/O and "disk full" errors are `Unavailable` too.
//!
//! One file per record, in the order of the [`Store`] trait: `users`, `sessions`,
//! `entries`, `attempts` (sign-in attempts, counted together by every server on the file) and
//! `backup` (export and import); this file opens and migrates the database,
//! runs work on the writer or a reader, and lists the trait's methods.

mod attempts;
mod backup;
mod entries;
mod feeds;
mod sessions;
mod users;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use anyhow::Context;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use tokio::sync::Semaphore;

use super::{AttemptLimit, Dump, ImportSummary, Store, StoreError, StoreResult};
use crate::domain::account::{Email, SettingsChange, User};
use crate::domain::entry::{Entry, EntryKind, EntryPatch};
use crate::domain::id::Id;
use crate::domain::session::{Session, SessionKey, TokenHash};

/// The schema, one migration per step; `user_version` counts the steps applied.
const MIGRATIONS: &[&str] = &[
    // 1: users, sessions, bills and paydays.
    "CREATE TABLE users (
        id            TEXT PRIMARY KEY,
        email         TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        currency      TEXT NOT NULL,
        timezone      TEXT NOT NULL,
        balance       INTEGER NOT NULL,
        created_at    INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX sessions_user ON sessions(user_id);
    CREATE INDEX sessions_expiry ON sessions(expires_at);
    CREATE TABLE entries (
        id         TEXT PRIMARY KEY,
        owner      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind       TEXT NOT NULL CHECK (kind IN ('bill', 'payday')),
        name       TEXT NOT NULL,
        amount     INTEGER NOT NULL,
        schedule   TEXT NOT NULL,
        category   TEXT,
        autopay    INTEGER NOT NULL,
        notes      TEXT,
        archived   INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX entries_owner ON entries(owner, kind, id);",
    // 2: the plan — a user's balance date and plan mode; a bill's envelope; changed
    // occurrences. Users get the day of the upgrade as `balance_on` (DESIGN §1), bills an empty
    // envelope as of the day they were made.
    "ALTER TABLE users ADD COLUMN balance_on TEXT;
    UPDATE users SET balance_on = date('now');
    ALTER TABLE users ADD COLUMN plan_mode TEXT NOT NULL DEFAULT 'JUST_IN_TIME'
        CHECK (plan_mode IN ('JUST_IN_TIME', 'SMOOTHED'));
    ALTER TABLE entries ADD COLUMN reserved INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE entries ADD COLUMN reserved_on TEXT;
    UPDATE entries SET reserved_on = date(created_at / 1000, 'unixepoch');
    ALTER TABLE entries ADD COLUMN exceptions TEXT NOT NULL DEFAULT '[]';",
    // 3: the calendar — a user's holiday calendar and their private calendar feed (one at
    // most, stored as the hash of its token).
    "ALTER TABLE users ADD COLUMN holidays TEXT NOT NULL DEFAULT 'NONE'
        CHECK (holidays IN ('NONE', 'US', 'GB-ENG', 'CA', 'AU', 'DE'));
    CREATE TABLE calendar_feeds (
        token_hash TEXT PRIMARY KEY,
        user_id    TEXT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL
    ) STRICT;",
];

/// How many reads run at once (and read connections are kept open). Reads wait for a permit
/// *before* taking a blocking-pool thread, so a burst of requests cannot spread over hundreds of
/// threads and connections (each thread brings a malloc arena, each connection a page cache).
const READERS: usize = 4;

/// A store in one SQLite file.
#[derive(Clone)]
pub struct SqliteStore {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    /// The device and inode of the file opened: a file put in its place later is not it.
    identity: (u64, u64),
    writer: Mutex<Connection>,
    /// The sign-in throttle's own writer (see `attempts`): its writes need not wait for an
    /// fsync or for the data writer.
    attempts: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
    /// One write at a time, waited for before taking a blocking-pool thread.
    write_permit: Semaphore,
    /// [`READERS`] reads at a time.
    read_permits: Semaphore,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// How long a connection waits for another's lock before SQLite says "database is locked".
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

fn millis(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

fn from_millis(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn is_unique_violation(err: &rusqlite::Error) -> bool {
    matches!(err, rusqlite::Error::SqliteFailure(e, _)
        if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
            || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
}

/// A failure as a [`StoreError`]: `Unavailable` when SQLite says the file cannot be opened,
/// read or written (read-only, I/O error, disk full), `Internal` otherwise.
fn internal(err: impl Into<anyhow::Error>) -> StoreError {
    let err = err.into();
    let unavailable = err
        .downcast_ref::<rusqlite::Error>()
        .and_then(rusqlite::Error::sqlite_error_code)
        .is_some_and(|code| {
            matches!(
                code,
                rusqlite::ErrorCode::ReadOnly
                    | rusqlite::ErrorCode::CannotOpen
                    | rusqlite::ErrorCode::SystemIoFailure
                    | rusqlite::ErrorCode::DiskFull
                    | rusqlite::ErrorCode::NotADatabase
            )
        });
    if unavailable {
        StoreError::Unavailable(err)
    } else {
        StoreError::Internal(err)
    }
}

/// Whether `result` is SQLite refusing to go on without waiting for another connection's lock.
fn is_busy<T>(result: &StoreResult<T>) -> bool {
    let Err(StoreError::Internal(err)) = result else {
        return false;
    };
    matches!(
        err.downcast_ref::<rusqlite::Error>()
            .and_then(rusqlite::Error::sqlite_error_code),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// The device and inode of the file at `path`.
fn identity(path: &Path) -> std::io::Result<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path)?;
    Ok((meta.dev(), meta.ino()))
}

impl SqliteStore {
    /// Opens (creating if needed, with its folder) the database at `path` and migrates it.
    pub async fn open(path: &Path) -> anyhow::Result<Self> {
        let path = path.to_path_buf();
        tokio::task::spawn_blocking(move || Self::open_blocking(path)).await?
    }

    fn open_blocking(path: PathBuf) -> anyhow::Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let mut writer = Connection::open(&path)?;
        configure(&writer)?;
        // Every write transaction takes the write lock when it begins, waiting for it under
        // `busy_timeout`. A deferred one that reads first could not wait: SQLite refuses at once
        // to promote it while another connection writes (the sign-in throttle's, or another
        // process's) — "database is locked", measured in the soak before this.
        writer.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        let mode: String =
            writer.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            anyhow::bail!("could not switch to WAL journaling (got {mode})");
        }
        migrate(&mut writer)?;
        attempts::create(&writer).context("creating the sign-in attempts table")?;
        let attempts_writer = attempts::open(&path)?;
        let identity = identity(&path).with_context(|| format!("reading {}", path.display()))?;
        Ok(SqliteStore {
            inner: Arc::new(Inner {
                identity,
                path,
                writer: Mutex::new(writer),
                attempts: Mutex::new(attempts_writer),
                readers: Mutex::new(Vec::new()),
                write_permit: Semaphore::new(1),
                read_permits: Semaphore::new(READERS),
            }),
        })
    }

    /// Runs `work` on the writer connection, on the blocking pool, if the file is still there
    /// and writable.
    async fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        let _permit = self.inner.write_permit.acquire().await.map_err(internal)?;
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            inner.check_file(true)?;
            work(&mut lock(&inner.writer))
        })
        .await
        .map_err(internal)?
    }

    /// Runs `work` on a read connection from the pool.
    ///
    /// Reads run on the calling thread when they can: a pooled connection, and no lock to wait
    /// for (`busy_timeout` 0). A read in WAL mode takes no lock that a writer holds, so this is
    /// every read in practice, and it saves the two thread hand-offs of the blocking pool — a
    /// fifth to a quarter of the CPU of a SQLite forecast on a two-vCPU VM (docs/benchmarks.md
    /// §7, "SQLite reads on the calling thread").
    ///
    /// A read that meets a lock (`SQLITE_BUSY`: another process holding the file in exclusive
    /// mode, or recovering it after a crash) is run again on the blocking pool, where it waits
    /// under the usual `busy_timeout`; so `work` may run twice, which a read without effects
    /// allows. A read that must open a new connection also runs on the blocking pool. What a
    /// read on the calling thread can still wait for is the disk, as a page fault would: the
    /// reads are a user's few pages, bounded by the entry limits.
    async fn read<T: Send + 'static>(
        &self,
        work: impl Fn(&Connection) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        let _permit = self.inner.read_permits.acquire().await.map_err(internal)?;
        if let Some(result) = self.inner.read_without_waiting(&work) {
            return result;
        }
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || inner.read_waiting(work))
            .await
            .map_err(internal)?
    }

    /// Runs `work` on a read connection from the pool, on the blocking pool: for the export,
    /// which reads every row of the file.
    async fn read_blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Connection) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        let _permit = self.inner.read_permits.acquire().await.map_err(internal)?;
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || inner.read_waiting(work))
            .await
            .map_err(internal)?
    }
}

impl Inner {
    /// `work` on a pooled read connection, on this thread, refusing to wait for a lock;
    /// `None` when no connection is pooled or a lock was met (the caller then uses
    /// [`read_waiting`](Self::read_waiting)).
    fn read_without_waiting<T>(
        &self,
        work: &impl Fn(&Connection) -> StoreResult<T>,
    ) -> Option<StoreResult<T>> {
        let conn = lock(&self.readers).pop()?;
        if conn.busy_timeout(std::time::Duration::ZERO).is_err() {
            self.put_back(conn);
            return None;
        }
        let result = self.check_file(false).and_then(|()| work(&conn));
        // A connection that kept a zero timeout would fail the next read that must wait.
        if conn.busy_timeout(BUSY_TIMEOUT).is_ok() {
            self.put_back(conn);
        }
        (!is_busy(&result)).then_some(result)
    }

    /// `work` on a read connection (pooled, or opened), waiting for locks under `busy_timeout`:
    /// blocking, for the blocking pool.
    fn read_waiting<T>(&self, work: impl FnOnce(&Connection) -> StoreResult<T>) -> StoreResult<T> {
        self.check_file(false)?;
        let pooled = lock(&self.readers).pop();
        let conn = match pooled {
            Some(conn) => conn,
            None => {
                let conn = Connection::open_with_flags(
                    &self.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(internal)?;
                configure(&conn).map_err(internal)?;
                conn
            }
        };
        let result = work(&conn);
        self.put_back(conn);
        result
    }

    /// Keeps `conn` for the next read, up to [`READERS`] connections.
    fn put_back(&self, conn: Connection) {
        let mut readers = lock(&self.readers);
        if readers.len() < READERS {
            readers.push(conn);
        }
    }

    /// `Unavailable` unless the file opened is still at its path (and, for `writable`, has
    /// write permission).
    fn check_file(&self, writable: bool) -> StoreResult<()> {
        use std::os::unix::fs::MetadataExt;
        let path = self.path.display();
        let meta = std::fs::metadata(&self.path).map_err(|e| {
            StoreError::Unavailable(anyhow::anyhow!("the database file {path} is gone: {e}"))
        })?;
        if (meta.dev(), meta.ino()) != self.identity {
            return Err(StoreError::Unavailable(anyhow::anyhow!(
                "the database file {path} was replaced by another file; restart the server to use it"
            )));
        }
        if writable && meta.permissions().readonly() {
            return Err(StoreError::Unavailable(anyhow::anyhow!(
                "the database file {path} is read-only"
            )));
        }
        Ok(())
    }
}

fn migrate(conn: &mut Connection) -> anyhow::Result<()> {
    let version: usize = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > MIGRATIONS.len() {
        anyhow::bail!(
            "the database is at schema version {version}, newer than this build knows ({}): upgrade Wisewallet",
            MIGRATIONS.len()
        );
    }
    for (step, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)
            .with_context(|| format!("applying migration {}", step + 1))?;
        tx.pragma_update(None, "user_version", step + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[async_trait]
impl Store for SqliteStore {
    async fn ping(&self) -> StoreResult<()> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || inner.check_file(true))
            .await
            .map_err(internal)??;
        self.read(|conn| conn.query_row("SELECT 1", [], |_| Ok(())).map_err(internal))
            .await
    }

    async fn create_user(&self, user: &User) -> StoreResult<()> {
        users::create(self, user).await
    }

    async fn user(&self, id: Id) -> StoreResult<Option<User>> {
        users::by_id(self, id).await
    }

    async fn user_by_email(&self, email: &Email) -> StoreResult<Option<User>> {
        users::by_email(self, email).await
    }

    async fn update_settings(&self, id: Id, change: &SettingsChange) -> StoreResult<Option<User>> {
        users::update_settings(self, id, change).await
    }

    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        sessions::create(self, session).await
    }

    async fn session_user(
        &self,
        key: &SessionKey,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<User>> {
        // The session and its user come in one JOIN. A user named by the token is checked as
        // MongoDB checks it (only a token with another's id and this hash could differ).
        let user = sessions::user(self, &key.hash, now).await?;
        Ok(user.filter(|user| key.user.is_none_or(|named| named == user.id)))
    }

    async fn delete_session(&self, key: &SessionKey) -> StoreResult<()> {
        sessions::delete(self, &key.hash).await
    }

    async fn replace_calendar_feed(
        &self,
        owner: Id,
        hash: &TokenHash,
        created_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        feeds::replace(self, owner, hash, created_at).await
    }

    async fn delete_calendar_feed(&self, owner: Id) -> StoreResult<bool> {
        feeds::delete(self, owner).await
    }

    async fn calendar_feed(&self, owner: Id) -> StoreResult<Option<DateTime<Utc>>> {
        feeds::created_at(self, owner).await
    }

    async fn calendar_feed_user(&self, hash: &TokenHash) -> StoreResult<Option<User>> {
        feeds::user(self, hash).await
    }

    async fn create_entry(&self, entry: &Entry) -> StoreResult<()> {
        entries::create(self, entry).await
    }

    async fn entry(&self, owner: Id, kind: EntryKind, id: Id) -> StoreResult<Option<Entry>> {
        entries::one(self, owner, kind, id).await
    }

    async fn entries_by_ids(
        &self,
        owner: Id,
        kind: EntryKind,
        ids: &[Id],
    ) -> StoreResult<Vec<Entry>> {
        entries::by_ids(self, owner, kind, ids).await
    }

    async fn entries(
        &self,
        owner: Id,
        kind: EntryKind,
        include_archived: bool,
    ) -> StoreResult<Vec<Entry>> {
        entries::list(self, owner, kind, include_archived).await
    }

    async fn bills_and_paydays(
        &self,
        owner: Id,
        include_archived: bool,
    ) -> StoreResult<(Vec<Entry>, Vec<Entry>)> {
        entries::both_kinds(self, owner, include_archived).await
    }

    async fn update_entry(
        &self,
        owner: Id,
        kind: EntryKind,
        id: Id,
        patch: &EntryPatch,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Entry>> {
        entries::update(self, owner, kind, id, patch, now).await
    }

    async fn delete_entry(&self, owner: Id, kind: EntryKind, id: Id) -> StoreResult<bool> {
        entries::delete(self, owner, kind, id).await
    }

    async fn reserve_attempt(
        &self,
        limits: &[AttemptLimit],
        now: DateTime<Utc>,
        window: std::time::Duration,
    ) -> StoreResult<Option<usize>> {
        attempts::reserve(self, limits, now, window).await
    }

    async fn forget_attempts(&self, key: &str) -> StoreResult<()> {
        attempts::forget(self, key).await
    }

    async fn export(&self) -> StoreResult<Dump> {
        backup::export(self).await
    }

    async fn import(&self, dump: &Dump) -> StoreResult<ImportSummary> {
        backup::import(self, dump).await
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::thread::{self, ThreadId};
    use std::time::Duration;

    use super::*;

    /// What SQLite answers a connection that would have to wait for another's lock.
    fn busy() -> StoreError {
        internal(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        ))
    }

    async fn store() -> (SqliteStore, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let store = SqliteStore::open(&dir.path().join("reads.db"))
            .await
            .expect("the store opens");
        (store, dir)
    }

    /// On a runtime of one thread, so that a read kept on the runtime's thread would stop
    /// every other task.
    #[tokio::test(flavor = "current_thread")]
    async fn reads_run_on_the_calling_thread_and_wait_for_a_lock_off_it() {
        let (store, _dir) = store().await;
        let runtime_thread = thread::current().id();
        let count_users = |conn: &Connection| {
            conn.query_row("SELECT count(*) FROM users", [], |row| row.get::<_, i64>(0))
                .map_err(internal)
        };

        // The first read opens a connection, on the blocking pool; the next ones use it here.
        let first = store
            .read(move |conn| Ok((thread::current().id(), count_users(conn)?)))
            .await
            .expect("the first read");
        assert_ne!(first.0, runtime_thread);
        let second = store
            .read(move |conn| Ok((thread::current().id(), count_users(conn)?)))
            .await
            .expect("the second read");
        assert_eq!(second, (runtime_thread, 0));

        // A read that meets a lock here runs again on the blocking pool, where it may wait
        // (under `busy_timeout`) while the runtime goes on with other tasks.
        let ticks = Arc::new(AtomicUsize::new(0));
        let ticker = tokio::spawn({
            let ticks = ticks.clone();
            async move {
                loop {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    ticks.fetch_add(1, Ordering::Relaxed);
                }
            }
        });
        let attempts = Arc::new(Mutex::new(Vec::<ThreadId>::new()));
        let waited = store
            .read({
                let attempts = attempts.clone();
                move |conn| {
                    lock(&attempts).push(thread::current().id());
                    if thread::current().id() == runtime_thread {
                        return Err(busy());
                    }
                    thread::sleep(Duration::from_millis(200));
                    count_users(conn)
                }
            })
            .await
            .expect("the read that waited");
        ticker.abort();
        assert_eq!(waited, 0);
        let attempts = lock(&attempts).clone();
        assert_eq!(attempts.len(), 2, "{attempts:?}");
        assert_eq!(attempts[0], runtime_thread);
        assert_ne!(attempts[1], runtime_thread);
        // About 40 ticks in 200 ms; a read waiting on the runtime's thread allows at most one
        // (after it), so 4 tells them apart even on a loaded machine.
        let ticks = ticks.load(Ordering::Relaxed);
        assert!(
            ticks >= 4,
            "the runtime stood still while the read waited: {ticks} ticks"
        );

        // The connection went back to the pool with its timeout, and reads run here again.
        let after = store
            .read(move |_| Ok(thread::current().id()))
            .await
            .expect("a read after");
        assert_eq!(after, runtime_thread);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_read_that_fails_otherwise_is_not_run_again() {
        let (store, _dir) = store().await;
        store
            .read(|_| Ok(()))
            .await
            .expect("a connection is pooled");
        let runs = Arc::new(AtomicUsize::new(0));
        let result: StoreResult<()> = store
            .read({
                let runs = runs.clone();
                move |conn| {
                    runs.fetch_add(1, Ordering::Relaxed);
                    conn.execute_batch("SELECT * FROM no_such_table")
                        .map_err(internal)
                }
            })
            .await;
        assert!(matches!(result, Err(StoreError::Internal(_))), "{result:?}");
        assert_eq!(runs.load(Ordering::Relaxed), 1);
        assert!(is_busy::<()>(&Err(busy())));
        assert!(!is_busy(&result));
    }
}
