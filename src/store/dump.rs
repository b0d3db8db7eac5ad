//! The backup format written by `wisewallet export` and read by `wisewallet import`.
//!
//! One JSON document, versioned:
//! ```json
//! { "format": "wisewallet-export", "version": 2, "exportedAt": "2026-11-26T10:00:00Z",
//!   "users": [ { "id": "…", "email": "…", "passwordHash": "$argon2id$…", "currency": "USD",
//!                "timezone": "UTC", "balance": "12.50", "balanceOn": "2026-11-20",
//!                "planMode": "SMOOTHED", "createdAt": "…",
//!                "bills": [ { "id": "…", "name": "Rent", "amount": "1500.00", "schedule": {…},
//!                             "category": null, "autopay": false, "notes": null,
//!                             "archived": false, "reserved": "250.00",
//!                             "reservedOn": "2026-11-20",
//!                             "exceptions": [ { "date": "2026-12-01", "skip": false,
//!                                               "amount": 155000 } ],
//!                             "createdAt": "…", "updatedAt": "…" } ],
//!                "paydays": [ … ] } ] }
//! ```
//! Version 2 added `balanceOn`, `planMode`, `reserved`, `reservedOn` and `exceptions`; a
//! version 1 file still imports: its users get the import day as `balanceOn` (as an upgraded
//! store does), its bills empty envelopes as of their creation day, no exceptions.
//! Sessions are not exported: after a move everyone signs in again. Reading a dump validates
//! every field with the same domain rules as the API, so a dump is loaded whole or not at all.
//! A password hash must be one this server could have made: Argon2id, v19, within its own
//! memory, time and parallelism (`auth::acceptable_hash`), at most 256 characters.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{StoredEntry, StoredException, StoredSchedule};
use crate::auth::acceptable_hash;
use crate::domain::account::{Currency, Email, Timezone, User};
use crate::domain::entry::{Entry, EntryKind};
use crate::domain::id::Id;
use crate::domain::money::Money;

/// The `format` marker of a dump.
pub const FORMAT: &str = "wisewallet-export";
/// The newest dump version this build reads and the one it writes.
pub const VERSION: u32 = 2;

/// One user's account with their entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    /// The user.
    pub user: User,
    /// Their bills and paydays.
    pub entries: Vec<Entry>,
}

/// A whole backup, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Dump {
    /// When it was taken.
    pub exported_at: DateTime<Utc>,
    /// Every account.
    pub accounts: Vec<Account>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    /// New users written.
    pub users_created: usize,
    /// Users that were already there (same id).
    pub users_skipped: usize,
    /// New bills and paydays written.
    pub entries_created: usize,
    /// Bills and paydays that were already there (same id).
    pub entries_skipped: usize,
}

