//! Bills and paydays: one collection each, the documents, the numbered slots that keep the
//! per-user limits (see the module docs of [`super`]), and the entry methods of the
//! [`Store`](super::Store).

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use mongodb::bson::{self, Bson, Document, RawDocument, RawDocumentBuf, doc, oid::ObjectId};
use mongodb::options::ReturnDocument;
use mongodb::{Collection, Cursor};
#[cfg(test)]
use serde::Deserialize;
use serde::Serialize;

use super::{MongoStore, bson_time, chrono_time, id, internal, is_duplicate_key, oid};
use crate::domain::entry::{Entry, EntryKind, EntryPatch, Text, next_updated_at, sort_entries};
use crate::domain::id::Id;
use crate::domain::money::Money;
use crate::store::{
    CHANGED_MEANWHILE, StoreError, StoreResult, StoredEntry, StoredException, StoredSchedule,
    limit_message,
};

mod decode;

/// A bill or payday as its collection holds it. Written through serde; read by the walk in
/// [`decode`] (serde's derive is kept for its tests, as the reference it must agree with).
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(Deserialize))]
#[serde(rename_all = "camelCase")]
pub(super) struct EntryDoc {
    #[serde(rename = "_id")]
    id: ObjectId,
    owner: ObjectId,
    /// Which of the owner's numbered places this entry takes (see the module docs).
    slot: i64,
    name: String,
    amount: i64,
    schedule: StoredSchedule,
    category: Option<String>,
    autopay: bool,
    notes: Option<String>,
    archived: bool,
    /// Absent in documents older than envelopes: 0.
    #[serde(default)]
    reserved: i64,
    /// Absent in documents older than envelopes: the creation day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reserved_on: Option<NaiveDate>,
    /// Absent in documents older than exceptions: none.
    #[serde(default)]
    exceptions: Vec<StoredException>,
    created_at: bson::DateTime,
    updated_at: bson::DateTime,
}

impl EntryDoc {
    /// The document of `entry`, in no slot yet.
    pub(super) fn from_entry(entry: &Entry) -> Self {
        let stored = StoredEntry::from(entry);
        EntryDoc {
            id: oid(stored.id),
            owner: oid(stored.owner),
            slot: -1,
            name: stored.name,
            amount: stored.amount.cents(),
            schedule: stored.schedule,
            category: stored.category,
            autopay: stored.autopay,
            notes: stored.notes,
            archived: stored.archived,
            reserved: stored.reserved.cents(),
            reserved_on: stored.reserved_on,
            exceptions: stored.exceptions,
            created_at: bson_time(stored.created_at),
            updated_at: bson_time(stored.updated_at),
        }
    }

    /// The entry stored in `raw`, validated (see [`StoredEntry`]).
    pub(super) fn read(raw: &RawDocument, kind: EntryKind) -> anyhow::Result<Entry> {
        EntryDoc::try_from(raw)?.into_entry(kind)
    }

    /// The entry this document holds, validated (see [`StoredEntry`]).
    fn into_entry(self, kind: EntryKind) -> anyhow::Result<Entry> {
        Entry::try_from(StoredEntry {
            id: id(self.id),
            owner: id(self.owner),
            kind,
            name: self.name,
            amount: Money::from_cents(self.amount),
            schedule: self.schedule,
            category: self.category,
            autopay: self.autopay,
            notes: self.notes,
            archived: self.archived,
            reserved: Money::from_cents(self.reserved),
            reserved_on: self.reserved_on,
            exceptions: self.exceptions,
            created_at: chrono_time(self.created_at),
            updated_at: chrono_time(self.updated_at),
        })
    }
}

/// Every entry of `kind` a `find` returns, each read from the cursor's batch in place.
pub(super) async fn read_all(
    cursor: mongodb::error::Result<Cursor<RawDocumentBuf>>,
    kind: EntryKind,
) -> StoreResult<Vec<Entry>> {
    let mut cursor = cursor.map_err(internal)?;
    let mut entries = Vec::new();
    while cursor.advance().await.map_err(internal)? {
        entries.push(EntryDoc::read(cursor.current(), kind)?);
    }
    Ok(entries)
}

impl MongoStore {
    pub(super) fn entries_of(&self, kind: EntryKind) -> &Collection<EntryDoc> {
        match kind {
            EntryKind::Bill => &self.bills,
            EntryKind::Payday => &self.paydays,
        }
    }

    /// The collection of `kind` read as BSON bytes, for [`EntryDoc::read`].
    pub(super) fn raw_entries_of(&self, kind: EntryKind) -> Collection<RawDocumentBuf> {
        self.entries_of(kind).clone_with_type()
    }

    /// The entries of one owner matching `filter`, in one reply: the first batch may hold one
    /// more document than an owner may have of `kind`, so that it holds them all and the
    /// server closes the cursor (a batch filled exactly leaves it open, for a `getMore` that
    /// finds nothing). With the driver's default first batch (101 documents) the rest came in
    /// `getMore` round trips: four more per read of 1,000 bills on FerretDB.
    async fn find_entries(&self, kind: EntryKind, filter: Document) -> StoreResult<Vec<Entry>> {
        let batch = u32::try_from(kind.limit() + 1).unwrap_or(u32::MAX);
        let found = self
            .raw_entries_of(kind)
            .find(filter)
            .batch_size(batch)
            .await;
        let mut entries = read_all(found, kind).await?;
        sort_entries(&mut entries);
        Ok(entries)
    }

