fn between(s: &Schedule, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    s.occurrence_iter(from, to).collect()
}

use std::collections::BTreeMap;

use chrono::Days;
use proptest::prelude::*;

use super::*;
use crate::domain::schedule::{Frequency, ScheduleParts, WeekendRule};

/// Envelopes of the tests here are empty and stated on 2026-01-10, the worked example's `from`.
fn envelope() -> Envelope {
    Envelope::empty(date("2026-01-10"))
}

static NO_EXCEPTIONS: Exceptions = Exceptions::new();

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a valid test date")
}

fn window(from: &str, until: &str) -> Window {
    Window::new(date(from), date(until)).expect("a valid test window")
}

fn money(text: &str) -> Money {
    text.parse().expect("a valid test amount")
}

fn id(n: u8) -> Id {
    Id::from_bytes([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, n])
}

/// A bill or payday owning what a [`Flow`] borrows.
#[derive(Debug, Clone)]
struct Item {
    id: Id,
    name: String,
    amount: Money,
    schedule: Schedule,
    archived: bool,
}

impl Item {
    fn new(n: u8, name: &str, amount: &str, parts: ScheduleParts) -> Item {
        Item {
            id: id(n),
            name: name.to_string(),
            amount: money(amount),
            schedule: Schedule::try_from(parts).expect("a valid test schedule"),
            archived: false,
        }
    }

    fn archived(self) -> Item {
        Item {
            archived: true,
            ..self
        }
    }

    fn flow(&self) -> Flow<'_> {
        Flow {
            id: self.id,
            name: &self.name,
            amount: self.amount,
            schedule: &self.schedule,
            exceptions: &NO_EXCEPTIONS,
            envelope: envelope(),
            archived: self.archived,
        }
    }
}

fn flows(items: &[Item]) -> Vec<Flow<'_>> {
    items.iter().map(Item::flow).collect()
}

fn every(start: &str, frequency: Option<Frequency>, interval: i64) -> ScheduleParts {
    ScheduleParts {
        start: date(start),
        frequency,
        interval,
        days_of_month: None,
        until: None,
        count: None,
        weekend: WeekendRule::Keep,
    }
}

fn once(start: &str) -> ScheduleParts {
    every(start, None, 1)
}

fn monthly(start: &str) -> ScheduleParts {
    every(start, Some(Frequency::Monthly), 1)
}

fn occurrence(item: &Item, on: &str) -> Occurrence {
    Occurrence {
        id: item.id,
        date: date(on),
        amount: item.amount,
    }
}

fn run(from: &str, until: &str, starting: &str, bills: &[Item], paydays: &[Item]) -> Forecast {
    forecast(
        window(from, until),
        money(starting),
        &flows(bills),
        &flows(paydays),
    )
    .expect("no overflow")
}

#[test]
fn a_last_period_ending_centuries_away_is_capped_five_years_after_until() {
    let rare = Item::new(
        1,
        "Rare",
        "1.00",
        every("2026-01-01", Some(Frequency::Yearly), 999),
    );
    let daily = Item::new(
        2,
        "Coffee",
        "1.00",
        every("2026-01-01", Some(Frequency::Daily), 1),
    );
    let f = run("2026-01-01", "2026-01-31", "0", &[daily], &[rare]);
    let cap = date("2026-01-31") + Days::new(LAST_PERIOD_MAX_DAYS_AFTER_UNTIL);
    assert_eq!(f.periods.len(), 1);
    assert_eq!(f.periods[0].end, cap);
    assert_eq!(f.periods[0].bills.len(), 1861);
}

