//! The embedded SQLite store: the zero-setup default (`sqlite://data/wisewallet.db`).
//!
//! - **Durable**: WAL journal with `synchronous = FULL`, so a write is on disk before the API
//!   acknowledges it; a `kill -9` loses nothing acknowledged (proven by `tests/durability.rs`).
//! - **No "database is locked"**: all writes go through one connection behind a mutex (SQLite
//!   allows one writer anyway), reads use a small pool of read connections, which WAL lets run
//!   beside the writer; `busy_timeout` covers checkpoints. Blocking calls run on tokio's
//!   blocking pool, never on the async runtime.
//! - **Migrations** are embedded and versioned by `PRAGMA user_version`, applied in one
//!   transaction each at start. A database from a newer build is refused.
//! - Ids are the same 24-hex ObjectIds as on MongoDB; timestamps are Unix milliseconds;
//!   schedules are JSON in the shape of [`StoredSchedule`].
//! - Limits and the unique email hold under concurrency because each create runs its check and
//!   its insert in one write transaction.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use anyhow::Context;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, Row, params, params_from_iter};

use super::{
    Dump, EMAIL_TAKEN, ImportSummary, Session, Store, StoreError, StoreResult, StoredEntry,
    StoredSchedule, TokenHash, check_import_clash, limit_message,
};
use crate::domain::account::{Currency, Email, SettingsChange, Timezone, User};
use crate::domain::entry::{Entry, EntryKind, EntryPatch, sort_entries};
use crate::domain::id::Id;
use crate::domain::money::Money;

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
];

/// How many read connections are kept open.
const READERS: usize = 4;

/// A store in one SQLite file.
#[derive(Clone)]
pub struct SqliteStore {
    inner: Arc<Inner>,
}

