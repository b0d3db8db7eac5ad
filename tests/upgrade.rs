//! A database written by the release before the plan, opened by this one: nothing is lost and
//! the new fields read as DESIGN's defaults — a user's `balanceOn` is the day of the upgrade, a
//! bill's envelope is 0.00 as of the day it was made, no occurrence is changed.
//!
//! The old data is written here exactly as that release wrote it: its SQLite schema (migration
//! 1) and rows, and its MongoDB documents.
//!
//! On MongoDB, the sessions kept in `sessions` by the releases before they moved into `users`
//! are checked too: they sign in and out until they expire.

#[path = "common/mod.rs"]
mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use mongodb::bson::{self, doc, oid::ObjectId};
use wisewallet::config::DatabaseUrl;
use wisewallet::domain::account::PlanMode;
use wisewallet::domain::entry::EntryKind;
use wisewallet::domain::id::Id;
use wisewallet::domain::money::Money;

/// The release before the plan: migration 1, verbatim.
const V1_SCHEMA: &str = "CREATE TABLE users (
        id            TEXT PRIMARY KEY,
        email         TEXT NOT NULL UNIQUE,
        password_hash TEXT NOT NULL,
        currency      TEXT NOT NULL,
        timezone      TEXT NOT NULL,
        balance       INTEGER NOT NULL,
        created_at    INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX sessions_user ON sessions(user_id);
    CREATE INDEX sessions_expiry ON sessions(expires_at);
    CREATE TABLE entries (
        id         TEXT PRIMARY KEY,
        owner      TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind       TEXT NOT NULL CHECK (kind IN ('bill', 'payday')),
        name       TEXT NOT NULL,
        amount     INTEGER NOT NULL,
        schedule   TEXT NOT NULL,
        category   TEXT,
        autopay    INTEGER NOT NULL,
        notes      TEXT,
        archived   INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX entries_owner ON entries(owner, kind, id);
    PRAGMA user_version = 1;";

const SCHEDULE_JSON: &str = r#"{"start":"2026-01-01","frequency":"Monthly","interval":1,"daysOfMonth":[1],"until":null,"count":null,"weekend":"Keep"}"#;

/// 2026-01-05T12:00:00Z, when the old rows were made.
fn made_at() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 12, 0, 0)
        .single()
        .expect("a valid time")
}

struct Old {
    user: Id,
    bill: Id,
    payday: Id,
}

async fn check_upgraded(store: &dyn wisewallet::store::Store, old: &Old) {
    let today = Utc::now().date_naive();
    let user = store
        .user(old.user)
        .await
        .expect("the user reads")
        .expect("the user is still there");
    assert_eq!(user.email.as_str(), "old@example.com");
    assert_eq!(user.balance, Money::from_cents(73_218));
    assert!(
        user.balance_on == today || user.balance_on == today.pred_opt().unwrap_or(today),
        "balanceOn is the day of the upgrade, got {}",
        user.balance_on
    );
    assert_eq!(user.plan_mode, PlanMode::JustInTime);
    assert!(user.password_hash.starts_with("$argon2id$"));

    let bills = store
        .entries(old.user, EntryKind::Bill, true)
        .await
        .expect("the bills read");
    let [bill] = bills.as_slice() else {
        panic!("one bill: {bills:?}")
    };
    assert_eq!(bill.id, old.bill);
    assert_eq!(bill.name.as_str(), "Rent");
    assert_eq!(bill.amount.money(), Money::from_cents(140_000));
    assert_eq!(bill.envelope.reserved(), Money::ZERO);
    assert_eq!(
        bill.envelope.reserved_on(),
        NaiveDate::from_ymd_opt(2026, 1, 5).expect("a date"),
        "an envelope as of the day the bill was made"
    );
    assert!(bill.exceptions.is_empty());
    assert_eq!(bill.created_at, made_at());

    let paydays = store
        .entries(old.user, EntryKind::Payday, true)
        .await
        .expect("the paydays read");
    assert_eq!(
        paydays.iter().map(|p| p.id).collect::<Vec<_>>(),
        [old.payday]
    );
    assert!(paydays[0].exceptions.is_empty());
}

#[tokio::test]
async fn a_sqlite_file_from_the_release_before_the_plan_opens_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("old.db");
    let old = Old {
        user: Id::generate(),
        bill: Id::generate(),
        payday: Id::generate(),
    };
    {
        let conn = rusqlite::Connection::open(&path).expect("a new file");
        conn.execute_batch(V1_SCHEMA).expect("the old schema");
        let millis = made_at().timestamp_millis();
        conn.execute(
            "INSERT INTO users VALUES (?1, 'old@example.com', ?2, 'USD', 'UTC', 73218, ?3)",
            rusqlite::params![old.user.to_string(), HASH, millis],
        )
        .expect("the old user");
        for (id, kind, name, amount) in [
            (old.bill, "bill", "Rent", 140_000),
            (old.payday, "payday", "Salary", 250_000),
        ] {
            conn.execute(
                "INSERT INTO entries VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL, 0, NULL, 0, ?7, ?7)",
                rusqlite::params![
                    id.to_string(),
                    old.user.to_string(),
                    kind,
                    name,
                    amount,
                    SCHEDULE_JSON,
                    millis
                ],
            )
            .expect("an old entry");
        }
    }

    let store = wisewallet::store::connect(&DatabaseUrl::Sqlite(path.clone()))
        .await
        .expect("the new release opens the old file");
    check_upgraded(store.as_ref(), &old).await;
    drop(store);

    // Opening it again migrates nothing twice and changes nothing.
    let again = wisewallet::store::connect(&DatabaseUrl::Sqlite(path))
        .await
        .expect("it opens again");
    check_upgraded(again.as_ref(), &old).await;
}

