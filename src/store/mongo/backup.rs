//! Export and import: every user with their bills and paydays, for `wisewallet export` and
//! `wisewallet import` (the format is in [`crate::store::dump`]).

use futures_util::TryStreamExt;
use mongodb::bson::doc;

use super::entries::EntryDoc;
use super::users::{self, UserDoc};
use super::{MongoStore, internal, is_duplicate_key, oid};
use crate::domain::entry::EntryKind;
use crate::store::{Dump, ImportSummary, StoreResult, check_import_clash};

pub(super) async fn export(store: &MongoStore) -> StoreResult<Dump> {
    let users: Vec<UserDoc> = store
        .users
        .find(doc! {})
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
        let docs: Vec<EntryDoc> = store
            .entries_of(kind)
            .find(doc! {})
            .sort(doc! { "_id": 1 })
            .await
            .map_err(internal)?
            .try_collect()
            .await
            .map_err(internal)?;
        for doc in docs {
            entries.push(doc.into_entry(kind)?);
        }
    }
    Ok(Dump::new(users, entries))
}

pub(super) async fn import(store: &MongoStore, dump: &Dump) -> StoreResult<ImportSummary> {
    // First pass: refuse the whole dump before writing anything if a user clashes.
    for (user, _) in dump.users_with_entries() {
        let by_id = users::by_id(store, user.id).await?;
        let by_email = users::by_email(store, &user.email).await?;
        check_import_clash(&user, by_id.as_ref(), by_email.as_ref())?;
    }
    let mut summary = ImportSummary::default();
    for (user, entries) in dump.users_with_entries() {
        match store.users.insert_one(UserDoc::from_user(&user)).await {
            Ok(_) => summary.users_created += 1,
            Err(e) if is_duplicate_key(&e) => summary.users_skipped += 1,
            Err(e) => return Err(internal(e)),
        }
        for entry in entries {
            let exists = store
                .entries_of(entry.kind)
                .find_one(doc! { "_id": oid(entry.id) })
                .await
                .map_err(internal)?
                .is_some();
            if exists {
                summary.entries_skipped += 1;
            } else {
                store.insert_in_free_slot(entry).await?;
                summary.entries_created += 1;
            }
        }
    }
    Ok(summary)
}
