//! The edge of the server: overlong addresses and path segments, request ids that cannot be
//! trusted into the logs, a handler that panics. Nothing here depends on a store's behaviour,
//! so it runs on SQLite.

use std::sync::Arc;

use reqwest::StatusCode;
use reqwest::header::HeaderValue;
use serde_json::{Value, json};

use crate::counting::CountingStore;
use crate::helpers::{Backend, TestApp, spawn_app, spawn_app_over, spawn_app_with, still_serving};

/// An app serving a tiny built frontend (index.html and one asset) from a temporary folder.
pub async fn app_with_frontend() -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a dir");
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>Wisewallet</title><script type=\"module\" src=\"/assets/app.js\"></script>",
    )
    .expect("written");
    std::fs::create_dir(dir.path().join("assets")).expect("made");
    std::fs::write(dir.path().join("assets/app.js"), "console.log(1)").expect("written");
    let static_dir = dir.path().to_path_buf();
    let app = spawn_app_with(Backend::Sqlite, move |c| c.static_dir = static_dir).await;
    (app, dir)
}

async fn status(app: &TestApp, path: &str) -> StatusCode {
    app.client
        .get(app.url(path))
        .send()
        .await
        .expect("an answer")
        .status()
}

#[tokio::test]
async fn a_path_segment_of_256_bytes_or_more_is_404_never_500() {
    let (app, _dir) = app_with_frontend().await;
    let long = "a".repeat(256);
    let encoded = "%41".repeat(100);
    for path in [
        format!("/{long}"),
        format!("/assets/{long}"),
        format!("/assets/{long}.js"),
        format!("/bills/{long}/edit"),
        format!("/graphql/{long}"),
        format!("/{encoded}"),
    ] {
        assert_eq!(status(&app, &path).await, StatusCode::NOT_FOUND, "{path}");
    }
    let shorter = "a".repeat(255);
    assert_eq!(
        status(&app, &format!("/{shorter}")).await,
        StatusCode::OK,
        "a client-side route still gets the app"
    );
    assert_eq!(
        status(&app, &format!("/assets/{shorter}")).await,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_address_over_4_kib_is_414_never_500() {
    let (app, _dir) = app_with_frontend().await;
    let segments = vec!["a".repeat(200); 21].join("/");
    for path in [
        format!("/{segments}"),
        format!("/assets/{segments}"),
        format!("/healthz?{}", "q".repeat(4100)),
    ] {
        assert!(path.len() > 4096);
        assert_eq!(
            status(&app, &path).await,
            StatusCode::URI_TOO_LONG,
            "{path}"
        );
    }
    let just_under = format!("/{}", vec!["a".repeat(200); 20].join("/"));
    assert!(just_under.len() <= 4096);
    assert_eq!(status(&app, &just_under).await, StatusCode::OK);
}

async fn echoed_id(app: &TestApp, sent: Option<HeaderValue>) -> String {
    let mut request = app.client.get(app.url("/healthz"));
    if let Some(id) = sent {
        request = request.header("x-request-id", id);
    }
    let response = request.send().await.expect("an answer");
    response.headers()["x-request-id"]
        .to_str()
        .expect("a visible id")
        .to_string()
}

#[tokio::test]
async fn a_request_id_is_kept_only_when_short_and_visible_ascii() {
    let app = spawn_app(Backend::Sqlite).await;
    let ok = "trace-0b7e2c4e.6c3a:4a55";
    assert_eq!(
        echoed_id(&app, Some(HeaderValue::from_static(ok))).await,
        ok
    );
    let longest = "x".repeat(128);
    assert_eq!(
        echoed_id(
            &app,
            Some(HeaderValue::from_str(&longest).expect("a header"))
        )
        .await,
        longest
    );

    for refused in [
        "x".repeat(129).into_bytes(),
        b"has a space".to_vec(),
        b"tab\tinside".to_vec(),
        "caf\u{e9}".as_bytes().to_vec(),
    ] {
        let value = HeaderValue::from_bytes(&refused).expect("a header value");
        let echoed = echoed_id(&app, Some(value)).await;
        assert_ne!(echoed.as_bytes(), refused.as_slice());
        assert_eq!(echoed.len(), 36, "a generated UUID: {echoed}");
    }
    assert_eq!(echoed_id(&app, None).await.len(), 36);
}

/// Sends `head` on a new connection and reads until the first complete response head (or the
/// end of the stream); returns everything read.
async fn raw_exchange(app: &TestApp, head: &str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let mut socket = tokio::net::TcpStream::connect(app.addr)
        .await
        .expect("connects");
    socket.write_all(head.as_bytes()).await.expect("writes");
    let mut read = Vec::new();
    let mut buffer = [0u8; 4096];
    let outcome = tokio::time::timeout(std::time::Duration::from_secs(20), async {
        while !read.windows(4).any(|w| w == b"\r\n\r\n") {
            match socket.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => read.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await;
    assert!(
        outcome.is_ok(),
        "no answer while the body was not sent: {}",
        String::from_utf8_lossy(&read)
    );
    String::from_utf8_lossy(&read).into_owned()
}

#[tokio::test]
async fn expect_100_continue_with_a_body_over_64_kib_is_413_without_a_100_continue() {
    let app = spawn_app(Backend::Sqlite).await;
    for path in ["/graphql", "/healthz", "/anything"] {
        let answer = raw_exchange(
            &app,
            &format!(
                "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
                 Content-Length: 100000\r\nExpect: 100-continue\r\n\r\n"
            ),
        )
        .await;
        assert!(
            answer.starts_with("HTTP/1.1 413"),
            "{path}: the first answer is the refusal: {answer}"
        );
        assert!(!answer.contains("100 Continue"), "{answer}");
        assert!(
            answer.to_ascii_lowercase().contains("connection: close"),
            "{answer}"
        );
    }
}

#[tokio::test]
async fn expect_100_continue_with_a_small_body_is_told_to_continue_and_served() {
    use tokio::io::AsyncWriteExt;

    let app = spawn_app(Backend::Sqlite).await;
    let body = r#"{"query":"{ __typename }"}"#;
    let mut socket = tokio::net::TcpStream::connect(app.addr)
        .await
        .expect("connects");
    let head = format!(
        "POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        body.len()
    );
    socket.write_all(head.as_bytes()).await.expect("writes");
    let mut read = Vec::new();
    let mut buffer = [0u8; 4096];
    while !String::from_utf8_lossy(&read).contains("100 Continue\r\n\r\n") {
        let n = tokio::time::timeout(
            std::time::Duration::from_secs(20),
            tokio::io::AsyncReadExt::read(&mut socket, &mut buffer),
        )
        .await
        .expect("told to continue")
        .expect("reads");
        assert!(n > 0, "closed: {}", String::from_utf8_lossy(&read));
        read.extend_from_slice(&buffer[..n]);
    }
    socket.write_all(body.as_bytes()).await.expect("writes");
    let mut rest = Vec::new();
    while !String::from_utf8_lossy(&rest).contains("__typename") {
        let n = tokio::time::timeout(
            std::time::Duration::from_secs(20),
            tokio::io::AsyncReadExt::read(&mut socket, &mut buffer),
        )
        .await
        .expect("an answer")
        .expect("reads");
        assert!(n > 0, "closed: {}", String::from_utf8_lossy(&rest));
        rest.extend_from_slice(&buffer[..n]);
    }
    assert!(String::from_utf8_lossy(&rest).starts_with("HTTP/1.1 200"));
}

const APP_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
     form-action 'self'; frame-ancestors 'none'";
const API_CSP: &str =
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

fn assert_secured(response: &reqwest::Response, csp: &str, what: &str) {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .unwrap_or_else(|| panic!("{what}: no {name}"))
            .to_str()
            .expect("visible")
            .to_string()
    };
    assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header("x-frame-options"), "DENY", "{what}");
    assert_eq!(header("referrer-policy"), "no-referrer", "{what}");
    assert_eq!(header("content-security-policy"), csp, "{what}");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let (app, _dir) = app_with_frontend().await;
    let s = app.sign_up("headers@example.com").await;
    let long = "a".repeat(300);
    for (path, status, csp) in [
        ("/".to_string(), StatusCode::OK, APP_CSP),
        ("/bills/2026".to_string(), StatusCode::OK, APP_CSP),
        ("/assets/app.js".to_string(), StatusCode::OK, API_CSP),
        (
            "/assets/gone.js".to_string(),
            StatusCode::NOT_FOUND,
            API_CSP,
        ),
        (format!("/{long}"), StatusCode::NOT_FOUND, API_CSP),
        (
            format!("/{}", "a/".repeat(2100)),
            StatusCode::URI_TOO_LONG,
            API_CSP,
        ),
        ("/healthz".to_string(), StatusCode::OK, API_CSP),
        ("/readyz".to_string(), StatusCode::OK, API_CSP),
    ] {
        let response = app
            .client
            .get(app.url(&path))
            .send()
            .await
            .expect("an answer");
        assert_eq!(response.status(), status, "{path}");
        assert_secured(&response, csp, &path);
    }
    let posted = app
        .client
        .post(app.url("/graphql"))
        .bearer_auth(&s.token)
        .json(&serde_json::json!({ "query": "{ me { id } }" }))
        .send()
        .await
        .expect("an answer");
    assert_eq!(posted.status(), StatusCode::OK);
    assert_secured(&posted, API_CSP, "POST /graphql");
    let too_big = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body(vec![b' '; 70_000])
        .send()
        .await
        .expect("an answer");
    assert_eq!(too_big.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_secured(&too_big, API_CSP, "a 413");

    let without_frontend = spawn_app(Backend::Sqlite).await;
    let missing = without_frontend
        .client
        .get(without_frontend.url("/nothing-here"))
        .send()
        .await
        .expect("an answer");
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_secured(&missing, API_CSP, "404 without a frontend");
}

#[tokio::test]
async fn graphiql_loads_exact_versions_with_integrity_under_its_own_policy() {
    use sha2::Digest;

    let app = spawn_app(Backend::Sqlite).await;
    let page = app
        .client
        .get(app.url("/graphql"))
        .send()
        .await
        .expect("an answer");
    assert_eq!(page.status(), StatusCode::OK);
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .expect("visible")
        .to_string();
    assert_eq!(page.headers()["x-frame-options"], "DENY");
    let html = page.text().await.expect("html");

    let external: Vec<&str> = html
        .split('<')
        .filter(|tag| tag.contains("https://"))
        .collect();
    assert_eq!(external.len(), 4, "a stylesheet and three scripts: {html}");
    for tag in external {
        assert!(tag.contains("integrity=\"sha384-"), "{tag}");
        assert!(tag.contains("crossorigin=\"anonymous\""), "{tag}");
        let url = tag
            .split('"')
            .find(|part| part.starts_with("https://"))
            .expect("a URL");
        let version = url
            .split('@')
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .expect("a pinned version");
        assert_eq!(version.split('.').count(), 3, "an exact version: {url}");
        assert!(url.starts_with("https://unpkg.com/"), "{url}");
    }
    for (open, close) in [("<script>", "</script>"), ("<style>", "</style>")] {
        let inline = html
            .split(open)
            .nth(1)
            .and_then(|rest| rest.split(close).next())
            .expect("one inline block");
        let hash = sha2::Sha256::digest(inline.as_bytes());
        let encoded = base64_of(&hash);
        assert!(
            policy.contains(&format!("'sha256-{encoded}'")),
            "{open} is allowed by its hash: {policy}"
        );
    }
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert!(policy.contains("connect-src 'self'"), "{policy}");
    assert!(!policy.contains("unsafe-"), "{policy}");
    assert!(!html.contains("development"), "production builds of React");
}

/// Standard padded base64, written out here so the test does not trust the server's.
fn base64_of(bytes: &[u8]) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = String::new();
    for byte in bytes {
        bits.push_str(&format!("{byte:08b}"));
    }
    while !bits.len().is_multiple_of(6) {
        bits.push('0');
    }
    let mut out: String = bits
        .as_bytes()
        .chunks(6)
        .map(|six| {
            let index =
                u8::from_str_radix(std::str::from_utf8(six).expect("ascii"), 2).expect("six bits");
            char::from(alphabet[usize::from(index)])
        })
        .collect();
    while !out.len().is_multiple_of(4) {
        out.push('=');
    }
    out
}

/// A bug that panics inside a request (here: the store, in one method) costs that request a
/// 500 in the usual error shape, on the GraphQL endpoint and on the calendar feed, and nothing
/// else: the server goes on serving, that user included.
#[tokio::test]
async fn a_panic_in_a_request_is_a_500_with_a_code_and_the_server_goes_on() {
    for method in ["entries", "bills_and_paydays", "calendar_feed_user"] {
        let app = spawn_app_over(
            Backend::Sqlite,
            |_| {},
            |store| Arc::new(CountingStore::panicking_on(store, method)),
        )
        .await;
        let owner = app.sign_up("panic@example.com").await;
        let feed = app
            .ok(
                Some(&owner.token),
                "mutation { createCalendarFeed { url } }",
                json!({}),
            )
            .await["createCalendarFeed"]["url"]
            .as_str()
            .expect("a feed url")
            .to_string();
        let feed_path = format!("/{}", feed.splitn(4, '/').nth(3).expect("a path"));
        let (status, body) = if method == "calendar_feed_user" {
            let answer = app
                .client
                .get(app.url(&feed_path))
                .send()
                .await
                .expect("an answer");
            (answer.status(), answer.json().await.unwrap_or(Value::Null))
        } else {
            let query = "{ bills { id } forecast(from: \"2026-01-01\", until: \"2026-02-01\") \
                         { totalBills } }";
            app.post(Some(&owner.token), query, json!({})).await
        };
        assert_eq!(
            status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "{method}: {body}"
        );
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "INTERNAL_SERVER_ERROR",
            "{method}"
        );
        assert_eq!(
            body["errors"][0]["message"], "internal server error",
            "{method}: {body}"
        );
        still_serving(&app).await;
        let me = app
            .ok(Some(&owner.token), "{ me { email } }", json!({}))
            .await;
        assert_eq!(me["me"]["email"], "panic@example.com", "{method}");
    }
}
