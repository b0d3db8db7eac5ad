//! The MongoDB store: production on Atlas, tests on FerretDB or the official `mongo` image.
//!
//! - One long-lived [`Client`]; pinged at start; indexes created in code at start.
//! - Writes use majority write concern with journaling.
//! - Every filter on bills and paydays names the owner; a request's session is found with its
//!   user, in one find on `users`, where sessions are documents of their own (see `sessions`).
//! - No transactions, `$lookup` or Decimal128 (FerretDB v1 has none): money is `i64` cents.
//! - The per-user entry limits hold under concurrency through a **unique index**, not a counter:
//!   each bill or payday takes one of its owner's `limit` numbered slots, and `{owner, slot}` is
//!   unique. A create reads the used slots, inserts into a free one picked at random, and on a
//!   duplicate-key error (someone else took it first) reads again; with no free slot it is
//!   refused. Deleting an entry frees its slot. (A counter with a conditional `$inc` would be
//!   simpler on MongoDB, but FerretDB v1 does not apply concurrent updates atomically — measured:
//!   200 concurrent `$inc`s left 22 — while it does enforce unique indexes.)
//!
//! One file per record, in the order of the [`Store`] trait: `users`, `sessions`, `feeds`,
//! `entries`, `attempts` (sign-in attempts, counted together by every server) and `backup`
//! (export and import); this file connects, creates the indexes and lists the trait's methods.

mod attempts;
mod backup;
mod entries;
mod feeds;
mod sessions;
mod users;

use std::sync::Arc;

use anyhow::Context;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use mongodb::bson::{self, Document, doc, oid::ObjectId};
use mongodb::error::{ErrorKind, WriteFailure};
use mongodb::options::{Acknowledgment, ClientOptions, IndexOptions, WriteConcern};
use mongodb::{Client, Collection, Database, IndexModel};
use tokio::sync::{Semaphore, SemaphorePermit};

use self::entries::EntryDoc;
use self::feeds::FeedDoc;
use self::sessions::OldSessionDoc;
use self::users::UserDoc;
use super::{AttemptLimit, Dump, ImportSummary, Store, StoreError, StoreResult};
use crate::domain::account::{Email, SettingsChange, User};
use crate::domain::entry::{Entry, EntryKind, EntryPatch};
use crate::domain::id::Id;
use crate::domain::session::{Session, SessionKey, TokenHash};

/// The database used when the URL names none.
const DEFAULT_DATABASE: &str = "wisewallet";

