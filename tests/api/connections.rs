//! Slow and idle clients, and the connection cap, seen from raw TCP sockets: a client that never
//! finishes its headers is closed after the header-read timeout, a kept-alive connection after
//! the idle timeout (each with the other set far away, so the test shows which one acted), and
//! past `MAX_CONNECTIONS` a new client waits until a connection closes. These run on SQLite:
//! no store is involved.

use std::time::Duration;

use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::helpers::{Backend, TestApp, spawn_app_with};

/// Far longer than any test runs: a timeout that never acts.
const NEVER: Duration = Duration::from_secs(600);
/// How long a test waits for the server to close a connection before failing.
const GENEROUS: Duration = Duration::from_secs(20);

const PARTIAL_HEAD: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";
const FULL_REQUEST: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";

async fn app(header_read: Duration, idle: Duration, max_connections: usize) -> TestApp {
    spawn_app_with(Backend::Sqlite, |config| {
        config.connections.header_read = header_read;
        config.connections.idle = idle;
        config.connections.max_connections = max_connections;
    })
    .await
}

/// `count` connections: the even ones send nothing, the odd ones half a request head.
async fn stalled(app: &TestApp, count: usize) -> Vec<TcpStream> {
    let mut sockets = Vec::with_capacity(count);
    for n in 0..count {
        let mut socket = TcpStream::connect(app.addr).await.expect("connects");
        if n % 2 == 1 {
            socket.write_all(PARTIAL_HEAD).await.expect("writes");
        }
        sockets.push(socket);
    }
    sockets
}

/// Whether the server closed `socket`, reading (and dropping) whatever it sent first; fails
/// the test if it stays open for [`GENEROUS`].
async fn closed_by_server(socket: &mut TcpStream) {
    let mut buffer = [0u8; 1024];
    let outcome = tokio::time::timeout(GENEROUS, async {
        loop {
            match socket.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await;
    assert!(outcome.is_ok(), "the server kept the connection open");
}

/// Whether `socket` is still open: nothing to read yet, and no end of stream.
fn still_open(socket: &TcpStream) -> bool {
    let mut buffer = [0u8; 16];
    matches!(socket.try_read(&mut buffer), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock)
}

/// Sends one full request on `socket` and reads its response head.
async fn request_on(socket: &mut TcpStream) -> String {
    socket.write_all(FULL_REQUEST).await.expect("writes");
    let mut response = Vec::new();
    let mut buffer = [0u8; 4096];
    while !response.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = tokio::time::timeout(GENEROUS, socket.read(&mut buffer))
            .await
            .expect("an answer in time")
            .expect("reads");
        assert!(n > 0, "the connection closed before the response");
        response.extend_from_slice(&buffer[..n]);
    }
    String::from_utf8_lossy(&response).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_requests_are_served_while_hundreds_of_stalled_connections_are_open() {
    let app = app(NEVER, NEVER, 4096).await;
    let sockets = stalled(&app, 200).await;

    for _ in 0..3 {
        let response = app.client.get(app.url("/healthz")).send().await;
        assert_eq!(response.expect("an answer").status(), StatusCode::OK);
    }
    app.sign_up("busy@example.com").await;

    assert!(
        sockets.iter().all(still_open),
        "the stalled connections were open all along"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_that_never_finish_their_headers_are_closed_after_the_header_timeout() {
    let app = app(Duration::from_secs(1), NEVER, 4096).await;
    let mut sockets = stalled(&app, 40).await;

    for socket in &mut sockets {
        closed_by_server(socket).await;
    }
    let response = app.client.get(app.url("/healthz")).send().await;
    assert_eq!(response.expect("an answer").status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_alive_connection_with_nothing_to_do_is_closed_after_the_idle_timeout() {
    let app = app(NEVER, Duration::from_secs(1), 4096).await;
    let mut socket = TcpStream::connect(app.addr).await.expect("connects");

    let head = request_on(&mut socket).await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");

    closed_by_server(&mut socket).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_header_timeout_does_not_cut_short_a_kept_alive_connection_between_requests() {
    let app = app(Duration::from_secs(1), NEVER, 4096).await;
    let mut socket = TcpStream::connect(app.addr).await.expect("connects");
    let head = request_on(&mut socket).await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");

    // Three header timeouts pass between the requests; only the idle timeout applies there.
    tokio::time::sleep(Duration::from_secs(3)).await;

    let again = request_on(&mut socket).await;
    assert!(again.starts_with("HTTP/1.1 200"), "{again}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_connection_cap_a_new_client_waits_until_a_connection_closes() {
    let app = app(Duration::from_secs(1), NEVER, 2).await;
    let sockets = stalled(&app, 2).await;

    let response = tokio::time::timeout(GENEROUS, app.client.get(app.url("/healthz")).send())
        .await
        .expect("served once a stalled connection was closed");
    assert_eq!(response.expect("an answer").status(), StatusCode::OK);

    assert!(
        !sockets.iter().all(still_open),
        "with both places taken, the request could only be served after one was freed"
    );
}
