//! Bills and paydays: the two kinds of recurring entry, their validated fields and records.
//!
//! A bill and a payday share everything but three bill-only fields (category, autopay, notes),
//! so both are one [`Entry`] record told apart by [`EntryKind`]; the GraphQL layer shows them
//! as the distinct `Bill` and `Payday` types. A payday's bill-only fields are always empty.

use super::holidays::Holidays;
use chrono::{DateTime, NaiveDate, Utc};

use super::forecast::Flow;
use super::id::Id;
use super::money::Money;
use super::occurrence::Exceptions;
pub use super::plan::Envelope;
use super::schedule::Schedule;

/// Bill or payday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// Money going out.
    Bill,
    /// Money coming in.
    Payday,
}

impl EntryKind {
    /// How many a user may have (archived ones included).
    pub const fn limit(self) -> usize {
        match self {
            EntryKind::Bill => 1000,
            EntryKind::Payday => 100,
        }
    }

    /// The word users read: "bill" or "payday".
    pub const fn noun(self) -> &'static str {
        match self {
            EntryKind::Bill => "bill",
            EntryKind::Payday => "payday",
        }
    }
}

/// A name: trimmed, 1 to 100 characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Name(String);

/// Optional free text with a maximum length (category ≤ 50, notes ≤ 2000); trimmed, and blank
/// text is no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text(String);

/// Why an entry field is invalid. The messages are shown to users.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EntryError {
    /// Empty or too long name.
    #[error("name must be 1 to 100 characters")]
    Name,
    /// Text over its limit.
    #[error("{field} must be at most {max} characters")]
    TooLong {
        /// Which field.
        field: &'static str,
        /// Its limit.
        max: usize,
    },
    /// Amount out of range.
    #[error("amount must be greater than 0 and at most 1000000000.00")]
    Amount,

    /// A control or text-direction character.
    #[error(
        "{field} may not contain control characters or invisible text-direction marks{}",
        if *.field == "notes" { " (new lines and tabs are fine)" } else { "" }
    )]
    Characters {
        /// Which field.
        field: &'static str,
    },
}

/// Whether `c` may appear in user text. Refused: C0 and C1 control characters (except new
/// lines and tabs where `multiline`), and the Unicode bidi controls, which can make a name
/// display as something else (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069).
pub fn allowed_char(c: char, multiline: bool) -> bool {
    let bidi = matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let control = c.is_control() && !(multiline && matches!(c, '\n' | '\t' | '\r'));
    !bidi && !control
}

impl TryFrom<&str> for Name {
    type Error = EntryError;

    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        let name = raw.trim();
        if !(1..=100).contains(&name.chars().count()) {
            return Err(EntryError::Name);
        }
        if !name.chars().all(|c| allowed_char(c, false)) {
            return Err(EntryError::Characters { field: "name" });
        }
        Ok(Name(name.to_string()))
    }
}