#[test]
fn the_worked_example_from_the_design_comes_out_exactly() {
    let salary = Item::new(
        1,
        "Salary",
        "2000.00",
        every("2026-01-02", Some(Frequency::Weekly), 2),
    );
    let rent = Item::new(2, "Rent", "1500.00", monthly("2026-01-01"));
    let phone = Item::new(3, "Phone", "80.00", monthly("2026-01-31"));
    let insurance = Item::new(
        4,
        "Insurance",
        "600.00",
        ScheduleParts {
            weekend: WeekendRule::Before,
            ..every("2026-03-15", Some(Frequency::Yearly), 1)
        },
    );
    // The plan (DESIGN §1 "Plan", first example): (amount, reserved after) for Insurance,
    // Phone and Rent, in that order (by name, case-insensitively).
    let plan = |insurance: (&str, &str), phone: (&str, &str), rent: (&str, &str), total: &str| {
        let contributions = [(&insurance, 4), (&phone, 3), (&rent, 2)]
            .into_iter()
            .map(|(&(amount, reserved), n)| plan::Contribution {
                bill: id(n),
                amount: money(amount),
                reserved: money(reserved),
            })
            .collect();
        PeriodPlan {
            set_aside: money(total),
            safe_to_spend: money("2000.00").checked_sub(money(total)).unwrap(),
            contributions,
        }
    };
    let period = |start: &str,
                  end: &str,
                  bills: Vec<Occurrence>,
                  set_aside: &str,
                  leftover: &str,
                  ending: &str,
                  plan: PeriodPlan| PayPeriod {
        start: date(start),
        end: date(end),
        income: money("2000.00"),
        paydays: vec![occurrence(&salary, start)],
        bills,
        set_aside: money(set_aside),
        leftover: money(leftover),
        ending_balance: money(ending),
        shortfall: Money::ZERO,
        plan,
    };
    let expected = Forecast {
        shortfall_before_next_payday: Money::ZERO,
        from: date("2026-01-10"),
        until: date("2026-03-31"),
        starting_balance: money("500.00"),
        due_before_next_payday: money("0.00"),
        bills_before_next_payday: vec![],
        next_payday: Some(date("2026-01-16")),
        periods: vec![
            period(
                "2026-01-16",
                "2026-01-29",
                vec![],
                "0.00",
                "2000.00",
                "2500.00",
                plan(
                    ("120.00", "120.00"),
                    ("40.00", "40.00"),
                    ("750.00", "750.00"),
                    "910.00",
                ),
            ),
            period(
                "2026-01-30",
                "2026-02-12",
                vec![
                    occurrence(&phone, "2026-01-31"),
                    occurrence(&rent, "2026-02-01"),
                ],
                "1580.00",
                "420.00",
                "2920.00",
                plan(
                    ("120.00", "240.00"),
                    ("40.00", "0.00"),
                    ("750.00", "0.00"),
                    "910.00",
                ),
            ),
            period(
                "2026-02-13",
                "2026-02-26",
                vec![],
                "0.00",
                "2000.00",
                "4920.00",
                plan(
                    ("120.00", "360.00"),
                    ("40.00", "40.00"),
                    ("750.00", "750.00"),
                    "910.00",
                ),
            ),
            period(
                "2026-02-27",
                "2026-03-12",
                vec![
                    occurrence(&phone, "2026-02-28"),
                    occurrence(&rent, "2026-03-01"),
                ],
                "1580.00",
                "420.00",
                "5340.00",
                plan(
                    ("120.00", "480.00"),
                    ("40.00", "0.00"),
                    ("750.00", "0.00"),
                    "910.00",
                ),
            ),
            period(
                "2026-03-13",
                "2026-03-26",
                vec![occurrence(&insurance, "2026-03-13")],
                "600.00",
                "1400.00",
                "6740.00",
                plan(
                    ("120.00", "0.00"),
                    ("40.00", "40.00"),
                    ("750.00", "750.00"),
                    "910.00",
                ),
            ),
            period(
                "2026-03-27",
                "2026-04-09",
                vec![
                    occurrence(&phone, "2026-03-31"),
                    occurrence(&rent, "2026-04-01"),
                ],
                "1580.00",
                "420.00",
                "7160.00",
                plan(
                    ("23.08", "23.08"),
                    ("40.00", "0.00"),
                    ("750.00", "0.00"),
                    "813.08",
                ),
            ),
        ],
        lowest_balance: BalancePoint {
            date: date("2026-01-10"),
            balance: money("500.00"),
        },
        total_income: money("12000.00"),
        total_bills: money("5340.00"),
        plan_due_now: money("0.00"),
        walk_end: date("2026-04-09"),
        balance_changes: vec![],
    };

    let got = run(
        "2026-01-10",
        "2026-03-31",
        "500.00",
        &[rent, phone, insurance],
        &[salary],
    );

    // The day-by-day balances are checked against a walk of their own (the property test);
    // here, their last day is the last period's end balance.
    let last = got.balances().last().expect("a walk of at least one day");
    assert_eq!(
        Some(last.balance),
        got.periods.last().map(|p| p.ending_balance)
    );
    assert_eq!(
        Forecast {
            balance_changes: vec![],
            ..got
        },
        expected
    );
}

