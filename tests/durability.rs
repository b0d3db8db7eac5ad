//! The real binary on SQLite: acknowledged writes survive `kill -9`, and export/import moves
//! everything between stores (SQLite → MongoDB → SQLite) through the command line.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_wisewallet");

/// A server process and the base URL it printed.
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(database_url: &str) -> Server {
    let mut child = Command::new(BIN)
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("HOST", "127.0.0.1")
        .env("PORT", "0")
        .env("STATIC_DIR", "/nonexistent")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("a first line");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .trim_end_matches('/')
        .to_string();
    Server { child, url }
}

async fn gql(
    client: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    query: &str,
    variables: Value,
) -> Value {
    let mut request = client
        .post(format!("{url}/graphql"))
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request
        .send()
        .await
        .expect("an answer")
        .json()
        .await
        .expect("json")
}

async fn sign_up(client: &reqwest::Client, url: &str, email: &str) -> String {
    let body = gql(client, url, None,
        "mutation($e: String!) { signUp(email: $e, password: \"correct horse battery\") { token } }",
        json!({ "e": email })).await;
    body["data"]["signUp"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_string()
}

async fn bill_ids(client: &reqwest::Client, url: &str, token: &str) -> Vec<String> {
    let body = gql(
        client,
        url,
        Some(token),
        "{ bills(includeArchived: true) { id } }",
        json!({}),
    )
    .await;
    body["data"]["bills"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|b| b["id"].as_str().expect("id").to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_kill_dash_nine() {
    let dir = tempfile::tempdir().expect("a dir");
    let db = dir.path().join("durable.db");
    let database_url = format!("sqlite://{}", db.display());
    let client = reqwest::Client::new();

    let mut server = start(&database_url);
    let url = server.url.clone();
    let token = sign_up(&client, &url, "durable@example.com").await;

    let stop = Arc::new(AtomicBool::new(false));
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let (client, url, token, stop) = (client.clone(), url.clone(), token.clone(), stop.clone());
            tokio::spawn(async move {
                let mut acknowledged = Vec::new();
                for i in 0.. {
                    if stop.load(Ordering::Relaxed) || i >= 240 {
                        break;
                    }
                    let request = client
                        .post(format!("{url}/graphql"))
                        .bearer_auth(&token)
                        .json(&json!({ "query": "mutation($n: String!) { createBill(input: { name: $n, amount: \"1\", schedule: { start: \"2026-01-01\" } }) { id } }",
                                       "variables": { "n": format!("w{w} #{i}") } }))
                        .send()
                        .await;
                    // A request cut off by the kill was never acknowledged: it may or may not exist.
                    let Ok(response) = request else { break };
                    let Ok(body) = response.json::<Value>().await else { break };
                    match body["data"]["createBill"]["id"].as_str() {
                        Some(id) => acknowledged.push(id.to_string()),
                        None => break,
                    }
                }
                acknowledged
            })
        })
        .collect();

    tokio::time::sleep(Duration::from_millis(700)).await;
    server.child.kill().expect("SIGKILL"); // std's kill() is SIGKILL on Unix
    server.child.wait().expect("reaped");
    stop.store(true, Ordering::Relaxed);
    let mut acknowledged = Vec::new();
    for writer in writers {
        acknowledged.extend(writer.await.expect("the writer finishes"));
    }
    assert!(
        acknowledged.len() >= 10,
        "too few writes happened before the kill: {}",
        acknowledged.len()
    );

    let restarted = start(&database_url);
    let stored = bill_ids(&client, &restarted.url, &token).await;
    let missing: Vec<&String> = acknowledged
        .iter()
        .filter(|id| !stored.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "{} of {} acknowledged writes were lost: {missing:?}",
        missing.len(),
        acknowledged.len()
    );
    drop(restarted);

    let conn = rusqlite::Connection::open(&db).expect("opens");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("runs");
    assert_eq!(check, "ok");
}

fn run_cli(database_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .output()
        .expect("the binary runs")
}

fn mongo_url() -> String {
    let uri = std::env::var("MONGODB_URI").unwrap_or_else(|_| {
        panic!("MONGODB_URI is not set: run ./scripts/test.sh (it starts FerretDB) or point it at a MongoDB server")
    });
    let base = uri.split('?').next().unwrap_or(&uri).trim_end_matches('/');
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    format!(
        "{}/cli_{}",
        &base[..host_end],
        wisewallet::domain::id::Id::generate()
    )
}

fn export(database_url: &str, file: &Path) -> Value {
    let out = run_cli(
        database_url,
        &["export", "--output", file.to_str().expect("utf-8")],
    );
    assert!(
        out.status.success(),
        "export failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut dump: Value =
        serde_json::from_str(&std::fs::read_to_string(file).expect("written")).expect("json");
    dump["exportedAt"] = Value::Null;
    dump
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_and_import_move_everything_from_sqlite_to_mongodb_and_back() {
    let dir = tempfile::tempdir().expect("a dir");
    let first = format!("sqlite://{}", dir.path().join("first.db").display());
    let mongo = mongo_url();
    let last = format!("sqlite://{}", dir.path().join("last.db").display());
    let client = reqwest::Client::new();

    let server = start(&first);
    let token = sign_up(&client, &server.url, "mover@example.com").await;
    for (query, input) in [
        (
            "mutation($i: BillInput!) { createBill(input: $i) { id } }",
            json!({ "name": "Rent", "amount": "1500", "category": "Home", "notes": "landlord", "autopay": true,
                 "schedule": { "start": "2026-01-31", "frequency": "MONTHLY", "daysOfMonth": [15, -1], "count": 12, "weekend": "BEFORE" } }),
        ),
        (
            "mutation($i: PaydayInput!) { createPayday(input: $i) { id } }",
            json!({ "name": "Salary", "amount": "2000", "schedule": { "start": "2026-01-02", "frequency": "WEEKLY", "interval": 2, "until": "2027-01-01" } }),
        ),
    ] {
        let body = gql(
            &client,
            &server.url,
            Some(&token),
            query,
            json!({ "i": input }),
        )
        .await;
        assert!(body.get("errors").is_none(), "{body}");
    }
    drop(server);

    let original = export(&first, &dir.path().join("a.json"));
    for target in [&mongo, &last] {
        let source = if target == &mongo {
            dir.path().join("a.json")
        } else {
            dir.path().join("b.json")
        };
        let out = run_cli(target, &["import", source.to_str().expect("utf-8")]);
        assert!(
            out.status.success(),
            "import failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let again = run_cli(target, &["import", source.to_str().expect("utf-8")]);
        assert!(again.status.success());
        assert!(
            String::from_utf8_lossy(&again.stderr).contains("imported 0 new users"),
            "{}",
            String::from_utf8_lossy(&again.stderr)
        );
        let exported = export(target, &dir.path().join("b.json"));
        assert_eq!(exported, original, "{target}");
    }

    // The moved account signs in with its old password on the last store.
    let server = start(&last);
    let body = gql(&client, &server.url, None,
        "mutation { signIn(email: \"mover@example.com\", password: \"correct horse battery\") { token } }", json!({})).await;
    let token = body["data"]["signIn"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_string();
    assert_eq!(bill_ids(&client, &server.url, &token).await.len(), 1);
}

#[test]
fn malformed_or_newer_dumps_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().expect("a dir");
    let db = format!("sqlite://{}", dir.path().join("target.db").display());
    let cases = [
        ("garbage.json", "this is not json".to_string(), "not a Wisewallet export"),
        ("other.json", json!({ "format": "something-else", "version": 1 }).to_string(), "not a Wisewallet export"),
        ("newer.json", json!({ "format": "wisewallet-export", "version": 99, "exportedAt": "2026-01-01T00:00:00Z", "users": [] }).to_string(), "version 99"),
        ("bad-money.json", json!({ "format": "wisewallet-export", "version": 1, "exportedAt": "2026-01-01T00:00:00Z", "users": [
            { "id": "65a1b2c3d4e5f60718293a4b", "email": "ok@example.com", "passwordHash": "$argon2id$x", "currency": "USD",
              "timezone": "UTC", "balance": "1.234", "createdAt": "2026-01-01T00:00:00Z", "bills": [], "paydays": [] }] }).to_string(), "invalid"),
    ];
    for (name, content, expected) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, content).expect("written");
        let out = run_cli(&db, &["import", file.to_str().expect("utf-8")]);
        assert!(!out.status.success(), "{name} was accepted");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{name}: {stderr}");
    }
    assert!(
        !dir.path().join("target.db").exists(),
        "a refused dump must not even create the database"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_lets_in_flight_requests_finish_then_exits_zero() {
    let dir = tempfile::tempdir().expect("a dir");
    let mut server = start(&format!(
        "sqlite://{}",
        dir.path().join("graceful.db").display()
    ));
    let client = reqwest::Client::new();
    // Sign-ups are slow on purpose (Argon2id), so some are still running when SIGTERM arrives.
    let requests: Vec<_> = (0..10)
        .map(|i| {
            let (client, url) = (client.clone(), server.url.clone());
            tokio::spawn(async move {
                sign_up(&client, &url, &format!("graceful{i}@example.com")).await
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(50)).await;
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    for request in requests {
        let token = request
            .await
            .expect("every in-flight request got its answer");
        assert_eq!(token.len(), 64);
    }
    let exit = server.child.wait().expect("the server exits");
    assert_eq!(exit.code(), Some(0));
}