impl Name {
    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Text {
    /// Validates optional text for `field` with at most `max` characters. Blank becomes `None`.
    pub fn parse(field: &'static str, max: usize, raw: &str) -> Result<Option<Text>, EntryError> {
        let text = raw.trim();
        let multiline = field == "notes";
        if text.is_empty() {
            Ok(None)
        } else if text.chars().count() > max {
            Err(EntryError::TooLong { field, max })
        } else if !text.chars().all(|c| allowed_char(c, multiline)) {
            Err(EntryError::Characters { field })
        } else {
            Ok(Some(Text(text.to_string())))
        }
    }

    /// A category (≤ 50 characters).
    pub fn category(raw: &str) -> Result<Option<Text>, EntryError> {
        Self::parse("category", 50, raw)
    }

    /// Notes (≤ 2000 characters).
    pub fn notes(raw: &str) -> Result<Option<Text>, EntryError> {
        Self::parse("notes", 2000, raw)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A bill or payday amount: more than 0 and at most 1,000,000,000.00. Built only through
/// `TryFrom<Money>`, so an entry can never hold (or load) another amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Amount(Money);

impl TryFrom<Money> for Amount {
    type Error = EntryError;

    fn try_from(money: Money) -> Result<Self, Self::Error> {
        if money.is_valid_amount() {
            Ok(Amount(money))
        } else {
            Err(EntryError::Amount)
        }
    }
}

impl Amount {
    /// The amount as money.
    pub const fn money(self) -> Money {
        self.0
    }
}

impl From<Amount> for Money {
    fn from(amount: Amount) -> Self {
        amount.0
    }
}

/// A bill or payday as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its id.
    pub id: Id,
    /// The user it belongs to.
    pub owner: Id,
    /// Bill or payday.
    pub kind: EntryKind,
    /// What the user calls it.
    pub name: Name,
    /// How much each occurrence is.
    pub amount: Amount,
    /// When it occurs.
    pub schedule: Schedule,
    /// Bills only: a grouping label.
    pub category: Option<Text>,
    /// Bills only: paid automatically.
    pub autopay: bool,
    /// Bills only: free notes.
    pub notes: Option<Text>,
    /// Archived entries are kept but left out of lists and forecasts.
    pub archived: bool,
    /// Bills only: the envelope (a payday's is empty).
    pub envelope: Envelope,
    /// Changed occurrences.
    pub exceptions: Exceptions,
    /// When it was made (millisecond precision).
    pub created_at: DateTime<Utc>,
    /// When it last changed (millisecond precision).
    pub updated_at: DateTime<Utc>,
}

/// What a user gives for a new bill or payday, validated. Payday inputs have no bill-only
/// fields; [`Entry::new`] clears them for a payday anyway.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEntry {
    /// What the user calls it.
    pub name: Name,
    /// How much each occurrence is.
    pub amount: Amount,
    /// When it occurs.
    pub schedule: Schedule,
    /// Bills only: a grouping label.
    pub category: Option<Text>,
    /// Bills only: paid automatically.
    pub autopay: bool,
    /// Bills only: free notes.
    pub notes: Option<Text>,
    /// Bills only: the envelope (default empty as of the day it is created).
    pub envelope: Envelope,
}

impl Entry {
    /// A new entry of `owner`'s from `new`, with a fresh id, not archived, made at `now` (the
    /// mirror of [`EntryPatch::apply`]).
    pub fn new(owner: Id, kind: EntryKind, new: NewEntry, now: DateTime<Utc>) -> Self {
        let is_bill = kind == EntryKind::Bill;
        Entry {
            id: Id::generate(),
            owner,
            kind,
            name: new.name,
            amount: new.amount,
            schedule: new.schedule,
            category: new.category.filter(|_| is_bill),
            autopay: is_bill && new.autopay,
            notes: new.notes.filter(|_| is_bill),
            archived: false,
            // A payday has no envelope: an empty one as of the day it was made (UTC), which
            // is what loading one back gives too.
            envelope: if is_bill {
                new.envelope
            } else {
                Envelope::empty(now.date_naive())
            },
            exceptions: Exceptions::new(),
            created_at: now,
            updated_at: now,
        }
    }
}

impl Entry {
    /// This entry as its owner sees it, with their holiday calendar (see
    /// [`Schedule::with_holidays`]): every entry read for a user goes through this.
    #[must_use]
    pub fn with_holidays(mut self, holidays: Holidays) -> Self {
        self.schedule.set_holidays(holidays);
        self
    }

    /// How the forecast, the plan and the balance estimate see this entry.
    pub fn flow(&self) -> Flow<'_> {
        Flow {
            id: self.id,
            name: self.name.as_str(),
            amount: self.amount.money(),
            schedule: &self.schedule,
            exceptions: &self.exceptions,
            envelope: self.envelope,
            archived: self.archived,
        }
    }
}

