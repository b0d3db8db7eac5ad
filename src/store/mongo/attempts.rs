//! Sign-in attempts: the `attempts` collection, where every server on the database counts
//! sign-in attempts together (the throttle of `auth::throttle`).
//!
//! A key with a limit of `n` has `n` numbered places, one document each, `_id`
//! `"<key>#<place>"`: reserving an attempt inserts the document of a free place, which expires
//! a window later. The unique `_id` makes that atomic across servers — two servers cannot take
//! one place — where a counter would not be on FerretDB v1: 200 concurrent `findOneAndUpdate`
//! `$inc`s with `upsert` left the counter at 11 (measured), while unique keys hold. And the
//! window slides exactly, as the throttle's did in memory: a place frees when its own attempt
//! expires. Expired places of a key are deleted before each reservation; a TTL index removes
//! the rest where the server has one. Places are numbered by the limit, so every server on a
//! database must use the same limits (they come from the same configuration).
//!
//! Each reservation costs two round trips per key (three keys for a sign-in) while the key has
//! room; sign-ins are rare next to other requests and spend far longer hashing.

use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use mongodb::bson::{Document, doc};

use super::{MongoStore, bson_time, internal, is_duplicate_key};
use crate::store::{AttemptLimit, StoreError, StoreResult};

/// Tries to take a free place of `limit` until `expires`; `Ok(None)` when all are taken.
async fn take_place(
    store: &MongoStore,
    limit: &AttemptLimit,
    now: DateTime<Utc>,
    expires: DateTime<Utc>,
) -> StoreResult<Option<String>> {
    let places = limit.limit.max(1) as u64;
    store
        .attempts
        .delete_many(doc! { "key": &limit.key, "expiresAt": { "$lte": bson_time(now) } })
        .await
        .map_err(internal)?;
    // A blind pick first: one round trip while the key is far from its limit. After a
    // collision, read the places in use and pick a free one; each further collision means
    // another server took that place.
    for attempt in 0..32 {
        let place = if attempt == 0 {
            rand::random::<u64>() % places
        } else {
            let used: Vec<Document> = store
                .attempts
                .find(doc! { "key": &limit.key })
                .projection(doc! { "_id": 1 })
                .await
                .map_err(internal)?
                .try_collect()
                .await
                .map_err(internal)?;
            let used: std::collections::HashSet<u64> = used
                .iter()
                .filter_map(|d| d.get_str("_id").ok())
                .filter_map(|id| id.rsplit_once('#'))
                .filter_map(|(_, place)| place.parse().ok())
                .collect();
            let free: Vec<u64> = (0..places).filter(|p| !used.contains(p)).collect();
            if free.is_empty() {
                return Ok(None);
            }
            free[(rand::random::<u64>() % free.len() as u64) as usize]
        };
        let id = format!("{}#{place}", limit.key);
        let inserted = store
            .attempts
            .insert_one(doc! { "_id": &id, "key": &limit.key, "expiresAt": bson_time(expires) })
            .await;
        match inserted {
            Ok(_) => return Ok(Some(id)),
            Err(e) if is_duplicate_key(&e) => continue,
            Err(e) => return Err(internal(e)),
        }
    }
    Err(StoreError::Internal(anyhow::anyhow!(
        "no free place for a sign-in attempt after 32 tries"
    )))
}

pub(super) async fn reserve(
    store: &MongoStore,
    limits: &[AttemptLimit],
    now: DateTime<Utc>,
    window: std::time::Duration,
) -> StoreResult<Option<usize>> {
    let expires = now + chrono::Duration::from_std(window).unwrap_or(chrono::Duration::zero());
    let mut taken = Vec::with_capacity(limits.len());
    for (index, limit) in limits.iter().enumerate() {
        let outcome = take_place(store, limit, now, expires).await;
        match outcome {
            Ok(Some(id)) => taken.push(id),
            Ok(None) | Err(_) => {
                // Give back what this attempt took; a failure here only makes the limits
                // stricter until the places expire.
                if !taken.is_empty() {
                    let _ = store
                        .attempts
                        .delete_many(doc! { "_id": { "$in": &taken } })
                        .await;
                }
                return outcome.map(|_| Some(index));
            }
        }
    }
    Ok(None)
}

pub(super) async fn forget(store: &MongoStore, key: &str) -> StoreResult<()> {
    store
        .attempts
        .delete_many(doc! { "key": key })
        .await
        .map_err(internal)?;
    Ok(())
}
