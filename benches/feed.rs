//! The calendar feed of a household (30 bills, 2 paydays): the CPU one `GET
//! /calendar/<token>.ics` spends after its two store reads — the forecast over 31 days back to
//! 366 ahead and writing about 600 events as iCalendar text (issue 13: ≤ 2 ms); and the
//! ETag a repeat poll is answered with (a 304 without the feed).
//!
//! `cargo bench --bench feed`; figures in docs/benchmarks.md.

#[path = "common/household.rs"]
mod household;

use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use household::date;
use wisewallet::calendar::{etag, feed};
use wisewallet::domain::account::{Currency, Email, PlanMode, Timezone, User};
use wisewallet::domain::entry::{Amount, Entry, EntryKind, Name, NewEntry};
use wisewallet::domain::holidays::Holidays;
use wisewallet::domain::id::Id;
use wisewallet::domain::money::Money;
use wisewallet::domain::plan::Envelope;
use wisewallet::domain::schedule::{Schedule, ScheduleParts};

/// The server's allocator (see `src/main.rs`): what the feed costs there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn entry(owner: Id, kind: EntryKind, name: &str, cents: i64, parts: ScheduleParts) -> Entry {
    let now: DateTime<Utc> = "2026-01-01T00:00:00Z".parse().expect("a time");
    Entry::new(
        owner,
        kind,
        NewEntry {
            name: Name::try_from(name).expect("a name"),
            amount: Amount::try_from(Money::from_cents(cents)).expect("an amount"),
            envelope: Envelope::empty(parts.start),
            schedule: Schedule::try_from(parts).expect("a schedule"),
            category: None,
            autopay: false,
            notes: None,
        },
        now,
    )
}

/// The household of `benches/engine.rs` (`benches/common/household.rs`) as stored entries.
fn household(owner: Id) -> (Vec<Entry>, Vec<Entry>) {
    let bills = household::household_bills()
        .map(|(name, cents, parts)| entry(owner, EntryKind::Bill, &name, cents, parts))
        .collect();
    let paydays = household::household_paydays()
        .into_iter()
        .map(|(name, cents, parts)| entry(owner, EntryKind::Payday, name, cents, parts))
        .collect();
    (bills, paydays)
}

fn benches(c: &mut Criterion) {
    let owner = Id::generate();
    let now: DateTime<Utc> = "2026-01-10T12:00:00Z".parse().expect("a time");
    for (name, plan_mode, holidays) in [
        ("feed_household", PlanMode::JustInTime, Holidays::None),
        (
            "feed_household_smoothed_us",
            PlanMode::Smoothed,
            Holidays::Us,
        ),
    ] {
        let user = User {
            id: owner,
            email: Email::try_from("bench@example.com").expect("an email"),
            password_hash: String::new(),
            currency: Currency::try_from("USD").expect("a currency"),
            timezone: Timezone::default(),
            balance: Money::ZERO,
            balance_on: date("2026-01-01"),
            plan_mode,
            holidays,
            created_at: now,
        };
        let (bills, paydays) = household(owner);
        let text = feed(&user, bills.clone(), paydays.clone(), now).expect("a feed");
        eprintln!(
            "{name}: {} events, {} bytes",
            text.matches("BEGIN:VEVENT").count(),
            text.len()
        );
        // CPU, not wall time (the machine is shared): this thread's user + system ticks
        // around many feeds.
        let runs = 2000;
        let before = thread_cpu_ticks();
        for _ in 0..runs {
            std::hint::black_box(feed(&user, bills.clone(), paydays.clone(), now).expect("a feed"));
        }
        let ticks = thread_cpu_ticks() - before;
        eprintln!(
            "{name}: {:.2} ms of CPU per feed ({runs} feeds, {ticks} ticks of 10 ms)",
            ticks as f64 * 10.0 / f64::from(runs)
        );
        c.bench_function(name, |b| {
            b.iter(|| feed(&user, bills.clone(), paydays.clone(), now).expect("a feed"))
        });
        // What a repeat poll costs after the reads: the ETag from the inputs, no feed.
        c.bench_function(&format!("{name}_etag"), |b| {
            b.iter(|| etag(&user, &bills, &paydays, now))
        });
    }
}

/// This thread's user + system CPU time in clock ticks (10 ms), from `/proc/thread-self/stat`.
fn thread_cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    // After the command name: state is field 3, utime 14 and stime 15 (1-based).
    let field = |n: usize| {
        fields
            .get(n - 3)
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    field(14) + field(15)
}

criterion_group!(feed_benches, benches);
criterion_main!(feed_benches);