/// A change to an entry; `None` leaves a field as it is. `Some(None)` clears an optional field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntryPatch {
    /// New name.
    pub name: Option<Name>,
    /// New amount.
    pub amount: Option<Amount>,
    /// New schedule.
    pub schedule: Option<Schedule>,
    /// New (or cleared) category.
    pub category: Option<Option<Text>>,
    /// New autopay flag.
    pub autopay: Option<bool>,
    /// New (or cleared) notes.
    pub notes: Option<Option<Text>>,
    /// Archive or unarchive.
    pub archived: Option<bool>,
    /// Bills only: a new envelope amount (validated: see [`Envelope::new`]).
    pub reserved: Option<Money>,
    /// Bills only: the day the envelope amount is stated for.
    pub reserved_on: Option<NaiveDate>,
    /// The whole new list of changed occurrences. Whoever changes `schedule` sets it too, to
    /// the old list less the dates that are no longer occurrences ([`EntryPatch::for_schedule`]).
    pub exceptions: Option<Exceptions>,
    /// Apply only if the entry is still as last read (its `updated_at`): a patch computed from
    /// a read — a new exception list, say — must not overwrite a change made in between.
    pub if_unchanged_since: Option<DateTime<Utc>>,
}

impl EntryPatch {
    /// Completes a patch that changes the schedule of `entry`: the exceptions whose date is no
    /// longer an occurrence are dropped (DESIGN §1 "Occurrence exceptions").
    pub fn for_schedule(mut self, entry: &Entry) -> Self {
        if let (Some(schedule), None) = (&self.schedule, &self.exceptions) {
            let mut exceptions = entry.exceptions.clone();
            exceptions.retain_occurring(schedule);
            self.exceptions = Some(exceptions);
            self.if_unchanged_since = Some(entry.updated_at);
        }
        self
    }

    /// Applies the patch to `entry`, stamping `updated_at`.
    pub fn apply(&self, entry: &mut Entry, now: DateTime<Utc>) {
        if let Some(name) = &self.name {
            entry.name = name.clone();
        }
        if let Some(amount) = self.amount {
            entry.amount = amount;
        }
        if let Some(schedule) = &self.schedule {
            entry.schedule = schedule.clone();
        }
        if let Some(category) = &self.category {
            entry.category = category.clone();
        }
        if let Some(autopay) = self.autopay {
            entry.autopay = autopay;
        }
        if let Some(notes) = &self.notes {
            entry.notes = notes.clone();
        }
        if let Some(archived) = self.archived {
            entry.archived = archived;
        }
        if entry.kind == EntryKind::Bill {
            let reserved = self.reserved.unwrap_or(entry.envelope.reserved());
            let reserved_on = self.reserved_on.unwrap_or(entry.envelope.reserved_on());
            // Both parts were validated on the way in; a failure here would keep the old one.
            if let Ok(envelope) = Envelope::new(reserved, reserved_on) {
                entry.envelope = envelope;
            }
        }
        if let Some(exceptions) = &self.exceptions {
            entry.exceptions = exceptions.clone();
        }
        entry.updated_at = next_updated_at(entry.updated_at, now);
    }
}

/// The `updated_at` of a change made at `now` to an entry last changed at `previous`: `now`, but
/// always later than `previous` (by a millisecond, the precision kept), so that every change
/// is visible to a writer that checks it is still working on what it read
/// ([`EntryPatch::if_unchanged_since`]) even when two land within one millisecond.
pub fn next_updated_at(previous: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    now.max(previous + chrono::Duration::milliseconds(1))
}