#[test]
fn bills_before_the_first_payday_are_paid_from_the_starting_balance() {
    let salary = Item::new(1, "Salary", "1000.00", once("2026-01-15"));
    let gym = Item::new(
        2,
        "Gym",
        "30.00",
        every("2026-01-05", Some(Frequency::Weekly), 1),
    );

    let got = run("2026-01-01", "2026-01-20", "100.00", &[gym], &[salary]);

    assert_eq!(got.due_before_next_payday, money("60.00"));
    assert_eq!(
        got.bills_before_next_payday
            .iter()
            .map(|b| b.date)
            .collect::<Vec<_>>(),
        [date("2026-01-05"), date("2026-01-12")]
    );
    assert_eq!(got.periods[0].ending_balance, money("1010.00"));
    assert_eq!(
        got.lowest_balance,
        BalancePoint {
            date: date("2026-01-12"),
            balance: money("40.00")
        }
    );
}

#[test]
fn a_bill_on_a_payday_belongs_to_that_period_and_is_paid_after_the_income() {
    let salary = Item::new(1, "Salary", "1000.00", monthly("2026-01-15"));
    let rent = Item::new(2, "Rent", "1200.00", monthly("2026-01-15"));

    let got = run(
        "2026-01-01",
        "2026-01-31",
        "0.00",
        std::slice::from_ref(&rent),
        &[salary],
    );

    assert_eq!(got.due_before_next_payday, Money::ZERO);
    assert_eq!(got.periods.len(), 1);
    assert_eq!(got.periods[0].bills, vec![occurrence(&rent, "2026-01-15")]);
    assert_eq!(got.periods[0].leftover, money("-200.00"));
    assert_eq!(got.periods[0].end, date("2026-02-14"));
    assert_eq!(
        got.lowest_balance,
        BalancePoint {
            date: date("2026-01-15"),
            balance: money("-200.00")
        }
    );
}

#[test]
fn events_on_from_count_toward_its_end_of_day_balance() {
    let salary = Item::new(1, "Salary", "1000.00", once("2026-01-10"));
    let rent = Item::new(2, "Rent", "300.00", once("2026-01-12"));

    let got = run("2026-01-10", "2026-01-31", "50.00", &[rent], &[salary]);

    // 50 is the balance before the payday, never an end-of-day balance.
    assert_eq!(
        got.lowest_balance,
        BalancePoint {
            date: date("2026-01-12"),
            balance: money("750.00")
        }
    );
}

#[test]
fn the_earliest_date_wins_when_the_lowest_balance_ties() {
    let salary = Item::new(1, "Salary", "100.00", once("2026-01-05"));
    let bill = Item::new(2, "Bill", "100.00", once("2026-01-06"));

    let got = run("2026-01-01", "2026-01-31", "10.00", &[bill], &[salary]);

    assert_eq!(
        got.lowest_balance,
        BalancePoint {
            date: date("2026-01-01"),
            balance: money("10.00")
        }
    );
}

#[test]
fn two_paydays_on_one_date_open_one_period_with_both_incomes() {
    let mine = Item::new(2, "Mine", "1000.00", monthly("2026-01-15"));
    let theirs = Item::new(1, "Theirs", "700.00", monthly("2026-01-15"));
    let twin = Item::new(0, "Mine", "5.00", monthly("2026-01-15"));

    let got = run(
        "2026-01-01",
        "2026-01-31",
        "0.00",
        &[],
        &[theirs, mine, twin],
    );

    assert_eq!(got.periods.len(), 1);
    let period = &got.periods[0];
    assert_eq!(period.income, money("1705.00"));
    assert_eq!(
        period.paydays.iter().map(|p| p.id).collect::<Vec<_>>(),
        [id(0), id(2), id(1)]
    );
    assert_eq!(got.total_income, money("1705.00"));
}

