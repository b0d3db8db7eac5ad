//! Sessions: the `sessions` table (expired rows are swept on sign-in) and the session methods
//! of the [`Store`](super::Store).

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::users::query_users;
use super::{SqliteStore, internal, millis};
use crate::domain::account::User;
use crate::domain::session::{Session, TokenHash};
use crate::store::StoreResult;

pub(super) async fn create(store: &SqliteStore, session: &Session) -> StoreResult<()> {
    let session = session.clone();
    store.write(move |conn| {
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

pub(super) async fn user(
    store: &SqliteStore,
    hash: &TokenHash,
    now: DateTime<Utc>,
) -> StoreResult<Option<User>> {
    let hash = hash.0.clone();
    store
        .read(move |conn| {
            Ok(query_users(
            conn,
            "SELECT u.id, u.email, u.password_hash, u.currency, u.timezone, u.balance, u.created_at,
                    u.balance_on, u.plan_mode, u.holidays
             FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = ?1 AND s.expires_at > ?2",
            params![hash, millis(now)],
        )?
        .pop())
        })
        .await
}

pub(super) async fn delete(store: &SqliteStore, hash: &TokenHash) -> StoreResult<()> {
    let hash = hash.0.clone();
    store
        .write(move |conn| {
            conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [hash])
                .map_err(internal)?;
            Ok(())
        })
        .await
}
