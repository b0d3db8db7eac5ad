//! The shapes in which records are persisted — by both backends and in the dump file — and the
//! one way from each back to a validated domain value.
//!
//! A stored record is validated again on the way in, by the same rules as the API: one that
//! breaks a rule (a negative amount, a 500-character name, an impossible schedule) is an error
//! naming the record, never a value that loads silently. Each backend only renames and
//! re-encodes these fields (ObjectIds or hex, BSON or Unix-millisecond times, a sub-document or
//! JSON), so the field names of stored documents and columns stay as they are.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::entry::{Amount, Entry, EntryError, EntryKind, Envelope, Name, Text};
use crate::domain::id::Id;
use crate::domain::money::Money;
use crate::domain::occurrence::{Change, ChangeParts, Exceptions, OccurrenceException};
use crate::domain::schedule::{Frequency, Schedule, ScheduleParts, WeekendRule};

/// A schedule as both backends and the dump file persist it: its raw parts, so that a stored
/// schedule is validated again on the way back in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredSchedule {
    /// First date and anchor.
    pub start: NaiveDate,
    /// `None` for one-time.
    pub frequency: Option<Frequency>,
    /// Every N units.
    pub interval: i64,
    /// Monthly days.
    pub days_of_month: Vec<i64>,
    /// Last nominal date.
    pub until: Option<NaiveDate>,
    /// Number of nominal dates.
    pub count: Option<i64>,
    /// Weekend shift.
    pub weekend: WeekendRule,
}

impl From<&Schedule> for StoredSchedule {
    fn from(schedule: &Schedule) -> Self {
        let parts = schedule.parts();
        StoredSchedule {
            start: parts.start,
            frequency: parts.frequency,
            interval: parts.interval,
            days_of_month: parts.days_of_month.unwrap_or_default(),
            until: parts.until,
            count: parts.count,
            weekend: parts.weekend,
        }
    }
}

impl TryFrom<StoredSchedule> for Schedule {
    type Error = anyhow::Error;

    fn try_from(stored: StoredSchedule) -> anyhow::Result<Self> {
        let parts = ScheduleParts {
            start: stored.start,
            frequency: stored.frequency,
            interval: stored.interval,
            days_of_month: (!stored.days_of_month.is_empty()).then_some(stored.days_of_month),
            until: stored.until,
            count: stored.count,
            weekend: stored.weekend,
        };
        Schedule::try_from(parts).context("a stored schedule is invalid")
    }
}

/// A bill or payday as both backends and the dump file persist it: plain, unvalidated fields.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredEntry {
    /// Its id.
    pub id: Id,
    /// The user it belongs to.
    pub owner: Id,
    /// Bill or payday.
    pub kind: EntryKind,
    /// Its name.
    pub name: String,
    /// The amount of each occurrence.
    pub amount: Money,
    /// When it occurs.
    pub schedule: StoredSchedule,
    /// Bills only: a grouping label.
    pub category: Option<String>,
    /// Bills only: paid automatically.
    pub autopay: bool,
    /// Bills only: free notes.
    pub notes: Option<String>,
    /// Archived or not.
    pub archived: bool,
    /// Bills only: the envelope amount (0 in records older than envelopes).
    pub reserved: Money,
    /// Bills only: the day `reserved` was stated (absent in records older than envelopes: the
    /// day the entry was made, in UTC).
    pub reserved_on: Option<NaiveDate>,
    /// Changed occurrences (none in older records).
    pub exceptions: Vec<StoredException>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// One changed occurrence as both backends and the dump file persist it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredException {
    /// The scheduled date it changes.
    pub date: NaiveDate,
    /// Skipped.
    #[serde(default)]
    pub skip: bool,
    /// Another amount, in cents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    /// Another date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_to: Option<NaiveDate>,
}

impl From<&OccurrenceException> for StoredException {
    fn from(exception: &OccurrenceException) -> Self {
        StoredException {
            date: exception.date,
            skip: exception.change.is_skip(),
            amount: exception.change.amount().map(|a| a.money().cents()),
            move_to: exception.change.move_to(),
        }
    }
}

/// The stored exceptions of an entry, validated by the API's rules except one: a date need not
/// be an occurrence, since that depends on the owner's holiday calendar (see
/// [`Exceptions::restore`]); `effective` ignores one that is not.
fn exceptions(stored: Vec<StoredException>) -> anyhow::Result<Exceptions> {
    let mut exceptions = Exceptions::new();
    for exception in stored {
        let change = Change::try_from(ChangeParts {
            skip: Some(exception.skip),
            amount: exception.amount.map(Money::from_cents),
            move_to: exception.move_to,
        })
        .with_context(|| format!("the change to {}", exception.date))?;
        if exceptions.get(exception.date).is_some() {
            anyhow::bail!("two changes to {}", exception.date);
        }
        exceptions
            .restore(exception.date, change)
            .with_context(|| format!("the change to {}", exception.date))?;
    }
    Ok(exceptions)
}

