//! The GraphQL layer in process: `graphql::execute` (limits, parsing, validation, execution)
//! and the JSON text of the response, as the HTTP handler produces it, without HTTP.
//!
//! A fresh SQLite file in a temporary folder holds the household of `bench/household.py`
//! (30 bills, 2 paydays; it is created by running that script, so the HTTP benchmark and this one
//! measure the same data). Cases:
//! - `typename`: `{ __typename }`, signed in — the fixed cost of a request;
//! - `forecast`: the household forecast of `bench/http.sh` (one year, 38 periods, 503 bill
//!   occurrences), on the direct path (its JSON text written by the walk);
//! - `forecast_generic`: the same through async-graphql's executor (`GenericExecution`), the
//!   path every request took before issue 14;
//! - `bills`: the web app's bill list.
//!
//! Before the timings each case prints on stderr its response size and the heap allocations
//! one request makes (a counting allocator around the system one).
//!
//! Run with `cargo bench --bench graphql -- --warm-up-time 1 --measurement-time 5`.
//!
//! With `GRAPHQL_BENCH_REPEAT=N` and `GRAPHQL_BENCH_CASE=name` it runs that case N times and
//! exits, without Criterion: a fixed amount of work, for instruction counts that do not depend
//! on the machine's load (`valgrind --tool=callgrind`, run with two values of N; the difference
//! of the totals divided by the difference of N is one request, setup excluded).

use std::alloc::System;
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use async_graphql::Request;
use criterion::{Criterion, criterion_group, criterion_main};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use wisewallet::auth::Viewer;
use wisewallet::auth::session::session_key;
use wisewallet::graphql::direct::GenericExecution;
use wisewallet::graphql::{Answer, AppSchema, AuthSettings, RequestMeta, build_schema, execute};
use wisewallet::store::Store;
use wisewallet::store::sqlite::SqliteStore;

#[global_allocator]
static ALLOCATOR: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const FORECAST: &str = r#"{ forecast(from: "2026-01-01", until: "2026-12-31", startingBalance: "1000.00") { dueBeforeNextPayday nextPayday totalIncome totalBills lowestBalance { date balance } billsBeforeNextPayday { date amount bill { name } } periods { start end income setAside leftover endingBalance paydays { date amount payday { name } } bills { date amount bill { id name } } } } }"#;

const BILLS: &str = "query Bills($includeArchived: Boolean! = false) { bills(includeArchived: $includeArchived) { id name amount nextDue archived ...BillListItem_Bill } } fragment BillListItem_Bill on Bill { id name amount category autopay archived nextDue schedule { ...ScheduleFields } } fragment ScheduleFields on Schedule { start frequency interval daysOfMonth until count weekend }";

struct Setup {
    schema: AppSchema,
    store: Arc<dyn Store>,
    viewer: Viewer,
}

/// `request` through `graphql::execute` as the setup's viewer; it must succeed.
async fn respond(setup: &Setup, request: Request) -> Answer {
    let response = execute(
        &setup.schema,
        &setup.store,
        request,
        setup.viewer.clone(),
        RequestMeta::default(),
        Duration::from_secs(30),
    )
    .await;
    assert!(response.is_ok(), "{:?}", response.errors());
    response
}

/// One request through `graphql::execute`, serialised as the HTTP handler does (in pieces,
/// the walk's text among them): the response's length in bytes.
async fn run(setup: &Setup, query: &str, generic: bool) -> usize {
    let mut request = Request::new(query);
    if generic {
        request = request.data(GenericExecution);
    }
    let pieces = respond(setup, request).await.pieces();
    pieces.iter().map(|piece| piece.len()).sum()
}

async fn post(setup: &Setup, query: &str, variables: serde_json::Value) -> serde_json::Value {
    let request = Request::new(query).variables(async_graphql::Variables::from_json(variables));
    respond(setup, request)
        .await
        .into_response()
        .data
        .into_json()
        .expect("json")
}

async fn setup(dir: &Path) -> Setup {
    let store: Arc<dyn Store> = Arc::new(
        SqliteStore::open(&dir.join("bench.db"))
            .await
            .expect("a SQLite store"),
    );
    let schema = build_schema(
        store.clone(),
        AuthSettings {
            session_ttl: Duration::from_secs(3600),
            cookie_secure: false,
            public_url: None,
        },
        true,
    );
    let mut setup = Setup {
        schema,
        store: store.clone(),
        viewer: Viewer::default(),
    };
    let data = post(
        &setup,
        r#"mutation { signUp(email: "bench@example.com", password: "benchmark password") { token } }"#,
        serde_json::Value::Null,
    )
    .await;
    let token = data["signUp"]["token"].as_str().expect("a token");
    let user = store
        .session_user(&session_key(token), chrono::Utc::now())
        .await
        .expect("a read")
        .expect("the user");
    setup.viewer = Viewer {
        user: Some(user),
        session: None,
    };
    let household = std::process::Command::new("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("bench/household.py"))
        .output()
        .expect("python3 runs bench/household.py");
    assert!(household.status.success(), "bench/household.py failed");
    for line in String::from_utf8(household.stdout).expect("utf-8").lines() {
        let op: serde_json::Value = serde_json::from_str(line).expect("a request");
        let query = op["query"].as_str().expect("a query");
        post(&setup, query, op["variables"].clone()).await;
    }
    setup
}

fn graphql(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a runtime");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let setup = runtime.block_on(setup(dir.path()));
    let cases = [
        ("typename", "{ __typename }", false),
        ("forecast", FORECAST, false),
        ("forecast_generic", FORECAST, true),
        ("bills", BILLS, false),
    ];
    if let Ok(repeat) = std::env::var("GRAPHQL_BENCH_REPEAT") {
        let repeat: usize = repeat.parse().expect("GRAPHQL_BENCH_REPEAT is a count");
        let case = std::env::var("GRAPHQL_BENCH_CASE").expect("GRAPHQL_BENCH_CASE names a case");
        let (_, query, generic) = cases
            .into_iter()
            .find(|(name, ..)| *name == case)
            .expect("GRAPHQL_BENCH_CASE is one of the cases");
        let mut bytes = 0;
        for _ in 0..repeat {
            bytes += runtime.block_on(run(&setup, query, generic));
        }
        eprintln!("{case}: {repeat} requests, {bytes} response bytes");
        return;
    }
    for (name, query, generic) in cases {
        let length = runtime.block_on(run(&setup, query, generic));
        let region = Region::new(ALLOCATOR);
        let again = runtime.block_on(run(&setup, query, generic));
        let stats = region.change();
        assert_eq!(length, again);
        eprintln!(
            "{name}: {} response bytes, {} allocations ({} reallocations, {} bytes) per request",
            length, stats.allocations, stats.reallocations, stats.bytes_allocated
        );
        c.bench_function(name, |b| {
            b.iter(|| runtime.block_on(run(&setup, black_box(query), generic)))
        });
    }
}

criterion_group!(benches, graphql);
criterion_main!(benches);
