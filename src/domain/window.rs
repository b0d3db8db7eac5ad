//! The calendar the server works in, and a window of days within it.
//!
//! Dates are years 0001–9999 ([`FIRST_DATE`]..=[`LAST_DATE`]): what the `Date` scalar accepts
//! and the only dates the server ever computes or returns. A [`Window`] is a validated range
//! of at most [`Window::MAX_DAYS`] days inside that calendar, the one rule shared by
//! `occurrences(from, to)`, `forecast(from, until)` and the forecast's default.

use chrono::{Days, NaiveDate};

/// The first date the server handles: 0001-01-01.
pub const FIRST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// The last date the server handles: 9999-12-31.
pub const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(date) => date,
    None => NaiveDate::MAX,
};

/// Whether `date` is within years 0001–9999.
pub fn in_calendar(date: NaiveDate) -> bool {
    (FIRST_DATE..=LAST_DATE).contains(&date)
}

/// A day a user states something for (a balance, an envelope): at most [`Window::MAX_DAYS`]
/// days from `today`, either way.
pub fn stated_on(day: NaiveDate, today: NaiveDate) -> Result<NaiveDate, WindowError> {
    let (from, to) = if day <= today {
        (day, today)
    } else {
        (today, day)
    };
    Window::new(from, to).map(|_| day).map_err(|e| match e {
        WindowError::TooLong => WindowError::TooFarFromToday,
        other => other,
    })
}

/// From one day to another, both included: `from <= to`, at most [`Window::MAX_DAYS`] days
/// apart, both in years 0001–9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    from: NaiveDate,
    to: NaiveDate,
}

/// Why a window is invalid. The messages are shown to users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WindowError {
    /// `to` is before `from`.
    #[error("the window ends before it starts")]
    Backwards,
    /// More than [`Window::MAX_DAYS`] days apart.
    #[error("the window may span at most {} days", Window::MAX_DAYS)]
    TooLong,
    /// A stated day more than [`Window::MAX_DAYS`] days from today.
    #[error("the date must be within {} days of today", Window::MAX_DAYS)]
    TooFarFromToday,
    /// A day outside years 0001–9999.
    #[error("dates must be between 0001-01-01 and 9999-12-31")]
    OutOfCalendar,
}

impl Window {
    /// The longest window, in days between `from` and `to`.
    pub const MAX_DAYS: u64 = 1830;

    /// A window from `from` to `to`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<Self, WindowError> {
        if !in_calendar(from) || !in_calendar(to) {
            return Err(WindowError::OutOfCalendar);
        }
        if to < from {
            return Err(WindowError::Backwards);
        }
        if (to - from).num_days() > Self::MAX_DAYS as i64 {
            return Err(WindowError::TooLong);
        }
        Ok(Window { from, to })
    }

    /// The window from `from` to `days` later.
    pub fn starting(from: NaiveDate, days: u64) -> Result<Self, WindowError> {
        let to = from
            .checked_add_days(Days::new(days))
            .ok_or(WindowError::OutOfCalendar)?;
        Self::new(from, to)
    }

    /// The first day.
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// The last day.
    pub fn to(&self) -> NaiveDate {
        self.to
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("a valid date")
    }

    #[test]
    fn a_window_is_ordered_at_most_1830_days_and_inside_the_calendar() {
        assert!(Window::new(date("2026-01-01"), date("2026-01-01")).is_ok());
        assert!(Window::new(date("2026-01-01"), date("2031-01-05")).is_ok());
        assert_eq!(
            Window::new(date("2026-01-01"), date("2031-01-06")),
            Err(WindowError::TooLong)
        );
        assert_eq!(
            Window::new(date("2026-01-02"), date("2026-01-01")),
            Err(WindowError::Backwards)
        );
        assert_eq!(
            Window::starting(date("9999-12-01"), 90),
            Err(WindowError::OutOfCalendar)
        );
        assert_eq!(
            Window::new(NaiveDate::MIN, date("0001-01-01")),
            Err(WindowError::OutOfCalendar)
        );
        assert!(Window::new(FIRST_DATE, FIRST_DATE).is_ok());
        assert!(Window::starting(date("9999-10-01"), 91).is_ok());
    }

    #[test]
    fn a_stated_day_is_within_1830_days_of_today_either_way() {
        let today = date("2026-11-29");
        assert_eq!(stated_on(today, today), Ok(today));
        assert!(stated_on(date("2021-11-25"), today).is_ok());
        assert!(stated_on(date("2031-12-03"), today).is_ok());
        assert_eq!(
            stated_on(date("2021-11-24"), today),
            Err(WindowError::TooFarFromToday)
        );
        assert_eq!(
            stated_on(date("2031-12-04"), today),
            Err(WindowError::TooFarFromToday)
        );
    }
}
