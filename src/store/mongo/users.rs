//! Users: the `users` collection, its documents, and the user methods of the [`Store`](super::Store).

use anyhow::Context;
use chrono::NaiveDate;
use mongodb::bson::{self, Document, doc, oid::ObjectId};
use mongodb::options::ReturnDocument;
use serde::{Deserialize, Serialize};

use super::{MongoStore, bson_time, chrono_time, id, internal, is_duplicate_key, oid};
use crate::domain::account::{Currency, Email, SettingsChange, Timezone, User};
use crate::domain::id::Id;
use crate::domain::money::Money;
use crate::store::{EMAIL_TAKEN, StoreError, StoreResult};

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct UserDoc {
    #[serde(rename = "_id")]
    id: ObjectId,
    email: String,
    password_hash: String,
    currency: String,
    timezone: String,
    balance: i64,
    /// Absent in documents older than the plan: set to the upgrade day when the store opens
    /// (see [`upgrade`]); read as the creation day if one slips through.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    balance_on: Option<NaiveDate>,
    /// Absent in documents older than the plan: just in time.
    #[serde(default)]
    plan_mode: Option<String>,
    /// Absent in documents older than the calendar: no holidays.
    #[serde(default)]
    holidays: Option<String>,
    created_at: bson::DateTime,
}

impl UserDoc {
    pub(super) fn from_user(user: &User) -> Self {
        UserDoc {
            id: oid(user.id),
            email: user.email.as_str().to_string(),
            password_hash: user.password_hash.clone(),
            currency: user.currency.as_str().to_string(),
            timezone: user.timezone.name().to_string(),
            balance: user.balance.cents(),
            balance_on: Some(user.balance_on),
            plan_mode: Some(user.plan_mode.as_str().to_string()),
            holidays: Some(user.holidays.code().to_string()),
            created_at: bson_time(user.created_at),
        }
    }

    pub(super) fn into_user(self) -> anyhow::Result<User> {
        Ok(User {
            id: id(self.id),
            email: Email::try_from(self.email.as_str()).context("stored email")?,
            password_hash: self.password_hash,
            currency: Currency::try_from(self.currency.as_str()).context("stored currency")?,
            timezone: Timezone::try_from(self.timezone.as_str()).context("stored timezone")?,
            balance: Money::from_cents(self.balance),
            balance_on: self
                .balance_on
                .unwrap_or_else(|| chrono_time(self.created_at).date_naive()),
            plan_mode: self
                .plan_mode
                .as_deref()
                .map(str::parse)
                .transpose()
                .context("stored planMode")?
                .unwrap_or_default(),
            holidays: self
                .holidays
                .as_deref()
                .map(str::parse)
                .transpose()
                .context("stored holidays")?
                .unwrap_or_default(),
            created_at: chrono_time(self.created_at),
        })
    }
}

pub(super) async fn create(store: &MongoStore, user: &User) -> StoreResult<()> {
    match store.users.insert_one(UserDoc::from_user(user)).await {
        Ok(_) => Ok(()),
        Err(e) if is_duplicate_key(&e) => Err(StoreError::Conflict(EMAIL_TAKEN.into())),
        Err(e) => Err(internal(e)),
    }
}

pub(super) async fn by_id(store: &MongoStore, id: Id) -> StoreResult<Option<User>> {
    let doc = store
        .users
        .find_one(doc! { "_id": oid(id) })
        .await
        .map_err(internal)?;
    Ok(doc.map(UserDoc::into_user).transpose()?)
}

pub(super) async fn by_email(store: &MongoStore, email: &Email) -> StoreResult<Option<User>> {
    let doc = store
        .users
        .find_one(doc! { "email": email.as_str() })
        .await
        .map_err(internal)?;
    Ok(doc.map(UserDoc::into_user).transpose()?)
}

pub(super) async fn update_settings(
    store: &MongoStore,
    id: Id,
    change: &SettingsChange,
) -> StoreResult<Option<User>> {
    let mut set = Document::new();
    if let Some(currency) = &change.currency {
        set.insert("currency", currency.as_str());
    }
    if let Some(timezone) = &change.timezone {
        set.insert("timezone", timezone.name());
    }
    if let Some(balance) = change.balance {
        set.insert("balance", balance.cents());
    }
    if let Some(balance_on) = change.balance_on {
        set.insert("balanceOn", balance_on.to_string());
    }
    if let Some(plan_mode) = change.plan_mode {
        set.insert("planMode", plan_mode.as_str());
    }
    if let Some(holidays) = change.holidays {
        set.insert("holidays", holidays.code());
    }
    if set.is_empty() {
        return by_id(store, id).await;
    }
    let doc = store
        .users
        .find_one_and_update(doc! { "_id": oid(id) }, doc! { "$set": set })
        .return_document(ReturnDocument::After)
        .await
        .map_err(internal)?;
    Ok(doc.map(UserDoc::into_user).transpose()?)
}

/// Brings users stored before the plan up to date, once: their `balanceOn` becomes `today`, the
/// day of the upgrade (DESIGN §1 "Estimated balance"). Idempotent.
pub(super) async fn upgrade(store: &MongoStore, today: NaiveDate) -> mongodb::error::Result<()> {
    store
        .users
        .update_many(
            // Users only: the sessions beside them have no `balanceOn` either.
            doc! { "_id": { "$type": "objectId" }, "balanceOn": { "$exists": false } },
            doc! { "$set": { "balanceOn": today.to_string() } },
        )
        .await?;
    Ok(())
}
