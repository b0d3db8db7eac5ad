//! Schedules: when a bill is due or a payday arrives.
//!
//! A [`Schedule`] is built from raw user input ([`ScheduleParts`]) through `TryFrom`, so a value
//! of this type is always valid. It expands into *occurrence dates* for any window.
//!
//! # Nominal dates
//! - one-time (`frequency: None`): `start` only.
//! - DAILY: `start + k·interval` days; WEEKLY: `start + 7·k·interval` days (k = 0, 1, 2, …).
//! - MONTHLY: in month `month(start) + k·interval`, each day in `days_of_month`. A day past the
//!   end of the month falls on its last day (31 → Apr 30, Feb 28/29) and the anchor never drifts
//!   (Jan 31, Feb 28, Mar 31, …); `-1` is always the last day. Dates before `start` are dropped and
//!   days that land on the same date within a month count once (`[30, -1]` in February).
//! - YEARLY: `month(start)`/`day(start)` every `interval` years; Feb 29 falls on Feb 28 in
//!   non-leap years (and is back on Feb 29 in leap years).
//! - `until` (inclusive) and `count` bound the *nominal* dates, in order.
//!
//! # Occurrence dates
//! Each nominal date is then moved by the [`WeekendRule`]: a Saturday or Sunday moves to the
//! Friday before (`Before`) or the Monday after (`After`). The moved date is the occurrence
//! date, and windows (`occurrences(from, to)`, `next_on_or_after`) filter on it. So a nominal
//! Saturday Jan 31 with `After` lands on Monday Feb 2 and belongs to February, and a nominal date
//! on `until` may produce an occurrence up to two days after `until`. The move is monotone, so
//! occurrences stay in ascending order. Two nominal dates moved onto the same day (a Saturday and
//! a Sunday with `Before`) are two payments and appear twice.
//!
//! With the owner's holiday calendar ([`Schedule::with_holidays`]; DESIGN §1 "Business days and
//! holidays") the rule is a business-day rule: a Saturday, a Sunday or a holiday moves to the
//! nearest business day before or after, which may be several days away (Good Friday to
//! Easter Monday in England is four days off); `Keep` never moves. The calendar is not part of
//! the stored schedule: it is the user's setting, applied when their entries are read.
//!
//! # Decisions
//! - Validation runs in field order and reports the first problem: interval (1..=999), count
//!   (1..=10000), not both `until` and `count`, `until >= start`, then `days_of_month` (only with
//!   MONTHLY, 1 to 4 entries, each 1..=31 or -1).
//! - A one-time schedule still needs a valid interval (default 1) and may carry `until`/`count`;
//!   they are validated and kept (so they round-trip) but change nothing: `start` is the only
//!   nominal date and always satisfies both bounds.
//! - An empty `days_of_month` list on a non-MONTHLY schedule means "none given" and is accepted;
//!   on a MONTHLY schedule it is an error (1 to 4 entries).
//! - `days_of_month` is normalised: a MONTHLY schedule without days gets `[day(start)]`,
//!   duplicates are removed, and the order is ascending with `-1` last. Non-MONTHLY schedules
//!   have no days. [`Schedule::parts`] returns the normalised form, which validates back to the
//!   same schedule.
//! - Dates near the ends of chrono's calendar never panic: every step is checked. A nominal date
//!   that cannot be represented ends the expansion; one whose weekend shift would leave the
//!   calendar is dropped.
//!
//! # Cost
//! Expansion never walks from `start` one date at a time: DAILY, WEEKLY and YEARLY compute the
//! first index `k` of a window arithmetically (the `count` bound is just `k < count`); MONTHLY
//! jumps to the window's month unless a `count` is set, in which case it counts months from
//! `start` (at most about 10,000 of them). `next_on_or_after` jumps the same way.

mod nominals;

use chrono::{Datelike, Days, NaiveDate};

use self::nominals::Nominals;
use super::holidays::Holidays;
use super::window::{LAST_DATE, Window, in_calendar};

/// How often a repeating schedule repeats (one-time schedules have none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Frequency {
    /// Every `interval` days.
    Daily,
    /// Every `interval` weeks, on the weekday of `start`.
    Weekly,
    /// Every `interval` months, on each of `days_of_month`.
    Monthly,
    /// Every `interval` years, on the month and day of `start`.
    Yearly,
}

/// What happens to a date that falls on a Saturday or Sunday.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum WeekendRule {
    /// The date stays where it is.
    #[default]
    Keep,
    /// The date moves to the Friday before.
    Before,
    /// The date moves to the Monday after.
    After,
}

impl WeekendRule {
    /// Moves a nominal date by this rule; `None` only when the moved date is outside chrono's
    /// calendar.
    pub fn shift(self, date: NaiveDate) -> Option<NaiveDate> {
        self.shift_in(date, Holidays::None)
    }