impl From<&Entry> for StoredEntry {
    fn from(entry: &Entry) -> Self {
        StoredEntry {
            id: entry.id,
            owner: entry.owner,
            kind: entry.kind,
            name: entry.name.as_str().to_string(),
            amount: entry.amount.money(),
            schedule: StoredSchedule::from(&entry.schedule),
            category: entry.category.as_ref().map(|t| t.as_str().to_string()),
            autopay: entry.autopay,
            notes: entry.notes.as_ref().map(|t| t.as_str().to_string()),
            archived: entry.archived,
            reserved: entry.envelope.reserved(),
            reserved_on: Some(entry.envelope.reserved_on()),
            exceptions: entry.exceptions.iter().map(StoredException::from).collect(),
            created_at: entry.created_at,
            updated_at: entry.updated_at,
        }
    }
}

type TextResult = Result<Option<Text>, EntryError>;

impl TryFrom<StoredEntry> for Entry {
    type Error = anyhow::Error;

    /// Validates every field as the API does; a payday's bill-only fields are dropped.
    fn try_from(stored: StoredEntry) -> anyhow::Result<Self> {
        // Named only if the entry is refused: formatting it for every entry read was 1 k
        // instructions an entry.
        let (kind, id) = (stored.kind, stored.id);
        let is_bill = stored.kind == EntryKind::Bill;
        let bill_text = |text: Option<String>, parse: fn(&str) -> TextResult| match text {
            Some(text) if is_bill => parse(&text),
            _ => Ok(None),
        };
        let entry = (|| -> anyhow::Result<Entry> {
            let schedule = Schedule::try_from(stored.schedule)?;
            let created_on = stored.created_at.date_naive();
            let envelope = if is_bill {
                Envelope::new(stored.reserved, stored.reserved_on.unwrap_or(created_on))?
            } else {
                Envelope::empty(created_on)
            };
            Ok(Entry {
                id: stored.id,
                owner: stored.owner,
                kind: stored.kind,
                name: Name::try_from(stored.name.as_str())?,
                amount: Amount::try_from(stored.amount)?,
                exceptions: exceptions(stored.exceptions)?,
                schedule,
                category: bill_text(stored.category, Text::category)?,
                autopay: is_bill && stored.autopay,
                notes: bill_text(stored.notes, Text::notes)?,
                archived: stored.archived,
                envelope,
                created_at: stored.created_at,
                updated_at: stored.updated_at,
            })
        })();
        entry.with_context(|| format!("{} {id}", kind.noun()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(kind: EntryKind, cents: i64) -> StoredEntry {
        StoredEntry {
            id: Id::generate(),
            owner: Id::generate(),
            kind,
            name: " Rent ".into(),
            amount: Money::from_cents(cents),
            schedule: StoredSchedule {
                start: NaiveDate::from_ymd_opt(2026, 1, 31).unwrap_or_default(),
                frequency: Some(Frequency::Monthly),
                interval: 1,
                days_of_month: vec![31],
                until: None,
                count: None,
                weekend: WeekendRule::Before,
            },
            category: Some("Home".into()),
            autopay: true,
            notes: Some("landlord".into()),
            archived: false,
            reserved: Money::from_cents(12_000),
            reserved_on: None,
            exceptions: vec![StoredException {
                date: NaiveDate::from_ymd_opt(2026, 2, 27).unwrap_or_default(),
                skip: true,
                amount: None,
                move_to: None,
            }],
            created_at: DateTime::default(),
            updated_at: DateTime::default(),
        }
    }

    #[test]
    fn a_valid_record_round_trips() -> anyhow::Result<()> {
        let entry = Entry::try_from(stored(EntryKind::Bill, 150_000))?;
        assert_eq!(entry.name.as_str(), "Rent");
        assert_eq!(Entry::try_from(StoredEntry::from(&entry))?, entry);
        Ok(())
    }

    #[test]
    fn a_stored_negative_amount_is_an_error_naming_the_record() {
        let record = stored(EntryKind::Bill, -500);
        let id = record.id;

        let err = Entry::try_from(record).err().map(|e| format!("{e:#}"));

        assert_eq!(
            err,
            Some(format!(
                "bill {id}: amount must be greater than 0 and at most 1000000000.00"
            ))
        );
    }

    #[test]
    fn a_stored_paydays_bill_only_fields_are_dropped() -> anyhow::Result<()> {
        let payday = Entry::try_from(stored(EntryKind::Payday, 200_000))?;
        assert_eq!(
            (payday.category, payday.autopay, payday.notes),
            (None, false, None)
        );
        Ok(())
    }
}
