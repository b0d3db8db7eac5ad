//! Transport rules: content types, batches, body limit, GET, health checks, GraphQL limits,
//! error codes for unparsable scalars, the static frontend.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Backend, spawn_app, spawn_app_with};

#[tokio::test]
async fn health_and_readiness_answer_without_auth() {
    for backend in [Backend::Mongo, Backend::Sqlite] {
        let app = spawn_app(backend).await;
        for path in ["/healthz", "/readyz"] {
            let response = app
                .client
                .get(app.url(path))
                .send()
                .await
                .expect("an answer");
            assert_eq!(response.status(), StatusCode::OK, "{backend:?} {path}");
            assert!(response.headers().contains_key("x-request-id"));
        }
    }
}

#[tokio::test]
async fn only_json_is_accepted() {
    let app = spawn_app(Backend::Sqlite).await;
    for content_type in [
        "text/plain",
        "application/graphql",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
    ] {
        let response = app
            .client
            .post(app.url("/graphql"))
            .header("content-type", content_type)
            .body("{ \"query\": \"{ __typename }\" }")
            .send()
            .await
            .expect("an answer");
        assert_eq!(
            response.status(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type}"
        );
    }
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json; charset=utf-8")
        .body("{ \"query\": \"{ __typename }\" }")
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn batches_and_malformed_bodies_are_400() {
    let app = spawn_app(Backend::Sqlite).await;
    for body in [
        json!([{ "query": "{ __typename }" }, { "query": "{ __typename }" }]).to_string(),
        "{ not json".to_string(),
        json!({ "noQuery": true }).to_string(),
    ] {
        let response = app
            .client
            .post(app.url("/graphql"))
            .header("content-type", "application/json")
            .body(body.clone())
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{body}");
        let json: Value = response.json().await.expect("a JSON error");
        assert_eq!(json["errors"][0]["extensions"]["code"], "BAD_USER_INPUT");
        assert!(json.get("data").is_none());
    }
}

#[tokio::test]
async fn a_body_over_64_kib_is_413_and_one_under_is_fine() {
    let app = spawn_app(Backend::Sqlite).await;
    let padding =
        |n: usize| json!({ "query": format!("{{ __typename }} #{}", "x".repeat(n)) }).to_string();
    let small = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body(padding(60 * 1024))
        .send()
        .await
        .expect("an answer");
    assert_eq!(small.status(), StatusCode::OK);
    let large = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body(padding(65 * 1024))
        .send()
        .await
        .expect("an answer");
    assert_eq!(large.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let json: Value = large.json().await.expect("a JSON error");
    assert_eq!(json["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED");
}

#[tokio::test]
async fn get_serves_graphiql_and_never_executes_a_mutation() {
    let app = spawn_app(Backend::Sqlite).await;
    let page = app
        .client
        .get(app.url("/graphql"))
        .send()
        .await
        .expect("an answer");
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.expect("html").contains("graphiql"));

    let mutation =
        "mutation { signUp(email: \"get@example.com\", password: \"correct horse\") { token } }";
    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[("query", mutation)])
        .send()
        .await
        .expect("an answer");
    let text = response.text().await.expect("a body");
    assert!(!text.contains("token"), "{text}");
    let signed_in = app
        .post(None, "mutation { signIn(email: \"get@example.com\", password: \"correct horse\") { token } }", json!({}))
        .await
        .1;
    assert_eq!(
        signed_in["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "no account was made"
    );
}

#[tokio::test]
async fn graphiql_and_introspection_can_be_turned_off() {
    let app = spawn_app_with(Backend::Sqlite, |c| {
        c.graphiql = false;
        c.introspection = false;
    })
    .await;
    let page = app
        .client
        .get(app.url("/graphql"))
        .send()
        .await
        .expect("an answer");
    assert_eq!(page.status(), StatusCode::METHOD_NOT_ALLOWED);
    let (_, body) = app
        .post(None, "{ __schema { types { name } } }", json!({}))
        .await;
    assert_eq!(body["data"]["__schema"], Value::Null, "{body}");

    let on = spawn_app(Backend::Sqlite).await;
    let data = on
        .ok(None, "{ __schema { queryType { name } } }", json!({}))
        .await;
    assert_eq!(data["__schema"]["queryType"]["name"], "Query");
}

#[tokio::test]
async fn queries_deeper_than_the_limit_are_refused() {
    let app = spawn_app(Backend::Sqlite).await;
    let nested = |depth: usize| {
        let mut q = String::from("name");
        for _ in 0..depth {
            q = format!("ofType {{ {q} }}");
        }
        format!("{{ __schema {{ types {{ fields {{ type {{ {q} }} }} }} }} }}")
    };
    // __schema, types, fields, type, k × ofType, name: depth 5 + k; the limit is 16.
    let (_, ok) = app.post(None, &nested(11), json!({})).await;
    assert!(ok.get("errors").is_none(), "{ok}");
    let (_, too_deep) = app.post(None, &nested(12), json!({})).await;
    assert_limited(&too_deep, "deep");
}

/// Asserts the first error is `LIMIT_EXCEEDED` and its message mentions `word`.
pub fn assert_limited(body: &Value, word: &str) {
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED",
        "{body}"
    );
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.to_lowercase().contains(word), "{body}");
}

#[tokio::test]
async fn queries_over_the_complexity_limit_are_refused() {
    let app = spawn_app(Backend::Sqlite).await;
    // `__typename` costs nothing; `me { id }` costs 2.
    let aliases = |n: usize| {
        format!(
            "{{ {} }}",
            (0..n)
                .map(|i| format!("a{i}: me {{ id }}"))
                .collect::<Vec<_>>()
                .join(" ")
        )
    };
    // The limit is 2000: 1000 aliases fit exactly, one more does not.
    let (_, ok) = app.post(None, &aliases(1000), json!({})).await;
    assert!(ok.get("errors").is_none(), "{}", ok["errors"]);
    let (_, too_complex) = app.post(None, &aliases(1001), json!({})).await;
    assert_limited(&too_complex, "fields");
}