#[tokio::test]
async fn mongodb_documents_from_the_release_before_the_plan_read_as_the_defaults() {
    let url = common::fresh_mongo_url("upgrade");
    let client = mongodb::Client::with_uri_str(&url).await.expect("a client");
    let db = client.default_database().expect("the URL names a database");
    let old = Old {
        user: Id::generate(),
        bill: Id::generate(),
        payday: Id::generate(),
    };
    let oid = |id: Id| ObjectId::from_bytes(id.bytes());
    let made = bson::DateTime::from_millis(made_at().timestamp_millis());
    let schedule: bson::Document =
        bson::to_document(&serde_json::from_str::<serde_json::Value>(SCHEDULE_JSON).expect("JSON"))
            .expect("a BSON schedule");
    db.collection::<bson::Document>("users")
        .insert_one(doc! {
            "_id": oid(old.user), "email": "old@example.com", "passwordHash": HASH,
            "currency": "USD", "timezone": "UTC", "balance": 73_218_i64, "createdAt": made,
        })
        .await
        .expect("the old user");
    for (collection, id, name, amount) in [
        ("bills", old.bill, "Rent", 140_000_i64),
        ("paydays", old.payday, "Salary", 250_000_i64),
    ] {
        db.collection::<bson::Document>(collection)
            .insert_one(doc! {
                "_id": oid(id), "owner": oid(old.user), "slot": 0_i64, "name": name,
                "amount": amount, "schedule": schedule.clone(), "category": null,
                "autopay": false, "notes": null, "archived": false,
                "createdAt": made, "updatedAt": made,
            })
            .await
            .expect("an old entry");
    }

    let store = wisewallet::store::connect(&DatabaseUrl::Mongo(url.clone()))
        .await
        .expect("the new release opens the old database");
    check_upgraded(store.as_ref(), &old).await;
    let stored = db
        .collection::<bson::Document>("users")
        .find_one(doc! { "_id": oid(old.user) })
        .await
        .expect("a read")
        .expect("the user");
    assert!(
        stored.get_str("balanceOn").is_ok(),
        "the upgrade day is stored, not recomputed every day: {stored}"
    );

    // A session of the old release (its token names no user; it is in `sessions`) still signs
    // in until it ends; one made now lives beside the users, and reopening the store (the
    // upgrade runs at every start) leaves it a session.
    let (old_token, old_hash) = wisewallet::auth::new_token();
    let now = wisewallet::store::now_millis();
    let at = |t: chrono::DateTime<Utc>| bson::DateTime::from_millis(t.timestamp_millis());
    db.collection::<bson::Document>("sessions")
        .insert_one(doc! {
            "_id": ObjectId::new(), "tokenHash": &old_hash.0, "userId": oid(old.user),
            "createdAt": at(now), "expiresAt": at(now + chrono::Duration::days(1)),
        })
        .await
        .expect("an old session");
    let old_key = wisewallet::auth::session_key(&old_token);
    assert_eq!(old_key.user, None);
    let (_, new_key) = wisewallet::auth::new_session_token(old.user);
    store
        .create_session(&wisewallet::domain::session::Session {
            token_hash: new_key.hash.clone(),
            user_id: old.user,
            created_at: now,
            expires_at: now + chrono::Duration::days(1),
        })
        .await
        .expect("a new session");
    let store = wisewallet::store::connect(&DatabaseUrl::Mongo(url.clone()))
        .await
        .expect("it opens again");
    check_upgraded(store.as_ref(), &old).await;
    for key in [&old_key, &new_key] {
        let found = store.session_user(key, now).await.expect("a read");
        assert_eq!(found.map(|u| u.id), Some(old.user), "{key:?}");
    }
    let session = db
        .collection::<bson::Document>("users")
        .find_one(doc! { "_id": { "$type": "string" } })
        .await
        .expect("a read")
        .expect("the new session is beside the users");
    assert!(!session.contains_key("balanceOn"), "{session}");
    assert_eq!(store.export().await.expect("exported").accounts.len(), 1);

    // Signing out ends either kind, where it is.
    store.delete_session(&old_key).await.expect("signed out");
    assert_eq!(
        store.session_user(&old_key, now).await.expect("a read"),
        None
    );
    let left = db
        .collection::<bson::Document>("sessions")
        .count_documents(doc! {})
        .await;
    assert_eq!(left.expect("counted"), 0);
    assert!(
        store
            .session_user(&new_key, now)
            .await
            .expect("a read")
            .is_some()
    );
    store.delete_session(&new_key).await.expect("signed out");
    assert_eq!(
        store.session_user(&new_key, now).await.expect("a read"),
        None
    );
}

/// A hash in the old release's format (Argon2id, OWASP parameters).
const HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$qN4ZyYh1l5ZQmLw3G0wR3dM5PZKp2yJ8l0Gm3Vb0e1g";
