//! Holiday calendars and business days (DESIGN §1 "Business days and holidays").
//!
//! A user picks one calendar — `US`, `GB-ENG`, `CA`, `AU`, `DE`, or `NONE` (the default) — and
//! with it a schedule's weekend rule becomes a business-day rule: a Saturday, a Sunday or a
//! holiday moves to the nearest earlier (`BEFORE`) or later (`AFTER`) business day.
//!
//! # Where the dates come from
//! The reference is the `holidays` package for Python, version 0.108 (default categories,
//! observed days included, GB with subdivision ENG), for the years 2000–2075. Its dates are
//! generated into `holidays.tsv` by `scripts/holidays.py write` and embedded here; no holiday rule
//! is typed in by hand. `tests/holidays.rs` compares every date and name with the package and
//! checks that the table is not stale, on every run of the suite.
//!
//! The table is generated from the reference itself rather than taken from a Rust crate: it
//! matches the reference by construction, and the staleness check catches a new package version.
//! No holiday crate was evaluated against the reference.
//!
//! # Decisions
//! - Outside 2000–2075 a calendar has no holidays: weekends still move, holidays do not. The
//!   reference covers nothing else and a schedule rarely looks 50 years ahead.
//! - Where the package gives one date several names it joins them with "; ", and so do we.
//! - The table is parsed once, on first use, into a sorted list per calendar and a bit per day
//!   (3.5 KB per calendar), so "is this a business day?" is one bit test.

use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The generated table: `CALENDAR<TAB>YYYY-MM-DD<TAB>NAME` lines after `#` comments.
const TABLE: &str = include_str!("holidays.tsv");

/// The first and last years the table covers.
pub const FIRST_YEAR: i32 = 2000;
/// See [`FIRST_YEAR`].
pub const LAST_YEAR: i32 = 2075;

/// A user's holiday calendar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Holidays {
    /// No holidays: only weekends move dates.
    #[default]
    None,
    /// United States (federal).
    Us,
    /// England (United Kingdom, bank holidays of England).
    GbEng,
    /// Canada (national).
    Ca,
    /// Australia (national).
    Au,
    /// Germany (national).
    De,
}

/// A holiday: its date and name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday {
    /// The day.
    pub date: NaiveDate,
    /// What the reference calls it.
    pub name: &'static str,
}

/// An unknown calendar code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("holidays must be one of NONE, US, GB-ENG, CA, AU, DE")]
pub struct UnknownCalendar;

impl Holidays {
    /// Every calendar, `None` first.
    pub const ALL: [Holidays; 6] = [
        Holidays::None,
        Holidays::Us,
        Holidays::GbEng,
        Holidays::Ca,
        Holidays::Au,
        Holidays::De,
    ];

    /// The stored and API code.
    pub const fn code(self) -> &'static str {
        match self {
            Holidays::None => "NONE",
            Holidays::Us => "US",
            Holidays::GbEng => "GB-ENG",
            Holidays::Ca => "CA",
            Holidays::Au => "AU",
            Holidays::De => "DE",
        }
    }

    /// The holidays from `from` to `to` (both included), in date order.
    pub fn between(self, from: NaiveDate, to: NaiveDate) -> &'static [Holiday] {
        let Some(table) = self.table() else {
            return &[];
        };
        let list = table.list.as_slice();
        let start = list.partition_point(|h| h.date < from);
        let end = list.partition_point(|h| h.date <= to).max(start);
        &list[start..end]
    }

    /// The name of the holiday on `date`, if it is one.
    pub fn on(self, date: NaiveDate) -> Option<&'static str> {
        self.between(date, date).first().map(|h| h.name)
    }

    /// Whether `date` is a holiday.
    pub fn is_holiday(self, date: NaiveDate) -> bool {
        self.table().is_some_and(|table| table.contains(date))
    }

    /// Whether `date` is a business day: not a Saturday, a Sunday or a holiday.
    pub fn is_business_day(self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.is_holiday(date)
    }

    /// The most days a business-day rule can move a date in this calendar: the longest run of
    /// days that are not business days (two for weekends alone).
    pub fn max_shift_days(self) -> u64 {
        self.table().map_or(2, |table| table.max_shift_days)
    }

    /// The nearest business day on or before (`later` false) or on or after (`later` true)
    /// `date`; `None` only at the ends of chrono's calendar.
    pub fn business_day(self, date: NaiveDate, later: bool) -> Option<NaiveDate> {
        let mut day = date;
        while !self.is_business_day(day) {
            day = if later {
                day.checked_add_days(Days::new(1))?
            } else {
                day.checked_sub_days(Days::new(1))?
            };
        }
        Some(day)
    }

    fn table(self) -> Option<&'static Table> {
        let index = match self {
            Holidays::None => return None,
            Holidays::Us => 0,
            Holidays::GbEng => 1,
            Holidays::Ca => 2,
            Holidays::Au => 3,
            Holidays::De => 4,
        };
        static TABLES: OnceLock<[Table; 5]> = OnceLock::new();
        Some(&TABLES.get_or_init(parse_tables)[index])
    }
}

impl FromStr for Holidays {
    type Err = UnknownCalendar;

    fn from_str(code: &str) -> Result<Self, UnknownCalendar> {
        Holidays::ALL
            .into_iter()
            .find(|calendar| calendar.code() == code)
            .ok_or(UnknownCalendar)
    }
}

