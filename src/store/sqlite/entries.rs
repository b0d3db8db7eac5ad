//! Bills and paydays: the `entries` table (one table, told apart by `kind`) and the entry
//! methods of the [`Store`](super::Store).

use anyhow::Context;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params, params_from_iter};

use super::{SqliteStore, from_millis, internal, millis};
use crate::domain::entry::{Entry, EntryKind, EntryPatch, sort_entries};
use crate::domain::id::Id;
use crate::domain::money::Money;
use crate::store::{
    CHANGED_MEANWHILE, StoreError, StoreResult, StoredEntry, StoredException, StoredSchedule,
    limit_message,
};

pub(super) const ENTRY_COLUMNS: &str = "id, owner, kind, name, amount, schedule, category, autopay, notes, archived, created_at, updated_at, reserved, reserved_on, exceptions";

pub(super) fn kind_name(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Bill => "bill",
        EntryKind::Payday => "payday",
    }
}

/// The kind a row's `kind` column names; anything else is an error, never a guess.
pub(super) fn kind_of(name: &str) -> anyhow::Result<EntryKind> {
    match name {
        "bill" => Ok(EntryKind::Bill),
        "payday" => Ok(EntryKind::Payday),
        other => anyhow::bail!("stored entry kind {other:?} is neither bill nor payday"),
    }
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
    let reserved: i64 = row.get(12)?;
    let reserved_on: Option<String> = row.get(13)?;
    let exceptions: String = row.get(14)?;
    Ok((|| {
        Entry::try_from(StoredEntry {
            id: id.parse().context("stored entry id")?,
            owner: owner.parse().context("stored owner id")?,
            kind: kind_of(&kind)?,
            name,
            amount: Money::from_cents(amount),
            schedule: serde_json::from_str(&schedule).context("stored schedule")?,
            category,
            autopay,
            notes,
            archived,
            reserved: Money::from_cents(reserved),
            reserved_on: reserved_on
                .map(|day| day.parse())
                .transpose()
                .context("stored reserved_on")?,
            exceptions: serde_json::from_str(&exceptions).context("stored exceptions")?,
            created_at: from_millis(created_at),
            updated_at: from_millis(updated_at),
        })
    })())
}

fn schedule_json(schedule: &StoredSchedule) -> anyhow::Result<String> {
    serde_json::to_string(schedule).context("schedule to JSON")
}

fn exceptions_json(exceptions: &[StoredException]) -> anyhow::Result<String> {
    serde_json::to_string(exceptions).context("exceptions to JSON")
}