#[test]
fn bills_on_the_same_date_are_ordered_by_name_then_id() {
    let water = Item::new(1, "Water", "1.00", once("2026-01-05"));
    let b_phone = Item::new(3, "Phone", "2.00", once("2026-01-05"));
    let a_phone = Item::new(4, "Phone", "3.00", once("2026-01-05"));
    let early = Item::new(9, "Zoo", "4.00", once("2026-01-04"));

    let got = run(
        "2026-01-01",
        "2026-01-31",
        "0.00",
        &[water, b_phone, a_phone, early],
        &[],
    );

    assert_eq!(
        got.bills_before_next_payday
            .iter()
            .map(|b| b.id)
            .collect::<Vec<_>>(),
        [id(9), id(3), id(4), id(1)]
    );
}

#[test]
fn without_paydays_every_bill_is_due_before_the_next_payday() {
    let rent = Item::new(1, "Rent", "500.00", monthly("2026-01-01"));

    let got = run("2026-01-01", "2026-03-31", "2000.00", &[rent], &[]);

    assert_eq!(got.next_payday, None);
    assert!(got.periods.is_empty());
    assert_eq!(got.due_before_next_payday, money("1500.00"));
    assert_eq!(got.total_bills, money("1500.00"));
    assert_eq!(got.total_income, Money::ZERO);
    assert_eq!(
        got.lowest_balance,
        BalancePoint {
            date: date("2026-03-01"),
            balance: money("500.00")
        }
    );
}

#[test]
fn a_payday_only_after_until_is_not_the_next_payday() {
    let salary = Item::new(1, "Salary", "1000.00", once("2026-02-01"));
    let rent = Item::new(2, "Rent", "500.00", monthly("2026-01-01"));

    let got = run(
        "2026-01-01",
        "2026-01-31",
        "0.00",
        std::slice::from_ref(&rent),
        &[salary],
    );

    assert_eq!(got.next_payday, None);
    assert_eq!(got.due_before_next_payday, money("500.00"));
}

#[test]
fn a_one_time_payday_opens_one_period_that_ends_on_until() {
    let bonus = Item::new(1, "Bonus", "300.00", once("2026-01-20"));
    let rent = Item::new(2, "Rent", "100.00", monthly("2026-01-25"));

    let got = run("2026-01-01", "2026-02-28", "0.00", &[rent], &[bonus]);

    assert_eq!(got.next_payday, Some(date("2026-01-20")));
    assert_eq!(got.periods.len(), 1);
    assert_eq!(
        (got.periods[0].start, got.periods[0].end),
        (date("2026-01-20"), date("2026-02-28"))
    );
    assert_eq!(got.periods[0].set_aside, money("200.00"));
    assert_eq!(got.periods[0].ending_balance, money("100.00"));
}

#[test]
fn the_last_period_runs_past_until_to_the_day_before_the_next_payday() {
    let salary = Item::new(1, "Salary", "1000.00", monthly("2026-01-01"));
    let late = Item::new(2, "Late", "10.00", once("2026-01-31"));

    let got = run(
        "2026-01-01",
        "2026-01-10",
        "0.00",
        std::slice::from_ref(&late),
        &[salary],
    );

    assert_eq!(got.periods.len(), 1);
    assert_eq!(got.periods[0].end, date("2026-01-31"));
    assert_eq!(got.periods[0].bills, vec![occurrence(&late, "2026-01-31")]);
}

#[test]
fn a_payday_on_until_opens_a_period_and_paydays_before_from_are_ignored() {
    let salary = Item::new(
        1,
        "Salary",
        "1000.00",
        every("2025-12-01", Some(Frequency::Weekly), 1),
    );

    let got = run("2026-01-02", "2026-01-05", "0.00", &[], &[salary]);

    // Dec 29 is the last Monday before from; Jan 5 is on until.
    assert_eq!(
        got.periods.iter().map(|p| p.start).collect::<Vec<_>>(),
        [date("2026-01-05")]
    );
    assert_eq!(got.periods[0].end, date("2026-01-11"));
}