impl std::fmt::Display for Holidays {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// One calendar's holidays: the list (for names) and one bit per day from
/// [`FIRST_YEAR`]-01-01 (for business-day tests).
#[derive(Default)]
struct Table {
    list: Vec<Holiday>,
    bits: Vec<u64>,
    max_shift_days: u64,
}

fn first_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN)
}

impl Table {
    fn contains(&self, date: NaiveDate) -> bool {
        let Ok(day) = usize::try_from((date - first_day()).num_days()) else {
            return false;
        };
        self.bits
            .get(day / 64)
            .is_some_and(|word| word & (1 << (day % 64)) != 0)
    }

    fn insert(&mut self, holiday: Holiday) {
        if let Ok(day) = usize::try_from((holiday.date - first_day()).num_days()) {
            if self.bits.len() <= day / 64 {
                self.bits.resize(day / 64 + 1, 0);
            }
            self.bits[day / 64] |= 1 << (day % 64);
        }
        self.list.push(holiday);
    }

    /// The longest run of days that are not business days (a holiday next to a weekend makes a
    /// longer one than a weekend alone): from its first day `AFTER` moves that many days, and
    /// so does `BEFORE` from its last.
    fn longest_shift(&self) -> u64 {
        let (mut longest, mut run) = (0, 0);
        let mut day = first_day();
        while day.year() <= LAST_YEAR {
            if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || self.contains(day) {
                run += 1;
                longest = longest.max(run);
            } else {
                run = 0;
            }
            let Some(next) = day.succ_opt() else { break };
            day = next;
        }
        longest.max(2)
    }
}

fn parse_tables() -> [Table; 5] {
    let mut tables: [Table; 5] = Default::default();
    for line in TABLE
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut columns = line.splitn(3, '\t');
        let (Some(code), Some(date), Some(name)) = (columns.next(), columns.next(), columns.next())
        else {
            continue;
        };
        let (Ok(calendar), Ok(date)) = (code.parse::<Holidays>(), date.parse::<NaiveDate>()) else {
            continue;
        };
        if let Some(index) = Holidays::ALL.iter().position(|&c| c == calendar)
            && index > 0
        {
            tables[index - 1].insert(Holiday { date, name });
        }
    }
    for table in &mut tables {
        table.list.sort_by_key(|h| h.date);
        table.max_shift_days = table.longest_shift();
    }
    tables
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap_or(NaiveDate::MIN)
    }

    #[test]
    fn codes_round_trip_and_unknown_ones_are_refused() {
        for calendar in Holidays::ALL {
            assert_eq!(calendar.code().parse(), Ok(calendar));
        }
        for bad in ["", "us", "GB", "UK", "NONE ", "FR"] {
            assert_eq!(bad.parse::<Holidays>(), Err(UnknownCalendar), "{bad:?}");
        }
    }

    #[test]
    fn every_calendar_has_its_well_known_days() {
        let cases = [
            (Holidays::Us, "2026-05-25", "Memorial Day"),
            (Holidays::Us, "2027-07-05", "Independence Day (observed)"),
            (Holidays::GbEng, "2026-12-28", "Boxing Day (substitute day)"),
            (Holidays::Ca, "2026-07-01", "Canada Day"),
            (Holidays::Au, "2026-01-26", "Australia Day"),
            (Holidays::De, "2026-10-03", "Tag der Deutschen Einheit"),
        ];
        for (calendar, date, name) in cases {
            let found = calendar.on(day(date));
            assert!(
                found.is_some_and(|n| n.contains(name.split(' ').next().unwrap_or(name))),
                "{calendar} {date}: {found:?}"
            );
            assert!(calendar.is_holiday(day(date)));
            assert!(!calendar.is_business_day(day(date)));
        }
        assert_eq!(Holidays::None.on(day("2026-12-25")), None);
        assert!(Holidays::None.is_business_day(day("2026-12-25")));
    }

    #[test]
    fn business_days_skip_weekends_and_holidays() {
        let us = Holidays::Us;
        // Memorial Day 2026 is Monday May 25.
        assert_eq!(
            us.business_day(day("2026-05-25"), false),
            Some(day("2026-05-22"))
        );
        assert_eq!(
            us.business_day(day("2026-05-23"), true),
            Some(day("2026-05-26"))
        );
        assert_eq!(
            us.business_day(day("2026-05-26"), true),
            Some(day("2026-05-26"))
        );
        // Without a calendar only the weekend moves.
        let none = Holidays::None;
        assert_eq!(
            none.business_day(day("2026-05-23"), true),
            Some(day("2026-05-25"))
        );
        // Easter in England: Good Friday to Easter Monday is four days off.
        let eng = Holidays::GbEng;
        assert_eq!(
            eng.business_day(day("2026-04-06"), false),
            Some(day("2026-04-02"))
        );
        assert!(eng.max_shift_days() >= 4);
        assert_eq!(none.max_shift_days(), 2);
    }

    #[test]
    fn outside_the_reference_years_there_are_no_holidays() {
        assert!(!Holidays::Us.is_holiday(day("1999-12-31")));
        assert!(!Holidays::Us.is_holiday(day("2076-07-04")));
        assert!(
            Holidays::Us
                .between(day("1990-01-01"), day("1999-12-31"))
                .is_empty()
        );
        assert!(
            Holidays::Us
                .between(day("2030-01-01"), day("2029-01-01"))
                .is_empty()
        );
        let year = Holidays::Us.between(day("2026-01-01"), day("2026-12-31"));
        assert!((10..=13).contains(&year.len()), "{year:?}");
        assert!(year.windows(2).all(|w| w[0].date < w[1].date));
    }
}
