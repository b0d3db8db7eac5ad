//! The nominal-date iterator behind [`Schedule::occurrence_iter`](super::Schedule::occurrence_iter)
//! and [`Schedule::next_on_or_after`](super::Schedule::next_on_or_after): the dates a schedule
//! names before the weekend rule moves them (see the parent module's docs for the rules and
//! their cost).

use chrono::{Datelike, Days, NaiveDate};

use super::{Frequency, Schedule};

/// Nominal dates of a schedule in ascending order, bounded by `until` and `count`, starting at
/// or shortly before the first one on or after a given date (callers filter the few extra).
pub(super) struct Nominals<'a> {
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
    pub(super) fn new(schedule: &'a Schedule, low: NaiveDate) -> Self {
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