/// A store on a MongoDB database.
#[derive(Clone)]
pub struct MongoStore {
    db: Database,
    users: Collection<UserDoc>,
    /// Sessions made before they moved into `users` (see `sessions`).
    old_sessions: Collection<OldSessionDoc>,
    feeds: Collection<FeedDoc>,
    bills: Collection<EntryDoc>,
    paydays: Collection<EntryDoc>,
    attempts: Collection<Document>,
    /// The server has no TTL indexes (FerretDB v1): expired sessions of the `sessions`
    /// collection are swept on sign-in too (those in `users` always are).
    sweep_sessions: bool,
    /// One permit per pooled connection, taken by every [`Store`] call for as long as it runs
    /// (see [`POOL_SIZE`]).
    callers: Arc<Semaphore>,
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

/// A driver error as a [`StoreError`]: `Unavailable` when no server could be selected or the
/// connection failed, `Internal` otherwise.
fn internal(err: mongodb::error::Error) -> StoreError {
    let unavailable = matches!(
        err.kind.as_ref(),
        ErrorKind::ServerSelection { .. }
            | ErrorKind::Io(_)
            | ErrorKind::ConnectionPoolCleared { .. }
    );
    if unavailable {
        StoreError::Unavailable(anyhow::Error::new(err))
    } else {
        StoreError::Internal(anyhow::Error::new(err))
    }
}

/// Connections to the database, unless the connection string says otherwise (`maxPoolSize`):
/// the driver's own default, set here so that the permits below match it. More did not serve
/// more requests where the database is the limit: on FerretDB sharing the two cores, 32 gave the
/// same forecasts per second as 10 with a p99 of 390 ms instead of 210 (the database took every
/// query at once and served them less fairly than the permits' first-come queue).
/// `docs/scaling.md` says when to raise it.
///
/// Every [`Store`] call first takes one of as many permits as there are connections, and the
/// driver may open all of them at once (`maxConnecting`, unless the string sets it), so no call
/// ever queues inside the driver: it waits, if it must (a forecast's second read), for a
/// permit, where giving up (a client gone, a request timed out) simply leaves the queue. Inside
/// the driver it would not. Its pool serves one queued request per event and keeps those whose
/// callers are gone, so after a burst of abandoned requests a new read waited half a second
/// (its maintenance tick) for each of them: with the driver's defaults (10 connections, 2
/// opening at a time), 32 clients dropping their requests stalled the next request for 1.7 to
/// 6.9 seconds in most runs (seen in the driver's connection events; the contract test
/// `reads_given_up_by_their_callers_do_not_hold_up_the_next_read` keeps it fixed).
const POOL_SIZE: u32 = 10;

/// How long an operation waits for a server to answer before it fails, unless the connection
/// string says otherwise (`serverSelectionTimeoutMS`). The driver's default, 30 s, would hold
/// every request (and `/readyz`) that long while the database is away; 2 s answers them with
/// `SERVICE_UNAVAILABLE` and 503 well within the request timeout. The cost: during an Atlas
/// primary election (usually a few seconds) a write may get `SERVICE_UNAVAILABLE` instead of
/// waiting for the new primary; the client tries again.
const SERVER_SELECTION_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(2);

impl MongoStore {
    /// Connects to `uri`, pings the server and creates the indexes.
    pub async fn connect(uri: &str) -> anyhow::Result<Self> {
        let mut options = ClientOptions::parse(uri)
            .await
            .context("DATABASE_URL is not a valid MongoDB connection string")?;
        options.app_name.get_or_insert_with(|| "wisewallet".into());
        options
            .server_selection_timeout
            .get_or_insert(SERVER_SELECTION_TIMEOUT);
        // The driver refuses `maxPoolSize=0`, so there is at least one permit.
        let connections = *options.max_pool_size.get_or_insert(POOL_SIZE);
        options.max_connecting.get_or_insert(connections);
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
            old_sessions: db.collection("sessions"),
            feeds: db.collection("calendarFeeds"),
            bills: db.collection("bills"),
            paydays: db.collection("paydays"),
            attempts: db.collection("attempts"),
            db,
            sweep_sessions: false,
            callers: Arc::new(Semaphore::new(connections as usize)),
        };
        let has_ttl = store.create_indexes().await.context("creating indexes")?;
        users::upgrade(&store, chrono::Utc::now().date_naive())
            .await
            .context("upgrading users stored before the plan")?;
        Ok(MongoStore {
            sweep_sessions: !has_ttl,
            ..store
        })
    }

    /// A permit to use one connection, for as long as one [`Store`] call runs (see
    /// [`POOL_SIZE`]). Only the trait's methods take one, never the functions they call, so a
    /// call never waits for a second permit while holding the first.
    async fn connection(&self) -> SemaphorePermit<'_> {
        self.callers
            .acquire()
            .await
            .expect("the semaphore is never closed")
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
        // The sessions beside the users, for the sweep on sign-in; sparse, so users, who have
        // no `expiresAt`, are not in it.
        self.users
            .create_index(
                IndexModel::builder()
                    .keys(doc! { "expiresAt": 1 })
                    .options(
                        IndexOptions::builder()
                            .sparse(true)
                            .name("session_expires".to_string())
                            .build(),
                    )
                    .build(),
            )
            .await?;
        self.old_sessions
            .create_index(
                IndexModel::builder()
                    .keys(doc! { "tokenHash": 1 })
                    .options(unique("token_hash_unique"))
                    .build(),
            )
            .await?;
        // A document goes when its `expiresAt` passes.
        let ttl = || {
            IndexModel::builder()
                .keys(doc! { "expiresAt": 1 })
                .options(
                    IndexOptions::builder()
                        .expire_after(std::time::Duration::ZERO)
                        .name("expires_ttl".to_string())
                        .build(),
                )
                .build()
        };
        let has_ttl = match self.old_sessions.create_index(ttl()).await {
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
                self.old_sessions
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
        self.old_sessions
            .create_index(IndexModel::builder().keys(doc! { "userId": 1 }).build())
            .await?;
        self.feeds
            .create_index(
                IndexModel::builder()
                    .keys(doc! { "tokenHash": 1 })
                    .options(unique("feed_token_hash_unique"))
                    .build(),
            )
            .await?;
        self.attempts
            .create_index(
                IndexModel::builder()
                    .keys(doc! { "key": 1, "expiresAt": 1 })
                    .options(
                        IndexOptions::builder()
                            .name("key_expires".to_string())
                            .build(),
                    )
                    .build(),
            )
            .await?;
        if has_ttl {
            self.attempts.create_index(ttl()).await?;
        }
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
}

#[async_trait]
impl Store for MongoStore {
    async fn ping(&self) -> StoreResult<()> {
        let _connection = self.connection().await;
        self.db
            .run_command(doc! { "ping": 1 })
            .await
            .map_err(internal)?;
        Ok(())
    }