    /// Moves a nominal date by this rule as a business-day rule of `holidays`: a Saturday, a
    /// Sunday or a holiday moves to the nearest business day before or after (with
    /// [`Holidays::None`], exactly [`WeekendRule::shift`]). `None` only when the moved date is
    /// outside chrono's calendar.
    pub fn shift_in(self, date: NaiveDate, holidays: Holidays) -> Option<NaiveDate> {
        match self {
            WeekendRule::Keep => Some(date),
            WeekendRule::Before => holidays.business_day(date, false),
            WeekendRule::After => holidays.business_day(date, true),
        }
    }
}

/// Raw, unvalidated schedule fields exactly as a user sent them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleParts {
    /// First possible date, and the anchor of the repetition.
    pub start: NaiveDate,
    /// How often it repeats; `None` is one-time, on `start`.
    pub frequency: Option<Frequency>,
    /// Every N days / weeks / months / years.
    pub interval: i64,
    /// MONTHLY only: days 1..=31, or -1 for the last day.
    pub days_of_month: Option<Vec<i64>>,
    /// Last possible nominal date (inclusive).
    pub until: Option<NaiveDate>,
    /// Number of nominal dates.
    pub count: Option<i64>,
    /// What happens to weekend dates.
    pub weekend: WeekendRule,
}

/// A validated schedule; build it with `Schedule::try_from(parts)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    start: NaiveDate,
    frequency: Option<Frequency>,
    interval: u32,
    days_of_month: Vec<i32>,
    until: Option<NaiveDate>,
    count: Option<u32>,
    weekend: WeekendRule,
    /// Not part of the schedule as stored: the owner's holiday calendar, which turns the
    /// weekend rule into a business-day rule (see [`Schedule::with_holidays`]).
    holidays: Holidays,
}

/// Why schedule fields do not make a schedule; each message is meant for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// `interval` is not in 1..=999.
    #[error("interval must be between 1 and 999")]
    IntervalOutOfRange,
    /// `count` is not in 1..=10000.
    #[error("count must be between 1 and 10000")]
    CountOutOfRange,
    /// Both `until` and `count` were given.
    #[error(
        "a schedule can end on a date (until) or after a number of occurrences (count), not both"
    )]
    UntilAndCount,
    /// `until` is before `start`.
    #[error("until must be on or after start")]
    UntilBeforeStart,
    /// `days_of_month` was given for a schedule that is not MONTHLY.
    #[error("daysOfMonth can only be used with a MONTHLY frequency")]
    DaysOfMonthWithoutMonthly,
    /// `days_of_month` has no entries or more than four.
    #[error("daysOfMonth must have between 1 and 4 entries")]
    DaysOfMonthLength,
    /// `start` or `until` is outside years 0001–9999.
    #[error("dates must be between 0001-01-01 and 9999-12-31")]
    OutOfCalendar,
    /// An entry of `days_of_month` is neither 1..=31 nor -1.
    #[error("each day of the month must be between 1 and 31, or -1 for the last day (got {0})")]
    DayOfMonthOutOfRange(i64),
}

/// Sort key for days of month: ascending, with `-1` (the last day) after 31.
fn day_order(day: i32) -> i32 {
    if day == -1 { 32 } else { day }
}

impl TryFrom<ScheduleParts> for Schedule {
    type Error = ScheduleError;

