//! Calendar feeds: the `calendarFeeds` collection, one document per user keyed by the user's
//! id (so replacing a feed is one atomic upsert), with a unique index on the token hash (the
//! feed route's lookup); and the feed methods of the [`Store`](super::Store).

use chrono::{DateTime, Utc};
use mongodb::bson::{self, doc, oid::ObjectId};
use serde::{Deserialize, Serialize};

use super::{MongoStore, bson_time, chrono_time, id, internal, oid, users};
use crate::domain::account::User;
use crate::domain::id::Id;
use crate::domain::session::TokenHash;
use crate::store::StoreResult;

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct FeedDoc {
    /// The owner's id.
    #[serde(rename = "_id")]
    owner: ObjectId,
    token_hash: String,
    created_at: bson::DateTime,
}

pub(super) async fn replace(
    store: &MongoStore,
    owner: Id,
    hash: &TokenHash,
    created_at: DateTime<Utc>,
) -> StoreResult<()> {
    store
        .feeds
        .update_one(
            doc! { "_id": oid(owner) },
            doc! { "$set": { "tokenHash": &hash.0, "createdAt": bson_time(created_at) } },
        )
        .upsert(true)
        .await
        .map_err(internal)?;
    Ok(())
}

pub(super) async fn delete(store: &MongoStore, owner: Id) -> StoreResult<bool> {
    let result = store
        .feeds
        .delete_one(doc! { "_id": oid(owner) })
        .await
        .map_err(internal)?;
    Ok(result.deleted_count > 0)
}

pub(super) async fn created_at(
    store: &MongoStore,
    owner: Id,
) -> StoreResult<Option<DateTime<Utc>>> {
    let doc = store
        .feeds
        .find_one(doc! { "_id": oid(owner) })
        .await
        .map_err(internal)?;
    Ok(doc.map(|d| chrono_time(d.created_at)))
}

pub(super) async fn user(store: &MongoStore, hash: &TokenHash) -> StoreResult<Option<User>> {
    let feed = store
        .feeds
        .find_one(doc! { "tokenHash": &hash.0 })
        .await
        .map_err(internal)?;
    match feed {
        Some(feed) => users::by_id(store, id(feed.owner)).await,
        None => Ok(None),
    }
}
