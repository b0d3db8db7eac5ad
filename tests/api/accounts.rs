//! Sign-up, sign-in, sign-out, sessions, settings.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{Backend, TestApp, spawn_app};

const SIGN_IN: &str = "mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token user { email } } }";
const ME: &str = "{ me { id email currency timezone balance createdAt } }";

crate::common::backend_tests! {
    fixture: TestApp = spawn_app;

    async fn signing_up_returns_a_token_that_identifies_the_user(app) {
        let session = app.sign_up("Ann@Example.com").await;
        let me = app.ok(Some(&session.token), ME, json!({})).await;
        assert_eq!(me["me"]["email"], "ann@example.com");
        assert_eq!(me["me"]["currency"], "USD");
        assert_eq!(me["me"]["timezone"], "UTC");
        assert_eq!(me["me"]["balance"], "0.00");
        assert_eq!(me["me"]["id"], session.id.as_str());
        assert!(me["me"]["createdAt"].as_str().is_some_and(|t| t.ends_with('Z')));
    }

    async fn me_is_null_without_a_session_or_with_a_bogus_token(app) {
        assert_eq!(app.ok(None, ME, json!({})).await["me"], serde_json::Value::Null);
        assert_eq!(app.ok(Some("not-a-token"), ME, json!({})).await["me"], serde_json::Value::Null);
        assert_eq!(app.ok(Some(&"a".repeat(64)), ME, json!({})).await["me"], serde_json::Value::Null);
    }

    async fn signing_up_twice_with_one_email_in_any_case_is_a_conflict(app) {
        app.sign_up("bob@example.com").await;
        let code = app
            .error_code(
                None,
                "mutation { signUp(email: \"BOB@example.com\", password: \"another password\") { token } }",
                json!({}),
            )
            .await;
        assert_eq!(code, "CONFLICT");
    }

    async fn sign_in_works_and_unknown_email_and_wrong_password_look_the_same(app) {
        app.sign_up("cat@example.com").await;
        let data = app
            .ok(None, SIGN_IN, json!({ "e": "CAT@example.com", "p": "correct horse battery" }))
            .await;
        assert_eq!(data["signIn"]["user"]["email"], "cat@example.com");

        let (_, wrong) = app.post(None, SIGN_IN, json!({ "e": "cat@example.com", "p": "wrong password" })).await;
        let (_, unknown) = app.post(None, SIGN_IN, json!({ "e": "nobody@example.com", "p": "wrong password" })).await;
        assert_eq!(wrong["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
        assert_eq!(wrong["errors"][0]["message"], unknown["errors"][0]["message"]);
        assert_eq!(wrong["errors"][0]["extensions"], unknown["errors"][0]["extensions"]);
    }

    async fn repeated_failed_sign_ins_are_rate_limited_even_with_the_right_password(app) {
        app.sign_up("dan@example.com").await;
        for _ in 0..5 {
            let code = app.error_code(None, SIGN_IN, json!({ "e": "dan@example.com", "p": "wrong password" })).await;
            assert_eq!(code, "UNAUTHENTICATED");
        }
        let code = app
            .error_code(None, SIGN_IN, json!({ "e": "dan@example.com", "p": "correct horse battery" }))
            .await;
        assert_eq!(code, "RATE_LIMITED");
        // Another account is not affected.
        app.sign_up("eve@example.com").await;
        app.ok(None, SIGN_IN, json!({ "e": "eve@example.com", "p": "correct horse battery" })).await;
    }

    async fn signing_out_revokes_the_token_and_clears_the_cookie(app) {
        let session = app.sign_up("fay@example.com").await;
        let other = app
            .ok(None, SIGN_IN, json!({ "e": "fay@example.com", "p": "correct horse battery" }))
            .await["signIn"]["token"]
            .as_str()
            .map(str::to_string)
            .expect("a second token");

        let response = app
            .client
            .post(app.url("/graphql"))
            .bearer_auth(&session.token)
            .json(&json!({ "query": "mutation { signOut }" }))
            .send()
            .await
            .expect("an answer");
        let cookie = response.headers()["set-cookie"].to_str().map(str::to_string).expect("a cookie");
        assert!(cookie.contains("Max-Age=0"), "{cookie}");
        let body: serde_json::Value = response.json().await.expect("json");
        assert_eq!(body["data"]["signOut"], true);

        assert_eq!(app.ok(Some(&session.token), ME, json!({})).await["me"], serde_json::Value::Null);
        let code = app.error_code(Some(&session.token), "mutation { signOut }", json!({})).await;
        assert_eq!(code, "UNAUTHENTICATED");
        // Only that session ended.
        assert_eq!(app.ok(Some(&other), ME, json!({})).await["me"]["email"], "fay@example.com");
    }

    async fn update_settings_validates_currency_and_timezone(app) {
        let s = app.sign_up("gus@example.com").await;
        let data = app
            .ok(
                Some(&s.token),
                "mutation { updateSettings(input: { currency: \"eur\", timezone: \"Europe/Berlin\", balance: \"-20.5\" }) { currency timezone balance } }",
                json!({}),
            )
            .await;
        assert_eq!(data["updateSettings"], json!({ "currency": "EUR", "timezone": "Europe/Berlin", "balance": "-20.50" }));

        for input in [
            json!({ "currency": "EURO" }),
            json!({ "currency": "ABC" }),
            json!({ "timezone": "Mars/Base" }),
            json!({ "balance": "1.234" }),
            json!({ "balance": 12.5 }),
        ] {
            let code = app
                .error_code(
                    Some(&s.token),
                    "mutation($i: SettingsInput!) { updateSettings(input: $i) { currency } }",
                    json!({ "i": input }),
                )
                .await;
            assert_eq!(code, "BAD_USER_INPUT", "{input}");
        }
        let me = app.ok(Some(&s.token), ME, json!({})).await;
        assert_eq!(me["me"]["currency"], "EUR");
        assert_eq!(me["me"]["balance"], "-20.50");

        let code = app
            .error_code(None, "mutation { updateSettings(input: { currency: \"EUR\" }) { currency } }", json!({}))
            .await;
        assert_eq!(code, "UNAUTHENTICATED");
    }
}

// Refused before any store work: once, on SQLite.

#[tokio::test]
async fn sign_up_rejects_bad_emails_and_passwords() {
    let app = spawn_app(Backend::Sqlite).await;
    let long_email = format!("{}@example.com", "a".repeat(250));
    for (email, password) in [
        ("not-an-email", "long enough"),
        (long_email.as_str(), "long enough"),
        ("ok@example.com", "short"),
        ("ok@example.com", &"x".repeat(129)),
    ] {
        let code = app
            .error_code(
                None,
                "mutation($e: String!, $p: String!) { signUp(email: $e, password: $p) { token } }",
                json!({ "e": email, "p": password }),
            )
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{email} / {password}");
    }
    assert_eq!(
        app.ok(None, ME, json!({})).await["me"],
        serde_json::Value::Null
    );
}

#[tokio::test]
async fn the_session_cookie_is_http_only_strict_and_authenticates() {
    let app = spawn_app(Backend::Sqlite).await;
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": "mutation { signUp(email: \"hal@example.com\", password: \"correct horse\") { token } }" }))
        .send()
        .await
        .expect("an answer");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .map(str::to_string)
        .expect("a cookie");
    assert!(cookie.starts_with("ww_session="), "{cookie}");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP must not mark the cookie Secure: {cookie}"
    );

    let pair = cookie.split(';').next().expect("name=value");
    let me: serde_json::Value = app
        .client
        .post(app.url("/graphql"))
        .header("cookie", pair)
        .json(&json!({ "query": "{ me { email } }" }))
        .send()
        .await
        .expect("an answer")
        .json()
        .await
        .expect("json");
    assert_eq!(me["data"]["me"]["email"], "hal@example.com");
}

