//! Benchmarks of the pure forecast engine over prebuilt flows.
//!
//! - `household`: 30 bills with a realistic mix (monthly, semi-monthly, weekly, yearly, a few
//!   weekend rules), a biweekly and a monthly payday, a one-year window, with the plan; each
//!   envelope is empty as of the day its bill started (in 2025), so the plan also walks the
//!   months before `from`. Target ≤ 50 µs, and ≤ 2× `household_without_plan`.
//! - `household_without_plan`: the same forecast without the plan (`forecast_without_plan`).
//! - `stress`: 1,000 bills, 5 paydays, a five-year window (1826 days), with the plan; envelopes
//!   as of each bill's start (in 2024). Target ≤ 15 ms.
//! - `stress_without_plan`: the same without the plan. Target ≤ 10 ms.
//! - `stress_oldest_envelopes`: `stress` with every envelope older than five years, the longest
//!   walk before `from` the rules allow (1830 days).
//!
//! Run with `cargo bench --bench engine -- --warm-up-time 1 --measurement-time 3`. Each case
//! first prints its size (periods, occurrences, contributions) on stderr.

#[path = "common/household.rs"]
mod household;

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use household::{date, parts};
use wisewallet::domain::{
    forecast::{Flow, Forecast, ForecastError, forecast, forecast_without_plan},
    id::Id,
    money::Money,
    occurrence::{Exceptions, effective},
    plan::Envelope,
    schedule::{Frequency, Schedule, ScheduleParts, WeekendRule},
    window::Window,
};

/// A bill or payday owning what a [`Flow`] borrows.
struct Item {
    id: Id,
    name: String,
    amount: Money,
    schedule: Schedule,
    exceptions: Exceptions,
    envelope: Envelope,
}

impl Item {
    fn flow(&self) -> Flow<'_> {
        Flow {
            id: self.id,
            name: &self.name,
            amount: self.amount,
            schedule: &self.schedule,
            exceptions: &self.exceptions,
            envelope: self.envelope,
            archived: false,
        }
    }
}

fn id(n: usize) -> Id {
    let mut bytes = [0u8; 12];
    bytes[4..].copy_from_slice(&(n as u64).to_be_bytes());
    Id::from_bytes(bytes)
}

/// An entry whose envelope is empty as of its start (the day it was created).
fn item(n: usize, name: &str, cents: i64, parts: ScheduleParts) -> Item {
    Item {
        id: id(n),
        name: name.to_string(),
        amount: Money::from_cents(cents),
        envelope: Envelope::empty(parts.start),
        schedule: Schedule::try_from(parts).expect("a valid bench schedule"),
        exceptions: Exceptions::new(),
    }
}

/// The `n`th bill of the shared mix.
fn mixed_bill(n: usize, anchor: NaiveDate) -> Item {
    let (name, cents, parts) = household::mixed_bill(n, anchor);
    item(n, &name, cents, parts)
}

fn household() -> (Vec<Item>, Vec<Item>) {
    let bills = household::household_bills()
        .enumerate()
        .map(|(n, (name, cents, parts))| item(n, &name, cents, parts))
        .collect();
    let paydays = household::household_paydays()
        .into_iter()
        .enumerate()
        .map(|(n, (name, cents, parts))| item(1000 + n, name, cents, parts))
        .collect();
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

/// Which engine a case runs.
#[derive(Clone, Copy)]
enum Engine {
    WithPlan,
    WithoutPlan,
}

fn bench(
    c: &mut Criterion,
    name: &str,
    (bills, paydays): (Vec<Item>, Vec<Item>),
    from: &str,
    days: u64,
    engine: Engine,
) {
    let bills: Vec<Flow<'_>> = bills.iter().map(Item::flow).collect();
    let paydays: Vec<Flow<'_>> = paydays.iter().map(Item::flow).collect();
    let window = Window::starting(date(from), days).expect("a valid window");
    let starting = Money::from_cents(300_000);
    let run: Run = match engine {
        Engine::WithPlan => forecast,
        Engine::WithoutPlan => forecast_without_plan,
    };
    let mut described = false;
    c.bench_function(name, |b| {
        if !std::mem::replace(&mut described, true) {
            describe(name, window, &bills, &paydays, run);
        }
        b.iter(|| run(black_box(window), starting, &bills, &paydays))
    });
}

type Run = fn(Window, Money, &[Flow<'_>], &[Flow<'_>]) -> Result<Forecast, ForecastError>;

/// Prints the size of a case (once, when it runs).
fn describe(name: &str, window: Window, bills: &[Flow<'_>], paydays: &[Flow<'_>], run: Run) {
    let result = run(window, Money::ZERO, bills, paydays).expect("a forecast within its limits");
    let occurrences: usize = result.bills_before_next_payday.len()
        + result.periods.iter().map(|p| p.bills.len()).sum::<usize>();
    let contributions: usize = result
        .periods
        .iter()
        .map(|p| p.plan.contributions.len())
        .sum();
    let before_from: usize = bills
        .iter()
        .map(|b| {
            let start = b
                .envelope
                .reserved_on()
                .max(window.from() - Days::new(1830));
            let day_before = window.from().pred_opt().expect("a day before");
            effective(b.schedule, b.amount, b.exceptions, start, day_before).count()
        })
        .sum();
    eprintln!(
        "{name}: {} periods, {occurrences} bill occurrences, {contributions} contributions, \
         {before_from} bill occurrences between the envelopes' dates and from",
        result.periods.len()
    );
}

/// `stress` with every envelope stated more than five years before `from`.
fn stress_oldest_envelopes() -> (Vec<Item>, Vec<Item>) {
    let (mut bills, paydays) = stress();
    for bill in &mut bills {
        bill.envelope = Envelope::empty(date("2020-01-01"));
    }
    (bills, paydays)
}

fn benches(c: &mut Criterion) {
    use Engine::{WithPlan, WithoutPlan};
    bench(c, "household", household(), "2026-01-10", 365, WithPlan);
    bench(
        c,
        "household_without_plan",
        household(),
        "2026-01-10",
        365,
        WithoutPlan,
    );
    bench(c, "stress", stress(), "2026-01-10", 1826, WithPlan);
    bench(
        c,
        "stress_without_plan",
        stress(),
        "2026-01-10",
        1826,
        WithoutPlan,
    );
    bench(
        c,
        "stress_oldest_envelopes",
        stress_oldest_envelopes(),
        "2026-01-10",
        1826,
        WithPlan,
    );
}

criterion_group!(engine, benches);
criterion_main!(engine);