pub(super) fn query_entries(
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

pub(super) fn insert_entry(conn: &Connection, entry: &Entry) -> rusqlite::Result<usize> {
    let row = StoredEntry::from(entry);
    let to_sql = |e: anyhow::Error| rusqlite::Error::ToSqlConversionFailure(e.into());
    let schedule = schedule_json(&row.schedule).map_err(to_sql)?;
    let exceptions = exceptions_json(&row.exceptions).map_err(to_sql)?;
    conn.execute(
        &format!(
            "INSERT INTO entries ({ENTRY_COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
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
            row.reserved.cents(),
            row.reserved_on.map(|day| day.to_string()),
            exceptions,
        ],
    )
}

fn entry_by(conn: &Connection, owner: Id, kind: EntryKind, id: Id) -> StoreResult<Option<Entry>> {
    Ok(query_entries(
        conn,
        &format!("SELECT {ENTRY_COLUMNS} FROM entries WHERE owner = ?1 AND kind = ?2 AND id = ?3"),
        params![owner.to_string(), kind_name(kind), id.to_string()],
    )?
    .pop())
}

pub(super) async fn create(store: &SqliteStore, entry: &Entry) -> StoreResult<()> {
    let entry = entry.clone();
    store
        .write(move |conn| {
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

pub(super) async fn one(
    store: &SqliteStore,
    owner: Id,
    kind: EntryKind,
    id: Id,
) -> StoreResult<Option<Entry>> {
    store
        .read(move |conn| entry_by(conn, owner, kind, id))
        .await
}

pub(super) async fn by_ids(
    store: &SqliteStore,
    owner: Id,
    kind: EntryKind,
    ids: &[Id],
) -> StoreResult<Vec<Entry>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = ids.iter().map(Id::to_string).collect();
    store
        .read(move |conn| {
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

pub(super) async fn list(
    store: &SqliteStore,
    owner: Id,
    kind: EntryKind,
    include_archived: bool,
) -> StoreResult<Vec<Entry>> {
    store
        .read(move |conn| {
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

/// The owner's bills and paydays in one read (one query: both kinds share the table).
pub(super) async fn both_kinds(
    store: &SqliteStore,
    owner: Id,
    include_archived: bool,
) -> StoreResult<(Vec<Entry>, Vec<Entry>)> {
    store
        .read(move |conn| {
            let all = query_entries(
                conn,
                &format!(
                    "SELECT {ENTRY_COLUMNS} FROM entries WHERE owner = ?1 AND (?2 OR archived = 0)"
                ),
                params![owner.to_string(), include_archived],
            )?;
            // Sorted as a whole, so each kind is sorted too.
            Ok(all
                .into_iter()
                .partition(|entry| entry.kind == EntryKind::Bill))
        })
        .await
}

pub(super) async fn update(
    store: &SqliteStore,
    owner: Id,
    kind: EntryKind,
    id: Id,
    patch: &EntryPatch,
    now: DateTime<Utc>,
) -> StoreResult<Option<Entry>> {
    let patch = patch.clone();
    store
        .write(move |conn| {
            // Read, patch and write back inside one write transaction: the single writer makes
            // this atomic, so concurrent patches of different fields both survive.
            let tx = conn.transaction().map_err(internal)?;
            let Some(mut entry) = entry_by(&tx, owner, kind, id)? else {
                return Ok(None);
            };
            if patch
                .if_unchanged_since
                .is_some_and(|read| read != entry.updated_at)
            {
                return Err(StoreError::Conflict(CHANGED_MEANWHILE.into()));
            }
            patch.apply(&mut entry, now);
            let row = StoredEntry::from(&entry);
            tx.execute(
            "UPDATE entries SET name = ?1, amount = ?2, schedule = ?3, category = ?4, autopay = ?5,
                 notes = ?6, archived = ?7, updated_at = ?8, reserved = ?9, reserved_on = ?10,
                 exceptions = ?11
             WHERE owner = ?12 AND kind = ?13 AND id = ?14",
            params![
                row.name,
                row.amount.cents(),
                schedule_json(&row.schedule)?,
                row.category,
                row.autopay,
                row.notes,
                row.archived,
                millis(row.updated_at),
                row.reserved.cents(),
                row.reserved_on.map(|day| day.to_string()),
                exceptions_json(&row.exceptions)?,
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

pub(super) async fn delete(
    store: &SqliteStore,
    owner: Id,
    kind: EntryKind,
    id: Id,
) -> StoreResult<bool> {
    store
        .write(move |conn| {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::WeekendRule;

    /// A store holding one row written straight into `entries`, around the API's rules and the
    /// schema's checks (as a bug, a manual edit or a future migration might).
    async fn store_with_row(kind: &str, amount: i64) -> (SqliteStore, tempfile::TempDir, Id, Id) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("raw.db");
        let store = SqliteStore::open(&path).await.expect("the store opens");
        let (id, owner) = (Id::generate(), Id::generate());
        let schedule = schedule_json(&StoredSchedule {
            start: "2026-01-01".parse().expect("a date"),
            frequency: None,
            interval: 1,
            days_of_month: Vec::new(),
            until: None,
            count: None,
            weekend: WeekendRule::Keep,
        })
        .expect("JSON");
        let conn = Connection::open(&path).expect("a second connection");
        conn.execute_batch("PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF")
            .expect("checks off");
        conn.execute(
            &format!(
                "INSERT INTO entries ({ENTRY_COLUMNS})
                 VALUES (?1, ?2, ?3, 'Gym', ?4, ?5, NULL, 0, NULL, 0, 0, 0, 0, NULL, '[]')"
            ),
            params![id.to_string(), owner.to_string(), kind, amount, schedule],
        )
        .expect("inserted");
        (store, dir, id, owner)
    }

    fn cause(result: StoreResult<impl std::fmt::Debug>) -> String {
        match result {
            Err(StoreError::Internal(cause)) => format!("{cause:#}"),
            other => panic!("expected an internal error, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_stored_negative_amount_is_an_internal_error_naming_the_entry() {
        let (store, _dir, id, owner) = store_with_row("bill", -500).await;

        let read = one(&store, owner, EntryKind::Bill, id).await;

        assert_eq!(
            cause(read),
            format!("bill {id}: amount must be greater than 0 and at most 1000000000.00")
        );
    }

    #[tokio::test]
    async fn a_row_of_an_unknown_kind_is_an_error_not_a_payday() {
        let (store, _dir, _, _) = store_with_row("subscription", 1000).await;

        let exported = super::super::backup::export(&store).await;

        assert_eq!(
            cause(exported),
            "stored entry kind \"subscription\" is neither bill nor payday"
        );
    }
}
