//! The MongoDB store: production on Atlas, tests on FerretDB or the official `mongo` image.
//!
//! - One long-lived [`Client`]; pinged at start; indexes created in code at start.
//! - Writes use majority write concern with journaling.
//! - Every filter on bills, paydays and sessions names the owner.
//! - No transactions, `$lookup` or Decimal128 (FerretDB v1 has none): money is `i64` cents.
//! - The per-user entry limits hold under concurrency through a **unique index**, not a counter:
//!   each bill or payday takes one of its owner's `limit` numbered slots, and `{owner, slot}` is
//!   unique. A create reads the used slots, inserts into a free one picked at random, and on a
//!   duplicate-key error (someone else took it first) reads again; with no free slot it is
//!   refused. Deleting an entry frees its slot. (A counter with a conditional `$inc` would be
//!   simpler on MongoDB, but FerretDB v1 does not apply concurrent updates atomically — measured:
//!   200 concurrent `$inc`s left 22 — while it does enforce unique indexes.)

use anyhow::Context;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use mongodb::bson::{self, Bson, Document, doc, oid::ObjectId};
use mongodb::error::{ErrorKind, WriteFailure};
use mongodb::options::{Acknowledgment, ClientOptions, IndexOptions, ReturnDocument, WriteConcern};
use mongodb::{Client, Collection, Database, IndexModel};
use serde::{Deserialize, Serialize};

use super::{
    Dump, EMAIL_TAKEN, ImportSummary, Session, Store, StoreError, StoreResult, StoredEntry,
    StoredSchedule, TokenHash, limit_message,
};
use crate::domain::account::{Currency, Email, SettingsChange, Timezone, User};
use crate::domain::entry::{Entry, EntryKind, EntryPatch, Text, sort_entries};
use crate::domain::id::Id;
use crate::domain::money::Money;

/// The database used when the URL names none.
const DEFAULT_DATABASE: &str = "wisewallet";

/// A store on a MongoDB database.
#[derive(Clone)]
pub struct MongoStore {
    db: Database,
    users: Collection<UserDoc>,
    sessions: Collection<SessionDoc>,
    bills: Collection<EntryDoc>,
    paydays: Collection<EntryDoc>,
    /// The server has no TTL indexes (FerretDB v1): expired sessions are swept on sign-in.
    sweep_sessions: bool,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserDoc {
    #[serde(rename = "_id")]
    id: ObjectId,
    email: String,
    password_hash: String,
    currency: String,
    timezone: String,
    balance: i64,
    created_at: bson::DateTime,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionDoc {
    #[serde(rename = "_id")]
    id: ObjectId,
    token_hash: String,
    user_id: ObjectId,
    created_at: bson::DateTime,
    expires_at: bson::DateTime,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct EntryDoc {
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
    created_at: bson::DateTime,
    updated_at: bson::DateTime,
}

fn oid(id: Id) -> ObjectId {
    ObjectId::from_bytes(id.bytes())
}

fn id(oid: ObjectId) -> Id {
    Id::from_bytes(oid.bytes())
}

fn bson_time(t: DateTime<Utc>) -> bson::DateTime {
    bson::DateTime::from_millis(t.timestamp_millis())
}

fn chrono_time(t: bson::DateTime) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or_default()
}

impl UserDoc {
    fn from_user(user: &User) -> Self {
        UserDoc {
            id: oid(user.id),
            email: user.email.as_str().to_string(),
            password_hash: user.password_hash.clone(),
            currency: user.currency.as_str().to_string(),
            timezone: user.timezone.name().to_string(),
            balance: user.balance.cents(),
            created_at: bson_time(user.created_at),
        }
    }

    fn into_user(self) -> anyhow::Result<User> {
        Ok(User {
            id: id(self.id),
            email: Email::try_from(self.email.as_str()).context("stored email")?,
            password_hash: self.password_hash,
            currency: Currency::try_from(self.currency.as_str()).context("stored currency")?,
            timezone: Timezone::try_from(self.timezone.as_str()).context("stored timezone")?,
            balance: Money::from_cents(self.balance),
            created_at: chrono_time(self.created_at),
        })
    }
}

impl EntryDoc {
    /// The document of `entry`, in no slot yet.
    fn from_entry(entry: &Entry) -> Self {
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
            created_at: bson_time(stored.created_at),
            updated_at: bson_time(stored.updated_at),
        }
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
            created_at: chrono_time(self.created_at),
            updated_at: chrono_time(self.updated_at),
        })
    }
}

