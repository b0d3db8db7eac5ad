//! Hostile input, by attack class: each test varies where the attack sits and how it fans out,
//! and checks that it is refused with a clear code and that the server is still serving.
//! (How fast the refusals are is measured in `bench/attacks.py`, not asserted here.)

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::sync::Semaphore;

use crate::counting::CountingStore;
use crate::helpers::{
    Backend, Session, TestApp, spawn_app, spawn_app_over, spawn_app_with, still_serving,
};
use crate::http::assert_limited;

fn nest(open: &str, close: &str, depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

#[tokio::test]
async fn deeply_nested_values_anywhere_in_a_document_are_refused_before_parsing() {
    let app = spawn_app(Backend::Sqlite).await;
    for depth in [41, 2_000, 10_000] {
        let list = nest("[", "]", depth, "1");
        let object = nest("{a: ", "}", depth, "1");
        for query in [
            format!("{{ bill(id: {list}) {{ id }} }}"),
            format!("{{ forecast(startingBalance: {object}) {{ totalBills }} }}"),
            format!("query($v: [[Int]] = {list}) {{ __typename }}"),
            format!("{{ __typename @include(if: {list}) }}"),
            format!("mutation {{ signIn(email: {object}, password: \"x\") {{ token }} }}"),
            nest("{ me ", "}", depth, "id"),
        ] {
            let (status, body) = app.post(None, &query, json!({})).await;
            assert_eq!(status, StatusCode::OK, "{depth}");
            assert_limited(&body, "nests");
        }
    }
    still_serving(&app).await;
}

#[tokio::test]
async fn deeply_nested_variables_are_refused() {
    let app = spawn_app(Backend::Sqlite).await;
    for depth in [41, 120] {
        let mut value = json!(1);
        for n in 0..depth {
            value = if n % 2 == 0 {
                json!([value])
            } else {
                json!({ "a": value })
            };
        }
        let (status, body) = app
            .post(None, "query($v: Int) { __typename }", json!({ "v": value }))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_limited(&body, "variables");
    }
    still_serving(&app).await;
}

/// Fragments that each spread the one before `fan` times, `levels` deep, around `leaf`.
fn fragment_bomb(levels: usize, fan: usize, leaf: &str, spread_at: &str) -> String {
    let mut query = spread_at.replace("SPREAD", &format!("...F{levels}"));
    query.push_str(&format!(" fragment F0 on Query {{ {leaf} }}"));
    for level in 1..=levels {
        let spreads = format!(" ...F{}", level - 1).repeat(fan);
        query.push_str(&format!(" fragment F{level} on Query {{ {spreads} }}"));
    }
    query
}

#[tokio::test]
async fn fragments_that_fan_out_are_refused_without_being_expanded() {
    let app = spawn_app(Backend::Sqlite).await;
    let s = app.sign_up("fragments@example.com").await;
    for (levels, fan, leaf) in [
        (26, 2, "__typename"),
        (16, 3, "__typename a: __typename"),
        (12, 4, "me { id email }"),
        (8, 12, "bills { id }"),
    ] {
        for spread_at in [
            "query { SPREAD }",
            "query { ... on Query { SPREAD } }",
            "query A { __typename } query B { SPREAD }",
        ] {
            let query = fragment_bomb(levels, fan, leaf, spread_at);
            assert!(query.len() < 4096, "the attack is small: {}", query.len());
            let (_, body) = app.post(Some(&s.token), &query, json!({})).await;
            assert_eq!(
                body["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED",
                "{levels}×{fan} {spread_at}: {body}"
            );
            assert!(body["data"].is_null(), "{body}");
        }
    }
    still_serving(&app).await;
}

#[tokio::test]
async fn typename_counts_like_any_field() {
    let app = spawn_app(Backend::Sqlite).await;
    let aliases = |n: usize| {
        let fields: String = (0..n).map(|i| format!(" t{i}: __typename")).collect();
        format!("{{ {fields} }}")
    };
    let (_, ok) = app.post(None, &aliases(2000), json!({})).await;
    assert!(ok.get("errors").is_none(), "{}", ok["errors"]);
    let (_, over) = app.post(None, &aliases(2001), json!({})).await;
    assert_limited(&over, "fields");
}

/// Signs up and creates `n` daily bills in one request.
async fn with_daily_bills(app: &TestApp, email: &str, n: usize) -> Session {
    let s = app.sign_up(email).await;
    let creates: String = (0..n)
        .map(|i| {
            format!(
                " b{i}: createBill(input: {{ name: \"Bill {i}\", amount: \"1.00\", \
                 schedule: {{ start: \"2026-01-01\", frequency: DAILY }} }}) {{ id }}"
            )
        })
        .collect();
    app.ok(
        Some(&s.token),
        &format!("mutation {{ {creates} }}"),
        json!({}),
    )
    .await;
    s
}

mod response_budget {
    use super::*;

    crate::common::backend_tests! {
        fixture: TestApp = spawn_app;

        async fn aliases_multiplied_by_list_items_are_refused_as_one_error(app) {
            let s = with_daily_bills(&app, "budget@example.com", 60).await;

            let typenames: String = (0..1700).map(|i| format!(" t{i}: __typename")).collect();
            let (status, body) = app
                .post(Some(&s.token), &format!("{{ bills {{ {typenames} }} }}"), json!({}))
                .await;
            assert_eq!(status, StatusCode::OK);
            assert_limited(&body, "too large");
            assert_eq!(body["errors"].as_array().map(Vec::len), Some(1), "{body}");
            assert!(body["data"].is_null(), "{body}");

            let windows: String = (0..4)
                .map(|i| format!(" o{i}: occurrences(from: \"2026-01-01\", to: \"2027-06-30\")"))
                .collect();
            let (_, body) = app
                .post(Some(&s.token), &format!("{{ bills {{ id {windows} }} }}"), json!({}))
                .await;
            assert_limited(&body, "too large");
            assert_eq!(body["errors"].as_array().map(Vec::len), Some(1), "{body}");

            let data = app
                .ok(
                    Some(&s.token),
                    "{ bills { id occurrences(from: \"2026-01-01\", to: \"2026-03-31\") } }",
                    json!({}),
                )
                .await;
            assert_eq!(data["bills"].as_array().map(Vec::len), Some(60));
        }

        async fn a_forecast_too_large_to_expand_is_refused_and_a_normal_one_is_not(app) {
            let s = with_daily_bills(&app, "forecast-budget@example.com", 60).await;
            app.create_payday(&s, crate::helpers::payday("Salary", "2000.00")).await;

            let five_years = "{ forecast(from: \"2026-01-01\", until: \"2030-12-31\") \
                              { totalBills } }";
            let (_, body) = app.post(Some(&s.token), five_years, json!({})).await;
            assert_limited(&body, "shorter window");

            let listed = "{ forecast(from: \"2026-01-01\", until: \"2027-12-31\") \
                          { periods { bills { date amount bill { name } } } } }";
            let (_, body) = app.post(Some(&s.token), listed, json!({})).await;
            assert_limited(&body, "too large");

            let month = "{ forecast(from: \"2026-01-01\", until: \"2026-01-31\") \
                         { totalBills periods { bills { date } } } }";
            let data = app.ok(Some(&s.token), month, json!({})).await;
            assert!(data["forecast"]["periods"].as_array().is_some_and(|p| !p.is_empty()));
        }
    }
}

#[tokio::test]
async fn one_request_signs_up_or_in_at_most_once() {
    let app = spawn_app(Backend::Sqlite).await;
    let signups: String = (0..3)
        .map(|i| {
            format!(" s{i}: signUp(email: \"many{i}@example.com\", password: \"correct horse\") {{ token }}")
        })
        .collect();
    let (_, body) = app
        .post(None, &format!("mutation {{ {signups} }}"), json!({}))
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{body}"
    );
    let signed_in = app
        .error_code(
            None,
            "mutation { signIn(email: \"many0@example.com\", password: \"correct horse\") { token } }",
            json!({}),
        )
        .await;
    assert_eq!(signed_in, "UNAUTHENTICATED", "no account was created");
}

/// Sixty-one guesses at one account's password, the right one among them, all at the server at
/// once: five passwords are checked, the rest are `RATE_LIMITED` by the server's own counts
/// without a store round trip (see `auth::throttle`). The store holds every request that would
/// check a password until each of the 61 has either reached that point or been answered, so the
/// test does not depend on when the requests arrive: a success forgives its email's failures,
/// and a guess that arrived only after it would rightly get a fresh place (which made the
/// timing-only version of this test fail about once in 30 runs).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_guesses_cannot_pass_the_email_limit_together() {
    const GUESSES: usize = 61;
    let gate = Arc::new(Semaphore::new(0));
    let mut gated = None;
    let app = spawn_app_over(
        Backend::Sqlite,
        |_| {},
        |store| {
            let store = Arc::new(CountingStore::gating_user_by_email(store, gate.clone()));
            gated = Some(store.clone());
            store
        },
    )
    .await;
    let store = gated.expect("the store is wrapped");
    app.sign_up("target@example.com").await;
    let reserved_before = store.calls("reserve_attempt");
    let answered = Arc::new(AtomicUsize::new(0));
    let attempt = |password: &'static str| {
        let client = app.client.clone();
        let url = app.url("/graphql");
        let answered = answered.clone();
        tokio::spawn(async move {
            let body: Value = client
                .post(url)
                .json(&json!({
                    "query": "mutation($p: String!) { signIn(email: \"target@example.com\", password: $p) { token } }",
                    "variables": { "p": password },
                }))
                .send()
                .await
                .expect("an answer")
                .json()
                .await
                .expect("JSON");
            answered.fetch_add(1, Ordering::SeqCst);
            body
        })
    };
    let mut handles: Vec<_> = (1..GUESSES)
        .map(|_| attempt("wrong horse battery"))
        .collect();
    handles.insert(GUESSES / 2, attempt("correct horse battery"));
    // Lined up: every guess answered or waiting, or already more waiting than the limit allows
    // (then at most `MAX_RUNNING` of them can wait, and the rest would wait behind them).
    let lined_up = async {
        loop {
            let waiting = store.calls("user_by_email");
            if waiting > 5 || answered.load(Ordering::SeqCst) + waiting == GUESSES {
                break;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    };
    tokio::time::timeout(Duration::from_secs(30), lined_up)
        .await
        .expect("every guess is answered or waits to check its password");
    gate.add_permits(GUESSES);
    let mut checked = 0;
    let mut limited = 0;
    for handle in handles {
        let body = handle.await.expect("joined");
        match body["errors"][0]["extensions"]["code"].as_str() {
            None | Some("UNAUTHENTICATED") => checked += 1,
            Some("RATE_LIMITED") => limited += 1,
            other => panic!("unexpected {other:?}: {body}"),
        }
    }
    assert_eq!(checked, 5, "{checked} passwords were checked");
    assert_eq!(limited, GUESSES - 5);
    assert_eq!(
        store.calls("user_by_email"),
        5,
        "only reserved guesses read the account"
    );
    assert_eq!(
        store.calls("reserve_attempt") - reserved_before,
        5,
        "the server's own counts refuse guesses past the limit without asking the store"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_sign_ups_is_refused_at_once_and_a_real_user_still_gets_in() {
    let app = spawn_app_with(Backend::Sqlite, |c| {
        c.signin_limits.per_address = 100_000;
        c.signin_limits.global = 100_000;
    })
    .await;
    app.sign_up("real@example.com").await;
    let flood: Vec<_> = (0..80)
        .map(|i| {
            let client = app.client.clone();
            let url = app.url("/graphql");
            tokio::spawn(async move {
                let body: Value = client
                    .post(url)
                    .json(&json!({
                        "query": format!("mutation {{ signUp(email: \"flood{i}@example.com\", password: \"correct horse\") {{ token }} }}"),
                    }))
                    .send()
                    .await
                    .expect("an answer")
                    .json()
                    .await
                    .expect("JSON");
                body
            })
        })
        .collect();
    let mut busy = 0;
    for handle in flood {
        let body = handle.await.expect("joined");
        if body["errors"][0]["extensions"]["code"] == "RATE_LIMITED" {
            busy += 1;
        } else {
            assert!(body["data"]["signUp"]["token"].is_string(), "{body}");
        }
    }
    assert!(
        busy > 0,
        "a full hashing queue refuses instead of queueing everything"
    );
    let data = app
        .ok(
            None,
            "mutation { signIn(email: \"real@example.com\", password: \"correct horse battery\") { token } }",
            json!({}),
        )
        .await;
    assert!(data["signIn"]["token"].is_string());
}

#[tokio::test]
async fn one_client_address_is_throttled_and_a_proxy_header_counts_only_when_trusted() {
    let sign_in = |ip: &'static str| {
        (
            "mutation { signIn(email: \"nobody@example.com\", password: \"wrong horse\") { token } }",
            ip,
        )
    };
    let attempt = |app: &TestApp, (query, ip): (&'static str, &'static str)| {
        let request = app
            .client
            .post(app.url("/graphql"))
            .header("x-forwarded-for", format!("198.51.100.99, {ip}"))
            .json(&json!({ "query": query }));
        async move {
            let body: Value = request
                .send()
                .await
                .expect("an answer")
                .json()
                .await
                .expect("JSON");
            body["errors"][0]["extensions"]["code"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        }
    };

    let behind_proxy = spawn_app_with(Backend::Sqlite, |c| {
        c.trusted_proxies = vec!["127.0.0.1".parse().expect("an address")];
        c.signin_limits.per_address = 3;
    })
    .await;
    for _ in 0..3 {
        assert_eq!(
            attempt(&behind_proxy, sign_in("203.0.113.7")).await,
            "UNAUTHENTICATED"
        );
    }
    assert_eq!(
        attempt(&behind_proxy, sign_in("203.0.113.7")).await,
        "RATE_LIMITED"
    );
    assert_eq!(
        attempt(&behind_proxy, sign_in("203.0.113.8")).await,
        "UNAUTHENTICATED"
    );

    let direct = spawn_app_with(Backend::Sqlite, |c| c.signin_limits.per_address = 3).await;
    for _ in 0..3 {
        assert_eq!(
            attempt(&direct, sign_in("203.0.113.7")).await,
            "UNAUTHENTICATED"
        );
    }
    // The header is ignored without a trusted proxy: every attempt is 127.0.0.1's.
    assert_eq!(
        attempt(&direct, sign_in("203.0.113.8")).await,
        "RATE_LIMITED"
    );
}

#[tokio::test]
async fn dates_are_four_digit_years_both_ways() {
    let app = spawn_app(Backend::Sqlite).await;
    let s = app.sign_up("dates@example.com").await;
    for bad in [
        "-001-01-01",
        "0000-12-31",
        "+10000-01-01",
        "10000-01-01",
        "2026-1-01",
    ] {
        let code = app
            .error_code(
                Some(&s.token),
                "query($d: Date) { forecast(from: $d) { totalBills } }",
                json!({ "d": bad }),
            )
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{bad}");
    }
    let code = app
        .error_code(
            Some(&s.token),
            "{ forecast(from: \"9999-12-01\") { until } }",
            json!({}),
        )
        .await;
    assert_eq!(
        code, "BAD_USER_INPUT",
        "the default window would end after 9999"
    );
    app.create_payday(
        &s,
        json!({ "name": "Late", "amount": "1.00",
                "schedule": { "start": "9999-12-03", "frequency": "WEEKLY" } }),
    )
    .await;
    let data = app
        .ok(
            Some(&s.token),
            "{ forecast(from: \"9999-12-01\", until: \"9999-12-31\") { periods { start end } } \
               paydays { nextDate occurrences(from: \"9999-12-01\", to: \"9999-12-31\") } }",
            json!({}),
        )
        .await;
    let text = data.to_string();
    assert!(!text.contains("10000") && !text.contains('+'), "{text}");
    assert_eq!(
        data["forecast"]["periods"][4]["end"], "9999-12-31",
        "{text}"
    );
}

#[tokio::test]
async fn names_and_notes_refuse_control_and_bidi_characters() {
    let app = spawn_app(Backend::Sqlite).await;
    let s = app.sign_up("chars@example.com").await;
    for (field, value) in [
        ("name", "Rent\u{0}"),
        ("name", "Rent\u{7}"),
        ("name", "Re\u{202E}tn"),
        ("category", "Home\u{2066}"),
        ("notes", "pay\u{1B}[31m"),
        ("notes", "evil\u{202D}"),
    ] {
        let mut input = crate::helpers::bill("Rent", "10.00");
        input[field] = json!(value);
        let code = app
            .error_code(
                Some(&s.token),
                "mutation($i: BillInput!) { createBill(input: $i) { id } }",
                json!({ "i": input }),
            )
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{field} {value:?}");
    }
    let mut fine = crate::helpers::bill("Électricité ⚡", "10.00");
    fine["notes"] = json!("line one\nline two\ttabbed");
    app.create_bill(&s, fine).await;
}

#[tokio::test]
async fn emails_that_look_alike_are_one_account() {
    let app = spawn_app(Backend::Sqlite).await;
    app.sign_up("ann@example.com").await;
    for lookalike in ["ＡＮＮ@ｅｘａｍｐｌｅ．ｃｏｍ", "Ann@EXAMPLE.com"] {
        let code = app
            .error_code(
                None,
                "mutation($e: String!) { signUp(email: $e, password: \"correct horse\") { token } }",
                json!({ "e": lookalike }),
            )
            .await;
        assert_eq!(code, "CONFLICT", "{lookalike}");
    }
    for invisible in [
        "ann\u{200B}@example.com",
        "ann@example.com.",
        "a\u{FEFF}nn@example.com",
    ] {
        let code = app
            .error_code(
                None,
                "mutation($e: String!) { signUp(email: $e, password: \"correct horse\") { token } }",
                json!({ "e": invisible }),
            )
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{invisible:?}");
    }
}

#[tokio::test]
async fn without_introspection_no_error_suggests_a_field_name() {
    let app = spawn_app_with(Backend::Sqlite, |c| c.introspection = false).await;
    for query in [
        "{ bils { id } }",
        "{ me { emial } }",
        "{ forecast(form: \"2026-01-01\") { totalBills } }",
    ] {
        let (_, body) = app.post(None, query, json!({})).await;
        let text = body.to_string();
        assert!(body["errors"].is_array(), "{text}");
        assert!(!text.contains("Did you mean"), "{text}");
    }
    let on = spawn_app(Backend::Sqlite).await;
    let (_, body) = on.post(None, "{ bils { id } }", json!({})).await;
    assert!(
        body.to_string().contains("Did you mean"),
        "suggestions stay on with introspection"
    );
}

#[tokio::test]
async fn malformed_request_bodies_of_every_shape_get_a_clear_answer() {
    let app = spawn_app(Backend::Sqlite).await;
    let deep_json = format!(
        "{{\"query\": \"{{ __typename }}\", \"variables\": {}}}",
        nest("[", "]", 5000, "1")
    );
    let bodies: Vec<String> = vec![
        String::new(),
        "null".into(),
        "\"text\"".into(),
        "{\"query\": 1}".into(),
        "{\"query\": \"{ __typename }\", \"variables\": 7}".into(),
        "{\"query\": \"{ __typename }\", \"variables\": [1]}".into(),
        "{\"query\": \"{ __typename }\", \"operationName\": 3}".into(),
        "{\"query\": \"{ __typename }\", \"extensions\": {\"a\": [[[[1]]]]}}".into(),
        "{\"query\": \"\\u0000\"}".into(),
        "{\"query\": \"{ __typename }\"".into(),
        String::from_utf8_lossy(&[0xff, 0xfe, 0x00, 0x7b]).into_owned(),
        deep_json,
        format!("{{\"query\": \"{}\"}}", "{".repeat(30_000)),
    ];
    for body in bodies {
        let response = app
            .client
            .post(app.url("/graphql"))
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .expect("an answer");
        let status = response.status();
        assert!(
            [StatusCode::OK, StatusCode::BAD_REQUEST].contains(&status),
            "{status} for {body:.60}"
        );
        let json: Value = response.json().await.expect("a JSON answer");
        assert!(
            json["errors"][0]["extensions"]["code"].is_string() || json["data"].is_object(),
            "{json} for {body:.60}"
        );
    }
    still_serving(&app).await;
}

/// Parsed documents are kept by their text (`graphql::documents`): a text sent again must get
/// the same answer as the first time, whoever sends it, and a refused text must be refused
/// again rather than remembered as fine.
#[tokio::test]
async fn a_document_sent_again_is_answered_and_refused_as_the_first_time() {
    let app = spawn_app(Backend::Sqlite).await;
    let alice = app.sign_up("alice-documents@example.com").await;
    let bob = app.sign_up("bob-documents@example.com").await;
    app.create_bill(&alice, crate::helpers::bill("Rent", "750.00"))
        .await;
    let query = "query Mine($all: Boolean) { me { email } bills(includeArchived: $all) { name } }";
    for _ in 0..2 {
        let mine = app
            .ok(Some(&alice.token), query, json!({"all": true}))
            .await;
        assert_eq!(mine["me"]["email"], "alice-documents@example.com");
        assert_eq!(mine["bills"], json!([{"name": "Rent"}]));
        let theirs = app.ok(Some(&bob.token), query, json!({"all": false})).await;
        assert_eq!(theirs["me"]["email"], "bob-documents@example.com");
        assert_eq!(theirs["bills"], json!([]));
    }
    // A parse error, a validation error, and a document over the limits.
    let bomb = fragment_bomb(26, 2, "__typename", "query { SPREAD }");
    for (query, code) in [
        ("{ me { id ", "BAD_USER_INPUT"),
        ("{ me { nope } }", "BAD_USER_INPUT"),
        ("{ ...Missing }", "BAD_USER_INPUT"),
        (&*bomb, "LIMIT_EXCEEDED"),
    ] {
        let (_, first) = app.post(Some(&alice.token), query, json!({})).await;
        let (_, again) = app.post(Some(&alice.token), query, json!({})).await;
        assert_eq!(first["errors"][0]["extensions"]["code"], code, "{first}");
        assert_eq!(first, again, "{query}");
    }
    still_serving(&app).await;
}

/// A request whose text, variables and operation name passed validation before is validated
/// only in part (`graphql::documents`): the same text with other variables or another
/// operation must still meet every rule, each time, and be refused exactly as it was before
/// any request with that text had passed.
#[tokio::test]
async fn a_validated_document_with_other_variables_or_operation_is_validated_again() {
    let app = spawn_app(Backend::Sqlite).await;
    let alice = app.sign_up("alice-validated@example.com").await;
    app.create_bill(&alice, crate::helpers::bill("Rent", "750.00"))
        .await;
    let query = "query Mine($all: Boolean) { bills(includeArchived: $all) { name } } \
                 query Other { me { email } }";
    let mine = |all: Value| json!({"all": all});
    let refused = [
        (mine(json!("yes")), Some("Mine")),
        (mine(json!({"deep": true})), Some("Mine")),
        (mine(json!(true)), Some("Missing")),
        (mine(json!(true)), None),
    ];
    // Before any request with this text has passed validation: every rule runs.
    let mut first = Vec::new();
    for (variables, name) in &refused {
        let (_, body) = app
            .post_operation(Some(&alice.token), query, variables.clone(), *name)
            .await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{variables} {name:?}: {body}"
        );
        assert!(body["data"].is_null(), "{body}");
        first.push(body);
    }
    for _ in 0..3 {
        let (_, body) = app
            .post_operation(Some(&alice.token), query, mine(json!(true)), Some("Mine"))
            .await;
        assert_eq!(body, json!({"data": {"bills": [{"name": "Rent"}]}}));
        let (_, body) = app
            .post_operation(Some(&alice.token), query, json!({}), Some("Other"))
            .await;
        assert_eq!(
            body["data"]["me"]["email"], "alice-validated@example.com",
            "{body}"
        );
        for ((variables, name), first) in refused.iter().zip(&first) {
            let (_, body) = app
                .post_operation(Some(&alice.token), query, variables.clone(), *name)
                .await;
            assert_eq!(&body, first, "{variables} {name:?}");
        }
    }
    still_serving(&app).await;
}