#[tokio::test]
async fn the_cookie_is_secure_behind_an_https_proxy() {
    let app = spawn_app(Backend::Sqlite).await;
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("x-forwarded-proto", "https")
        .json(&json!({ "query": "mutation { signUp(email: \"ivy@example.com\", password: \"correct horse\") { token } }" }))
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .map(str::to_string)
        .expect("a cookie");
    assert!(cookie.contains("; Secure"), "{cookie}");
}

#[tokio::test]
async fn an_expired_session_no_longer_authenticates() {
    use wisewallet::domain::session::Session;
    use wisewallet::store::now_millis;
    let app = spawn_app(Backend::Sqlite).await;
    let user = app.sign_up("jo@example.com").await;
    let user_id = user.id.parse().expect("an id");
    let (token, key) = wisewallet::auth::new_session_token(user_id);
    let now = now_millis();
    app.store
        .create_session(&Session {
            token_hash: key.hash,
            user_id,
            created_at: now - chrono::Duration::days(31),
            expires_at: now - chrono::Duration::seconds(1),
        })
        .await
        .expect("stored");
    assert_eq!(
        app.ok(Some(&token), ME, json!({})).await["me"],
        serde_json::Value::Null
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_concurrent_sign_ups_of_one_email_create_exactly_one_account() {
    for backend in [Backend::Mongo, Backend::Sqlite] {
        let app = std::sync::Arc::new(spawn_app(backend).await);
        let attempts = (0..5).map(|_| {
            let app = app.clone();
            tokio::spawn(async move {
                app.post(
                    None,
                    "mutation { signUp(email: \"race@example.com\", password: \"correct horse\") { token } }",
                    json!({}),
                )
                .await
                .1
            })
        });
        let bodies: Vec<serde_json::Value> = futures_util_join(attempts).await;
        let ok = bodies
            .iter()
            .filter(|b| b["data"]["signUp"]["token"].is_string())
            .count();
        let conflicts = bodies
            .iter()
            .filter(|b| b["errors"][0]["extensions"]["code"] == "CONFLICT")
            .count();
        assert_eq!((ok, conflicts), (1, 4), "{backend:?}: {bodies:?}");
    }
}

async fn futures_util_join<T>(handles: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for handle in handles.collect::<Vec<_>>() {
        out.push(handle.await.expect("the task finishes"));
    }
    out
}
