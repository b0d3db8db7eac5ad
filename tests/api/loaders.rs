//! DataLoader batching, proven by counting store calls while executing the schema directly.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_graphql::Request;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde_json::json;
use wisewallet::auth::Viewer;
use wisewallet::domain::account::{Email, SettingsChange, User};
use wisewallet::domain::entry::{Entry, EntryKind, EntryPatch};
use wisewallet::domain::id::Id;
use wisewallet::domain::session::{Session, TokenHash};
use wisewallet::graphql::{AuthSettings, RequestMeta, build_schema, prepare_request};
use wisewallet::store::{AttemptLimit, Dump, ImportSummary, Store, StoreResult};

use crate::helpers::{Backend, spawn_app};

/// A store that counts calls per method and passes them on.
struct CountingStore {
    inner: Arc<dyn Store>,
    calls: Mutex<HashMap<&'static str, usize>>,
}

impl CountingStore {
    fn count(&self, method: &'static str) {
        *self.calls.lock().expect("lock").entry(method).or_default() += 1;
    }

    fn take(&self) -> HashMap<&'static str, usize> {
        std::mem::take(&mut self.calls.lock().expect("lock"))
    }
}

#[async_trait]
impl Store for CountingStore {
    async fn ping(&self) -> StoreResult<()> {
        self.count("ping");
        self.inner.ping().await
    }
    async fn create_user(&self, user: &User) -> StoreResult<()> {
        self.count("create_user");
        self.inner.create_user(user).await
    }
    async fn user(&self, id: Id) -> StoreResult<Option<User>> {
        self.count("user");
        self.inner.user(id).await
    }
    async fn user_by_email(&self, email: &Email) -> StoreResult<Option<User>> {
        self.count("user_by_email");
        self.inner.user_by_email(email).await
    }
    async fn update_settings(&self, id: Id, change: &SettingsChange) -> StoreResult<Option<User>> {
        self.count("update_settings");
        self.inner.update_settings(id, change).await
    }
    async fn create_session(&self, session: &Session) -> StoreResult<()> {
        self.count("create_session");
        self.inner.create_session(session).await
    }
    async fn session_user(
        &self,
        hash: &TokenHash,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<User>> {
        self.count("session_user");
        self.inner.session_user(hash, now).await
    }
    async fn delete_session(&self, hash: &TokenHash) -> StoreResult<()> {
        self.count("delete_session");
        self.inner.delete_session(hash).await
    }
    async fn replace_calendar_feed(
        &self,
        owner: Id,
        hash: &TokenHash,
        created_at: DateTime<Utc>,
    ) -> StoreResult<()> {
        self.count("replace_calendar_feed");
        self.inner
            .replace_calendar_feed(owner, hash, created_at)
            .await
    }
    async fn delete_calendar_feed(&self, owner: Id) -> StoreResult<bool> {
        self.count("delete_calendar_feed");
        self.inner.delete_calendar_feed(owner).await
    }
    async fn calendar_feed(&self, owner: Id) -> StoreResult<Option<DateTime<Utc>>> {
        self.count("calendar_feed");
        self.inner.calendar_feed(owner).await
    }
    async fn calendar_feed_user(&self, hash: &TokenHash) -> StoreResult<Option<User>> {
        self.count("calendar_feed_user");
        self.inner.calendar_feed_user(hash).await
    }
    async fn create_entry(&self, entry: &Entry) -> StoreResult<()> {
        self.count("create_entry");
        self.inner.create_entry(entry).await
    }
    async fn entry(&self, owner: Id, kind: EntryKind, id: Id) -> StoreResult<Option<Entry>> {
        self.count("entry");
        self.inner.entry(owner, kind, id).await
    }
    async fn entries_by_ids(
        &self,
        owner: Id,
        kind: EntryKind,
        ids: &[Id],
    ) -> StoreResult<Vec<Entry>> {
        self.count("entries_by_ids");
        self.inner.entries_by_ids(owner, kind, ids).await
    }
    async fn entries(
        &self,
        owner: Id,
        kind: EntryKind,
        include_archived: bool,
    ) -> StoreResult<Vec<Entry>> {
        self.count("entries");
        self.inner.entries(owner, kind, include_archived).await
    }
    async fn update_entry(
        &self,
        owner: Id,
        kind: EntryKind,
        id: Id,
        patch: &EntryPatch,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<Entry>> {
        self.count("update_entry");
        self.inner.update_entry(owner, kind, id, patch, now).await
    }
    async fn delete_entry(&self, owner: Id, kind: EntryKind, id: Id) -> StoreResult<bool> {
        self.count("delete_entry");
        self.inner.delete_entry(owner, kind, id).await
    }
    async fn reserve_attempt(
        &self,
        limits: &[AttemptLimit],
        now: DateTime<Utc>,
        window: std::time::Duration,
    ) -> StoreResult<Option<usize>> {
        self.count("reserve_attempt");
        self.inner.reserve_attempt(limits, now, window).await
    }
    async fn forget_attempts(&self, key: &str) -> StoreResult<()> {
        self.count("forget_attempts");
        self.inner.forget_attempts(key).await
    }
    async fn export(&self) -> StoreResult<Dump> {
        self.count("export");
        self.inner.export().await
    }
    async fn import(&self, dump: &Dump) -> StoreResult<ImportSummary> {
        self.count("import");
        self.inner.import(dump).await
    }
}

const QUERY: &str =
    "{ forecast(from: \"2026-01-01\", until: \"2026-12-31\", startingBalance: \"0\") {
    billsBeforeNextPayday { bill { id name } }
    periods { paydays { payday { name } } bills { date bill { id name amount } } } } }";

