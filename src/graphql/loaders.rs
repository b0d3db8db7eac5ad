//! DataLoaders for `BillOccurrence.bill` and `PaydayOccurrence.payday` on the reference path.
//!
//! The forecast's direct execution (`super::direct`) takes each occurrence's entry from the
//! entries the forecast was computed from, with no read at all; these loaders serve the
//! `#[Object]` path (`GenericExecution`), primed with the same entries.
//!
//! A loader is made per request for the signed-in user, so every read it does is scoped to that
//! owner: a foreign id simply is not found. All keys asked for while a response is being built
//! are collected into one `$in` read (one store call per kind per request), and values are
//! cached for the rest of the request.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, HashMapCache, Loader};

use crate::domain::entry::{Entry, EntryKind};
use crate::domain::holidays::Holidays;
use crate::domain::id::Id;
use crate::store::Store;

/// Loads one owner's entries of one kind by id.
pub struct EntryLoader {
    store: Arc<dyn Store>,
    owner: Id,
    kind: EntryKind,
    holidays: Holidays,
}

impl Loader<Id> for EntryLoader {
    type Value = Entry;
    type Error = Arc<anyhow::Error>;

    async fn load(&self, keys: &[Id]) -> Result<HashMap<Id, Entry>, Self::Error> {
        let entries = self
            .store
            .entries_by_ids(self.owner, self.kind, keys)
            .await
            .map_err(|e| Arc::new(anyhow::Error::new(e)))?;
        Ok(entries
            .into_iter()
            .map(|e| (e.id, e.with_holidays(self.holidays)))
            .collect())
    }
}

/// The per-request loader of the viewer's bills.
pub struct BillLoader(pub DataLoader<EntryLoader, HashMapCache>);

/// The per-request loader of the viewer's paydays.
pub struct PaydayLoader(pub DataLoader<EntryLoader, HashMapCache>);

fn loader(
    store: Arc<dyn Store>,
    owner: Id,
    kind: EntryKind,
    holidays: Holidays,
) -> DataLoader<EntryLoader, HashMapCache> {
    DataLoader::with_cache(
        EntryLoader {
            store,
            owner,
            kind,
            holidays,
        },
        tokio::spawn,
        HashMapCache::default(),
    )
    // A forecast may reference every one of a user's bills: keep them in one batch.
    .max_batch_size(EntryKind::Bill.limit().max(EntryKind::Payday.limit()))
}

/// The loaders for one request by `owner`, whose entries are seen through `holidays`.
pub fn for_owner(
    store: &Arc<dyn Store>,
    owner: Id,
    holidays: Holidays,
) -> (BillLoader, PaydayLoader) {
    (
        BillLoader(loader(store.clone(), owner, EntryKind::Bill, holidays)),
        PaydayLoader(loader(store.clone(), owner, EntryKind::Payday, holidays)),
    )
}