/// Why a file is not a dump this build can load.
#[derive(Debug, thiserror::Error)]
pub enum DumpError {
    /// Not JSON, or not the shape of a dump.
    #[error("not a Wisewallet export: {0}")]
    Malformed(String),
    /// Made by a newer Wisewallet.
    #[error(
        "this export is version {0}; this build reads versions up to {VERSION}: upgrade Wisewallet first"
    )]
    TooNew(u32),
    /// A field breaks a rule.
    #[error("invalid {what} in the export: {why}")]
    Invalid {
        /// Which record.
        what: String,
        /// What is wrong.
        why: String,
    },
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct DumpFile {
    format: String,
    version: u32,
    exported_at: DateTime<Utc>,
    users: Vec<UserRecord>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct UserRecord {
    id: String,
    email: String,
    password_hash: String,
    currency: String,
    timezone: String,
    balance: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    balance_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    plan_mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    holidays: Option<String>,
    created_at: DateTime<Utc>,
    bills: Vec<EntryRecord>,
    paydays: Vec<EntryRecord>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct EntryRecord {
    id: String,
    name: String,
    amount: String,
    schedule: StoredSchedule,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    autopay: bool,
    #[serde(default)]
    notes: Option<String>,
    archived: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reserved: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reserved_on: Option<NaiveDate>,
    #[serde(default)]
    exceptions: Vec<StoredException>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

fn invalid(what: impl Into<String>, why: impl std::fmt::Display) -> DumpError {
    DumpError::Invalid {
        what: what.into(),
        why: why.to_string(),
    }
}

impl Dump {
    /// Groups users and entries into accounts (entries of unknown owners are dropped), in one
    /// order whatever the store.
    pub fn new(users: Vec<User>, entries: Vec<Entry>) -> Self {
        let mut by_owner: HashMap<Id, Vec<Entry>> = HashMap::new();
        for entry in entries {
            by_owner.entry(entry.owner).or_default().push(entry);
        }
        let accounts = users
            .into_iter()
            .map(|user| {
                let mut entries = by_owner.remove(&user.id).unwrap_or_default();
                // One order whatever the store: bills before paydays, each by id.
                entries.sort_by_key(|e| (e.kind == EntryKind::Payday, e.id));
                Account { user, entries }
            })
            .collect();
        Dump {
            exported_at: crate::store::now_millis(),
            accounts,
        }
    }

    /// Every account, for stores to import.
    pub fn users_with_entries(&self) -> impl Iterator<Item = (User, &[Entry])> {
        self.accounts
            .iter()
            .map(|a| (a.user.clone(), a.entries.as_slice()))
    }

    /// The dump as pretty JSON.
    pub fn to_json(&self) -> serde_json::Result<String> {
        let file = DumpFile {
            format: FORMAT.into(),
            version: VERSION,
            exported_at: self.exported_at,
            users: self.accounts.iter().map(UserRecord::from_account).collect(),
        };
        serde_json::to_string_pretty(&file)
    }

    /// Reads and validates a dump.
    pub fn from_json(text: &str) -> Result<Dump, DumpError> {
        #[derive(Deserialize)]
        struct Header {
            format: Option<String>,
            version: Option<u32>,
        }
        let header: Header =
            serde_json::from_str(text).map_err(|e| DumpError::Malformed(e.to_string()))?;
        if header.format.as_deref() != Some(FORMAT) {
            return Err(DumpError::Malformed(format!(
                "\"format\" must be \"{FORMAT}\""
            )));
        }
        match header.version {
            Some(v) if v > VERSION => return Err(DumpError::TooNew(v)),
            Some(v) if v >= 1 => {}
            _ => return Err(DumpError::Malformed("\"version\" is missing".into())),
        }
        let file: DumpFile =
            serde_json::from_str(text).map_err(|e| DumpError::Malformed(e.to_string()))?;
        let mut accounts = Vec::with_capacity(file.users.len());
        let mut emails = std::collections::HashSet::new();
        let mut ids = std::collections::HashSet::new();
        for record in file.users {
            let account = record.into_account()?;
            if !emails.insert(account.user.email.clone()) || !ids.insert(account.user.id) {
                return Err(invalid(
                    format!("user {}", account.user.email.as_str()),
                    "appears twice",
                ));
            }
            for entry in &account.entries {
                if !ids.insert(entry.id) {
                    return Err(invalid(format!("entry {}", entry.id), "id appears twice"));
                }
            }
            accounts.push(account);
        }
        Ok(Dump {
            exported_at: file.exported_at,
            accounts,
        })
    }
}

impl UserRecord {
    fn from_account(account: &Account) -> Self {
        let user = &account.user;
        let of_kind = |kind| {
            account
                .entries
                .iter()
                .filter(|e| e.kind == kind)
                .map(EntryRecord::from_entry)
                .collect()
        };
        UserRecord {
            id: user.id.to_string(),
            email: user.email.as_str().into(),
            password_hash: user.password_hash.clone(),
            currency: user.currency.as_str().into(),
            timezone: user.timezone.name().into(),
            balance: user.balance.to_string(),
            balance_on: Some(user.balance_on),
            plan_mode: Some(user.plan_mode.as_str().into()),
            holidays: Some(user.holidays.code().into()),
            created_at: user.created_at,
            bills: of_kind(EntryKind::Bill),
            paydays: of_kind(EntryKind::Payday),
        }
    }

    fn into_account(self) -> Result<Account, DumpError> {
        let what = format!("user {:?}", self.email);
        let bad = |why: &dyn std::fmt::Display| invalid(what.clone(), why);
        let id: Id = self.id.parse().map_err(|e| bad(&e))?;
        // Only what this server would make itself: an imported hash is verified at sign-in,
        // and one that asks for 1 GiB of memory or a thousand passes must never get there.
        if !acceptable_hash(&self.password_hash) {
            return Err(bad(
                &"passwordHash is not an Argon2id hash within this server's parameters \
                  (v=19, m ≤ 19456, t ≤ 2, p ≤ 1, at most 256 characters)",
            ));
        }
        let user = User {
            id,
            email: Email::try_from(self.email.as_str()).map_err(|e| bad(&e))?,
            password_hash: self.password_hash,
            currency: Currency::try_from(self.currency.as_str()).map_err(|e| bad(&e))?,
            timezone: Timezone::try_from(self.timezone.as_str()).map_err(|e| bad(&e))?,
            balance: self.balance.parse::<Money>().map_err(|e| bad(&e))?,
            balance_on: self.balance_on.unwrap_or_else(|| Utc::now().date_naive()),
            plan_mode: self
                .plan_mode
                .as_deref()
                .map(str::parse)
                .transpose()
                .map_err(|e| bad(&e))?
                .unwrap_or_default(),
            holidays: self
                .holidays
                .as_deref()
                .map(str::parse)
                .transpose()
                .map_err(|e| bad(&e))?
                .unwrap_or_default(),
            created_at: self.created_at,
        };
        let mut entries = Vec::with_capacity(self.bills.len() + self.paydays.len());
        for (kind, records) in [
            (EntryKind::Bill, self.bills),
            (EntryKind::Payday, self.paydays),
        ] {
            if records.len() > kind.limit() {
                return Err(bad(&format!("more than {} {}s", kind.limit(), kind.noun())));
            }
            for record in records {
                entries.push(record.into_entry(id, kind)?);
            }
        }
        Ok(Account { user, entries })
    }
}

impl EntryRecord {
    fn from_entry(entry: &Entry) -> Self {
        let stored = StoredEntry::from(entry);
        EntryRecord {
            id: stored.id.to_string(),
            name: stored.name,
            amount: stored.amount.to_string(),
            schedule: stored.schedule,
            category: stored.category,
            autopay: stored.autopay,
            notes: stored.notes,
            archived: stored.archived,
            reserved: (entry.kind == EntryKind::Bill).then(|| stored.reserved.to_string()),
            reserved_on: (entry.kind == EntryKind::Bill)
                .then_some(stored.reserved_on)
                .flatten(),
            exceptions: stored.exceptions,
            created_at: stored.created_at,
            updated_at: stored.updated_at,
        }
    }

    fn into_entry(self, owner: Id, kind: EntryKind) -> Result<Entry, DumpError> {
        let what = format!("{} {:?}", kind.noun(), self.name);
        let bad = |why: &dyn std::fmt::Display| invalid(what.clone(), why);
        let stored = StoredEntry {
            id: self.id.parse().map_err(|e| bad(&e))?,
            owner,
            kind,
            amount: self.amount.parse::<Money>().map_err(|e| bad(&e))?,
            name: self.name,
            schedule: self.schedule,
            category: self.category,
            autopay: self.autopay,
            notes: self.notes,
            archived: self.archived,
            reserved: self
                .reserved
                .as_deref()
                .map(str::parse::<Money>)
                .transpose()
                .map_err(|e| bad(&e))?
                .unwrap_or(Money::ZERO),
            reserved_on: self.reserved_on,
            exceptions: self.exceptions,
            created_at: self.created_at,
            updated_at: self.updated_at,
        };
        Entry::try_from(stored).map_err(|e| bad(&format!("{e:#}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::PlanMode;

    const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$qN4ZyYh1l5ZQmLw3G0wR3dM5PZKp2yJ8l0Gm3Vb0e1g";

    fn version_1() -> String {
        serde_json::json!({
            "format": FORMAT, "version": 1, "exportedAt": "2026-01-10T00:00:00Z",
            "users": [{
                "id": "6560f0000000000000000001", "email": "old@example.com",
                "passwordHash": HASH, "currency": "USD", "timezone": "UTC",
                "balance": "500.00", "createdAt": "2026-01-05T12:00:00Z",
                "bills": [{
                    "id": "6560f0000000000000000002", "name": "Rent", "amount": "1500.00",
                    "schedule": { "start": "2026-01-01", "frequency": "Monthly", "interval": 1,
                                  "daysOfMonth": [1], "until": null, "count": null,
                                  "weekend": "Keep" },
                    "archived": false,
                    "createdAt": "2026-01-05T12:00:00Z", "updatedAt": "2026-01-05T12:00:00Z"
                }],
                "paydays": []
            }]
        })
        .to_string()
    }

    #[test]
    fn a_version_1_file_still_imports_with_the_new_fields_at_their_defaults() {
        let dump = Dump::from_json(&version_1()).expect("version 1 reads");
        let (user, entries) = dump.users_with_entries().next().expect("one account");
        assert_eq!(user.balance_on, Utc::now().date_naive(), "the import day");
        assert_eq!(user.plan_mode, PlanMode::JustInTime);
        let [bill] = entries else {
            panic!("one bill: {entries:?}")
        };
        assert_eq!(bill.envelope.reserved(), Money::ZERO);
        assert_eq!(bill.envelope.reserved_on().to_string(), "2026-01-05");
        assert!(bill.exceptions.is_empty());
    }

    #[test]
    fn version_2_round_trips_envelopes_exceptions_and_settings() {
        let dump = Dump::from_json(&version_1()).expect("version 1 reads");
        let text = dump.to_json().expect("JSON");
        assert!(text.contains("\"version\": 2"), "{text}");
        let mut json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let bill = &mut json["users"][0]["bills"][0];
        bill["reserved"] = "240.00".into();
        bill["reservedOn"] = "2026-01-10".into();
        bill["exceptions"] = serde_json::json!([{ "date": "2026-02-01", "skip": true }]);
        json["users"][0]["planMode"] = "SMOOTHED".into();
        json["users"][0]["balanceOn"] = "2026-01-10".into();

        let again = Dump::from_json(&json.to_string()).expect("version 2 reads");
        let (user, entries) = again.users_with_entries().next().expect("one account");
        assert_eq!(user.plan_mode, PlanMode::Smoothed);
        assert_eq!(user.balance_on.to_string(), "2026-01-10");
        assert_eq!(entries[0].envelope.reserved(), Money::from_cents(24_000));
        assert_eq!(entries[0].exceptions.len(), 1);
        let text_again = again.to_json().expect("JSON");
        assert_eq!(
            Dump::from_json(&text_again)
                .expect("reads")
                .users_with_entries()
                .count(),
            1
        );

        bill_with(
            &mut json,
            serde_json::json!([{ "date": "2026-02-02", "skip": true }]),
        );
        assert!(
            Dump::from_json(&json.to_string()).is_ok(),
            "a change to a date that is not an occurrence is dropped, as a schedule change drops it"
        );
        bill_with(
            &mut json,
            serde_json::json!([{ "date": "2026-02-01", "skip": true, "amount": 5 }]),
        );
        assert!(
            Dump::from_json(&json.to_string()).is_err(),
            "skip with an amount"
        );
    }

    #[test]
    fn only_argon2id_hashes_within_our_parameters_are_imported() {
        let with_hash = |hash: &str| {
            let mut json: serde_json::Value = serde_json::from_str(&version_1()).expect("JSON");
            json["users"][0]["passwordHash"] = hash.into();
            Dump::from_json(&json.to_string())
        };
        assert!(with_hash(HASH).is_ok());
        for refused in [
            // argon2i and argon2d, an old version, and parameters over ours
            HASH.replace("argon2id", "argon2i"),
            HASH.replace("argon2id", "argon2d"),
            HASH.replace("v=19", "v=16"),
            HASH.replace("m=19456", "m=1048576"),
            HASH.replace("t=2", "t=200"),
            HASH.replace("p=1", "p=8"),
            // not a hash at all, and one far too long
            "$argon2id$".to_string(),
            "plain text".to_string(),
            format!("{HASH}{}", "A".repeat(4000)),
        ] {
            let err = with_hash(&refused).expect_err(&refused);
            assert!(err.to_string().contains("passwordHash"), "{err}");
        }
    }

    fn bill_with(json: &mut serde_json::Value, exceptions: serde_json::Value) {
        json["users"][0]["bills"][0]["exceptions"] = exceptions;
    }
}
