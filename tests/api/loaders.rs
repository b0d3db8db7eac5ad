//! DataLoader batching, proven by counting store calls while executing the schema directly.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::Request;
use serde_json::json;
use wisewallet::auth::Viewer;
use wisewallet::domain::id::Id;
use wisewallet::graphql::{AuthSettings, RequestMeta, build_schema, prepare_request};
use wisewallet::store::Store;

use crate::counting::CountingStore;
use crate::helpers::{Backend, spawn_app};

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

    let counting = Arc::new(CountingStore::new(app.store.clone()));
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
        session: None,
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
        // One read of both lists (two queries at once on MongoDB, one on SQLite); the loaders
        // answer from the entries it returned.
        let expected = HashMap::from([("bills_and_paydays", 1)]);
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
        let counting = Arc::new(CountingStore::new(app.store.clone()));
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