#[test]
fn archived_bills_and_paydays_are_ignored() {
    let salary = Item::new(1, "Salary", "1000.00", monthly("2026-01-15"));
    let old_salary = Item::new(2, "Old", "9999.00", monthly("2026-01-05")).archived();
    let rent = Item::new(3, "Rent", "100.00", monthly("2026-01-20"));
    let old_rent = Item::new(4, "Old rent", "9999.00", monthly("2026-01-20")).archived();

    let got = run(
        "2026-01-01",
        "2026-01-31",
        "0.00",
        &[rent, old_rent],
        &[salary, old_salary],
    );

    assert_eq!(got.next_payday, Some(date("2026-01-15")));
    assert_eq!(got.total_income, money("1000.00"));
    assert_eq!(got.total_bills, money("100.00"));
}

#[test]
fn a_payday_shifted_onto_another_counts_twice() {
    // Sat May 30 and Sun May 31 2026 both move to Fri May 29.
    let salary = Item::new(
        1,
        "Salary",
        "100.00",
        ScheduleParts {
            days_of_month: Some(vec![30, -1]),
            weekend: WeekendRule::Before,
            ..monthly("2026-05-01")
        },
    );

    let got = run("2026-05-01", "2026-05-31", "0.00", &[], &[salary]);

    assert_eq!(got.periods.len(), 1);
    assert_eq!(got.periods[0].paydays.len(), 2);
    assert_eq!(got.periods[0].income, money("200.00"));
}

#[test]
fn an_overflowing_sum_is_an_error() {
    let salary = Item::new(1, "Salary", "1.00", once("2026-01-05"));
    let huge = Money::from_cents(i64::MAX);

    let got = forecast(
        window("2026-01-01", "2026-01-31"),
        huge,
        &[],
        &flows(&[salary]),
    );

    assert_eq!(got, Err(ForecastError::Overflow));
}

#[test]
fn a_forecast_past_its_occurrence_limit_is_refused_before_it_is_built() {
    let daily: Vec<Item> = (0..60)
        .map(|n| {
            Item::new(
                n,
                &format!("Bill {n}"),
                "1.00",
                every("2026-01-01", Some(Frequency::Daily), 1),
            )
        })
        .collect();
    let got = forecast(
        window("2026-01-01", "2030-12-31"),
        Money::ZERO,
        &flows(&daily),
        &[],
    );
    assert_eq!(got, Err(ForecastError::TooLarge));
    let fits = forecast(
        window("2026-01-01", "2026-12-31"),
        Money::ZERO,
        &flows(&daily),
        &[],
    );
    assert!(fits.is_ok());
}

#[test]
fn nothing_after_9999_12_31_is_computed() {
    let yearly = Item::new(
        1,
        "Salary",
        "1.00",
        every("9990-12-31", Some(Frequency::Yearly), 1),
    );
    let f = run("9999-01-01", "9999-12-31", "0", &[], &[yearly]);
    assert_eq!(f.periods.len(), 1);
    assert_eq!(f.periods[0].end, date("9999-12-31"));
}

// ---- Invariants on random inputs, against a naive day-by-day walk ----

fn any_parts() -> impl Strategy<Value = ScheduleParts> {
    let frequency = prop_oneof![
        Just(None),
        Just(Some(Frequency::Daily)),
        Just(Some(Frequency::Weekly)),
        Just(Some(Frequency::Monthly)),
        Just(Some(Frequency::Yearly)),
    ];
    let weekend = prop_oneof![
        Just(WeekendRule::Keep),
        Just(WeekendRule::Before),
        Just(WeekendRule::After),
    ];
    let days = proptest::option::of(proptest::collection::vec(
        prop_oneof![1i64..=31, Just(-1i64)],
        1..=4,
    ));
    (
        0u64..800,
        frequency,
        1i64..=6,
        days,
        0u8..3,
        0u64..600,
        1i64..=30,
        weekend,
    )
        .prop_map(
            |(start, frequency, interval, days, bound, until, count, weekend)| {
                let start = date("2025-01-01") + Days::new(start);
                ScheduleParts {
                    start,
                    frequency,
                    // Daily schedules every day or two make for a lot of events; keep them sparse.
                    interval: if frequency == Some(Frequency::Daily) {
                        interval + 2
                    } else {
                        interval
                    },
                    days_of_month: days.filter(|_| frequency == Some(Frequency::Monthly)),
                    until: (bound == 1).then(|| start + Days::new(until)),
                    count: (bound == 2).then_some(count),
                    weekend,
                }
            },
        )
}

