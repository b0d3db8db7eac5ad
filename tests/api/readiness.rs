//! `/readyz` and requests when the SQLite file goes away or becomes read-only: the process stays
//! up, readiness says 503, requests get `SERVICE_UNAVAILABLE`, and nothing is written into a
//! file that is no longer the database. (MongoDB going away and coming back is tested with a
//! FerretDB of the test's own in `tests/process.rs`.)

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Backend, Session, TestApp, bill, spawn_app_with};

async fn app_on_a_file() -> (TestApp, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a dir");
    let path = dir.path().join("ready.db");
    let database = wisewallet::config::DatabaseUrl::Sqlite(path.clone());
    let app = spawn_app_with(Backend::Sqlite, move |c| c.database_url = database).await;
    (app, path, dir)
}

async fn status_of(app: &TestApp, path: &str) -> StatusCode {
    app.client
        .get(app.url(path))
        .send()
        .await
        .expect("an answer")
        .status()
}

async fn create_bill_code(app: &TestApp, s: &Session) -> Option<String> {
    let (_, body) = app
        .post(
            Some(&s.token),
            "mutation($i: BillInput!) { createBill(input: $i) { id } }",
            json!({ "i": bill("Rent", "1500") }),
        )
        .await;
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .map(str::to_string)
}

#[tokio::test]
async fn a_deleted_database_file_is_not_ready_and_nothing_is_written_into_it() {
    let (app, path, _dir) = app_on_a_file().await;
    let s = app.sign_up("gone@example.com").await;
    assert_eq!(status_of(&app, "/readyz").await, StatusCode::OK);
    let saved = path.with_extension("saved");
    std::fs::copy(&path, &saved).expect("a copy");

    std::fs::remove_file(&path).expect("deleted");

    assert_eq!(
        status_of(&app, "/readyz").await,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(status_of(&app, "/healthz").await, StatusCode::OK);
    let (status, body) = app
        .post(Some(&s.token), "{ me { email } }", json!({}))
        .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"],
        "SERVICE_UNAVAILABLE"
    );
    let (_, body) = app
        .post(
            None,
            "mutation { signUp(email: \"new@example.com\", password: \"correct horse battery\") { token } }",
            json!({}),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "SERVICE_UNAVAILABLE",
        "{body}"
    );

    std::fs::copy(&saved, &path).expect("a file put back");
    assert_eq!(
        status_of(&app, "/readyz").await,
        StatusCode::SERVICE_UNAVAILABLE,
        "another file at the path is not the database that was open: a restart picks it up"
    );
}

#[tokio::test]
async fn a_read_only_database_file_is_not_ready_refuses_writes_and_recovers() {
    let (app, path, _dir) = app_on_a_file().await;
    let s = app.sign_up("readonly@example.com").await;
    let writable = std::fs::metadata(&path).expect("meta").permissions();

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");

    assert_eq!(
        status_of(&app, "/readyz").await,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(
        create_bill_code(&app, &s).await.as_deref(),
        Some("SERVICE_UNAVAILABLE")
    );
    let listed = app.ok(Some(&s.token), "{ bills { id } }", json!({})).await;
    assert_eq!(
        listed["bills"],
        json!([]),
        "reads still work, and nothing was written"
    );

    std::fs::set_permissions(&path, writable).expect("chmod back");

    assert_eq!(status_of(&app, "/readyz").await, StatusCode::OK);
    assert_eq!(create_bill_code(&app, &s).await, None);
}
