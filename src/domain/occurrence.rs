//! Occurrence exceptions, and the one place they are applied: an entry's *effective*
//! occurrences.
//!
//! One occurrence of a bill or payday can be changed without touching its schedule (DESIGN §1
//! "Occurrence exceptions"): skipped, given another amount, or moved. An
//! [`OccurrenceException`] is keyed by the scheduled occurrence date (after the weekend rule)
//! and holds a [`Change`]. An entry's [`Exceptions`] are sorted by date, one per date, at most
//! [`Exceptions::MAX`]; they are changed only through [`Exceptions::set`] (which validates
//! against the entry's schedule) and [`Exceptions::clear`], and kept in step with a changed
//! schedule by [`Exceptions::retain_occurring`].
//!
//! [`effective`] is the only function that turns a schedule, an amount and exceptions into
//! dated amounts. Every consumer goes through it — `occurrences(from, to)`, `nextDue` /
//! `nextDate` (through [`next_effective`], which is `effective(…).next()`), the forecast, the
//! plan, the estimated balance and the calendar feed — so they all see the same dates and
//! amounts: a skipped occurrence does not exist, a changed amount replaces the entry's, and a
//! moved occurrence exists on its new date and sorts by it.
//!
//! # Decisions
//! - A `moveTo` is at most [`Exceptions::MAX_MOVE_DAYS`] days from its `date`, earlier or later,
//!   and is never shifted again (no weekend rule). Moving onto the same date is allowed and
//!   changes nothing.
//! - A change must say something: `skip: true`, or an `amount`, or a `moveTo` (`skip: false`
//!   alone is empty). `skip: true` excludes `amount` and `moveTo`; `skip: false` with them is an
//!   ordinary change.
//! - When a schedule puts two occurrences on one date (two nominal dates shifted onto the same
//!   Friday), the exception for that date applies to both: the date is the key.
//! - An exception whose date is no longer an occurrence (a schedule changed without
//!   [`Exceptions::retain_occurring`]) is ignored by [`effective`], never turned into an
//!   occurrence.
//! - Occurrences on the same effective date keep the schedule's order, an occurrence that stays
//!   before one moved onto its day.
//!
//! # Cost
//! [`effective`] walks the schedule once over the window, merging the sorted exceptions in as
//! it goes. It looks outside the window only as far as the exceptions moved *into* it require
//! (at most 31 days each way), and it reorders (through a small heap whose items wait at most
//! 31 days) only when an exception in range moves a date. An entry without exceptions costs
//! what [`Schedule::occurrence_iter`] costs.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{Days, NaiveDate};

use super::entry::{Amount, EntryError};
use super::money::Money;
use super::schedule::Schedule;
use super::window::{LAST_DATE, in_calendar};

/// What a user asks to change about one occurrence, as sent: unvalidated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChangeParts {
    /// Skip the occurrence (it does not happen).
    pub skip: Option<bool>,
    /// Another amount for this occurrence only.
    pub amount: Option<Money>,
    /// Another date for this occurrence only (never shifted by the weekend rule).
    pub move_to: Option<NaiveDate>,
}

/// A validated change to one occurrence; build it with `Change::try_from(parts)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The occurrence does not happen.
    Skip,
    /// The occurrence happens with another amount, on another date, or both (at least one is
    /// set when built through `TryFrom`).
    Adjust {
        /// The amount of this occurrence instead of the entry's.
        amount: Option<Amount>,
        /// The date of this occurrence instead of the scheduled one.
        move_to: Option<NaiveDate>,
    },
}

impl Change {
    /// Whether the occurrence is skipped.
    pub fn is_skip(&self) -> bool {
        matches!(self, Change::Skip)
    }

    /// The replacement amount, if any.
    pub fn amount(&self) -> Option<Amount> {
        match self {
            Change::Skip => None,
            Change::Adjust { amount, .. } => *amount,
        }
    }

    /// The new date, if any.
    pub fn move_to(&self) -> Option<NaiveDate> {
        match self {
            Change::Skip => None,
            Change::Adjust { move_to, .. } => *move_to,
        }
    }
}

