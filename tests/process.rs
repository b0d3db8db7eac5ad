//! The real binary as a process: acknowledged writes survive `kill -9` on SQLite, export and
//! import move everything between stores (SQLite → MongoDB → SQLite) through the command line,
//! SIGTERM lets in-flight requests finish, and start-up errors and JSON logs are as documented.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use common::process::{self, BIN};

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

const MAX_WRITES_PER_WRITER: usize = 5000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn acknowledged_writes_survive_kill_dash_nine() {
    let dir = tempfile::tempdir().expect("a dir");
    let db = dir.path().join("durable.db");
    let database_url = format!("sqlite://{}", db.display());
    let client = reqwest::Client::new();

    let mut server = process::serve(&database_url);
    let url = server.url.clone();
    let mut tokens = Vec::new();
    for w in 0..4 {
        tokens.push(sign_up(&client, &url, &format!("durable{w}@example.com")).await);
    }

    let writers: Vec<_> = (0..4)
        .map(|w: usize| {
            let (client, url, token) = (client.clone(), url.clone(), tokens[w].clone());
            tokio::spawn(async move {
                let mut acknowledged = Vec::new();
                // Bounded, but far more than fit in the time before the kill: every writer is
                // still writing when the server dies.
                for i in 0..MAX_WRITES_PER_WRITER {
                    let request = client
                        .post(format!("{url}/graphql"))
                        .bearer_auth(&token)
                        .json(&json!({ "query": "mutation($n: String!) { createBill(input: { name: $n, amount: \"1\", schedule: { start: \"2026-01-01\" } }) { id } }",
                                       "variables": { "n": format!("w{w} #{i}") } }))
                        .send()
                        .await;
                    // A request cut off by the kill was never acknowledged: it may or may not exist.
                    let Ok(response) = request else { return (acknowledged, true) };
                    let Ok(body) = response.json::<Value>().await else { return (acknowledged, true) };
                    match body["data"]["createBill"]["id"].as_str() {
                        Some(id) => acknowledged.push(id.to_string()),
                        None => panic!("a write was refused before the kill: {body}"),
                    }
                }
                (acknowledged, false)
            })
        })
        .collect();

    tokio::time::sleep(Duration::from_millis(700)).await;
    server.child.kill().expect("SIGKILL"); // std's kill() is SIGKILL on Unix
    server.child.wait().expect("reaped");
    let mut acknowledged = Vec::new();
    for (w, writer) in writers.into_iter().enumerate() {
        let (ids, cut_off) = writer.await.expect("the writer finishes");
        assert!(
            cut_off,
            "writer {w} was not writing when the server died, so it proved nothing"
        );
        acknowledged.extend(ids.into_iter().map(|id| (w, id)));
    }
    assert!(
        acknowledged.len() >= 10,
        "too few writes happened before the kill: {}",
        acknowledged.len()
    );

    let restarted = process::serve(&database_url);
    let mut stored = Vec::new();
    for (w, token) in tokens.iter().enumerate() {
        let ids = bill_ids(&client, &restarted.url, token).await;
        stored.extend(ids.into_iter().map(|id| (w, id)));
    }
    let missing: Vec<&(usize, String)> = acknowledged
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

fn export(database_url: &str, file: &Path) -> Value {
    let out = process::run(
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
    let mongo = common::fresh_mongo_url("cli");
    let last = format!("sqlite://{}", dir.path().join("last.db").display());
    let client = reqwest::Client::new();

    let server = process::serve(&first);
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
        let out = process::run(target, &["import", source.to_str().expect("utf-8")]);
        assert!(
            out.status.success(),
            "import failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let again = process::run(target, &["import", source.to_str().expect("utf-8")]);
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
    let server = process::serve(&last);
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
        let out = process::run(&db, &["import", file.to_str().expect("utf-8")]);
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
    let mut server = process::serve(&format!(
        "sqlite://{}",
        dir.path().join("graceful.db").display()
    ));
    let client = reqwest::Client::new();
    // Sign-ups are slow on purpose (Argon2id, two at a time), so most of these are still being
    // worked on when SIGTERM arrives right after the first one is answered.
    let (first_done, first_done_rx) = tokio::sync::watch::channel(false);
    let requests: Vec<_> = (0..10)
        .map(|i| {
            let (client, url, first_done) = (client.clone(), server.url.clone(), first_done.clone());
            tokio::spawn(async move {
                let result = client
                    .post(format!("{url}/graphql"))
                    .json(&json!({ "query": format!(
                        "mutation {{ signUp(email: \"graceful{i}@example.com\", password: \"correct horse battery\") {{ token }} }}") }))
                    .send()
                    .await;
                let outcome = match result {
                    Ok(response) => Ok(response.json::<Value>().await),
                    Err(e) => Err(e),
                };
                let _ = first_done.send(true);
                outcome
            })
        })
        .collect();
    let mut first_done_rx = first_done_rx;
    first_done_rx
        .wait_for(|done| *done)
        .await
        .expect("a first answer");
    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());

    let mut answered = 0;
    for request in requests {
        match request.await.expect("the task finishes") {
            Ok(body) => {
                let body = body.expect("a complete JSON answer, never a cut-off one");
                assert!(body["data"]["signUp"]["token"].is_string(), "{body}");
                answered += 1;
            }
            // A request that had not connected before the listener closed was never in flight.
            Err(e) => assert!(e.is_connect(), "an in-flight request failed: {e}"),
        }
    }
    assert!(answered >= 3, "only {answered} sign-ups were answered");
    let exit = server.child.wait().expect("the server exits");
    assert_eq!(exit.code(), Some(0));
}

#[test]
fn a_bad_setting_stops_start_up_with_one_message_naming_it() {
    let out = Command::new(BIN)
        .arg("serve")
        .env("PORT", "eighty")
        .output()
        .expect("the binary runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("PORT") && stderr.contains("eighty"),
        "{stderr}"
    );
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
}

#[test]
fn json_logs_are_one_object_per_line() {
    let dir = tempfile::tempdir().expect("a dir");
    let mut child = Command::new(BIN)
        .arg("serve")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("logs.db").display()),
        )
        .env("PORT", "0")
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut line = String::new();
    BufReader::new(child.stderr.take().expect("stderr"))
        .read_line(&mut line)
        .expect("a log line");
    let _ = child.kill();
    let _ = child.wait();
    let event: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("{e}: {line}"));
    assert_eq!(event["level"], "INFO", "{event}");
    assert!(event["message"].is_string(), "{event}");
}