/// Sorts entries the way every list shows them: by name (case-insensitive), then by id.
pub fn sort_entries(entries: &mut [Entry]) {
    entries.sort_by_cached_key(|e| (e.name.as_str().to_lowercase(), e.id));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_change_moves_updated_at_forward_even_within_one_millisecond() {
        let at = DateTime::<Utc>::from_timestamp_millis(1_764_000_000_000).unwrap_or_default();
        let later = at + chrono::Duration::milliseconds(5);
        assert_eq!(next_updated_at(at, later), later);
        assert_eq!(
            next_updated_at(at, at),
            at + chrono::Duration::milliseconds(1)
        );
        assert_eq!(
            next_updated_at(later, at),
            later + chrono::Duration::milliseconds(1)
        );
    }

    #[test]
    fn users_may_have_1000_bills_and_100_paydays() {
        assert_eq!(EntryKind::Bill.limit(), 1000);
        assert_eq!(EntryKind::Payday.limit(), 100);
    }

    #[test]
    fn names_are_trimmed_and_1_to_100_characters() {
        assert_eq!(Name::try_from("  Rent ").map(|n| n.0), Ok("Rent".into()));
        assert_eq!(Name::try_from("   "), Err(EntryError::Name));
        assert_eq!(Name::try_from(""), Err(EntryError::Name));
        assert!(Name::try_from("é".repeat(100).as_str()).is_ok());
        assert_eq!(
            Name::try_from("x".repeat(101).as_str()),
            Err(EntryError::Name)
        );
    }

    #[test]
    fn texts_have_limits_and_blank_means_none() {
        assert_eq!(Text::category("  "), Ok(None));
        assert_eq!(
            Text::category(&"c".repeat(51)),
            Err(EntryError::TooLong {
                field: "category",
                max: 50
            })
        );
        assert!(Text::notes(&"n".repeat(2000)).is_ok_and(|t| t.is_some()));
        assert!(Text::notes(&"n".repeat(2001)).is_err());
    }

    #[test]
    fn names_and_texts_refuse_control_and_bidi_characters() {
        for bad in [
            "Rent\u{0}",
            "Rent\u{7}",
            "Re\u{202E}tn",
            "Rent\u{2066}",
            "Re\u{85}nt",
            "Re\nnt",
            "Re\tnt",
        ] {
            assert_eq!(
                Name::try_from(bad),
                Err(EntryError::Characters { field: "name" }),
                "{bad:?}"
            );
            assert_eq!(
                Text::category(bad),
                Err(EntryError::Characters { field: "category" }),
                "{bad:?}"
            );
        }
        assert!(Text::notes("line one\nline two\tand a tab").is_ok());
        assert!(Text::notes("bell\u{7}").is_err());
        assert!(Text::notes("bidi\u{202E}").is_err());
        assert!(Name::try_from("Café ☕ 電気").is_ok());
    }

    #[test]
    fn amounts_must_be_positive_and_at_most_a_billion() {
        let amount = Amount::try_from;
        assert!(amount(Money::from_cents(1)).is_ok());
        assert!(amount(Money::from_cents(100_000_000_000)).is_ok());
        assert_eq!(amount(Money::ZERO), Err(EntryError::Amount));
        assert_eq!(amount(Money::from_cents(-5)), Err(EntryError::Amount));
        assert_eq!(
            amount(Money::from_cents(100_000_000_001)),
            Err(EntryError::Amount)
        );
    }

    #[test]
    fn a_new_payday_never_has_bill_only_fields() -> Result<(), Box<dyn std::error::Error>> {
        use crate::domain::schedule::{ScheduleParts, WeekendRule};
        let new = NewEntry {
            name: Name::try_from("Salary")?,
            amount: Amount::try_from(Money::from_cents(200_000))?,
            schedule: Schedule::try_from(ScheduleParts {
                start: "2026-01-02".parse()?,
                frequency: None,
                interval: 1,
                days_of_month: None,
                until: None,
                count: None,
                weekend: WeekendRule::Keep,
            })?,
            category: Text::category("Work")?,
            autopay: true,
            notes: Text::notes("monthly")?,
            envelope: Envelope::new(Money::from_cents(5_000), "2026-01-01".parse()?)?,
        };
        let now = DateTime::<Utc>::default();

        let payday = Entry::new(Id::generate(), EntryKind::Payday, new.clone(), now);
        let bill = Entry::new(payday.owner, EntryKind::Bill, new, now);

        assert_eq!(
            (payday.category, payday.autopay, payday.notes),
            (None, false, None)
        );
        assert!(bill.category.is_some() && bill.autopay && bill.notes.is_some());
        assert_eq!(
            payday.envelope.reserved(),
            Money::ZERO,
            "a payday has no envelope"
        );
        assert_eq!(bill.envelope.reserved(), Money::from_cents(5_000));
        assert!(!payday.archived && payday.created_at == now && payday.updated_at == now);
        Ok(())
    }
}