/// One changed occurrence: the scheduled `date` it applies to and the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OccurrenceException {
    /// The scheduled occurrence date (after the weekend rule): the key.
    pub date: NaiveDate,
    /// What happens to that occurrence.
    pub change: Change,
}

/// Why an occurrence change is refused. The messages are shown to users.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExceptionError {
    /// The change names nothing to change.
    #[error("say what changes: skip, an amount or a new date (moveTo)")]
    Empty,
    /// `skip` together with `amount` or `moveTo`.
    #[error("a skipped occurrence cannot also get an amount or a new date")]
    SkipWithChanges,
    /// The amount is not a valid entry amount.
    #[error("amount must be greater than 0 and at most 1000000000.00")]
    Amount,
    /// A date outside years 0001–9999.
    #[error("dates must be between 0001-01-01 and 9999-12-31")]
    OutOfCalendar,
    /// The date is not an occurrence of the schedule.
    #[error("{0} is not a date of this schedule: only a scheduled occurrence can be changed")]
    NotAnOccurrence(NaiveDate),
    /// `moveTo` is more than 31 days from the date.
    #[error("an occurrence can move at most 31 days (from {date} to {move_to} is {days} days)")]
    MoveTooFar {
        /// The scheduled date.
        date: NaiveDate,
        /// Where it was to move.
        move_to: NaiveDate,
        /// How far that is, in days (either way).
        days: i64,
    },
    /// A new exception past the 200th.
    #[error("at most 200 occurrences of one bill or payday can be changed: clear one first")]
    TooMany,
    /// Two exceptions for one date in a stored list.
    #[error("two changes for the occurrence of {0}")]
    Duplicate(NaiveDate),
}

impl From<EntryError> for ExceptionError {
    fn from(_: EntryError) -> Self {
        ExceptionError::Amount
    }
}

impl TryFrom<ChangeParts> for Change {
    type Error = ExceptionError;

    /// Checks the parts in this order: something to change, `skip` alone, the amount, the
    /// new date's calendar. (Whether the move fits the occurrence is checked by
    /// [`Exceptions::set`], which knows the date.)
    fn try_from(parts: ChangeParts) -> Result<Self, Self::Error> {
        let skip = parts.skip.unwrap_or(false);
        let changes = parts.amount.is_some() || parts.move_to.is_some();
        match (skip, changes) {
            (false, false) => return Err(ExceptionError::Empty),
            (true, true) => return Err(ExceptionError::SkipWithChanges),
            (true, false) => return Ok(Change::Skip),
            (false, true) => {}
        }
        let amount = parts.amount.map(Amount::try_from).transpose()?;
        if parts.move_to.is_some_and(|date| !in_calendar(date)) {
            return Err(ExceptionError::OutOfCalendar);
        }
        Ok(Change::Adjust {
            amount,
            move_to: parts.move_to,
        })
    }
}

/// An entry's occurrence exceptions: sorted by date, one per date, at most [`Exceptions::MAX`],
/// each `moveTo` within [`Exceptions::MAX_MOVE_DAYS`] of its date. Every way in checks these,
/// so [`effective`] can rely on them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Exceptions(Vec<OccurrenceException>);

/// Whether `date` is an occurrence of `schedule`.
fn occurs_on(schedule: &Schedule, date: NaiveDate) -> bool {
    in_calendar(date) && schedule.occurrence_iter(date, date).next().is_some()
}

impl Exceptions {
    /// The most exceptions one entry may have.
    pub const MAX: usize = 200;

    /// The most days a `moveTo` may be from its date, either way.
    pub const MAX_MOVE_DAYS: i64 = 31;

    /// No exceptions.
    pub const fn new() -> Self {
        Exceptions(Vec::new())
    }

    /// Exceptions as stored or imported, checked with the rules of [`Exceptions::set`] against
    /// `schedule`; a date given twice is an error (not a replacement).
    pub fn from_list(
        schedule: &Schedule,
        list: impl IntoIterator<Item = OccurrenceException>,
    ) -> Result<Self, ExceptionError> {
        let mut exceptions = Exceptions::new();
        for exception in list {
            if exceptions.get(exception.date).is_some() {
                return Err(ExceptionError::Duplicate(exception.date));
            }
            exceptions.set(schedule, exception.date, exception.change)?;
        }
        Ok(exceptions)
    }

