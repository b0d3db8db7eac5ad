//! Export and import: every user with their bills and paydays, for `wisewallet export` and
//! `wisewallet import` (the format is in [`crate::store::dump`]).

use rusqlite::OptionalExtension;

use super::entries::{ENTRY_COLUMNS, insert_entry, kind_name, kind_of, query_entries};
use super::users::{USER_COLUMNS, insert_user, query_users, user_by};
use super::{SqliteStore, internal};
use crate::domain::entry::EntryKind;
use crate::domain::id::Id;
use crate::store::{
    Dump, ImportSummary, StoreResult, check_entry_clash, check_import_clash, check_import_limit,
};

pub(super) async fn export(store: &SqliteStore) -> StoreResult<Dump> {
    store
        .read_blocking(|conn| {
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

pub(super) async fn import(store: &SqliteStore, dump: &Dump) -> StoreResult<ImportSummary> {
    let dump = dump.clone();
    store
        .write(move |conn| {
            // One transaction: the dump is loaded whole or not at all (any refusal below drops
            // it, which rolls everything back).
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
                for kind in [EntryKind::Bill, EntryKind::Payday] {
                    let existing: i64 = tx
                        .query_row(
                            "SELECT COUNT(*) FROM entries WHERE owner = ?1 AND kind = ?2",
                            [user.id.to_string(), kind_name(kind).to_string()],
                            |r| r.get(0),
                        )
                        .map_err(internal)?;
                    let mut new = 0;
                    for entry in entries.iter().filter(|e| e.kind == kind) {
                        let stored: Option<(String, String)> = tx
                            .query_row(
                                "SELECT owner, kind FROM entries WHERE id = ?1",
                                [entry.id.to_string()],
                                |r| Ok((r.get(0)?, r.get(1)?)),
                            )
                            .optional()
                            .map_err(internal)?;
                        match stored {
                            Some((owner, stored_kind)) => {
                                let owner: Id = owner.parse().map_err(internal)?;
                                check_entry_clash(entry, owner, kind_of(&stored_kind)?)?;
                                summary.entries_skipped += 1;
                            }
                            None => {
                                insert_entry(&tx, entry).map_err(internal)?;
                                new += 1;
                                summary.entries_created += 1;
                            }
                        }
                    }
                    check_import_limit(&user, kind, usize::try_from(existing).unwrap_or(0), new)?;
                }
            }
            tx.commit().map_err(internal)?;
            Ok(summary)
        })
        .await
}
