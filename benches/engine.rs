//! Benchmarks of the pure forecast engine over prebuilt flows.
//!
//! - `household`: 30 bills with a realistic mix (monthly, semi-monthly, weekly, yearly, a few
//!   weekend rules), a biweekly and a monthly payday, a one-year window. Target ≤ 50 µs.
//! - `stress`: 1,000 bills, 5 paydays, a five-year window (1826 days). Target ≤ 10 ms.
//!
//! Run with `cargo bench --bench engine -- --warm-up-time 1 --measurement-time 3`.

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use wisewallet::domain::{
    forecast::{Flow, forecast},
    id::Id,
    money::Money,
    schedule::{Frequency, Schedule, ScheduleParts, WeekendRule},
    window::Window,
};

/// A bill or payday owning what a [`Flow`] borrows.
struct Item {
    id: Id,
    name: String,
    amount: Money,
    schedule: Schedule,
}

impl Item {
    fn flow(&self) -> Flow<'_> {
        Flow {
            id: self.id,
            name: &self.name,
            amount: self.amount,
            schedule: &self.schedule,
            archived: false,
        }
    }
}

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a valid bench date")
}

fn id(n: usize) -> Id {
    let mut bytes = [0u8; 12];
    bytes[4..].copy_from_slice(&(n as u64).to_be_bytes());
    Id::from_bytes(bytes)
}

fn item(n: usize, name: &str, cents: i64, parts: ScheduleParts) -> Item {
    Item {
        id: id(n),
        name: name.to_string(),
        amount: Money::from_cents(cents),
        schedule: Schedule::try_from(parts).expect("a valid bench schedule"),
    }
}

fn parts(start: NaiveDate, frequency: Option<Frequency>, interval: i64) -> ScheduleParts {
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

/// The `n`th bill of a deterministic, realistic mix (no randomness: runs are comparable).
fn mixed_bill(n: usize, anchor: NaiveDate) -> Item {
    let start = anchor + Days::new((n * 7 % 365) as u64);
    let weekend = [
        WeekendRule::Keep,
        WeekendRule::Keep,
        WeekendRule::Before,
        WeekendRule::After,
    ][n % 4];
    let cents = 500 + (n as i64 * 7_919) % 150_000;
    let (name, parts) = match n % 10 {
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
    item(
        n,
        &format!("{name} {n}"),
        cents,
        ScheduleParts { weekend, ..parts },
    )
}

fn household() -> (Vec<Item>, Vec<Item>) {
    let anchor = date("2025-01-01");
    let bills = (0..30).map(|n| mixed_bill(n, anchor)).collect();
    let paydays = vec![
        item(
            1000,
            "Salary",
            250_000,
            parts(date("2025-01-03"), Some(Frequency::Weekly), 2),
        ),
        item(
            1001,
            "Side gig",
            60_000,
            ScheduleParts {
                days_of_month: Some(vec![-1]),
                weekend: WeekendRule::Before,
                ..parts(date("2025-01-31"), Some(Frequency::Monthly), 1)
            },
        ),
    ];
    (bills, paydays)
}

fn stress() -> (Vec<Item>, Vec<Item>) {
    let anchor = date("2024-01-01");
    let bills = (0..1000).map(|n| mixed_bill(n, anchor)).collect();
    let paydays = vec![
        item(
            2000,
            "Salary",
            250_000,
            parts(date("2024-01-05"), Some(Frequency::Weekly), 2),
        ),
        item(
            2001,
            "Partner salary",
            210_000,
            parts(date("2024-01-12"), Some(Frequency::Weekly), 2),
        ),
        item(
            2002,
            "Pension",
            90_000,
            ScheduleParts {
                days_of_month: Some(vec![1]),
                weekend: WeekendRule::After,
                ..parts(date("2024-01-01"), Some(Frequency::Monthly), 1)
            },
        ),
        item(
            2003,
            "Weekly gig",
            15_000,
            parts(date("2024-01-06"), Some(Frequency::Weekly), 1),
        ),
        item(
            2004,
            "Bonus",
            500_000,
            parts(date("2024-12-15"), Some(Frequency::Yearly), 1),
        ),
    ];
    (bills, paydays)
}

fn bench(
    c: &mut Criterion,
    name: &str,
    (bills, paydays): (Vec<Item>, Vec<Item>),
    from: &str,
    days: u64,
) {
    let bills: Vec<Flow<'_>> = bills.iter().map(Item::flow).collect();
    let paydays: Vec<Flow<'_>> = paydays.iter().map(Item::flow).collect();
    let window = Window::starting(date(from), days).expect("a valid window");
    let starting = Money::from_cents(300_000);
    c.bench_function(name, |b| {
        b.iter(|| forecast(black_box(window), starting, &bills, &paydays))
    });
}

fn benches(c: &mut Criterion) {
    bench(c, "household", household(), "2026-01-10", 365);
    bench(c, "stress", stress(), "2026-01-10", 1826);
}

criterion_group!(engine, benches);
criterion_main!(engine);