    /// Sets the change for the occurrence on `date`, replacing any change already set for it.
    ///
    /// Refused: a `date` that is not an occurrence of `schedule`, a move of more than 31 days
    /// either way, and a new date past the 200th (replacing one is always fine).
    pub fn set(
        &mut self,
        schedule: &Schedule,
        date: NaiveDate,
        change: Change,
    ) -> Result<(), ExceptionError> {
        if !occurs_on(schedule, date) {
            return Err(ExceptionError::NotAnOccurrence(date));
        }
        self.restore(date, change)
    }

    /// Puts back a change read from a store or a dump: the rules of [`Exceptions::set`] except
    /// that `date` need not be an occurrence. Whether it is one depends on the owner's holiday
    /// calendar, which may have changed since; an exception that is not one is kept, and
    /// ignored by [`effective`] until it is one again, so a setting never loses stored data.
    pub fn restore(&mut self, date: NaiveDate, change: Change) -> Result<(), ExceptionError> {
        if let Some(move_to) = change.move_to() {
            let days = (move_to - date).num_days().abs();
            if days > Self::MAX_MOVE_DAYS {
                return Err(ExceptionError::MoveTooFar {
                    date,
                    move_to,
                    days,
                });
            }
        }
        let exception = OccurrenceException { date, change };
        match self.0.binary_search_by_key(&date, |e| e.date) {
            Ok(index) => self.0[index] = exception,
            Err(_) if self.0.len() >= Self::MAX => return Err(ExceptionError::TooMany),
            Err(index) => self.0.insert(index, exception),
        }
        Ok(())
    }

    /// Removes the change for the occurrence on `date`; whether there was one.
    pub fn clear(&mut self, date: NaiveDate) -> bool {
        match self.0.binary_search_by_key(&date, |e| e.date) {
            Ok(index) => {
                self.0.remove(index);
                true
            }
            Err(_) => false,
        }
    }

    /// Drops the exceptions whose date is not an occurrence of `schedule` (call it whenever an
    /// entry's schedule changes); returns the dropped ones.
    pub fn retain_occurring(&mut self, schedule: &Schedule) -> Vec<OccurrenceException> {
        let (kept, dropped) = self
            .0
            .iter()
            .partition(|exception| occurs_on(schedule, exception.date));
        self.0 = kept;
        dropped
    }

    /// The change for the occurrence on `date`, if any.
    pub fn get(&self, date: NaiveDate) -> Option<&Change> {
        self.0
            .binary_search_by_key(&date, |e| e.date)
            .ok()
            .map(|index| &self.0[index].change)
    }

    /// The exceptions in date order.
    pub fn as_slice(&self) -> &[OccurrenceException] {
        &self.0
    }

    /// The exceptions in date order.
    pub fn iter(&self) -> std::slice::Iter<'_, OccurrenceException> {
        self.0.iter()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a Exceptions {
    type Item = &'a OccurrenceException;
    type IntoIter = std::slice::Iter<'a, OccurrenceException>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// The effective occurrences `(date, amount)` of an entry with `schedule`, `amount` and
/// `exceptions`, dated from `from` to `to` (both included), in date order: THE function every
/// consumer of occurrences uses.
///
/// A skipped occurrence is left out; a changed amount replaces `amount`; a moved occurrence is
/// dated (and sorted) by its new date, so one scheduled up to 31 days outside the window but
/// moved into it is included, and one moved out of it is not. Lazy: `to` may be
/// [`LAST_DATE`] (that is how [`next_effective`] works).
pub fn effective<'a>(
    schedule: &'a Schedule,
    amount: Money,
    exceptions: &'a Exceptions,
    from: NaiveDate,
    to: NaiveDate,
) -> impl Iterator<Item = (NaiveDate, Money)> + 'a {
    let list = exceptions.as_slice();
    let moved_into_window = |e: &&OccurrenceException| {
        e.change
            .move_to()
            .is_some_and(|move_to| from <= move_to && move_to <= to)
    };
    let span = Days::new(Exceptions::MAX_MOVE_DAYS.unsigned_abs());
    // Scheduled dates outside the window whose occurrence moves into it widen the walk.
    let low = from.checked_sub_days(span).unwrap_or(NaiveDate::MIN);
    let high = to.checked_add_days(span).unwrap_or(NaiveDate::MAX);
    let dated = |start: NaiveDate, end: NaiveDate| {
        &list[list.partition_point(|e| e.date < start)..list.partition_point(|e| e.date <= end)]
    };
    let scan_from = dated(low, from.pred_opt().unwrap_or(from))
        .iter()
        .filter(|e| e.date < from)
        .find(moved_into_window)
        .map_or(from, |e| e.date);
    let scan_to = dated(to.succ_opt().unwrap_or(to), high)
        .iter()
        .filter(|e| e.date > to)
        .rfind(moved_into_window)
        .map_or(to, |e| e.date);
    let reorder = from <= to
        && dated(scan_from, scan_to)
            .iter()
            .any(|e| e.change.move_to().is_some());

