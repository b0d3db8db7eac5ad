//! The benchmark household, shared by `benches/engine.rs` and `benches/feed.rs`: a
//! deterministic, realistic mix of bills (no randomness, so runs are comparable) and the two
//! paydays, as raw schedule parts each bench turns into its own values.

use chrono::{Days, NaiveDate};
use wisewallet::domain::schedule::{Frequency, ScheduleParts, WeekendRule};

/// A bench date.
pub fn date(text: &str) -> NaiveDate {
    text.parse().expect("a valid bench date")
}

/// A schedule from `start`, every `interval` of `frequency`, weekends kept.
pub fn parts(start: NaiveDate, frequency: Option<Frequency>, interval: i64) -> ScheduleParts {
    ScheduleParts {
        start,
        frequency,
        interval,
        days_of_month: None,
        until: None,
        count: None,
        weekend: WeekendRule::Keep,
    }
}

/// The `n`th bill of the mix from `anchor`: its name, amount in cents and schedule.
pub fn mixed_bill(n: usize, anchor: NaiveDate) -> (String, i64, ScheduleParts) {
    let start = anchor + Days::new((n * 7 % 365) as u64);
    let weekend = [
        WeekendRule::Keep,
        WeekendRule::Keep,
        WeekendRule::Before,
        WeekendRule::After,
    ][n % 4];
    let cents = 500 + (n as i64 * 7_919) % 150_000;
    let (name, schedule) = match n % 10 {
        0..=3 => ("Monthly", parts(start, Some(Frequency::Monthly), 1)),
        4 => (
            "Semi-monthly",
            ScheduleParts {
                days_of_month: Some(vec![15, -1]),
                ..parts(start, Some(Frequency::Monthly), 1)
            },
        ),
        5 => (
            "First and fifteenth",
            ScheduleParts {
                days_of_month: Some(vec![1, 15]),
                ..parts(start, Some(Frequency::Monthly), 1)
            },
        ),
        6 => ("Weekly", parts(start, Some(Frequency::Weekly), 1)),
        7 => ("Biweekly", parts(start, Some(Frequency::Weekly), 2)),
        8 => ("Yearly", parts(start, Some(Frequency::Yearly), 1)),
        _ => ("Quarterly", parts(start, Some(Frequency::Monthly), 3)),
    };
    (
        format!("{name} {n}"),
        cents,
        ScheduleParts {
            weekend,
            ..schedule
        },
    )
}

/// The household's 30 bills (from 2025-01-01).
pub fn household_bills() -> impl Iterator<Item = (String, i64, ScheduleParts)> {
    let anchor = date("2025-01-01");
    (0..30).map(move |n| mixed_bill(n, anchor))
}

/// The household's paydays: a salary every other Friday and a side gig on the last day of the
/// month (the Friday before when that is a weekend).
pub fn household_paydays() -> [(&'static str, i64, ScheduleParts); 2] {
    [
        (
            "Salary",
            250_000,
            parts(date("2025-01-03"), Some(Frequency::Weekly), 2),
        ),
        (
            "Side gig",
            60_000,
            ScheduleParts {
                days_of_month: Some(vec![-1]),
                weekend: WeekendRule::Before,
                ..parts(date("2025-01-31"), Some(Frequency::Monthly), 1)
            },
        ),
    ]
}