/// Whether a driver error is a unique-index violation (code 11000).
fn is_duplicate_key(err: &mongodb::error::Error) -> bool {
    match err.kind.as_ref() {
        ErrorKind::Write(WriteFailure::WriteError(e)) => e.code == 11000,
        ErrorKind::InsertMany(e) => e
            .write_errors
            .as_ref()
            .is_some_and(|errors| errors.iter().any(|e| e.code == 11000)),
        ErrorKind::Command(e) => e.code == 11000,
        _ => false,
    }
}

fn internal(err: mongodb::error::Error) -> StoreError {
    StoreError::Internal(anyhow::Error::new(err))
}

impl MongoStore {
    /// Connects to `uri`, pings the server and creates the indexes.
    pub async fn connect(uri: &str) -> anyhow::Result<Self> {
        let mut options = ClientOptions::parse(uri)
            .await
            .context("DATABASE_URL is not a valid MongoDB connection string")?;
        options.app_name.get_or_insert_with(|| "wisewallet".into());
        options
            .server_selection_timeout
            .get_or_insert(std::time::Duration::from_secs(10));
        options.write_concern = Some(
            WriteConcern::builder()
                .w(Acknowledgment::Majority)
                .journal(true)
                .build(),
        );
        let client = Client::with_options(options)?;
        let db = client
            .default_database()
            .unwrap_or_else(|| client.database(DEFAULT_DATABASE));
        db.run_command(doc! { "ping": 1 })
            .await
            .context("the MongoDB server did not answer a ping")?;
        let store = MongoStore {
            users: db.collection("users"),
            sessions: db.collection("sessions"),
            bills: db.collection("bills"),
            paydays: db.collection("paydays"),
            db,
            sweep_sessions: false,
        };
        let has_ttl = store.create_indexes().await.context("creating indexes")?;
        Ok(MongoStore {
            sweep_sessions: !has_ttl,
            ..store
        })
    }

    /// Creates every index; answers whether the server supports TTL indexes.
    async fn create_indexes(&self) -> mongodb::error::Result<bool> {
        let unique = |name: &str| {
            IndexOptions::builder()
                .unique(true)
                .name(name.to_string())
                .build()
        };
        self.users
            .create_index(
                IndexModel::builder()
                    .keys(doc! { "email": 1 })
                    .options(unique("email_unique"))
                    .build(),
            )
            .await?;
        self.sessions
            .create_index(
                IndexModel::builder()
                    .keys(doc! { "tokenHash": 1 })
                    .options(unique("token_hash_unique"))
                    .build(),
            )
            .await?;
        let ttl = IndexModel::builder()
            .keys(doc! { "expiresAt": 1 })
            .options(
                IndexOptions::builder()
                    .expire_after(std::time::Duration::ZERO)
                    .name("expires_ttl".to_string())
                    .build(),
            )
            .build();
        let has_ttl = match self.sessions.create_index(ttl).await {
            Ok(_) => true,
            Err(e) => {
                // FerretDB v1 has no TTL indexes (code 238, NotImplemented): a plain index serves
                // the sweep of expired sessions that `create_session` does instead.
                if !matches!(e.kind.as_ref(), ErrorKind::Command(c) if c.code == 238) {
                    return Err(e);
                }
                tracing::warn!(
                    "this server has no TTL indexes; expired sessions are swept on sign-in"
                );
                self.sessions
                    .create_index(
                        IndexModel::builder()
                            .keys(doc! { "expiresAt": 1 })
                            .options(IndexOptions::builder().name("expires".to_string()).build())
                            .build(),
                    )
                    .await?;
                false
            }
        };
        self.sessions
            .create_index(IndexModel::builder().keys(doc! { "userId": 1 }).build())
            .await?;
        for entries in [&self.bills, &self.paydays] {
            entries
                .create_index(
                    IndexModel::builder()
                        .keys(doc! { "owner": 1, "_id": 1 })
                        .options(IndexOptions::builder().name("owner_id".to_string()).build())
                        .build(),
                )
                .await?;
            entries
                .create_index(
                    IndexModel::builder()
                        .keys(doc! { "owner": 1, "slot": 1 })
                        .options(unique("owner_slot"))
                        .build(),
                )
                .await?;
        }
        Ok(has_ttl)
    }