    /// Inserts `entry` into a free slot of its owner's; `LimitReached` when there is none.
    pub(super) async fn insert_in_free_slot(&self, entry: &Entry) -> StoreResult<()> {
        let entries = self.entries_of(entry.kind);
        let limit = entry.kind.limit() as i64;
        let mut doc = EntryDoc::from_entry(entry);
        // The first attempt is a blind random pick, which almost always succeeds for a user far
        // from the limit: one round trip. After a collision, read the used slots and pick a
        // random free one; each further failure means a concurrent create took that slot.
        for attempt in 0..32 {
            doc.slot = if attempt == 0 {
                rand::random::<u64>().rem_euclid(limit as u64) as i64
            } else {
                let used: std::collections::HashSet<i64> = entries
                    .distinct("slot", doc! { "owner": oid(entry.owner) })
                    .await
                    .map_err(internal)?
                    .into_iter()
                    .filter_map(|slot| slot.as_i64().or_else(|| slot.as_i32().map(i64::from)))
                    .collect();
                let free: Vec<i64> = (0..limit).filter(|slot| !used.contains(slot)).collect();
                if free.is_empty() {
                    return Err(StoreError::LimitReached(limit_message(entry.kind)));
                }
                free[rand::random::<u64>().rem_euclid(free.len() as u64) as usize]
            };
            match entries.insert_one(&doc).await {
                Ok(_) => return Ok(()),
                Err(e) if is_duplicate_key(&e) => continue,
                Err(e) => return Err(internal(e)),
            }
        }
        Err(StoreError::Internal(anyhow::anyhow!(
            "could not find a free slot after 32 attempts"
        )))
    }
}

pub(super) async fn create(store: &MongoStore, entry: &Entry) -> StoreResult<()> {
    store.insert_in_free_slot(entry).await
}

pub(super) async fn one(
    store: &MongoStore,
    owner: Id,
    kind: EntryKind,
    id: Id,
) -> StoreResult<Option<Entry>> {
    let raw = store
        .raw_entries_of(kind)
        .find_one(doc! { "owner": oid(owner), "_id": oid(id) })
        .await
        .map_err(internal)?;
    Ok(raw.map(|raw| EntryDoc::read(&raw, kind)).transpose()?)
}

pub(super) async fn by_ids(
    store: &MongoStore,
    owner: Id,
    kind: EntryKind,
    ids: &[Id],
) -> StoreResult<Vec<Entry>> {
    let ids: Vec<ObjectId> = ids.iter().copied().map(oid).collect();
    store
        .find_entries(kind, doc! { "owner": oid(owner), "_id": { "$in": ids } })
        .await
}

pub(super) async fn list(
    store: &MongoStore,
    owner: Id,
    kind: EntryKind,
    include_archived: bool,
) -> StoreResult<Vec<Entry>> {
    let mut filter = doc! { "owner": oid(owner) };
    if !include_archived {
        filter.insert("archived", false);
    }
    store.find_entries(kind, filter).await
}

pub(super) async fn update(
    store: &MongoStore,
    owner: Id,
    kind: EntryKind,
    id: Id,
    patch: &EntryPatch,
    now: DateTime<Utc>,
) -> StoreResult<Option<Entry>> {
    let text = |t: &Option<Text>| t.as_ref().map_or(Bson::Null, |t| Bson::from(t.as_str()));
    // A conditional patch always moves `updatedAt` past what it read, so a second writer that
    // read the same value no longer matches (two changes may land within one millisecond).
    let stamp = patch
        .if_unchanged_since
        .map_or(now, |read| next_updated_at(read, now));
    let mut set = doc! { "updatedAt": bson_time(stamp) };
    if let Some(name) = &patch.name {
        set.insert("name", name.as_str());
    }
    if let Some(amount) = patch.amount {
        set.insert("amount", amount.money().cents());
    }
    if let Some(schedule) = &patch.schedule {
        let stored = bson::to_bson(&StoredSchedule::from(schedule)).context("schedule to BSON")?;
        set.insert("schedule", stored);
    }
    if let Some(category) = &patch.category {
        set.insert("category", text(category));
    }
    if let Some(autopay) = patch.autopay {
        set.insert("autopay", autopay);
    }
    if let Some(notes) = &patch.notes {
        set.insert("notes", text(notes));
    }
    if let Some(archived) = patch.archived {
        set.insert("archived", archived);
    }
    if kind == EntryKind::Bill {
        if let Some(reserved) = patch.reserved {
            set.insert("reserved", reserved.cents());
        }
        if let Some(reserved_on) = patch.reserved_on {
            set.insert("reservedOn", reserved_on.to_string());
        }
    }
    if let Some(exceptions) = &patch.exceptions {
        let stored: Vec<StoredException> = exceptions.iter().map(StoredException::from).collect();
        set.insert(
            "exceptions",
            bson::to_bson(&stored).context("exceptions to BSON")?,
        );
    }
    let mut filter = doc! { "owner": oid(owner), "_id": oid(id) };
    if let Some(read) = patch.if_unchanged_since {
        filter.insert("updatedAt", bson_time(read));
    }
    let raw = store
        .raw_entries_of(kind)
        .find_one_and_update(filter, doc! { "$set": set })
        .return_document(ReturnDocument::After)
        .await
        .map_err(internal)?;
    if raw.is_none() && patch.if_unchanged_since.is_some() {
        // Missing, or changed since it was read: which one decides the answer.
        if one(store, owner, kind, id).await?.is_some() {
            return Err(StoreError::Conflict(CHANGED_MEANWHILE.into()));
        }
    }
    Ok(raw.map(|raw| EntryDoc::read(&raw, kind)).transpose()?)
}

pub(super) async fn delete(
    store: &MongoStore,
    owner: Id,
    kind: EntryKind,
    id: Id,
) -> StoreResult<bool> {
    let deleted = store
        .entries_of(kind)
        .delete_one(doc! { "owner": oid(owner), "_id": oid(id) })
        .await
        .map_err(internal)?;
    Ok(deleted.deleted_count > 0)
}
