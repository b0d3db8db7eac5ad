//! Sessions: documents of their own in the `users` collection, beside the users, so that a
//! request's session and its user come in one find (they took two, one per collection); and the
//! session methods of the [`Store`](super::Store).
//!
//! A session is `{ _id: "session:<token hash>", email: "session:<token hash>", userId,
//! createdAt, expiresAt }`:
//! - Its `_id` is a string where a user's is an ObjectId: that tells the two kinds apart. A
//!   query that means users only says `_id: { $type: "objectId" }` (the export, the upgrade); one
//!   that means sessions names a session's `_id` or says `_id: { $type: "string" }` (the sweep).
//!   A user's own reads name an ObjectId or an address, which no session has.
//! - Its `email` repeats the `_id`. The unique index on `email` covers every document of the
//!   collection (MongoDB cannot make an index sparse in place), so each session needs an
//!   `email` of its own; and no session can take an address or be found by one, since an
//!   address always has an `@` ([`Email`](crate::domain::account::Email)) and this never does.
//! - Expired ones are swept on sign-in, on every server: the collection gets no TTL index, so
//!   that nothing ever expires a user. The expiry is checked on every read too.
//!
//! A request finds its session with `_id: { $in: [<the user its token names>, <the session's
//! _id>] }`: both documents, or fewer when the session is gone or belongs to another user
//! ([`SessionKey`]). Revocation is a single delete of the session's document, as before: no
//! document is rewritten to end a session (FerretDB v1 does not apply concurrent updates of one
//! document atomically, so sessions kept in an array inside the user could come back).
//!
//! Sessions made by the releases before this one are in the `sessions` collection, with tokens
//! that name no user. They are read and deleted there, as those releases did, until they expire
//! (the collection's TTL index on MongoDB, the sweep on FerretDB); it then stays empty.

use chrono::{DateTime, Utc};
use mongodb::bson::{self, RawBsonRef, RawDocumentBuf, doc, oid::ObjectId};
use serde::{Deserialize, Serialize};

use super::users::UserDoc;
use super::{MongoStore, bson_time, id, internal, oid, users};
use crate::domain::account::User;
use crate::domain::session::{Session, SessionKey, TokenHash};
use crate::store::StoreResult;

/// A session in the `users` collection.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionDoc {
    /// `session:` and the token's hash.
    #[serde(rename = "_id")]
    id: String,
    /// The same as `_id` (see the module docs).
    email: String,
    user_id: ObjectId,
    created_at: bson::DateTime,
    expires_at: bson::DateTime,
}

/// A session in the `sessions` collection, as the releases before this one kept it: only
/// read (by its token hash and expiry, which the filter checks) and deleted now, so only its
/// user is decoded.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct OldSessionDoc {
    user_id: ObjectId,
}

/// The `_id` (and `email`) of the session whose token hashes to `hash`.
fn session_id(hash: &TokenHash) -> String {
    format!("session:{}", hash.0)
}

pub(super) async fn create(store: &MongoStore, session: &Session) -> StoreResult<()> {
    let now = bson_time(session.created_at);
    store
        .users
        .delete_many(doc! { "_id": { "$type": "string" }, "expiresAt": { "$lte": now } })
        .await
        .map_err(internal)?;
    // On MongoDB the TTL index empties the old collection; on servers without TTL indexes
    // (FerretDB) this sweep does.
    if store.sweep_sessions {
        store
            .old_sessions
            .delete_many(doc! { "expiresAt": { "$lte": now } })
            .await
            .map_err(internal)?;
    }
    let id = session_id(&session.token_hash);
    let doc = SessionDoc {
        email: id.clone(),
        id,
        user_id: oid(session.user_id),
        created_at: now,
        expires_at: bson_time(session.expires_at),
    };
    store
        .users
        .clone_with_type::<SessionDoc>()
        .insert_one(doc)
        .await
        .map_err(internal)?;
    Ok(())
}

pub(super) async fn user(
    store: &MongoStore,
    key: &SessionKey,
    now: DateTime<Utc>,
) -> StoreResult<Option<User>> {
    let Some(named) = key.user else {
        return old_user(store, &key.hash, now).await;
    };
    let mut cursor = store
        .users
        .clone_with_type::<RawDocumentBuf>()
        .find(doc! { "_id": { "$in": [oid(named), session_id(&key.hash)] } })
        .await
        .map_err(internal)?;
    let (mut session, mut user) = (None, None);
    while cursor.advance().await.map_err(internal)? {
        let raw = cursor.current();
        let decode = |e| anyhow::Error::new(e).context("decoding a stored session or user");
        match raw.get("_id").map_err(anyhow::Error::new)? {
            Some(RawBsonRef::String(_)) => {
                session = Some(bson::from_slice::<SessionDoc>(raw.as_bytes()).map_err(decode)?);
            }
            _ => user = Some(bson::from_slice::<UserDoc>(raw.as_bytes()).map_err(decode)?),
        }
    }
    // Expired sessions are swept on sign-in only, so the expiry is checked here; and the
    // session must be the named user's (the hash covers the name: only a forged document
    // could differ).
    let live = session.is_some_and(|s| s.user_id == oid(named) && s.expires_at > bson_time(now));
    match user {
        Some(user) if live => Ok(Some(user.into_user()?)),
        _ => Ok(None),
    }
}

/// The user of a session made before sessions moved beside their users: two finds.
async fn old_user(
    store: &MongoStore,
    hash: &TokenHash,
    now: DateTime<Utc>,
) -> StoreResult<Option<User>> {
    // The TTL index removes expired sessions lazily, so the expiry is checked here too.
    let session = store
        .old_sessions
        .find_one(doc! { "tokenHash": &hash.0, "expiresAt": { "$gt": bson_time(now) } })
        .await
        .map_err(internal)?;
    match session {
        Some(session) => users::by_id(store, id(session.user_id)).await,
        None => Ok(None),
    }
}

pub(super) async fn delete(store: &MongoStore, key: &SessionKey) -> StoreResult<()> {
    if key.user.is_some() {
        store
            .users
            .delete_one(doc! { "_id": session_id(&key.hash) })
            .await
            .map_err(internal)?;
    } else {
        store
            .old_sessions
            .delete_one(doc! { "tokenHash": &key.hash.0 })
            .await
            .map_err(internal)?;
    }
    Ok(())
}
