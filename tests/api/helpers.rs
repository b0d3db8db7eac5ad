//! `spawn_app`: the real server on 127.0.0.1 port 0, over a fresh database, with typed helpers.
//!
//! MongoDB tests need `MONGODB_URI` (the README's test command starts FerretDB and sets it).
//! Without it they fail with a message saying so: they never pass by skipping.
//! Logs are shown with `TEST_LOG=1`.

use std::net::SocketAddr;
use std::sync::Arc;

use reqwest::StatusCode;
use serde_json::{Value, json};
use wisewallet::app::Application;
use wisewallet::config::{Config, DatabaseUrl};
use wisewallet::store::Store;

pub use crate::common::Backend;

/// A running server and what it needs to stay alive.
pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub store: Arc<dyn Store>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    _dir: tempfile::TempDir,
}

/// A signed-in user: their token.
#[derive(Debug, Clone)]
pub struct Session {
    pub token: String,
    pub id: String,
}

pub fn test_config(database_url: DatabaseUrl) -> Config {
    let mut config = Config::from_lookup(|_| None).expect("the default config is valid");
    config.database_url = database_url;
    config.port = 0;
    config.static_dir = "/nonexistent".into();
    config
}

fn init_logs() {
    if std::env::var("TEST_LOG").is_ok() {
        wisewallet::telemetry::init(wisewallet::config::LogFormat::Text);
    }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> TestApp {
    spawn_app_over(backend, adjust, |store| store).await
}

/// A server whose store is `wrap` of the real one (which stays `TestApp::store`).
pub async fn spawn_app_over(
    backend: Backend,
    adjust: impl FnOnce(&mut Config),
    wrap: impl FnOnce(Arc<dyn Store>) -> Arc<dyn Store>,
) -> TestApp {
    init_logs();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = match backend {
        Backend::Mongo => DatabaseUrl::Mongo(crate::common::fresh_mongo_url("test")),
        Backend::Sqlite => DatabaseUrl::Sqlite(dir.path().join("test.db")),
    };
    let mut config = test_config(url);
    adjust(&mut config);
    let store = wisewallet::store::connect(&config.database_url)
        .await
        .unwrap_or_else(|e| panic!("could not open the {backend:?} test database: {e:#}"));
    let app = Application::with_store(&config, wrap(store.clone()))
        .await
        .expect("the app binds");
    let addr = app.local_addr();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until(async {
        let _ = stopped.await;
    }));
    TestApp {
        addr,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a client"),
        store,
        stop: Some(stop),
        server: Some(server),
        _dir: dir,
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server.abort();
        }
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// POSTs one operation; returns the status and the JSON body.
    pub async fn post(
        &self,
        token: Option<&str>,
        query: &str,
        variables: Value,
    ) -> (StatusCode, Value) {
        self.post_operation(token, query, variables, None).await
    }

    /// [`post`](Self::post) with an `operationName` (none when `None`).
    pub async fn post_operation(
        &self,
        token: Option<&str>,
        query: &str,
        variables: Value,
        operation: Option<&str>,
    ) -> (StatusCode, Value) {
        let mut body = json!({ "query": query, "variables": variables });
        if let Some(operation) = operation {
            body["operationName"] = json!(operation);
        }
        let mut request = self.client.post(self.url("/graphql")).json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status();
        let body = response.json().await.unwrap_or(Value::Null);
        (status, body)
    }

    /// Runs an operation that must succeed and returns its `data`.
    pub async fn ok(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let (status, body) = self.post(token, query, variables).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// Runs an operation that must fail and returns its first error's code.
    pub async fn error_code(&self, token: Option<&str>, query: &str, variables: Value) -> String {
        let (_, body) = self.post(token, query, variables).await;
        body["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or_else(|| panic!("expected an error with a code, got {body}"))
            .to_string()
    }

    pub async fn sign_up(&self, email: &str) -> Session {
        let data = self
            .ok(
                None,
                "mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { token user { id } } }",
                json!({ "e": email, "p": "correct horse battery" }),
            )
            .await;
        Session {
            token: data["signUp"]["token"]
                .as_str()
                .expect("a token")
                .to_string(),
            id: data["signUp"]["user"]["id"]
                .as_str()
                .expect("an id")
                .to_string(),
        }
    }

    /// Creates a bill from a `BillInput` and returns its id.
    pub async fn create_bill(&self, session: &Session, input: Value) -> String {
        let data = self
            .ok(
                Some(&session.token),
                "mutation($i: BillInput!) { createBill(input: $i) { id } }",
                json!({ "i": input }),
            )
            .await;
        data["createBill"]["id"]
            .as_str()
            .expect("an id")
            .to_string()
    }

    /// Creates a payday from a `PaydayInput` and returns its id.
    pub async fn create_payday(&self, session: &Session, input: Value) -> String {
        let data = self
            .ok(
                Some(&session.token),
                "mutation($i: PaydayInput!) { createPayday(input: $i) { id } }",
                json!({ "i": input }),
            )
            .await;
        data["createPayday"]["id"]
            .as_str()
            .expect("an id")
            .to_string()
    }
}

/// A simple monthly bill input.
pub fn bill(name: &str, amount: &str) -> Value {
    json!({ "name": name, "amount": amount, "schedule": { "start": "2026-01-01", "frequency": "MONTHLY" } })
}

/// A simple biweekly payday input.
pub fn payday(name: &str, amount: &str) -> Value {
    json!({ "name": name, "amount": amount, "schedule": { "start": "2026-01-02", "frequency": "WEEKLY", "interval": 2 } })
}

/// Fails unless the server still answers `/healthz` and a GraphQL query: what every test of
/// a refusal checks afterwards.
pub async fn still_serving(app: &TestApp) {
    let health = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("the server still answers");
    assert_eq!(health.status(), StatusCode::OK);
    let data = app.ok(None, "{ __typename }", json!({})).await;
    assert_eq!(data["__typename"], "Query");
}