fn any_items(max: usize, first_id: u8) -> impl Strategy<Value = Vec<Item>> {
    proptest::collection::vec((any_parts(), 1i64..=300_000, 0u8..5, 0usize..3), 0..=max).prop_map(
        move |specs| {
            specs
                .into_iter()
                .enumerate()
                .map(|(i, (parts, cents, archived, name))| Item {
                    id: id(first_id + i as u8),
                    name: ["A", "B", "C"][name].to_string(),
                    amount: Money::from_cents(cents),
                    schedule: Schedule::try_from(parts).expect("valid generated parts"),
                    archived: archived == 0,
                })
                .collect()
        },
    )
}

/// End-of-day balances from `from` to `end`, one day at a time.
fn naive_walk(
    from: NaiveDate,
    end: NaiveDate,
    starting: Money,
    bills: &[Item],
    paydays: &[Item],
) -> Vec<BalancePoint> {
    let mut net: BTreeMap<NaiveDate, i64> = BTreeMap::new();
    for (items, sign) in [(paydays, 1), (bills, -1)] {
        for item in items.iter().filter(|item| !item.archived) {
            for day in between(&item.schedule, from, end) {
                *net.entry(day).or_default() += sign * item.amount.cents();
            }
        }
    }
    let mut balance = starting.cents();
    let mut points = Vec::new();
    let mut day = from;
    while day <= end {
        balance += net.get(&day).copied().unwrap_or(0);
        points.push(BalancePoint {
            date: day,
            balance: Money::from_cents(balance),
        });
        day = day.succ_opt().unwrap();
    }
    points
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn forecasts_keep_their_invariants_and_match_a_day_by_day_walk(
        bills in any_items(8, 0),
        paydays in any_items(3, 100),
        from in (0u64..500).prop_map(|d| date("2025-06-01") + Days::new(d)),
        length in 0u64..400,
        starting in -1_000_000i64..1_000_000,
    ) {
        let until = from + Days::new(length);
        let starting = Money::from_cents(starting);

        let window = Window::new(from, until).unwrap();
        let f = forecast(window, starting, &flows(&bills), &flows(&paydays)).unwrap();

        // Periods: one per distinct payday date in [from, until], contiguous.
        let mut payday_dates: Vec<NaiveDate> = paydays
            .iter()
            .filter(|p| !p.archived)
            .flat_map(|p| between(&p.schedule, from, until))
            .collect();
        payday_dates.sort();
        payday_dates.dedup();
        prop_assert_eq!(f.periods.iter().map(|p| p.start).collect::<Vec<_>>(), payday_dates);
        prop_assert_eq!(f.next_payday, f.periods.first().map(|p| p.start));
        for pair in f.periods.windows(2) {
            prop_assert_eq!(pair[0].end.succ_opt(), Some(pair[1].start));
        }
        if let Some(last) = f.periods.last() {
            prop_assert!(last.end >= until);
        }

        // Sums.
        let set_asides = Money::checked_sum(f.periods.iter().map(|p| p.set_aside)).unwrap();
        prop_assert_eq!(f.total_bills, f.due_before_next_payday.checked_add(set_asides).unwrap());
        prop_assert_eq!(f.total_income, Money::checked_sum(f.periods.iter().map(|p| p.income)).unwrap());
        prop_assert_eq!(f.due_before_next_payday, sum(&f.bills_before_next_payday).unwrap());
        let mut previous = starting.checked_sub(f.due_before_next_payday).unwrap();
        for period in &f.periods {
            prop_assert_eq!(period.income, sum(&period.paydays).unwrap());
            prop_assert_eq!(period.set_aside, sum(&period.bills).unwrap());
            prop_assert_eq!(period.leftover, period.income.checked_sub(period.set_aside).unwrap());
            prop_assert_eq!(period.ending_balance, previous.checked_add(period.leftover).unwrap());
            prop_assert!(period.paydays.iter().all(|p| p.date == period.start));
            prop_assert!(period.bills.iter().all(|b| period.start <= b.date && b.date <= period.end));
            previous = period.ending_balance;
        }

        // Every bill occurrence up to the end of the walk is listed once, in order.
        let end = f.periods.last().map_or(until, |p| p.end);
        let name_of = |id: Id| bills.iter().chain(&paydays).find(|i| i.id == id).unwrap().name.clone();
        let listed: Vec<Occurrence> = f
            .bills_before_next_payday
            .iter()
            .chain(f.periods.iter().flat_map(|p| &p.bills))
            .copied()
            .collect();
        let expected_count: usize = bills
            .iter()
            .filter(|b| !b.archived)
            .map(|b| between(&b.schedule, from, end).len())
            .sum();
        prop_assert_eq!(listed.len(), expected_count);
        let keys: Vec<_> = listed.iter().map(|o| (o.date, name_of(o.id), o.id)).collect();
        prop_assert!(keys.windows(2).all(|w| w[0] <= w[1]), "bills out of order: {:?}", keys);
        for period in &f.periods {
            let keys: Vec<_> = period.paydays.iter().map(|o| (name_of(o.id), o.id)).collect();
            prop_assert!(keys.windows(2).all(|w| w[0] <= w[1]));
        }

        // Balances: the lowest point and every period end agree with a day-by-day walk.
        let walk = naive_walk(from, end, starting, &bills, &paydays);
        let minimum = walk.iter().copied().min_by_key(|p| (p.balance, p.date)).unwrap();
        prop_assert!(walk.iter().all(|p| f.lowest_balance.balance <= p.balance));
        prop_assert_eq!(f.lowest_balance, minimum);
        // Every day's balance is the day-by-day walk's, from `from` to the end of the walk.
        prop_assert_eq!(f.walk_end, end);
        prop_assert_eq!(f.balances().len(), walk.len());
        prop_assert_eq!(f.balances().collect::<Vec<_>>(), walk.clone());
        for period in &f.periods {
            let at_end = walk.iter().find(|p| p.date == period.end).unwrap();
            prop_assert_eq!(period.ending_balance, at_end.balance);
        }

        // Shortfalls: what is missing to stay at or above zero in each stretch of the walk.
        let missing = |first: NaiveDate, last: NaiveDate| {
            walk.iter()
                .filter(|p| first <= p.date && p.date <= last)
                .map(|p| p.balance)
                .min()
                .map_or(Money::ZERO, |low| Money::from_cents((-low.cents()).max(0)))
        };
        let before_end = f.periods.first().map_or(until, |p| p.start.pred_opt().unwrap());
        prop_assert_eq!(f.shortfall_before_next_payday, missing(from, before_end));
        for period in &f.periods {
            prop_assert_eq!(period.shortfall, missing(period.start, period.end));
        }
    }
}