async fn reads_for_forecast(
    backend: Backend,
    bills: usize,
) -> (HashMap<&'static str, usize>, usize, usize) {
    let app = spawn_app(backend).await;
    let session = app.sign_up(&format!("loader{bills}@example.com")).await;
    for i in 0..bills {
        app.create_bill(&session, json!({ "name": format!("Bill {i}"), "amount": "10",
            "schedule": { "start": format!("2026-01-{:02}", i % 28 + 1), "frequency": "MONTHLY" } })).await;
    }
    app.create_payday(
        &session,
        json!({ "name": "Salary", "amount": "2000",
        "schedule": { "start": "2026-01-02", "frequency": "WEEKLY", "interval": 2 } }),
    )
    .await;

    let counting = Arc::new(CountingStore {
        inner: app.store.clone(),
        calls: Mutex::new(HashMap::new()),
    });
    let store: Arc<dyn Store> = counting.clone();
    let schema = build_schema(
        store.clone(),
        AuthSettings {
            session_ttl: std::time::Duration::from_secs(60),
            cookie_secure: false,
            public_url: None,
        },
        true,
    );
    let user = app
        .store
        .user(session.id.parse().expect("an id"))
        .await
        .expect("read")
        .expect("a user");
    let viewer = Viewer {
        user: Some(user),
        token_hash: None,
    };
    let response = schema
        .execute(prepare_request(
            Request::new(QUERY),
            &store,
            viewer,
            RequestMeta::default(),
        ))
        .await;
    assert!(response.errors.is_empty(), "{:?}", response.errors);
    let data = response.data.into_json().expect("json");
    let periods = data["forecast"]["periods"].as_array().map_or(0, Vec::len);
    let occurrences = data["forecast"]["periods"]
        .as_array()
        .expect("periods")
        .iter()
        .map(|p| p["bills"].as_array().map_or(0, Vec::len))
        .sum();
    (counting.take(), periods, occurrences)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forecast_reads_the_store_a_constant_number_of_times_however_many_bills() {
    for backend in [Backend::Mongo, Backend::Sqlite] {
        let (few, few_periods, _) = reads_for_forecast(backend, 2).await;
        let (many, periods, occurrences) = reads_for_forecast(backend, 50).await;
        assert_eq!(periods, 26, "{backend:?}");
        assert!(
            occurrences >= 550,
            "{backend:?}: {occurrences} bill occurrences"
        );
        assert!(few_periods > 0);
        // Two list reads (bills, paydays); the loaders answer from the entries those returned.
        let expected = HashMap::from([("entries", 2)]);
        assert_eq!(many, expected, "{backend:?}");
        assert_eq!(few, expected, "{backend:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_loads_are_batched_into_one_owner_scoped_read() {
    for backend in [Backend::Mongo, Backend::Sqlite] {
        let app = spawn_app(backend).await;
        let owner = app.sign_up("batch@example.com").await;
        let mut ids = Vec::new();
        for i in 0..40 {
            ids.push(
                app.create_bill(&owner, crate::helpers::bill(&format!("B{i}"), "1"))
                    .await,
            );
        }
        let counting = Arc::new(CountingStore {
            inner: app.store.clone(),
            calls: Mutex::new(HashMap::new()),
        });
        let store: Arc<dyn Store> = counting.clone();
        let (bills, _) = wisewallet::graphql::loaders::for_owner(
            &store,
            owner.id.parse().expect("id"),
            Default::default(),
        );
        let loads = ids
            .iter()
            .chain(ids.iter())
            .map(|id| bills.0.load_one(id.parse::<Id>().expect("id")));
        let found = futures_util::future::join_all(loads).await;
        assert!(
            found.iter().all(|f| matches!(f, Ok(Some(_)))),
            "{backend:?}"
        );
        assert_eq!(
            counting.take(),
            HashMap::from([("entries_by_ids", 1)]),
            "{backend:?}"
        );
    }
}

#[tokio::test]
async fn a_loader_never_returns_another_users_entries() {
    let app = spawn_app(Backend::Sqlite).await;
    let owner = app.sign_up("loader-owner@example.com").await;
    let other = app.sign_up("loader-other@example.com").await;
    let bill = app
        .create_bill(&owner, crate::helpers::bill("Rent", "1"))
        .await;
    let (bills, _) = wisewallet::graphql::loaders::for_owner(
        &app.store,
        other.id.parse().expect("id"),
        Default::default(),
    );
    let found = bills
        .0
        .load_one(bill.parse::<Id>().expect("id"))
        .await
        .expect("no error");
    assert!(found.is_none());
    let (bills, _) = wisewallet::graphql::loaders::for_owner(
        &app.store,
        owner.id.parse().expect("id"),
        Default::default(),
    );
    assert!(
        bills
            .0
            .load_one(bill.parse::<Id>().expect("id"))
            .await
            .expect("no error")
            .is_some()
    );
}