    let mut cursor = list.partition_point(|e| e.date < scan_from);
    let scheduled = schedule
        .occurrence_iter(scan_from, scan_to)
        .filter_map(move |date| {
            while list.get(cursor).is_some_and(|e| e.date < date) {
                cursor += 1;
            }
            match list
                .get(cursor)
                .filter(|e| e.date == date)
                .map(|e| e.change)
            {
                None => Some((date, date, amount)),
                Some(Change::Skip) => None,
                Some(Change::Adjust {
                    amount: changed,
                    move_to,
                }) => Some((
                    date,
                    move_to.unwrap_or(date),
                    changed.map_or(amount, Amount::money),
                )),
            }
        });
    InDateOrder {
        scheduled,
        from,
        to,
        pending: reorder.then(BinaryHeap::new),
        sequence: 0,
        last_scheduled: None,
        exhausted: false,
    }
}

/// The first effective occurrence on or after `date` (for `nextDue` / `nextDate`): exactly the
/// first item of [`effective`] from `date` to the end of the calendar.
pub fn next_effective(
    schedule: &Schedule,
    amount: Money,
    exceptions: &Exceptions,
    date: NaiveDate,
) -> Option<(NaiveDate, Money)> {
    effective(schedule, amount, exceptions, date, LAST_DATE).next()
}

/// Puts `(scheduled, effective, amount)` items, which come in scheduled order, into effective
/// date order, keeping those dated from `from` to `to`.
///
/// Without moves (`pending` is `None`) effective dates are the scheduled ones and already in
/// order. With moves, an item waits in a heap until the walk has passed its date by more than
/// the longest move: no later item can then come before it.
struct InDateOrder<I> {
    scheduled: I,
    from: NaiveDate,
    to: NaiveDate,
    pending: Option<BinaryHeap<Reverse<(NaiveDate, u32, Money)>>>,
    /// Keeps the scheduled order among items on the same effective date.
    sequence: u32,
    last_scheduled: Option<NaiveDate>,
    exhausted: bool,
}

impl<I: Iterator<Item = (NaiveDate, NaiveDate, Money)>> Iterator for InDateOrder<I> {
    type Item = (NaiveDate, Money);

    fn next(&mut self) -> Option<(NaiveDate, Money)> {
        let (from, to) = (self.from, self.to);
        let Some(pending) = &mut self.pending else {
            return self.scheduled.find_map(|(_, date, amount)| {
                (from <= date && date <= to).then_some((date, amount))
            });
        };
        loop {
            if let Some(&Reverse((date, _, amount))) = pending.peek() {
                let settled = self.exhausted
                    || self.last_scheduled.is_some_and(|scheduled| {
                        (scheduled - date).num_days() > Exceptions::MAX_MOVE_DAYS
                    });
                if settled {
                    pending.pop();
                    return Some((date, amount));
                }
            } else if self.exhausted {
                return None;
            }
            match self.scheduled.next() {
                None => self.exhausted = true,
                Some((scheduled, date, amount)) => {
                    self.last_scheduled = Some(scheduled);
                    if from <= date && date <= to {
                        pending.push(Reverse((date, self.sequence, amount)));
                        self.sequence = self.sequence.wrapping_add(1);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "occurrence_tests.rs"]
mod tests;
