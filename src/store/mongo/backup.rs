//! Export and import: every user with their bills and paydays, for `wisewallet export` and
//! `wisewallet import` (the format is in [`crate::store::dump`]).

use futures_util::TryStreamExt;
use mongodb::bson::{Document, doc};

use super::entries;
use super::users::{self, UserDoc};
use super::{MongoStore, id, internal, is_duplicate_key, oid};
use crate::domain::account::User;
use crate::domain::entry::{Entry, EntryKind};
use crate::domain::id::Id;
use crate::store::{
    Dump, ImportSummary, StoreError, StoreResult, check_entry_clash, check_import_clash,
    check_import_limit,
};

pub(super) async fn export(store: &MongoStore) -> StoreResult<Dump> {
    let users: Vec<UserDoc> = store
        .users
        // Users only, not the sessions beside them (see `sessions`).
        .find(doc! { "_id": { "$type": "objectId" } })
        .sort(doc! { "_id": 1 })
        .await
        .map_err(internal)?
        .try_collect()
        .await
        .map_err(internal)?;
    let users = users
        .into_iter()
        .map(UserDoc::into_user)
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut entries = Vec::new();
    for kind in [EntryKind::Bill, EntryKind::Payday] {
        let cursor = store
            .raw_entries_of(kind)
            .find(doc! {})
            .sort(doc! { "_id": 1 })
            .await;
        entries.extend(entries::read_all(cursor, kind).await?);
    }
    Ok(Dump::new(users, entries))
}

/// What an import will write for one account, decided before anything is written.
struct Planned<'d> {
    user: User,
    create_user: bool,
    entries: Vec<&'d Entry>,
}

/// MongoDB (and FerretDB) have no transactions here, so an import is all-or-nothing in two
/// phases: first every account is checked against what is stored (email and id clashes, entry
/// ids stored for another account, the per-user limits counting what the user already has),
/// and nothing is written unless all pass; then the records are written, and if a write fails
/// (a concurrent create took the last places, the server went away) everything this import
/// wrote is deleted again before the error is returned. If even that fails (the server is
/// gone), the error says so: importing the same file again completes it, since records already
/// there are skipped.
pub(super) async fn import(store: &MongoStore, dump: &Dump) -> StoreResult<ImportSummary> {
    let mut summary = ImportSummary::default();
    let mut plans = Vec::with_capacity(dump.accounts.len());
    for (user, entries) in dump.users_with_entries() {
        let by_id = users::by_id(store, user.id).await?;
        let by_email = users::by_email(store, &user.email).await?;
        check_import_clash(&user, by_id.as_ref(), by_email.as_ref())?;
        let exists = by_id.is_some();
        let mut to_write = Vec::with_capacity(entries.len());
        for kind in [EntryKind::Bill, EntryKind::Payday] {
            let of_kind: Vec<&Entry> = entries.iter().filter(|e| e.kind == kind).collect();
            let stored = stored_owners(store, of_kind.iter().map(|e| e.id)).await?;
            let mut new = 0;
            for entry in of_kind {
                match stored.iter().find(|(id, _, _)| *id == entry.id) {
                    Some((_, owner, stored_kind)) => {
                        check_entry_clash(entry, *owner, *stored_kind)?;
                        summary.entries_skipped += 1;
                    }
                    None => {
                        new += 1;
                        to_write.push(entry);
                    }
                }
            }
            let existing = if exists {
                store
                    .entries_of(kind)
                    .count_documents(doc! { "owner": oid(user.id) })
                    .await
                    .map_err(internal)? as usize
            } else {
                0
            };
            check_import_limit(&user, kind, existing, new)?;
        }
        if exists {
            summary.users_skipped += 1;
        } else {
            summary.users_created += 1;
        }
        summary.entries_created += to_write.len();
        plans.push(Planned {
            user,
            create_user: !exists,
            entries: to_write,
        });
    }

    let mut written_users = Vec::new();
    let mut written_entries = Vec::new();
    let wrote = async {
        for plan in &plans {
            if plan.create_user {
                match store.users.insert_one(UserDoc::from_user(&plan.user)).await {
                    Ok(_) => written_users.push(plan.user.id),
                    Err(e) if is_duplicate_key(&e) => {
                        return Err(StoreError::Conflict(format!(
                            "{} was created here while importing; nothing was imported",
                            plan.user.email.as_str()
                        )));
                    }
                    Err(e) => return Err(internal(e)),
                }
            }
            for entry in &plan.entries {
                store.insert_in_free_slot(entry).await?;
                written_entries.push((entry.kind, entry.id, entry.owner));
            }
        }
        Ok(())
    }
    .await;
    match wrote {
        Ok(()) => Ok(summary),
        Err(error) => Err(undo(store, &written_users, &written_entries, error).await),
    }
}

/// Owner and kind of each of `ids` already stored as a bill or a payday.
async fn stored_owners(
    store: &MongoStore,
    ids: impl Iterator<Item = Id>,
) -> StoreResult<Vec<(Id, Id, EntryKind)>> {
    let ids: Vec<_> = ids.map(oid).collect();
    let mut found = Vec::new();
    if ids.is_empty() {
        return Ok(found);
    }
    for kind in [EntryKind::Bill, EntryKind::Payday] {
        let docs: Vec<Document> = store
            .entries_of(kind)
            .clone_with_type::<Document>()
            .find(doc! { "_id": { "$in": &ids } })
            .projection(doc! { "_id": 1, "owner": 1 })
            .await
            .map_err(internal)?
            .try_collect()
            .await
            .map_err(internal)?;
        for d in docs {
            let (Ok(entry), Ok(owner)) = (d.get_object_id("_id"), d.get_object_id("owner")) else {
                return Err(StoreError::Internal(anyhow::anyhow!(
                    "a stored {} without an id or owner",
                    kind.noun()
                )));
            };
            found.push((id(entry), id(owner), kind));
        }
    }
    Ok(found)
}

/// Deletes what a failed import wrote; returns the error to report (with a note when the
/// clean-up failed too).
async fn undo(
    store: &MongoStore,
    users: &[Id],
    entries: &[(EntryKind, Id, Id)],
    error: StoreError,
) -> StoreError {
    let mut left = 0usize;
    for (kind, entry, owner) in entries.iter().rev() {
        let deleted = store
            .entries_of(*kind)
            .delete_one(doc! { "_id": oid(*entry), "owner": oid(*owner) })
            .await;
        left += usize::from(deleted.is_err());
    }
    for user in users.iter().rev() {
        left += usize::from(
            store
                .users
                .delete_one(doc! { "_id": oid(*user) })
                .await
                .is_err(),
        );
    }
    if left == 0 {
        return error;
    }
    tracing::error!(
        left,
        "an import failed and some of what it wrote could not be removed"
    );
    let note = format!(
        "{left} records it wrote could not be removed: import the same file again to complete it"
    );
    match error {
        StoreError::Internal(cause) => StoreError::Internal(cause.context(note)),
        StoreError::Unavailable(cause) => StoreError::Unavailable(cause.context(note)),
        StoreError::Conflict(message) => StoreError::Conflict(format!("{message} ({note})")),
        StoreError::LimitReached(message) => {
            StoreError::LimitReached(format!("{message} ({note})"))
        }
    }
}
