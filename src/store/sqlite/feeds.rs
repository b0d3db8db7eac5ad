//! Calendar feeds: the `calendar_feeds` table (one row per user at most, keyed by the token's
//! hash) and the feed methods of the [`Store`](super::Store).

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::users::query_users;
use super::{SqliteStore, from_millis, internal, millis};
use crate::domain::account::User;
use crate::domain::id::Id;
use crate::domain::session::TokenHash;
use crate::store::StoreResult;

pub(super) async fn replace(
    store: &SqliteStore,
    owner: Id,
    hash: &TokenHash,
    created_at: DateTime<Utc>,
) -> StoreResult<()> {
    let hash = hash.0.clone();
    store
        .write(move |conn| {
            conn.execute(
                "INSERT INTO calendar_feeds (token_hash, user_id, created_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (user_id) DO UPDATE
                 SET token_hash = excluded.token_hash, created_at = excluded.created_at",
                params![hash, owner.to_string(), millis(created_at)],
            )
            .map_err(internal)?;
            Ok(())
        })
        .await
}

pub(super) async fn delete(store: &SqliteStore, owner: Id) -> StoreResult<bool> {
    store
        .write(move |conn| {
            let deleted = conn
                .execute(
                    "DELETE FROM calendar_feeds WHERE user_id = ?1",
                    [owner.to_string()],
                )
                .map_err(internal)?;
            Ok(deleted > 0)
        })
        .await
}

pub(super) async fn created_at(
    store: &SqliteStore,
    owner: Id,
) -> StoreResult<Option<DateTime<Utc>>> {
    store
        .read(move |conn| {
            let created: Option<i64> = conn
                .prepare_cached("SELECT created_at FROM calendar_feeds WHERE user_id = ?1")
                .and_then(|mut stmt| {
                    stmt.query_row([owner.to_string()], |row| row.get(0))
                        .optional()
                })
                .map_err(internal)?;
            Ok(created.map(from_millis))
        })
        .await
}

pub(super) async fn user(store: &SqliteStore, hash: &TokenHash) -> StoreResult<Option<User>> {
    let hash = hash.0.clone();
    store
        .read(move |conn| {
            Ok(query_users(
                conn,
                "SELECT u.id, u.email, u.password_hash, u.currency, u.timezone, u.balance,
                        u.created_at, u.balance_on, u.plan_mode, u.holidays
                 FROM calendar_feeds f JOIN users u ON u.id = f.user_id
                 WHERE f.token_hash = ?1",
                [&hash],
            )?
            .pop())
        })
        .await
}