    fn entries_of(&self, kind: EntryKind) -> &Collection<EntryDoc> {
        match kind {
            EntryKind::Bill => &self.bills,
            EntryKind::Payday => &self.paydays,
        }
    }

    async fn find_entries(&self, kind: EntryKind, filter: Document) -> StoreResult<Vec<Entry>> {
        let docs: Vec<EntryDoc> = self
            .entries_of(kind)
            .find(filter)
            .await
            .map_err(internal)?
            .try_collect()
            .await
            .map_err(internal)?;
        let mut entries = docs
            .into_iter()
            .map(|d| d.into_entry(kind))
            .collect::<anyhow::Result<Vec<_>>>()?;
        sort_entries(&mut entries);
        Ok(entries)
    }

    /// Inserts `entry` into a free slot of its owner's; `LimitReached` when there is none.
    async fn insert_in_free_slot(&self, entry: &Entry) -> StoreResult<()> {
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

#[async_trait]
impl Store for MongoStore {
    async fn ping(&self) -> StoreResult<()> {
        self.db
            .run_command(doc! { "ping": 1 })
            .await
            .map_err(internal)?;
        Ok(())
    }

    async fn create_user(&self, user: &User) -> StoreResult<()> {
        match self.users.insert_one(UserDoc::from_user(user)).await {
            Ok(_) => Ok(()),
            Err(e) if is_duplicate_key(&e) => Err(StoreError::Conflict(EMAIL_TAKEN.into())),
            Err(e) => Err(internal(e)),
        }
    }

    async fn user(&self, id: Id) -> StoreResult<Option<User>> {
        let doc = self
            .users
            .find_one(doc! { "_id": oid(id) })
            .await
            .map_err(internal)?;
        Ok(doc.map(UserDoc::into_user).transpose()?)
    }

    async fn user_by_email(&self, email: &Email) -> StoreResult<Option<User>> {
        let doc = self
            .users
            .find_one(doc! { "email": email.as_str() })
            .await
            .map_err(internal)?;
        Ok(doc.map(UserDoc::into_user).transpose()?)
    }

    async fn update_settings(&self, id: Id, change: &SettingsChange) -> StoreResult<Option<User>> {
        let mut set = Document::new();
        if let Some(currency) = &change.currency {
            set.insert("currency", currency.as_str());
        }
        if let Some(timezone) = &change.timezone {
            set.insert("timezone", timezone.name());
        }
        if let Some(balance) = change.balance {
            set.insert("balance", balance.cents());
        }
        if set.is_empty() {
            return self.user(id).await;
        }
        let doc = self
            .users
            .find_one_and_update(doc! { "_id": oid(id) }, doc! { "$set": set })
            .return_document(ReturnDocument::After)
            .await
            .map_err(internal)?;
        Ok(doc.map(UserDoc::into_user).transpose()?)
    }

    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        // On MongoDB the TTL index removes expired sessions; servers without TTL indexes
        // (FerretDB) get this sweep instead.
        if self.sweep_sessions {
            self.sessions
                .delete_many(doc! { "expiresAt": { "$lte": bson_time(session.created_at) } })
                .await
                .map_err(internal)?;
        }
        let doc = SessionDoc {
            id: ObjectId::new(),
            token_hash: session.token_hash.0.clone(),
            user_id: oid(session.user_id),
            created_at: bson_time(session.created_at),
            expires_at: bson_time(session.expires_at),
        };
        self.sessions.insert_one(doc).await.map_err(internal)?;
        Ok(())
    }

    async fn session_user(
        &self,
        hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<User>> {
        // The TTL index removes expired sessions lazily, so the expiry is checked here too.
        let session = self
            .sessions
            .find_one(doc! { "tokenHash": &hash.0, "expiresAt": { "$gt": bson_time(now) } })
            .await
            .map_err(internal)?;
        match session {
            Some(session) => self.user(id(session.user_id)).await,
            None => Ok(None),
        }
    }

    async fn delete_session(&self, hash: &TokenHash) -> StoreResult<()> {
        self.sessions
            .delete_one(doc! { "tokenHash": &hash.0 })
            .await
            .map_err(internal)?;
        Ok(())
    }

    async fn create_entry(&self, entry: &Entry) -> StoreResult<()> {
        self.insert_in_free_slot(entry).await
    }

    async fn entry(&self, owner: Id, kind: EntryKind, id: Id) -> StoreResult<Option<Entry>> {
        let doc = self
            .entries_of(kind)
            .find_one(doc! { "owner": oid(owner), "_id": oid(id) })
            .await
            .map_err(internal)?;
        Ok(doc.map(|d| d.into_entry(kind)).transpose()?)
    }

    async fn entries_by_ids(
        &self,
        owner: Id,
        kind: EntryKind,
        ids: &[Id],
    ) -> StoreResult<Vec<Entry>> {
        let ids: Vec<ObjectId> = ids.iter().copied().map(oid).collect();
        self.find_entries(kind, doc! { "owner": oid(owner), "_id": { "$in": ids } })
            .await
    }

    async fn entries(
        &self,
        owner: Id,
        kind: EntryKind,
        include_archived: bool,
    ) -> StoreResult<Vec<Entry>> {
        let mut filter = doc! { "owner": oid(owner) };
        if !include_archived {
            filter.insert("archived", false);
        }
        self.find_entries(kind, filter).await
    }

    async fn update_entry(
        &self,
        owner: Id,
        kind: EntryKind,
        id: Id,
        patch: &EntryPatch,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Entry>> {
        let text = |t: &Option<Text>| t.as_ref().map_or(Bson::Null, |t| Bson::from(t.as_str()));
        let mut set = doc! { "updatedAt": bson_time(now) };
        if let Some(name) = &patch.name {
            set.insert("name", name.as_str());
        }
        if let Some(amount) = patch.amount {
            set.insert("amount", amount.money().cents());
        }
        if let Some(schedule) = &patch.schedule {
            let stored =
                bson::to_bson(&StoredSchedule::from(schedule)).context("schedule to BSON")?;
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
        let doc = self
            .entries_of(kind)
            .find_one_and_update(
                doc! { "owner": oid(owner), "_id": oid(id) },
                doc! { "$set": set },
            )
            .return_document(ReturnDocument::After)
            .await
            .map_err(internal)?;
        Ok(doc.map(|d| d.into_entry(kind)).transpose()?)
    }

    async fn delete_entry(&self, owner: Id, kind: EntryKind, id: Id) -> StoreResult<bool> {
        let deleted = self
            .entries_of(kind)
            .delete_one(doc! { "owner": oid(owner), "_id": oid(id) })
            .await
            .map_err(internal)?;
        Ok(deleted.deleted_count > 0)
    }

    async fn export(&self) -> StoreResult<Dump> {
        let users: Vec<UserDoc> = self
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
            let docs: Vec<EntryDoc> = self
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

    async fn import(&self, dump: &Dump) -> StoreResult<ImportSummary> {
        // First pass: refuse the whole dump before writing anything if a user clashes.
        for (user, _) in dump.users_with_entries() {
            let by_id = self.user(user.id).await?;
            let by_email = self.user_by_email(&user.email).await?;
            super::check_import_clash(&user, by_id.as_ref(), by_email.as_ref())?;
        }
        let mut summary = ImportSummary::default();
        for (user, entries) in dump.users_with_entries() {
            match self.users.insert_one(UserDoc::from_user(&user)).await {
                Ok(_) => summary.users_created += 1,
                Err(e) if is_duplicate_key(&e) => summary.users_skipped += 1,
                Err(e) => return Err(internal(e)),
            }
            for entry in entries {
                let exists = self
                    .entries_of(entry.kind)
                    .find_one(doc! { "_id": oid(entry.id) })
                    .await
                    .map_err(internal)?
                    .is_some();
                if exists {
                    summary.entries_skipped += 1;
                } else {
                    self.insert_in_free_slot(entry).await?;
                    summary.entries_created += 1;
                }
            }
        }
        Ok(summary)
    }
}