#[test]
fn export_writes_a_private_file_and_never_follows_or_replaces_what_is_not_one() {
    use std::os::unix::fs::{PermissionsExt, symlink};

    let dir = tempfile::tempdir().expect("a temporary directory");
    let database = format!("sqlite://{}", dir.path().join("export.db").display());
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep me").expect("written");

    // A regular file: written whole, readable by the owner only.
    let out = dir.path().join("backup.json");
    let ok = process::run(
        &database,
        &["export", "--output", out.to_str().expect("utf-8")],
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let mode = std::fs::metadata(&out)
        .expect("written")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    assert!(String::from_utf8_lossy(&ok.stderr).contains("password"));

    // A symlink at the target, a directory, a device: refused, nothing touched or left behind.
    let link = dir.path().join("link.json");
    symlink(&victim, &link).expect("a symlink");
    let folder = dir.path().join("folder.json");
    std::fs::create_dir(&folder).expect("a directory");
    for target in [link.as_path(), folder.as_path(), Path::new("/dev/null")] {
        let refused = process::run(
            &database,
            &["export", "--output", target.to_str().expect("utf-8")],
        );
        assert!(!refused.status.success(), "{target:?} was replaced");
        assert!(
            String::from_utf8_lossy(&refused.stderr).contains("not a regular file"),
            "{}",
            String::from_utf8_lossy(&refused.stderr)
        );
    }
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep me");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("still there")
            .file_type()
            .is_symlink()
    );

    // A link planted where the old code wrote its temporary file is never used.
    let planted = dir.path().join("backup2.json.partial");
    symlink(&victim, &planted).expect("a symlink");
    let out2 = dir.path().join("backup2.json");
    let ok = process::run(&database, &["export", "-o", out2.to_str().expect("utf-8")]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "keep me");

    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("a listing")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.') && name.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // `-` is standard output.
    let stdout = process::run(&database, &["export", "--output", "-"]);
    assert!(stdout.status.success());
    assert!(String::from_utf8_lossy(&stdout.stdout).contains("wisewallet-export"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_a_client_sends_reaches_the_logs_only_cut_short() {
    let dir = tempfile::tempdir().expect("a dir");
    let mut child = Command::new(BIN)
        .arg("serve")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("logs.db").display()),
        )
        .env("PORT", "0")
        .env("STATIC_DIR", "/nonexistent")
        .env("LOG_FORMAT", "json")
        .env("RUST_LOG", "info,tower_http=debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the line with the address");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .trim_end_matches('/')
        .to_string();
    let long_id = "i".repeat(2000);
    let long_path = format!("/{}", vec!["p".repeat(200); 19].join("/"));
    let response = reqwest::Client::new()
        .get(format!("{url}{long_path}"))
        .header("x-request-id", &long_id)
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), reqwest::StatusCode::NOT_FOUND);
    let _ = child.kill();
    let _ = child.wait();

    let mut logged = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut logged)
        .expect("the logs");
    let events: Vec<Value> = logged
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    let spans: Vec<&Value> = events.iter().filter_map(|e| e.get("span")).collect();
    assert!(!spans.is_empty(), "the request was logged: {logged}");
    for span in spans {
        let path = span["path"].as_str().expect("a path");
        assert!(path.chars().count() <= 257, "{path}");
        assert!(long_path.starts_with(path.trim_end_matches('…')), "{path}");
        let id = span["id"].as_str().expect("an id");
        assert_eq!(id.len(), 36, "a generated id, not the client's: {id}");
    }
    assert!(
        logged.lines().all(|l| l.len() < 2000),
        "no log line carries the client's 2,000-character values"
    );
}