struct Inner {
    path: PathBuf,
    writer: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

fn kind_name(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Bill => "bill",
        EntryKind::Payday => "payday",
    }
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

fn internal(err: impl Into<anyhow::Error>) -> StoreError {
    StoreError::Internal(err.into())
}

const USER_COLUMNS: &str = "id, email, password_hash, currency, timezone, balance, created_at";
const ENTRY_COLUMNS: &str = "id, owner, kind, name, amount, schedule, category, autopay, notes, archived, created_at, updated_at";

fn user_from_row(row: &Row<'_>) -> rusqlite::Result<anyhow::Result<User>> {
    let id: String = row.get(0)?;
    let email: String = row.get(1)?;
    let password_hash: String = row.get(2)?;
    let currency: String = row.get(3)?;
    let timezone: String = row.get(4)?;
    let balance: i64 = row.get(5)?;
    let created_at: i64 = row.get(6)?;
    Ok((|| {
        Ok(User {
            id: id.parse().context("stored user id")?,
            email: Email::try_from(email.as_str()).context("stored email")?,
            password_hash,
            currency: Currency::try_from(currency.as_str()).context("stored currency")?,
            timezone: Timezone::try_from(timezone.as_str()).context("stored timezone")?,
            balance: Money::from_cents(balance),
            created_at: from_millis(created_at),
        })
    })())
}

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<anyhow::Result<Entry>> {
    let id: String = row.get(0)?;
    let owner: String = row.get(1)?;
    let kind: String = row.get(2)?;
    let name: String = row.get(3)?;
    let amount: i64 = row.get(4)?;
    let schedule: String = row.get(5)?;
    let category: Option<String> = row.get(6)?;
    let autopay: bool = row.get(7)?;
    let notes: Option<String> = row.get(8)?;
    let archived: bool = row.get(9)?;
    let created_at: i64 = row.get(10)?;
    let updated_at: i64 = row.get(11)?;
    Ok((|| {
        Entry::try_from(StoredEntry {
            id: id.parse().context("stored entry id")?,
            owner: owner.parse().context("stored owner id")?,
            kind: if kind == "bill" {
                EntryKind::Bill
            } else {
                EntryKind::Payday
            },
            name,
            amount: Money::from_cents(amount),
            schedule: serde_json::from_str(&schedule).context("stored schedule")?,
            category,
            autopay,
            notes,
            archived,
            created_at: from_millis(created_at),
            updated_at: from_millis(updated_at),
        })
    })())
}

fn schedule_json(schedule: &StoredSchedule) -> anyhow::Result<String> {
    serde_json::to_string(schedule).context("schedule to JSON")
}

fn query_users(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> StoreResult<Vec<User>> {
    let mut stmt = conn.prepare_cached(sql).map_err(internal)?;
    let rows = stmt
        .query_map(params, user_from_row)
        .map_err(internal)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(internal)?;
    Ok(rows.into_iter().collect::<anyhow::Result<Vec<_>>>()?)
}

fn query_entries(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> StoreResult<Vec<Entry>> {
    let mut stmt = conn.prepare_cached(sql).map_err(internal)?;
    let rows = stmt
        .query_map(params, entry_from_row)
        .map_err(internal)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(internal)?;
    let mut entries = rows.into_iter().collect::<anyhow::Result<Vec<_>>>()?;
    sort_entries(&mut entries);
    Ok(entries)
}

fn insert_entry(conn: &Connection, entry: &Entry) -> rusqlite::Result<usize> {
    let row = StoredEntry::from(entry);
    let schedule = schedule_json(&row.schedule)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?;
    conn.execute(
        &format!(
            "INSERT INTO entries ({ENTRY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
        ),
        params![
            row.id.to_string(),
            row.owner.to_string(),
            kind_name(row.kind),
            row.name,
            row.amount.cents(),
            schedule,
            row.category,
            row.autopay,
            row.notes,
            row.archived,
            millis(row.created_at),
            millis(row.updated_at),
        ],
    )
}

fn insert_user(conn: &Connection, user: &User) -> rusqlite::Result<usize> {
    conn.execute(
        &format!("INSERT INTO users ({USER_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        params![
            user.id.to_string(),
            user.email.as_str(),
            user.password_hash,
            user.currency.as_str(),
            user.timezone.name(),
            user.balance.cents(),
            millis(user.created_at),
        ],
    )
}

fn user_by(conn: &Connection, column: &str, value: &str) -> StoreResult<Option<User>> {
    Ok(query_users(
        conn,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE {column} = ?1"),
        [value],
    )?
    .pop())
}

fn entry_by(conn: &Connection, owner: Id, kind: EntryKind, id: Id) -> StoreResult<Option<Entry>> {
    Ok(query_entries(
        conn,
        &format!("SELECT {ENTRY_COLUMNS} FROM entries WHERE owner = ?1 AND kind = ?2 AND id = ?3"),
        params![owner.to_string(), kind_name(kind), id.to_string()],
    )?
    .pop())
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
        let mode: String =
            writer.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            anyhow::bail!("could not switch to WAL journaling (got {mode})");
        }
        migrate(&mut writer)?;
        Ok(SqliteStore {
            inner: Arc::new(Inner {
                path,
                writer: Mutex::new(writer),
                readers: Mutex::new(Vec::new()),
            }),
        })
    }

    /// Runs `work` on the writer connection, on the blocking pool.
    async fn write<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Connection) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || work(&mut lock(&inner.writer)))
            .await
            .map_err(internal)?
    }

    /// Runs `work` on a read connection from the pool, on the blocking pool.
    async fn read<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Connection) -> StoreResult<T> + Send + 'static,
    ) -> StoreResult<T> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let pooled = lock(&inner.readers).pop();
            let conn = match pooled {
                Some(conn) => conn,
                None => {
                    let conn = Connection::open_with_flags(
                        &inner.path,
                        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    )
                    .map_err(internal)?;
                    configure(&conn).map_err(internal)?;
                    conn
                }
            };
            let result = work(&conn);
            let mut readers = lock(&inner.readers);
            if readers.len() < READERS {
                readers.push(conn);
            }
            result
        })
        .await
        .map_err(internal)?
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
        self.read(|conn| conn.query_row("SELECT 1", [], |_| Ok(())).map_err(internal))
            .await
    }

    async fn create_user(&self, user: &User) -> StoreResult<()> {
        let user = user.clone();
        self.write(move |conn| match insert_user(conn, &user) {
            Ok(_) => Ok(()),
            Err(e) if is_unique_violation(&e) => Err(StoreError::Conflict(EMAIL_TAKEN.into())),
            Err(e) => Err(internal(e)),
        })
        .await
    }

    async fn user(&self, id: Id) -> StoreResult<Option<User>> {
        self.read(move |conn| user_by(conn, "id", &id.to_string()))
            .await
    }

    async fn user_by_email(&self, email: &Email) -> StoreResult<Option<User>> {
        let email = email.as_str().to_string();
        self.read(move |conn| user_by(conn, "email", &email)).await
    }

    async fn update_settings(&self, id: Id, change: &SettingsChange) -> StoreResult<Option<User>> {
        let change = change.clone();
        self.write(move |conn| {
            let tx = conn.transaction().map_err(internal)?;
            let id = id.to_string();
            if let Some(currency) = &change.currency {
                tx.execute(
                    "UPDATE users SET currency = ?1 WHERE id = ?2",
                    params![currency.as_str(), id],
                )
                .map_err(internal)?;
            }
            if let Some(timezone) = &change.timezone {
                tx.execute(
                    "UPDATE users SET timezone = ?1 WHERE id = ?2",
                    params![timezone.name(), id],
                )
                .map_err(internal)?;
            }
            if let Some(balance) = change.balance {
                tx.execute(
                    "UPDATE users SET balance = ?1 WHERE id = ?2",
                    params![balance.cents(), id],
                )
                .map_err(internal)?;
            }
            let user = user_by(&tx, "id", &id)?;
            tx.commit().map_err(internal)?;
            Ok(user)
        })
        .await
    }

    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        let session = session.clone();
        self.write(move |conn| {
            // Expired sessions are swept here, the way MongoDB's TTL index sweeps them.
            conn.execute("DELETE FROM sessions WHERE expires_at <= ?1", [millis(session.created_at)])
                .map_err(internal)?;
            conn.execute(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
                params![
                    session.token_hash.0,
                    session.user_id.to_string(),
                    millis(session.created_at),
                    millis(session.expires_at),
                ],
            )
            .map_err(internal)?;
            Ok(())
        })
        .await
    }

    async fn session_user(
        &self,
        hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<User>> {
        let hash = hash.0.clone();
        self.read(move |conn| {
            Ok(query_users(
                conn,
                "SELECT u.id, u.email, u.password_hash, u.currency, u.timezone, u.balance, u.created_at
                 FROM sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.token_hash = ?1 AND s.expires_at > ?2",
                params![hash, millis(now)],
            )?
            .pop())
        })
        .await
    }

    async fn delete_session(&self, hash: &TokenHash) -> StoreResult<()> {
        let hash = hash.0.clone();
        self.write(move |conn| {
            conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [hash])
                .map_err(internal)?;
            Ok(())
        })
        .await
    }

    async fn create_entry(&self, entry: &Entry) -> StoreResult<()> {
        let entry = entry.clone();
        self.write(move |conn| {
            let tx = conn.transaction().map_err(internal)?;
            let count: usize = tx
                .query_row(
                    "SELECT COUNT(*) FROM entries WHERE owner = ?1 AND kind = ?2",
                    params![entry.owner.to_string(), kind_name(entry.kind)],
                    |r| r.get(0),
                )
                .map_err(internal)?;
            if count >= entry.kind.limit() {
                return Err(StoreError::LimitReached(limit_message(entry.kind)));
            }
            insert_entry(&tx, &entry).map_err(internal)?;
            tx.commit().map_err(internal)
        })
        .await
    }

    async fn entry(&self, owner: Id, kind: EntryKind, id: Id) -> StoreResult<Option<Entry>> {
        self.read(move |conn| entry_by(conn, owner, kind, id)).await
    }

    async fn entries_by_ids(
        &self,
        owner: Id,
        kind: EntryKind,
        ids: &[Id],
    ) -> StoreResult<Vec<Entry>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<String> = ids.iter().map(Id::to_string).collect();
        self.read(move |conn| {
            // One query, like MongoDB's `$in`; the ids go in as a JSON array so any number fits.
            let ids = serde_json::to_string(&ids).map_err(internal)?;
            query_entries(
                conn,
                &format!(
                    "SELECT {ENTRY_COLUMNS} FROM entries
                     WHERE owner = ?1 AND kind = ?2 AND id IN (SELECT value FROM json_each(?3))"
                ),
                params_from_iter([owner.to_string(), kind_name(kind).to_string(), ids]),
            )
        })
        .await
    }

    async fn entries(
        &self,
        owner: Id,
        kind: EntryKind,
        include_archived: bool,
    ) -> StoreResult<Vec<Entry>> {
        self.read(move |conn| {
            query_entries(
                conn,
                &format!(
                    "SELECT {ENTRY_COLUMNS} FROM entries
                     WHERE owner = ?1 AND kind = ?2 AND (?3 OR archived = 0)"
                ),
                params![owner.to_string(), kind_name(kind), include_archived],
            )
        })
        .await
    }

    async fn update_entry(
        &self,
        owner: Id,
        kind: EntryKind,
        id: Id,
        patch: &EntryPatch,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Entry>> {
        let patch = patch.clone();
        self.write(move |conn| {
            // Read, patch and write back inside one write transaction: the single writer makes
            // this atomic, so concurrent patches of different fields both survive.
            let tx = conn.transaction().map_err(internal)?;
            let Some(mut entry) = entry_by(&tx, owner, kind, id)? else {
                return Ok(None);
            };
            patch.apply(&mut entry, now);
            let row = StoredEntry::from(&entry);
            tx.execute(
                "UPDATE entries SET name = ?1, amount = ?2, schedule = ?3, category = ?4, autopay = ?5,
                     notes = ?6, archived = ?7, updated_at = ?8
                 WHERE owner = ?9 AND kind = ?10 AND id = ?11",
                params![
                    row.name,
                    row.amount.cents(),
                    schedule_json(&row.schedule)?,
                    row.category,
                    row.autopay,
                    row.notes,
                    row.archived,
                    millis(row.updated_at),
                    owner.to_string(),
                    kind_name(kind),
                    id.to_string(),
                ],
            )
            .map_err(internal)?;
            tx.commit().map_err(internal)?;
            Ok(Some(entry))
        })
        .await
    }

    async fn delete_entry(&self, owner: Id, kind: EntryKind, id: Id) -> StoreResult<bool> {
        self.write(move |conn| {
            let deleted = conn
                .execute(
                    "DELETE FROM entries WHERE owner = ?1 AND kind = ?2 AND id = ?3",
                    params![owner.to_string(), kind_name(kind), id.to_string()],
                )
                .map_err(internal)?;
            Ok(deleted > 0)
        })
        .await
    }

    async fn export(&self) -> StoreResult<Dump> {
        self.read(|conn| {
            // One read transaction, so the backup is a consistent snapshot.
            conn.execute_batch("BEGIN").map_err(internal)?;
            let result = (|| {
                let users = query_users(
                    conn,
                    &format!("SELECT {USER_COLUMNS} FROM users ORDER BY id"),
                    [],
                )?;
                let mut entries =
                    query_entries(conn, &format!("SELECT {ENTRY_COLUMNS} FROM entries"), [])?;
                entries.sort_by_key(|e| e.id);
                Ok(Dump::new(users, entries))
            })();
            conn.execute_batch("COMMIT").map_err(internal)?;
            result
        })
        .await
    }

    async fn import(&self, dump: &Dump) -> StoreResult<ImportSummary> {
        let dump = dump.clone();
        self.write(move |conn| {
            // One transaction: the dump is loaded whole or not at all.
            let tx = conn.transaction().map_err(internal)?;
            let mut summary = ImportSummary::default();
            for (user, entries) in dump.users_with_entries() {
                let by_id = user_by(&tx, "id", &user.id.to_string())?;
                let by_email = user_by(&tx, "email", user.email.as_str())?;
                check_import_clash(&user, by_id.as_ref(), by_email.as_ref())?;
                if by_id.is_some() {
                    summary.users_skipped += 1;
                } else {
                    insert_user(&tx, &user).map_err(internal)?;
                    summary.users_created += 1;
                }
                for entry in entries {
                    let taken: bool = tx
                        .query_row(
                            "SELECT EXISTS(SELECT 1 FROM entries WHERE id = ?1)",
                            [entry.id.to_string()],
                            |r| r.get(0),
                        )
                        .map_err(internal)?;
                    if taken {
                        summary.entries_skipped += 1;
                    } else {
                        insert_entry(&tx, entry).map_err(internal)?;
                        summary.entries_created += 1;
                    }
                }
            }
            tx.commit().map_err(internal)?;
            Ok(summary)
        })
        .await
    }
}