    async fn create_user(&self, user: &User) -> StoreResult<()> {
        let _connection = self.connection().await;
        users::create(self, user).await
    }

    async fn user(&self, id: Id) -> StoreResult<Option<User>> {
        let _connection = self.connection().await;
        users::by_id(self, id).await
    }

    async fn user_by_email(&self, email: &Email) -> StoreResult<Option<User>> {
        let _connection = self.connection().await;
        users::by_email(self, email).await
    }

    async fn update_settings(&self, id: Id, change: &SettingsChange) -> StoreResult<Option<User>> {
        let _connection = self.connection().await;
        users::update_settings(self, id, change).await
    }

    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        let _connection = self.connection().await;
        sessions::create(self, session).await
    }

    async fn session_user(
        &self,
        key: &SessionKey,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<User>> {
        let _connection = self.connection().await;
        sessions::user(self, key, now).await
    }

    async fn delete_session(&self, key: &SessionKey) -> StoreResult<()> {
        let _connection = self.connection().await;
        sessions::delete(self, key).await
    }

    async fn replace_calendar_feed(
        &self,
        owner: Id,
        hash: &TokenHash,
        created_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        let _connection = self.connection().await;
        feeds::replace(self, owner, hash, created_at).await
    }

    async fn delete_calendar_feed(&self, owner: Id) -> StoreResult<bool> {
        let _connection = self.connection().await;
        feeds::delete(self, owner).await
    }

    async fn calendar_feed(&self, owner: Id) -> StoreResult<Option<DateTime<Utc>>> {
        let _connection = self.connection().await;
        feeds::created_at(self, owner).await
    }

    async fn calendar_feed_user(&self, hash: &TokenHash) -> StoreResult<Option<User>> {
        let _connection = self.connection().await;
        feeds::user(self, hash).await
    }

    async fn create_entry(&self, entry: &Entry) -> StoreResult<()> {
        let _connection = self.connection().await;
        entries::create(self, entry).await
    }

    async fn entry(&self, owner: Id, kind: EntryKind, id: Id) -> StoreResult<Option<Entry>> {
        let _connection = self.connection().await;
        entries::one(self, owner, kind, id).await
    }

    async fn entries_by_ids(
        &self,
        owner: Id,
        kind: EntryKind,
        ids: &[Id],
    ) -> StoreResult<Vec<Entry>> {
        let _connection = self.connection().await;
        entries::by_ids(self, owner, kind, ids).await
    }

    async fn entries(
        &self,
        owner: Id,
        kind: EntryKind,
        include_archived: bool,
    ) -> StoreResult<Vec<Entry>> {
        let _connection = self.connection().await;
        entries::list(self, owner, kind, include_archived).await
    }

    async fn update_entry(
        &self,
        owner: Id,
        kind: EntryKind,
        id: Id,
        patch: &EntryPatch,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Entry>> {
        let _connection = self.connection().await;
        entries::update(self, owner, kind, id, patch, now).await
    }

    async fn delete_entry(&self, owner: Id, kind: EntryKind, id: Id) -> StoreResult<bool> {
        let _connection = self.connection().await;
        entries::delete(self, owner, kind, id).await
    }

    async fn reserve_attempt(
        &self,
        limits: &[AttemptLimit],
        now: DateTime<Utc>,
        window: std::time::Duration,
    ) -> StoreResult<Option<usize>> {
        let _connection = self.connection().await;
        attempts::reserve(self, limits, now, window).await
    }

    async fn forget_attempts(&self, key: &str) -> StoreResult<()> {
        let _connection = self.connection().await;
        attempts::forget(self, key).await
    }

    async fn export(&self) -> StoreResult<Dump> {
        let _connection = self.connection().await;
        backup::export(self).await
    }

    async fn import(&self, dump: &Dump) -> StoreResult<ImportSummary> {
        let _connection = self.connection().await;
        backup::import(self, dump).await
    }
}
