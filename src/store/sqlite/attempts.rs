//! Sign-in attempts: the `attempts` table, where every server on the file counts sign-in
//! attempts together (the throttle of `auth::throttle`).
//!
//! One row per key per attempt, with its expiry. A reservation is one `IMMEDIATE` write
//! transaction — delete the expired rows, count each key's, insert one row per key if all are
//! under their limits — and SQLite runs one write transaction at a time across every process on
//! the file, so the check and the reservation are one step for all of them. The window slides
//! exactly, as the throttle's did in memory. The table holds at most a few rows per attempt of
//! the last window (the global limit bounds them) and is pruned on every reservation.
//!
//! Reservations run on a connection of their own with `synchronous = NORMAL`: a commit does not
//! wait for an fsync (a power cut may forget the last counts, never corrupt the file), and a
//! burst of sign-ins is not queued behind data writes. Counting must be quick: a success gives
//! its email's places back, so guesses still waiting to be counted when it does would get them.
//!
//! It is throttle state, not data: it is created when missing at start rather than by a
//! numbered migration, and losing it loses nothing but counts.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, TransactionBehavior, params};

use super::{SqliteStore, internal, millis};
use crate::store::{AttemptLimit, StoreResult};

/// Creates the table and its index when missing.
pub(super) fn create(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS attempts (
            key        TEXT NOT NULL,
            expires_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX IF NOT EXISTS attempts_key ON attempts(key, expires_at);
        CREATE INDEX IF NOT EXISTS attempts_expiry ON attempts(expires_at);",
    )
}

/// The throttle's own write connection on the database at `path`.
pub(super) fn open(path: &std::path::Path) -> anyhow::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(conn)
}

/// Runs `work` on the throttle's connection, on the blocking pool, if the file is still there
/// and writable.
async fn on_own_connection<T: Send + 'static>(
    store: &SqliteStore,
    work: impl FnOnce(&mut Connection) -> StoreResult<T> + Send + 'static,
) -> StoreResult<T> {
    let inner = store.inner.clone();
    tokio::task::spawn_blocking(move || {
        inner.check_file(true)?;
        work(&mut super::lock(&inner.attempts))
    })
    .await
    .map_err(internal)?
}

pub(super) async fn reserve(
    store: &SqliteStore,
    limits: &[AttemptLimit],
    now: DateTime<Utc>,
    window: std::time::Duration,
) -> StoreResult<Option<usize>> {
    let limits = limits.to_vec();
    let expires = millis(now).saturating_add(i64::try_from(window.as_millis()).unwrap_or(i64::MAX));
    let now = millis(now);
    on_own_connection(store, move |conn| {
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(internal)?;
        tx.execute("DELETE FROM attempts WHERE expires_at <= ?1", [now])
            .map_err(internal)?;
        for (index, limit) in limits.iter().enumerate() {
            let used: i64 = tx
                .query_row(
                    "SELECT COUNT(*) FROM attempts WHERE key = ?1",
                    [&limit.key],
                    |r| r.get(0),
                )
                .map_err(internal)?;
            if usize::try_from(used).unwrap_or(usize::MAX) >= limit.limit {
                tx.commit().map_err(internal)?;
                return Ok(Some(index));
            }
        }
        for limit in &limits {
            tx.execute(
                "INSERT INTO attempts (key, expires_at) VALUES (?1, ?2)",
                params![limit.key, expires],
            )
            .map_err(internal)?;
        }
        tx.commit().map_err(internal)?;
        Ok(None)
    })
    .await
}

pub(super) async fn forget(store: &SqliteStore, key: &str) -> StoreResult<()> {
    let key = key.to_string();
    on_own_connection(store, move |conn| {
        conn.execute("DELETE FROM attempts WHERE key = ?1", [key])
            .map_err(internal)?;
        Ok(())
    })
    .await
}
