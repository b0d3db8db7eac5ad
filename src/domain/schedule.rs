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

use chrono::{Datelike, Days, NaiveDate, Weekday};

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
        match (self, date.weekday()) {
            (WeekendRule::Before, Weekday::Sat) => date.checked_sub_days(Days::new(1)),
            (WeekendRule::Before, Weekday::Sun) => date.checked_sub_days(Days::new(2)),
            (WeekendRule::After, Weekday::Sat) => date.checked_add_days(Days::new(2)),
            (WeekendRule::After, Weekday::Sun) => date.checked_add_days(Days::new(1)),
            _ => Some(date),
        }
    }
}

/// The most days a [`WeekendRule`] moves a date, either way.
const MAX_SHIFT_DAYS: u64 = 2;

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
        // A shift moves a date at most two days, so only nominal dates within two days of the
        // window can land in it.
        let low = from
            .checked_sub_days(Days::new(MAX_SHIFT_DAYS))
            .unwrap_or(NaiveDate::MIN);
        // Nothing past the server's calendar (9999-12-31) is ever computed: not even a nominal
        // date that a weekend rule would move back into it.
        let high = to
            .checked_add_days(Days::new(MAX_SHIFT_DAYS))
            .unwrap_or(NaiveDate::MAX)
            .min(LAST_DATE);
        let weekend = self.weekend;
        let nominals = (from <= to).then(|| Nominals::new(self, low));
        nominals
            .into_iter()
            .flatten()
            .take_while(move |&nominal| nominal <= high)
            .filter_map(move |nominal| weekend.shift(nominal))
            .filter(move |&date| from <= date && date <= to)
    }

    /// The first occurrence on or after `date`, if any.
    pub fn next_on_or_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        let low = date
            .checked_sub_days(Days::new(MAX_SHIFT_DAYS))
            .unwrap_or(NaiveDate::MIN);
        Nominals::new(self, low)
            .take_while(|&nominal| nominal <= LAST_DATE)
            .filter_map(|nominal| self.weekend.shift(nominal))
            .find(|&occurrence| occurrence >= date)
            .filter(|&occurrence| occurrence <= LAST_DATE)
    }
}

/// Nominal dates of a schedule in ascending order, bounded by `until` and `count`, starting at
/// or shortly before the first one on or after a given date (callers filter the few extra).
struct Nominals<'a> {
    schedule: &'a Schedule,
    state: State,
}

enum State {
    Done,
    /// A one-time schedule that has not yet yielded `start`.
    Once,
    /// DAILY / WEEKLY: `next`, then every `step` days, `remaining` dates in all.
    Stride {
        next: NaiveDate,
        step: Days,
        remaining: i64,
    },
    /// YEARLY: year `first + k·step` for `k < end`.
    Years {
        first: i64,
        step: i64,
        k: i64,
        end: i64,
    },
    /// MONTHLY: month index `first + k·step`; `pending[next..len]` are the dates of the current
    /// month not yet yielded; `yielded` counts nominal dates for the `count` bound.
    Months {
        first: i64,
        step: i64,
        k: i64,
        pending: [NaiveDate; 4],
        next: usize,
        len: usize,
        yielded: u32,
    },
}

/// `ceil(a / b)` for `a >= 0`, `b > 0`.
fn div_ceil(a: i64, b: i64) -> i64 {
    a / b + i64::from(a % b != 0)
}

fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

fn from_day_number(day: i64) -> Option<NaiveDate> {
    i32::try_from(day)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

fn month_index(date: NaiveDate) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month0())
}

fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 31,
    }
}

/// `day` of the given month, clamped to its last day; `None` outside chrono's calendar.
fn clamped_date(year: i64, month: u32, day: u32) -> Option<NaiveDate> {
    let year = i32::try_from(year).ok()?;
    NaiveDate::from_ymd_opt(year, month, day.min(days_in_month(year, month)))
}