    fn try_from(parts: ScheduleParts) -> Result<Self, Self::Error> {
        let interval = u32::try_from(parts.interval)
            .ok()
            .filter(|i| (1..=999).contains(i))
            .ok_or(ScheduleError::IntervalOutOfRange)?;
        let count = parts
            .count
            .map(|c| {
                u32::try_from(c)
                    .ok()
                    .filter(|c| (1..=10_000).contains(c))
                    .ok_or(ScheduleError::CountOutOfRange)
            })
            .transpose()?;
        if parts.until.is_some() && count.is_some() {
            return Err(ScheduleError::UntilAndCount);
        }
        if !in_calendar(parts.start) || parts.until.is_some_and(|until| !in_calendar(until)) {
            return Err(ScheduleError::OutOfCalendar);
        }
        if parts.until.is_some_and(|until| until < parts.start) {
            return Err(ScheduleError::UntilBeforeStart);
        }
        let days_of_month = match (parts.frequency, parts.days_of_month) {
            (Some(Frequency::Monthly), None) => vec![day_of(parts.start)],
            (Some(Frequency::Monthly), Some(days)) => {
                if !(1..=4).contains(&days.len()) {
                    return Err(ScheduleError::DaysOfMonthLength);
                }
                let mut valid = days
                    .into_iter()
                    .map(|day| match i32::try_from(day) {
                        Ok(d @ (1..=31 | -1)) => Ok(d),
                        _ => Err(ScheduleError::DayOfMonthOutOfRange(day)),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                valid.sort_by_key(|&d| day_order(d));
                valid.dedup();
                valid
            }
            (_, Some(days)) if !days.is_empty() => {
                return Err(ScheduleError::DaysOfMonthWithoutMonthly);
            }
            (_, _) => Vec::new(),
        };
        Ok(Schedule {
            start: parts.start,
            frequency: parts.frequency,
            interval,
            days_of_month,
            until: parts.until,
            count,
            weekend: parts.weekend,
            holidays: Holidays::None,
        })
    }
}

fn day_of(date: NaiveDate) -> i32 {
    // A day of the month is 1..=31, so this cannot truncate.
    date.day() as i32
}

impl Schedule {
    /// First possible date, and the anchor of the repetition.
    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// How often it repeats; `None` is one-time.
    pub fn frequency(&self) -> Option<Frequency> {
        self.frequency
    }

    /// Every N days / weeks / months / years (1..=999).
    pub fn interval(&self) -> u32 {
        self.interval
    }

    /// The days of the month of a MONTHLY schedule, normalised: `[day(start)]` when none were
    /// given, no duplicates, ascending with `-1` (the last day) last. Empty for other schedules.
    pub fn days_of_month(&self) -> &[i32] {
        &self.days_of_month
    }

    /// Last possible nominal date (inclusive), if any.
    pub fn until(&self) -> Option<NaiveDate> {
        self.until
    }

    /// Number of nominal dates, if bounded by a count.
    pub fn count(&self) -> Option<u32> {
        self.count
    }

    /// What happens to weekend dates.
    pub fn weekend(&self) -> WeekendRule {
        self.weekend
    }

    /// The holiday calendar the weekend rule also moves dates off.
    pub fn holidays(&self) -> Holidays {
        self.holidays
    }

    /// This schedule as its owner sees it: with `holidays`, the weekend rule moves dates off
    /// holidays too. The calendar is a user setting, never stored with the schedule, so
    /// changing it changes dates and nothing else.
    #[must_use]
    pub fn with_holidays(mut self, holidays: Holidays) -> Self {
        self.holidays = holidays;
        self
    }

    /// Sets the holiday calendar in place (see [`Schedule::with_holidays`]).
    pub fn set_holidays(&mut self, holidays: Holidays) {
        self.holidays = holidays;
    }

    /// The fields of this schedule in their normalised form; `Schedule::try_from(s.parts())`
    /// gives back `s`.
    pub fn parts(&self) -> ScheduleParts {
        ScheduleParts {
            start: self.start,
            frequency: self.frequency,
            interval: i64::from(self.interval),
            days_of_month: (self.frequency == Some(Frequency::Monthly))
                .then(|| self.days_of_month.iter().map(|&d| i64::from(d)).collect()),
            until: self.until,
            count: self.count.map(i64::from),
            weekend: self.weekend,
        }
    }

    /// Occurrence dates (weekend-shifted) `d` with `from <= d <= to`, ascending. There is one
    /// entry per nominal date, so two nominal dates shifted onto the same day appear twice: each
    /// is a payment.
    pub fn occurrences(&self, window: Window) -> Vec<NaiveDate> {
        self.occurrence_iter(window.from(), window.to()).collect()
    }

    /// The same dates as [`Schedule::occurrences`], without collecting them.
    pub fn occurrence_iter(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> impl Iterator<Item = NaiveDate> + '_ {
        // A shift moves a date at most `span` days (two for weekends alone), so only nominal
        // dates within that many days of the window can land in it.
        let span = Days::new(self.holidays.max_shift_days());
        let low = from.checked_sub_days(span).unwrap_or(NaiveDate::MIN);
        // Nothing past the server's calendar (9999-12-31) is ever computed: not even a nominal
        // date that a weekend rule would move back into it.
        let high = to
            .checked_add_days(span)
            .unwrap_or(NaiveDate::MAX)
            .min(LAST_DATE);
        let (weekend, holidays) = (self.weekend, self.holidays);
        let nominals = (from <= to).then(|| Nominals::new(self, low));
        nominals
            .into_iter()
            .flatten()
            .take_while(move |&nominal| nominal <= high)
            .filter_map(move |nominal| weekend.shift_in(nominal, holidays))
            .filter(move |&date| from <= date && date <= to)
    }

    /// The first occurrence on or after `date`, if any.
    pub fn next_on_or_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let low = date
            .checked_sub_days(Days::new(self.holidays.max_shift_days()))
            .unwrap_or(NaiveDate::MIN);
        Nominals::new(self, low)
            .take_while(|&nominal| nominal <= LAST_DATE)
            .filter_map(|nominal| self.weekend.shift_in(nominal, self.holidays))
            .find(|&occurrence| occurrence >= date)
            .filter(|&occurrence| occurrence <= LAST_DATE)
    }
}

#[cfg(test)]
#[path = "schedule_tests.rs"]
mod tests;
