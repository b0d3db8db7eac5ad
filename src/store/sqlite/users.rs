//! Users: the `users` table and the user methods of the [`Store`](super::Store).

use anyhow::Context;
use rusqlite::{Connection, Row, params};

use super::{SqliteStore, from_millis, internal, is_unique_violation, millis};
use crate::domain::account::{Currency, Email, SettingsChange, Timezone, User};
use crate::domain::id::Id;
use crate::domain::money::Money;
use crate::store::{EMAIL_TAKEN, StoreError, StoreResult};

pub(super) const USER_COLUMNS: &str = "id, email, password_hash, currency, timezone, balance, created_at, balance_on, plan_mode, holidays";

fn user_from_row(row: &Row<'_>) -> rusqlite::Result<anyhow::Result<User>> {
    let id: String = row.get(0)?;
    let email: String = row.get(1)?;
    let password_hash: String = row.get(2)?;
    let currency: String = row.get(3)?;
    let timezone: String = row.get(4)?;
    let balance: i64 = row.get(5)?;
    let created_at: i64 = row.get(6)?;
    let balance_on: Option<String> = row.get(7)?;
    let plan_mode: String = row.get(8)?;
    let holidays: String = row.get(9)?;
    Ok((|| {
        Ok(User {
            id: id.parse().context("stored user id")?,
            email: Email::try_from(email.as_str()).context("stored email")?,
            password_hash,
            currency: Currency::try_from(currency.as_str()).context("stored currency")?,
            timezone: Timezone::try_from(timezone.as_str()).context("stored timezone")?,
            balance: Money::from_cents(balance),
            balance_on: match balance_on {
                Some(day) => day.parse().context("stored balance_on")?,
                None => from_millis(created_at).date_naive(),
            },
            plan_mode: plan_mode.parse().context("stored plan_mode")?,
            holidays: holidays.parse().context("stored holidays")?,
            created_at: from_millis(created_at),
        })
    })())
}

pub(super) fn query_users(
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

pub(super) fn insert_user(conn: &Connection, user: &User) -> rusqlite::Result<usize> {
    conn.execute(
        &format!(
            "INSERT INTO users ({USER_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        ),
        params![
            user.id.to_string(),
            user.email.as_str(),
            user.password_hash,
            user.currency.as_str(),
            user.timezone.name(),
            user.balance.cents(),
            millis(user.created_at),
            user.balance_on.to_string(),
            user.plan_mode.as_str(),
            user.holidays.code(),
        ],
    )
}

pub(super) fn user_by(conn: &Connection, column: &str, value: &str) -> StoreResult<Option<User>> {
    Ok(query_users(
        conn,
        &format!("SELECT {USER_COLUMNS} FROM users WHERE {column} = ?1"),
        [value],
    )?
    .pop())
}

pub(super) async fn create(store: &SqliteStore, user: &User) -> StoreResult<()> {
    let user = user.clone();
    store
        .write(move |conn| match insert_user(conn, &user) {
            Ok(_) => Ok(()),
            Err(e) if is_unique_violation(&e) => Err(StoreError::Conflict(EMAIL_TAKEN.into())),
            Err(e) => Err(internal(e)),
        })
        .await
}

pub(super) async fn by_id(store: &SqliteStore, id: Id) -> StoreResult<Option<User>> {
    store
        .read(move |conn| user_by(conn, "id", &id.to_string()))
        .await
}

pub(super) async fn by_email(store: &SqliteStore, email: &Email) -> StoreResult<Option<User>> {
    let email = email.as_str().to_string();
    store.read(move |conn| user_by(conn, "email", &email)).await
}

pub(super) async fn update_settings(
    store: &SqliteStore,
    id: Id,
    change: &SettingsChange,
) -> StoreResult<Option<User>> {
    let change = change.clone();
    store
        .write(move |conn| {
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
            if let Some(balance_on) = change.balance_on {
                tx.execute(
                    "UPDATE users SET balance_on = ?1 WHERE id = ?2",
                    params![balance_on.to_string(), id],
                )
                .map_err(internal)?;
            }
            if let Some(plan_mode) = change.plan_mode {
                tx.execute(
                    "UPDATE users SET plan_mode = ?1 WHERE id = ?2",
                    params![plan_mode.as_str(), id],
                )
                .map_err(internal)?;
            }
            if let Some(holidays) = change.holidays {
                tx.execute(
                    "UPDATE users SET holidays = ?1 WHERE id = ?2",
                    params![holidays.code(), id],
                )
                .map_err(internal)?;
            }
            let user = user_by(&tx, "id", &id)?;
            tx.commit().map_err(internal)?;
            Ok(user)
        })
        .await
}