#[tokio::test]
async fn deeply_recursive_documents_are_refused_by_the_parser() {
    let app = spawn_app(Backend::Sqlite).await;
    let query = format!("{}{}", "{ a ".repeat(100), "}".repeat(100));
    let (_, body) = app.post(None, &query, json!({})).await;
    assert_limited(&body, "nests");
}

#[tokio::test]
async fn unparsable_scalars_and_invalid_documents_are_bad_user_input() {
    let app = spawn_app(Backend::Sqlite).await;
    let s = app.sign_up("scalars@example.com").await;
    for (query, vars) in [
        (
            "{ forecast(from: \"2026-13-01\") { totalBills } }",
            json!({}),
        ),
        (
            "query($m: Money) { forecast(startingBalance: $m) { totalBills } }",
            json!({ "m": 1.5 }),
        ),
        (
            "query($d: Date) { forecast(from: $d) { totalBills } }",
            json!({ "d": "yesterday" }),
        ),
        ("{ nope }", json!({})),
        ("{ bills { id ", json!({})),
    ] {
        let code = app.error_code(Some(&s.token), query, vars).await;
        assert_eq!(code, "BAD_USER_INPUT", "{query}");
    }
}

#[tokio::test]
async fn the_frontend_is_served_with_spa_fallback() {
    let dir = tempfile::tempdir().expect("a dir");
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>Wisewallet</title>",
    )
    .expect("written");
    std::fs::create_dir(dir.path().join("assets")).expect("made");
    std::fs::write(dir.path().join("assets/app.js"), "console.log(1)").expect("written");
    let static_dir = dir.path().to_path_buf();
    let app = spawn_app_with(Backend::Sqlite, move |c| c.static_dir = static_dir).await;
    for path in ["/", "/bills", "/forecast/2026"] {
        let response = app
            .client
            .get(app.url(path))
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            response.headers()["cache-control"],
            "no-store",
            "the HTML is never kept: {path}"
        );
        assert!(
            response
                .text()
                .await
                .expect("html")
                .contains("<title>Wisewallet"),
            "{path}"
        );
    }
    let js = app
        .client
        .get(app.url("/assets/app.js"))
        .send()
        .await
        .expect("an answer");
    assert_eq!(
        js.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(js.text().await.expect("js"), "console.log(1)");
    let missing = app
        .client
        .get(app.url("/assets/gone.js"))
        .send()
        .await
        .expect("an answer");
    assert_eq!(
        missing.status(),
        StatusCode::NOT_FOUND,
        "not the app's HTML"
    );
    assert_eq!(missing.headers()["cache-control"], "no-store");
}

#[tokio::test]
async fn api_responses_are_never_cached() {
    let app = spawn_app(Backend::Sqlite).await;
    let s = app.sign_up("cache@example.com").await;
    for (path, method) in [
        ("/graphql", "POST"),
        ("/graphql", "GET"),
        ("/healthz", "GET"),
    ] {
        let request = match method {
            "POST" => app
                .client
                .post(app.url(path))
                .bearer_auth(&s.token)
                .json(&json!({ "query": "{ me { balance } }" })),
            _ => app.client.get(app.url(path)),
        };
        let response = request.send().await.expect("an answer");
        assert_eq!(
            response.headers()["cache-control"],
            "no-store",
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn cors_allows_only_configured_origins() {
    let app = spawn_app_with(Backend::Sqlite, |c| {
        c.cors_origins = vec!["https://app.example.com".into()]
    })
    .await;
    let preflight = |origin: &'static str| {
        app.client
            .request(reqwest::Method::OPTIONS, app.url("/graphql"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "content-type")
            .send()
    };
    let allowed = preflight("https://app.example.com")
        .await
        .expect("an answer");
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://app.example.com"
    );
    assert_eq!(
        allowed.headers()["access-control-allow-credentials"],
        "true"
    );
    let denied = preflight("https://evil.example.com")
        .await
        .expect("an answer");
    assert!(!denied.headers().contains_key("access-control-allow-origin"));
}

#[tokio::test]
async fn responses_are_gzipped_for_clients_that_accept_it() {
    let app = spawn_app(Backend::Sqlite).await;
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("accept-encoding", "gzip")
        .json(&json!({ "query": "{ __schema { types { name description } } }" }))
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-encoding"], "gzip");
}

#[tokio::test]
async fn a_store_failure_while_resolving_the_viewer_is_a_500_with_a_graphql_error() {
    let dir = tempfile::tempdir().expect("a dir");
    let path = dir.path().join("broken.db");
    let database = wisewallet::config::DatabaseUrl::Sqlite(path.clone());
    let app = spawn_app_with(Backend::Sqlite, move |c| c.database_url = database).await;
    let s = app.sign_up("broken@example.com").await;
    rusqlite::Connection::open(&path)
        .and_then(|conn| conn.execute_batch("DROP TABLE sessions"))
        .expect("the sessions table is gone");

    let (status, body) = app.post(Some(&s.token), "{ me { id } }", json!({})).await;

    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(
        body,
        json!({ "errors": [{ "message": "internal server error",
                             "extensions": { "code": "INTERNAL_SERVER_ERROR" } }] })
    );
    let (status, _) = app.post(None, "{ __typename }", json!({})).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "a request without a token never reads sessions"
    );
}