/// Polls `url` until it answers `status` (or a request fails, for `None`), for at most
/// `deadline`; returns how long it took.
async fn poll_until(
    client: &reqwest::Client,
    url: &str,
    status: reqwest::StatusCode,
    deadline: Duration,
) -> Duration {
    let started = std::time::Instant::now();
    loop {
        let answer = client
            .get(url)
            .timeout(Duration::from_secs(10))
            .send()
            .await;
        if answer.as_ref().is_ok_and(|r| r.status() == status) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < deadline,
            "{url} did not answer {status} within {deadline:?}: {answer:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_mongodb_goes_away_readyz_says_503_requests_fail_clearly_and_it_recovers() {
    let data = tempfile::tempdir().expect("a dir");
    let mut ferret = common::ferretdb::FerretDb::start(data.path(), common::ferretdb::free_port());
    let server = process::serve(&ferret.url("outage"));
    let client = reqwest::Client::new();
    let ready = format!("{}/readyz", server.url);
    poll_until(
        &client,
        &ready,
        reqwest::StatusCode::OK,
        Duration::from_secs(20),
    )
    .await;
    let token = sign_up(&client, &server.url, "outage@example.com").await;

    ferret.kill();
    let down_after = poll_until(
        &client,
        &ready,
        reqwest::StatusCode::SERVICE_UNAVAILABLE,
        Duration::from_secs(20),
    )
    .await;
    let started = std::time::Instant::now();
    let during = client
        .post(format!("{}/graphql", server.url))
        .bearer_auth(&token)
        .json(&json!({ "query": "{ me { email } }" }))
        .timeout(Duration::from_secs(20))
        .send()
        .await
        .expect("an answer while the database is away");
    let answered_in = started.elapsed();
    assert_eq!(during.status(), reqwest::StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = during.json().await.expect("json");
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "SERVICE_UNAVAILABLE",
        "{body}"
    );
    let signing_up = gql(&client, &server.url, None,
        "mutation { signUp(email: \"later@example.com\", password: \"correct horse battery\") { token } }",
        json!({})).await;
    assert_eq!(
        signing_up["errors"][0]["extensions"]["code"], "SERVICE_UNAVAILABLE",
        "{signing_up}"
    );
    let alive = client
        .get(format!("{}/healthz", server.url))
        .send()
        .await
        .expect("the process is up");
    assert_eq!(alive.status(), reqwest::StatusCode::OK);

    ferret.restart();
    let up_after = poll_until(
        &client,
        &ready,
        reqwest::StatusCode::OK,
        Duration::from_secs(30),
    )
    .await;
    let me = gql(
        &client,
        &server.url,
        Some(&token),
        "{ me { email } }",
        json!({}),
    )
    .await;
    assert_eq!(me["data"]["me"]["email"], "outage@example.com", "{me}");
    // Measured, not asserted (the machine is shared): see docs/benchmarks.md.
    eprintln!(
        "readiness: 503 {down_after:?} after the kill, a request answered in {answered_in:?}, \
         200 {up_after:?} after the restart"
    );
}

/// Signs in with a wrong password on `url`; the error code.
async fn wrong_sign_in(client: &reqwest::Client, url: &str, email: &str) -> String {
    let body = gql(
        client,
        url,
        None,
        "mutation($e: String!) { signIn(email: $e, password: \"wrong horse battery\") { token } }",
        json!({ "e": email }),
    )
    .await;
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("an error: {body}"))
        .to_string()
}