impl<'a> Nominals<'a> {
    /// Nominal dates of `schedule`, skipping ahead (where that is cheap) to around `low`.
    fn new(schedule: &'a Schedule, low: NaiveDate) -> Self {
        let interval = i64::from(schedule.interval);
        let end = schedule.count.map_or(i64::MAX, i64::from);
        let state = match schedule.frequency {
            None => State::Once,
            Some(frequency @ (Frequency::Daily | Frequency::Weekly)) => {
                let step = if frequency == Frequency::Daily {
                    interval
                } else {
                    7 * interval
                };
                let first = day_number(schedule.start);
                let k = div_ceil((day_number(low) - first).max(0), step);
                let end = match schedule.until {
                    Some(until) => end.min((day_number(until) - first) / step + 1),
                    None => end,
                };
                // Jump straight to index k; from there on, stepping a date is cheaper than
                // converting a day number.
                let next = k
                    .checked_mul(step)
                    .and_then(|offset| offset.checked_add(first))
                    .and_then(from_day_number);
                match next {
                    Some(next) if k < end => State::Stride {
                        next,
                        step: Days::new(step.unsigned_abs()),
                        remaining: end - k,
                    },
                    _ => State::Done,
                }
            }
            Some(Frequency::Yearly) => {
                let first = i64::from(schedule.start.year());
                let k = div_ceil((i64::from(low.year()) - first).max(0), interval);
                State::Years {
                    first,
                    step: interval,
                    k,
                    end,
                }
            }
            Some(Frequency::Monthly) => {
                let first = month_index(schedule.start);
                // With a count, every nominal date from `start` on must be counted.
                let k = if schedule.count.is_some() {
                    0
                } else {
                    div_ceil((month_index(low) - first).max(0), interval)
                };
                State::Months {
                    first,
                    step: interval,
                    k,
                    pending: [NaiveDate::MIN; 4],
                    next: 0,
                    len: 0,
                    yielded: 0,
                }
            }
        };
        Nominals { schedule, state }
    }

    /// The next nominal date before the `until` bound is applied.
    fn next_unbounded(&mut self) -> Option<NaiveDate> {
        let schedule = self.schedule;
        match &mut self.state {
            State::Done => None,
            State::Once => {
                self.state = State::Done;
                Some(schedule.start)
            }
            State::Stride {
                next,
                step,
                remaining,
            } => {
                if *remaining <= 0 {
                    return None;
                }
                let date = *next;
                *remaining -= 1;
                match date.checked_add_days(*step) {
                    Some(following) => *next = following,
                    None => *remaining = 0,
                }
                Some(date)
            }
            State::Years {
                first,
                step,
                k,
                end,
            } => {
                if *k >= *end {
                    return None;
                }
                let year = k.checked_mul(*step)?.checked_add(*first)?;
                *k += 1;
                clamped_date(year, schedule.start.month(), schedule.start.day())
            }
            State::Months {
                first,
                step,
                k,
                pending,
                next,
                len,
                yielded,
            } => loop {
                if schedule.count.is_some_and(|count| *yielded >= count) {
                    return None;
                }
                if *next < *len {
                    let date = pending[*next];
                    *next += 1;
                    if date < schedule.start {
                        continue;
                    }
                    *yielded += 1;
                    return Some(date);
                }
                let index = k.checked_mul(*step)?.checked_add(*first)?;
                *k += 1;
                let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
                *next = 0;
                *len = 0;
                for &day in &schedule.days_of_month {
                    let day = if day == -1 { 31 } else { day.unsigned_abs() };
                    let date = clamped_date(year, month, day)?;
                    // Days are sorted with -1 last, so clamped dates never decrease: a
                    // duplicate is always next to its twin.
                    if *len == 0 || pending[*len - 1] != date {
                        pending[*len] = date;
                        *len += 1;
                    }
                }
            },
        }
    }
}