#[test]
fn the_shortfall_before_payday_is_what_the_balance_misses_and_leads_the_answer() {
    // Issue 12's new user: $732.18 in the bank, rent $1,400 on Tue Dec 1, paid Fri Dec 4.
    let salary = Item::new(
        1,
        "Salary",
        "1850.00",
        every("2026-12-04", Some(Frequency::Weekly), 2),
    );
    let rent = Item::new(2, "Rent", "1400.00", monthly("2026-12-01"));
    let f = run("2026-11-29", "2027-01-31", "732.18", &[rent], &[salary]);
    assert_eq!(f.shortfall_before_next_payday, money("667.82"));
    assert_eq!(f.lowest_balance.balance, money("-667.82"));
    // The first paycheck refills the gap: 1850 − 667.82 stays positive, no period shortfall
    // until January's rent: 1182.18 + 1850 − 1400 ≥ 0.
    assert!(
        f.periods.iter().all(|p| p.shortfall == Money::ZERO),
        "{:?}",
        f.periods
    );

    let broke = run("2026-11-29", "2027-01-31", "-50.00", &[], &[]);
    assert_eq!(broke.shortfall_before_next_payday, money("50.00"));
    let paid_today = run(
        "2026-12-04",
        "2027-01-31",
        "-50.00",
        &[],
        &[Item::new(
            1,
            "Salary",
            "10.00",
            every("2026-12-04", Some(Frequency::Weekly), 2),
        )],
    );
    assert_eq!(
        paid_today.shortfall_before_next_payday,
        Money::ZERO,
        "no day before the first period"
    );
    assert_eq!(paid_today.periods[0].shortfall, money("40.00"));
}
