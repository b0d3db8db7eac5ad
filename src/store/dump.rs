//! The backup format written by `wisewallet export` and read by `wisewallet import`.
//!
//! One JSON document, versioned:
//! ```json
//! { "format": "wisewallet-export", "version": 1, "exportedAt": "2026-11-26T10:00:00Z",
//!   "users": [ { "id": "…", "email": "…", "passwordHash": "$argon2id$…", "currency": "USD",
//!                "timezone": "UTC", "balance": "12.50", "createdAt": "…",
//!                "bills": [ { "id": "…", "name": "Rent", "amount": "1500.00", "schedule": {…},
//!                             "category": null, "autopay": false, "notes": null,
//!                             "archived": false, "createdAt": "…", "updatedAt": "…" } ],
//!                "paydays": [ … ] } ] }
//! ```
//! Sessions are not exported: after a move everyone signs in again. Reading a dump validates
//! every field with the same domain rules as the API, so a dump is loaded whole or not at all.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{StoredEntry, StoredSchedule};
use crate::domain::account::{Currency, Email, Timezone, User};
use crate::domain::entry::{Entry, EntryKind};
use crate::domain::id::Id;
use crate::domain::money::Money;

/// The `format` marker of a dump.
pub const FORMAT: &str = "wisewallet-export";
/// The newest dump version this build reads and the one it writes.
pub const VERSION: u32 = 1;

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
            created_at: user.created_at,
            bills: of_kind(EntryKind::Bill),
            paydays: of_kind(EntryKind::Payday),
        }
    }

    fn into_account(self) -> Result<Account, DumpError> {
        let what = format!("user {:?}", self.email);
        let bad = |why: &dyn std::fmt::Display| invalid(what.clone(), why);
        let id: Id = self.id.parse().map_err(|e| bad(&e))?;
        if !self.password_hash.starts_with("$argon2") {
            return Err(bad(&"passwordHash is not an Argon2 hash"));
        }
        let user = User {
            id,
            email: Email::try_from(self.email.as_str()).map_err(|e| bad(&e))?,
            password_hash: self.password_hash,
            currency: Currency::try_from(self.currency.as_str()).map_err(|e| bad(&e))?,
            timezone: Timezone::try_from(self.timezone.as_str()).map_err(|e| bad(&e))?,
            balance: self.balance.parse::<Money>().map_err(|e| bad(&e))?,
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
            created_at: self.created_at,
            updated_at: self.updated_at,
        };
        Entry::try_from(stored).map_err(|e| bad(&format!("{e:#}")))
    }
}