/// Two server processes on one database: the sign-in limit of one email (5 failures) holds for
/// both together, one after the other and all at once.
async fn two_servers_count_sign_in_attempts_together(database_url: &str) {
    let (one, two) = (process::serve(database_url), process::serve(database_url));
    let client = reqwest::Client::new();
    sign_up(&client, &one.url, "shared@example.com").await;

    let mut codes = Vec::new();
    for n in 0..8 {
        let server = if n % 2 == 0 { &one.url } else { &two.url };
        codes.push(wrong_sign_in(&client, server, "shared@example.com").await);
    }
    assert_eq!(
        codes,
        [
            "UNAUTHENTICATED",
            "UNAUTHENTICATED",
            "UNAUTHENTICATED",
            "UNAUTHENTICATED",
            "UNAUTHENTICATED",
            "RATE_LIMITED",
            "RATE_LIMITED",
            "RATE_LIMITED"
        ]
    );

    sign_up(&client, &two.url, "raced@example.com").await;
    let attempts: Vec<_> = (0..20)
        .map(|n| {
            let client = client.clone();
            let url = if n % 2 == 0 {
                one.url.clone()
            } else {
                two.url.clone()
            };
            tokio::spawn(async move { wrong_sign_in(&client, &url, "raced@example.com").await })
        })
        .collect();
    let mut checked = 0;
    for attempt in attempts {
        match attempt.await.expect("joined").as_str() {
            "UNAUTHENTICATED" => checked += 1,
            "RATE_LIMITED" => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(checked, 5, "passwords checked across both servers");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_mongodb_enforce_one_sign_in_limit() {
    two_servers_count_sign_in_attempts_together(&common::fresh_mongo_url("throttle")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_sqlite_file_enforce_one_sign_in_limit() {
    let dir = tempfile::tempdir().expect("a dir");
    let url = format!("sqlite://{}", dir.path().join("shared.db").display());
    two_servers_count_sign_in_attempts_together(&url).await;
}
