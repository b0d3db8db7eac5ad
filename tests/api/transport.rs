//! The edge of the server: overlong addresses and path segments, request ids that cannot be
//! trusted into the logs. Nothing here reaches a store, so it runs on SQLite.

use reqwest::StatusCode;
use reqwest::header::HeaderValue;

use crate::helpers::{Backend, TestApp, spawn_app, spawn_app_with};

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