impl Iterator for Nominals<'_> {
    type Item = NaiveDate;

    fn next(&mut self) -> Option<NaiveDate> {
        let date = self
            .next_unbounded()
            .filter(|&date| self.schedule.until.is_none_or(|until| date <= until));
        if date.is_none() {
            self.state = State::Done;
        }
        date
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::window::FIRST_DATE;

    /// Every occurrence from `from` to `to`, any span (tests reach the calendar's ends).
    fn between(s: &Schedule, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        s.occurrence_iter(from, to).collect()
    }

    use super::*;
    use chrono::Months;
    use proptest::prelude::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("a valid test date")
    }

    fn dates(texts: &[&str]) -> Vec<NaiveDate> {
        texts.iter().map(|t| date(t)).collect()
    }

    fn parts(start: &str, frequency: Option<Frequency>) -> ScheduleParts {
        ScheduleParts {
            start: date(start),
            frequency,
            interval: 1,
            days_of_month: None,
            until: None,
            count: None,
            weekend: WeekendRule::Keep,
        }
    }

    fn schedule(parts: ScheduleParts) -> Schedule {
        Schedule::try_from(parts).expect("a valid test schedule")
    }

    fn monthly(start: &str) -> ScheduleParts {
        parts(start, Some(Frequency::Monthly))
    }

    #[test]
    fn jan_31_monthly_clamps_each_month_without_drifting_through_a_leap_year() {
        let s = schedule(monthly("2028-01-31"));

        let got = between(&s, date("2028-01-01"), date("2028-07-31"));

        assert_eq!(
            got,
            dates(&[
                "2028-01-31",
                "2028-02-29",
                "2028-03-31",
                "2028-04-30",
                "2028-05-31",
                "2028-06-30",
                "2028-07-31",
            ])
        );
    }

    #[test]
    fn fifteenth_and_last_day_with_before_moves_weekend_dates_to_friday() {
        let s = schedule(ScheduleParts {
            days_of_month: Some(vec![15, -1]),
            weekend: WeekendRule::Before,
            ..monthly("2026-01-01")
        });

        let got = between(&s, date("2026-01-01"), date("2026-03-31"));

        // Jan 31 and Feb 28 are Saturdays, Feb 15 and Mar 15 Sundays.
        assert_eq!(
            got,
            dates(&[
                "2026-01-15",
                "2026-01-30",
                "2026-02-13",
                "2026-02-27",
                "2026-03-13",
                "2026-03-31",
            ])
        );
    }

    #[test]
    fn biweekly_paydays_can_fall_three_times_in_one_month() {
        let s = schedule(ScheduleParts {
            interval: 2,
            ..parts("2026-01-02", Some(Frequency::Weekly))
        });

        let got = between(&s, date("2026-01-01"), date("2026-01-31"));

        assert_eq!(got, dates(&["2026-01-02", "2026-01-16", "2026-01-30"]));
    }

    #[test]
    fn a_one_time_schedule_occurs_only_on_its_start() {
        let s = schedule(parts("2026-03-04", None));

        assert_eq!(
            between(&s, date("2026-01-01"), date("2026-12-31")),
            dates(&["2026-03-04"])
        );
        assert_eq!(between(&s, date("2026-03-05"), date("2026-12-31")), vec![]);
        assert_eq!(
            s.next_on_or_after(date("2026-03-04")),
            Some(date("2026-03-04"))
        );
        assert_eq!(s.next_on_or_after(date("2026-03-05")), None);
    }

    #[test]
    fn a_one_time_schedule_accepts_and_keeps_until_and_count_which_change_nothing() {
        let with_count = schedule(ScheduleParts {
            count: Some(5),
            ..parts("2026-03-04", None)
        });
        let with_until = schedule(ScheduleParts {
            until: Some(date("2026-03-04")),
            ..parts("2026-03-04", None)
        });

        for s in [&with_count, &with_until] {
            assert_eq!(
                between(s, date("2026-01-01"), date("2027-12-31")),
                dates(&["2026-03-04"])
            );
        }
        assert_eq!(with_count.count(), Some(5));
        assert_eq!(with_until.until(), Some(date("2026-03-04")));
    }

    #[test]
    fn a_one_time_weekend_date_is_shifted() {
        let s = schedule(ScheduleParts {
            weekend: WeekendRule::After,
            ..parts("2026-01-31", None)
        });

        assert_eq!(
            between(&s, date("2026-01-01"), date("2026-12-31")),
            dates(&["2026-02-02"])
        );
    }

    #[test]
    fn count_counts_nominal_dates_not_shifted_ones() {
        // Saturdays, paid the Monday after.
        let weekly = schedule(ScheduleParts {
            count: Some(3),
            weekend: WeekendRule::After,
            ..parts("2026-01-03", Some(Frequency::Weekly))
        });
        // Jan 15 is before start: dropped, not counted.
        let semi_monthly = schedule(ScheduleParts {
            days_of_month: Some(vec![15, -1]),
            count: Some(3),
            weekend: WeekendRule::Before,
            ..monthly("2026-01-20")
        });

        assert_eq!(
            between(&weekly, date("2026-01-01"), date("2026-12-31")),
            dates(&["2026-01-05", "2026-01-12", "2026-01-19"])
        );
        assert_eq!(
            between(&semi_monthly, date("2026-01-01"), date("2026-12-31")),
            dates(&["2026-01-30", "2026-02-13", "2026-02-27"])
        );
    }

    #[test]
    fn count_is_counted_from_start_even_when_the_window_starts_later() {
        let s = schedule(ScheduleParts {
            days_of_month: Some(vec![1, 15]),
            count: Some(5),
            ..monthly("2026-01-10")
        });

        // Nominal: Jan 15, Feb 1, Feb 15, Mar 1, Mar 15.
        assert_eq!(
            between(&s, date("2026-02-10"), date("2026-12-31")),
            dates(&["2026-02-15", "2026-03-01", "2026-03-15"])
        );
    }

    #[test]
    fn until_is_inclusive() {
        let s = schedule(ScheduleParts {
            until: Some(date("2026-01-15")),
            ..parts("2026-01-01", Some(Frequency::Weekly))
        });

        assert_eq!(
            between(&s, date("2026-01-01"), date("2026-12-31")),
            dates(&["2026-01-01", "2026-01-08", "2026-01-15"])
        );
    }

    #[test]
    fn until_bounds_the_nominal_date_so_a_shifted_occurrence_may_fall_after_it() {
        let s = schedule(ScheduleParts {
            until: Some(date("2026-01-31")),
            weekend: WeekendRule::After,
            ..monthly("2025-12-31")
        });

        assert_eq!(
            between(&s, date("2025-12-01"), date("2026-12-31")),
            dates(&["2025-12-31", "2026-02-02"])
        );
    }

    #[test]
    fn an_interval_above_one_skips_periods_for_every_frequency() {
        let daily = schedule(ScheduleParts {
            interval: 3,
            ..parts("2026-01-01", Some(Frequency::Daily))
        });
        let weekly = schedule(ScheduleParts {
            interval: 2,
            ..parts("2026-01-01", Some(Frequency::Weekly))
        });
        let monthly = schedule(ScheduleParts {
            interval: 3,
            ..monthly("2026-01-31")
        });
        let yearly = schedule(ScheduleParts {
            interval: 2,
            ..parts("2026-03-01", Some(Frequency::Yearly))
        });

        assert_eq!(
            between(&daily, date("2026-01-01"), date("2026-01-10")),
            dates(&["2026-01-01", "2026-01-04", "2026-01-07", "2026-01-10"])
        );
        assert_eq!(
            between(&weekly, date("2026-01-01"), date("2026-02-15")),
            dates(&["2026-01-01", "2026-01-15", "2026-01-29", "2026-02-12"])
        );
        assert_eq!(
            between(&monthly, date("2026-01-01"), date("2026-12-31")),
            dates(&["2026-01-31", "2026-04-30", "2026-07-31", "2026-10-31"])
        );
        assert_eq!(
            between(&yearly, date("2026-01-01"), date("2031-12-31")),
            dates(&["2026-03-01", "2028-03-01", "2030-03-01"])
        );
    }

    #[test]
    fn day_31_falls_on_the_last_day_of_30_day_months() {
        let s = schedule(ScheduleParts {
            days_of_month: Some(vec![31]),
            ..monthly("2026-04-01")
        });

        assert_eq!(
            between(&s, date("2026-04-01"), date("2026-07-31")),
            dates(&["2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31"])
        );
    }

    #[test]
    fn day_30_and_the_last_day_count_once_in_february() {
        let s = schedule(ScheduleParts {
            days_of_month: Some(vec![30, -1]),
            count: Some(3),
            ..monthly("2026-01-01")
        });

        assert_eq!(
            between(&s, date("2026-01-01"), date("2026-12-31")),
            dates(&["2026-01-30", "2026-01-31", "2026-02-28"])
        );
    }

    #[test]
    fn two_nominal_dates_shifted_onto_one_day_are_two_occurrences() {
        // May 30 2026 is a Saturday and May 31 a Sunday.
        let s = schedule(ScheduleParts {
            days_of_month: Some(vec![30, -1]),
            weekend: WeekendRule::Before,
            ..monthly("2026-05-01")
        });

        assert_eq!(
            between(&s, date("2026-05-01"), date("2026-05-31")),
            dates(&["2026-05-29", "2026-05-29"])
        );
    }

    #[test]
    fn yearly_on_feb_29_falls_on_feb_28_in_other_years() {
        let s = schedule(parts("2024-02-29", Some(Frequency::Yearly)));

        assert_eq!(
            between(&s, date("2024-01-01"), date("2028-12-31")),
            dates(&[
                "2024-02-29",
                "2025-02-28",
                "2026-02-28",
                "2027-02-28",
                "2028-02-29"
            ])
        );
    }

    #[test]
    fn windows_filter_on_the_shifted_date() {
        // Sat Jan 31 → Mon Feb 2 (AFTER); Sun Mar 1 → Fri Feb 27 (BEFORE).
        let after = schedule(ScheduleParts {
            weekend: WeekendRule::After,
            ..monthly("2026-01-31")
        });
        let before = schedule(ScheduleParts {
            weekend: WeekendRule::Before,
            ..monthly("2026-03-01")
        });

        assert_eq!(
            between(&after, date("2026-01-01"), date("2026-01-31")),
            vec![]
        );
        assert_eq!(
            between(&after, date("2026-02-01"), date("2026-02-28")),
            dates(&["2026-02-02"])
        );
        assert_eq!(
            between(&before, date("2026-02-01"), date("2026-02-28")),
            dates(&["2026-02-27"])
        );
        assert_eq!(
            between(&before, date("2026-03-01"), date("2026-03-31")),
            vec![]
        );
        assert_eq!(
            before.next_on_or_after(date("2026-02-01")),
            Some(date("2026-02-27"))
        );
    }

    #[test]
    fn daily_from_1990_queried_in_2026_jumps_straight_to_the_window() {
        // 2026-01-01 is 13149 = 3·4383 days after 1990-01-01: occurrence index 4383.
        let every_third_day = schedule(ScheduleParts {
            interval: 3,
            ..parts("1990-01-01", Some(Frequency::Daily))
        });
        let counted = schedule(ScheduleParts {
            interval: 3,
            count: Some(4386),
            ..parts("1990-01-01", Some(Frequency::Daily))
        });

        assert_eq!(
            between(&every_third_day, date("2026-01-01"), date("2026-01-10")),
            dates(&["2026-01-01", "2026-01-04", "2026-01-07", "2026-01-10"])
        );
        // Index 4385, the 4386th and last occurrence, is 2026-01-07.
        assert_eq!(
            between(&counted, date("2026-01-01"), date("2026-01-10")),
            dates(&["2026-01-01", "2026-01-04", "2026-01-07"])
        );
        assert_eq!(counted.next_on_or_after(date("2026-01-08")), None);
    }

    #[test]
    fn next_on_or_after_finds_the_first_occurrence_on_or_after_a_date() {
        let s = schedule(ScheduleParts {
            days_of_month: Some(vec![1, 15]),
            ..monthly("2026-01-01")
        });

        assert_eq!(
            s.next_on_or_after(date("2025-06-01")),
            Some(date("2026-01-01"))
        );
        assert_eq!(
            s.next_on_or_after(date("2026-01-15")),
            Some(date("2026-01-15"))
        );
        assert_eq!(
            s.next_on_or_after(date("2026-01-16")),
            Some(date("2026-02-01"))
        );
    }

    #[test]
    fn an_empty_or_reversed_window_has_no_occurrences() {
        let s = schedule(parts("2026-01-01", Some(Frequency::Daily)));

        assert_eq!(between(&s, date("2026-01-02"), date("2026-01-01")), vec![]);
        assert_eq!(between(&s, date("2025-01-01"), date("2025-12-31")), vec![]);
    }

    #[test]
    fn dates_at_the_ends_of_the_calendar_do_not_panic_or_step_past_them() {
        let frequencies = [
            None,
            Some(Frequency::Daily),
            Some(Frequency::Weekly),
            Some(Frequency::Monthly),
            Some(Frequency::Yearly),
        ];
        let near_first = FIRST_DATE + Days::new(40);
        let near_last = LAST_DATE - Days::new(40);
        for frequency in frequencies {
            for weekend in [WeekendRule::Keep, WeekendRule::Before, WeekendRule::After] {
                for start in [FIRST_DATE, near_first, near_last, LAST_DATE] {
                    let parts = ScheduleParts {
                        start,
                        frequency,
                        interval: 1,
                        days_of_month: frequency
                            .and_then(|f| (f == Frequency::Monthly).then(|| vec![1, 31, -1])),
                        until: None,
                        count: None,
                        weekend,
                    };
                    let s = schedule(parts.clone());

                    let early = between(&s, NaiveDate::MIN, near_first);
                    let late = between(&s, near_last, NaiveDate::MAX);
                    let next = s.next_on_or_after(near_last);

                    // 41 days, plus up to two weekend dates shifted in from just outside.
                    assert!(
                        early.len() <= 43 && late.len() <= 43,
                        "{start} {frequency:?} {weekend:?}"
                    );
                    assert!(late.iter().all(|d| *d <= LAST_DATE), "{late:?}");
                    assert!(next.is_none_or(|n| n >= near_last && n <= LAST_DATE));
                    assert_eq!(
                        s.next_on_or_after(LAST_DATE).is_some(),
                        late.last() == Some(&LAST_DATE)
                    );
                    for outside in [NaiveDate::MIN, NaiveDate::MAX] {
                        let refused = Schedule::try_from(ScheduleParts {
                            start: outside,
                            ..parts.clone()
                        });
                        assert_eq!(refused, Err(ScheduleError::OutOfCalendar));
                    }
                }
            }
        }
    }

    #[test]
    fn days_of_month_are_normalised_sorted_with_the_last_day_last_and_deduplicated() {
        let explicit = schedule(ScheduleParts {
            days_of_month: Some(vec![-1, 15, 1, 15]),
            ..monthly("2026-01-01")
        });

        assert_eq!(explicit.days_of_month(), &[1, 15, -1]);
        assert_eq!(schedule(monthly("2026-01-17")).days_of_month(), &[17]);
        assert_eq!(
            schedule(parts("2026-01-17", Some(Frequency::Weekly))).days_of_month(),
            &[] as &[i32]
        );
    }

    #[test]
    fn an_empty_days_of_month_list_is_ignored_unless_the_schedule_is_monthly() {
        let weekly = ScheduleParts {
            days_of_month: Some(vec![]),
            ..parts("2026-01-01", Some(Frequency::Weekly))
        };

        assert_eq!(
            Schedule::try_from(weekly).map(|s| s.days_of_month().len()),
            Ok(0)
        );
    }

    #[test]
    fn parts_round_trip_through_validation() {
        let examples = [
            monthly("2026-01-31"),
            ScheduleParts {
                days_of_month: Some(vec![-1, 15]),
                count: Some(7),
                ..monthly("2026-01-31")
            },
            ScheduleParts {
                interval: 2,
                until: Some(date("2027-01-01")),
                weekend: WeekendRule::After,
                ..parts("2026-01-02", Some(Frequency::Weekly))
            },
            ScheduleParts {
                count: Some(1),
                ..parts("2026-01-02", None)
            },
            parts("2024-02-29", Some(Frequency::Yearly)),
        ];
        for example in examples {
            let s = schedule(example);

            assert_eq!(Schedule::try_from(s.parts()), Ok(s));
        }
    }

    #[test]
    fn every_invalid_field_is_rejected_with_a_clear_message() {
        let base = || parts("2026-01-10", Some(Frequency::Monthly));
        let cases = [
            (
                ScheduleParts {
                    interval: 0,
                    ..base()
                },
                ScheduleError::IntervalOutOfRange,
            ),
            (
                ScheduleParts {
                    interval: 1000,
                    ..base()
                },
                ScheduleError::IntervalOutOfRange,
            ),
            (
                ScheduleParts {
                    interval: -1,
                    ..parts("2026-01-10", None)
                },
                ScheduleError::IntervalOutOfRange,
            ),
            (
                ScheduleParts {
                    interval: i64::MAX,
                    ..base()
                },
                ScheduleError::IntervalOutOfRange,
            ),
            (
                ScheduleParts {
                    count: Some(0),
                    ..base()
                },
                ScheduleError::CountOutOfRange,
            ),
            (
                ScheduleParts {
                    count: Some(10_001),
                    ..base()
                },
                ScheduleError::CountOutOfRange,
            ),
            (
                ScheduleParts {
                    count: Some(-5),
                    ..base()
                },
                ScheduleError::CountOutOfRange,
            ),
            (
                ScheduleParts {
                    count: Some(2),
                    until: Some(date("2026-12-31")),
                    ..base()
                },
                ScheduleError::UntilAndCount,
            ),
            (
                ScheduleParts {
                    until: Some(date("2026-01-09")),
                    ..base()
                },
                ScheduleError::UntilBeforeStart,
            ),
            (
                ScheduleParts {
                    days_of_month: Some(vec![1]),
                    ..parts("2026-01-10", Some(Frequency::Weekly))
                },
                ScheduleError::DaysOfMonthWithoutMonthly,
            ),
            (
                ScheduleParts {
                    days_of_month: Some(vec![1]),
                    ..parts("2026-01-10", None)
                },
                ScheduleError::DaysOfMonthWithoutMonthly,
            ),
            (
                ScheduleParts {
                    days_of_month: Some(vec![]),
                    ..base()
                },
                ScheduleError::DaysOfMonthLength,
            ),
            (
                ScheduleParts {
                    days_of_month: Some(vec![1, 2, 3, 4, 5]),
                    ..base()
                },
                ScheduleError::DaysOfMonthLength,
            ),
            (
                ScheduleParts {
                    days_of_month: Some(vec![0]),
                    ..base()
                },
                ScheduleError::DayOfMonthOutOfRange(0),
            ),
            (
                ScheduleParts {
                    days_of_month: Some(vec![1, 32]),
                    ..base()
                },
                ScheduleError::DayOfMonthOutOfRange(32),
            ),
            (
                ScheduleParts {
                    days_of_month: Some(vec![-2]),
                    ..base()
                },
                ScheduleError::DayOfMonthOutOfRange(-2),
            ),
            (
                ScheduleParts {
                    days_of_month: Some(vec![1 << 40]),
                    ..base()
                },
                ScheduleError::DayOfMonthOutOfRange(1 << 40),
            ),
        ];
        for (parts, expected) in cases {
            assert_eq!(
                Schedule::try_from(parts.clone()),
                Err(expected),
                "{parts:?}"
            );
        }
        assert_eq!(
            ScheduleError::IntervalOutOfRange.to_string(),
            "interval must be between 1 and 999"
        );
        assert_eq!(
            ScheduleError::CountOutOfRange.to_string(),
            "count must be between 1 and 10000"
        );
        assert_eq!(
            ScheduleError::UntilBeforeStart.to_string(),
            "until must be on or after start"
        );
        assert_eq!(
            ScheduleError::DayOfMonthOutOfRange(0).to_string(),
            "each day of the month must be between 1 and 31, or -1 for the last day (got 0)"
        );
    }

    #[test]
    fn the_boundaries_of_every_range_are_valid() {
        let valid = [
            ScheduleParts {
                interval: 999,
                ..monthly("2026-01-10")
            },
            ScheduleParts {
                count: Some(10_000),
                ..monthly("2026-01-10")
            },
            ScheduleParts {
                until: Some(date("2026-01-10")),
                ..monthly("2026-01-10")
            },
            ScheduleParts {
                days_of_month: Some(vec![1, 31, -1, 15]),
                ..monthly("2026-01-10")
            },
        ];
        for parts in valid {
            assert!(Schedule::try_from(parts.clone()).is_ok(), "{parts:?}");
        }
    }

    // ---- Property tests against an obviously-correct reference ----

    /// Moves a weekend date one day at a time until it is a weekday.
    fn reference_shift(rule: WeekendRule, mut date: NaiveDate) -> NaiveDate {
        let weekend = |d: NaiveDate| matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        while rule != WeekendRule::Keep && weekend(date) {
            date = if rule == WeekendRule::Before {
                date.pred_opt().unwrap()
            } else {
                date.succ_opt().unwrap()
            };
        }
        date
    }

    fn reference_last_day(first_of_month: NaiveDate) -> NaiveDate {
        (first_of_month + Months::new(1)).pred_opt().unwrap()
    }

    /// Every nominal date from `start`, one step at a time, up to `limit` (then until/count).
    fn reference_nominals(p: &ScheduleParts, limit: NaiveDate) -> Vec<NaiveDate> {
        let interval = p.interval as u32;
        let mut all = Vec::new();
        match p.frequency {
            None => all.push(p.start),
            Some(Frequency::Daily | Frequency::Weekly) => {
                let step = if p.frequency == Some(Frequency::Daily) {
                    interval
                } else {
                    7 * interval
                };
                let mut d = p.start;
                while d <= limit {
                    all.push(d);
                    d = d + Days::new(u64::from(step));
                }
            }
            Some(Frequency::Monthly) => {
                let days = p
                    .days_of_month
                    .clone()
                    .unwrap_or_else(|| vec![i64::from(p.start.day())]);
                let first_of_start_month = p.start.with_day(1).unwrap();
                let mut month = first_of_start_month;
                while month <= limit {
                    let last = reference_last_day(month);
                    let mut in_month: Vec<NaiveDate> = days
                        .iter()
                        .map(|&d| {
                            if d == -1 {
                                last
                            } else {
                                month.with_day(d as u32).unwrap_or(last)
                            }
                        })
                        .filter(|&d| d >= p.start)
                        .collect();
                    in_month.sort();
                    in_month.dedup();
                    all.extend(in_month);
                    month = month + Months::new(interval);
                }
            }
            Some(Frequency::Yearly) => {
                let mut year = p.start.year();
                loop {
                    let d = p
                        .start
                        .with_year(year)
                        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 2, 28).unwrap());
                    if d > limit {
                        break;
                    }
                    all.push(d);
                    year += interval as i32;
                }
            }
        }
        all.retain(|&d| p.until.is_none_or(|until| d <= until));
        if let Some(count) = p.count {
            all.truncate(count as usize);
        }
        all
    }

    fn reference_occurrences(p: &ScheduleParts, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        reference_nominals(p, to + Days::new(7))
            .into_iter()
            .map(|d| reference_shift(p.weekend, d))
            .filter(|&d| from <= d && d <= to)
            .collect()
    }

    fn any_date(base: &'static str, span_days: u64) -> impl Strategy<Value = NaiveDate> {
        (0..span_days).prop_map(move |offset| date(base) + Days::new(offset))
    }

    fn any_frequency() -> impl Strategy<Value = Option<Frequency>> {
        prop_oneof![
            Just(None),
            Just(Some(Frequency::Daily)),
            Just(Some(Frequency::Weekly)),
            Just(Some(Frequency::Monthly)),
            Just(Some(Frequency::Yearly)),
        ]
    }

    fn any_weekend() -> impl Strategy<Value = WeekendRule> {
        prop_oneof![
            Just(WeekendRule::Keep),
            Just(WeekendRule::Before),
            Just(WeekendRule::After)
        ]
    }

    fn any_day_of_month() -> impl Strategy<Value = i64> {
        prop_oneof![1i64..=31, Just(-1i64), 27i64..=31]
    }

    /// Valid schedule parts: every frequency, intervals 1..=12, random days, bounds and rules.
    fn any_schedule_parts() -> impl Strategy<Value = ScheduleParts> {
        (
            any_date("2020-01-01", 4 * 366),
            any_frequency(),
            1i64..=12,
            proptest::option::of(proptest::collection::vec(any_day_of_month(), 1..=4)),
            0u8..3,
            0u64..1500,
            1i64..=60,
            any_weekend(),
        )
            .prop_map(
                |(start, frequency, interval, days, bound, until_days, count, weekend)| {
                    ScheduleParts {
                        start,
                        frequency,
                        interval,
                        days_of_month: days.filter(|_| frequency == Some(Frequency::Monthly)),
                        until: (bound == 1).then(|| start + Days::new(until_days)),
                        count: (bound == 2).then_some(count),
                        weekend,
                    }
                },
            )
    }

    #[test]
    fn every_single_day_window_of_a_year_matches_the_reference() {
        let shapes = [
            ScheduleParts {
                days_of_month: Some(vec![1, 15, -1]),
                ..monthly("2026-01-03")
            },
            ScheduleParts {
                count: Some(20),
                ..parts("2026-01-03", Some(Frequency::Weekly))
            },
            ScheduleParts {
                interval: 5,
                ..parts("2026-01-04", Some(Frequency::Daily))
            },
            ScheduleParts {
                until: Some(date("2026-09-30")),
                ..monthly("2026-01-31")
            },
        ];
        for shape in shapes {
            for weekend in [WeekendRule::Keep, WeekendRule::Before, WeekendRule::After] {
                let p = ScheduleParts {
                    weekend,
                    ..shape.clone()
                };
                let s = schedule(p.clone());
                let mut day = date("2025-12-25");
                while day <= date("2027-01-05") {
                    assert_eq!(
                        between(&s, day, day),
                        reference_occurrences(&p, day, day),
                        "{p:?} on {day}"
                    );
                    day = day.succ_opt().unwrap();
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn occurrences_match_a_step_by_step_reference(
            p in any_schedule_parts(),
            from in any_date("2019-06-01", 6 * 366),
            length in 0u64..400,
        ) {
            let to = from + Days::new(length);
            let s = Schedule::try_from(p.clone()).unwrap();

            prop_assert_eq!(between(&s, from, to), reference_occurrences(&p, from, to));
        }

        #[test]
        fn next_on_or_after_matches_the_first_reference_occurrence(
            p in any_schedule_parts(),
            on in any_date("2019-06-01", 6 * 366),
        ) {
            // The widest gap between occurrences is 12 years (plus a weekend shift), so a window
            // of 13 years holds the next occurrence if there is one.
            let horizon = on + Days::new(13 * 366);
            let s = Schedule::try_from(p.clone()).unwrap();

            prop_assert_eq!(
                s.next_on_or_after(on),
                reference_occurrences(&p, on, horizon).first().copied()
            );
        }

        #[test]
        fn validated_parts_round_trip(p in any_schedule_parts()) {
            let s = Schedule::try_from(p).unwrap();

            prop_assert_eq!(Schedule::try_from(s.parts()), Ok(s));
        }
    }
}
