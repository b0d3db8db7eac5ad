use std::collections::BTreeMap;

use chrono::Days;
use proptest::prelude::*;

use super::*;
use crate::domain::schedule::Frequency;
use crate::domain::test_support::{Item, date, design_household, every, flows, money, once};

fn estimate(stated: &str, stated_on: &str, on: &str, bills: &[Item], paydays: &[Item]) -> Money {
    estimated_balance(
        money(stated),
        date(stated_on),
        date(on),
        &flows(bills),
        &flows(paydays),
    )
    .expect("no overflow")
}

#[test]
fn the_design_example_walks_500_to_2920() {
    let (bills, paydays) = design_household();

    // +2000 on 01-16 and 01-30, −80 on 01-31, −1500 on 02-01.
    assert_eq!(
        estimate("500.00", "2026-01-10", "2026-02-02", &bills, &paydays),
        money("2920.00")
    );
}

#[test]
fn the_day_itself_is_not_walked_the_balance_is_as_of_its_start() {
    let (bills, paydays) = design_household();
    assert_eq!(
        estimate("500.00", "2026-01-10", "2026-02-01", &bills, &paydays),
        money("4420.00")
    );
    assert_eq!(
        estimate("500.00", "2026-01-10", "2026-01-10", &bills, &paydays),
        money("500.00")
    );
    // The stated day's own events count going forward.
    assert_eq!(
        estimate("500.00", "2026-01-16", "2026-01-17", &bills, &paydays),
        money("2500.00")
    );
}

#[test]
fn an_earlier_day_walks_backwards_with_the_signs_reversed() {
    let (bills, paydays) = design_household();
    assert_eq!(
        estimate("2920.00", "2026-02-02", "2026-01-10", &bills, &paydays),
        money("500.00")
    );
    // Going back over the Jan 30 payday and nothing else.
    assert_eq!(
        estimate("2920.00", "2026-01-31", "2026-01-30", &bills, &paydays),
        money("920.00")
    );
}

#[test]
fn more_than_1830_days_apart_the_stated_balance_is_used_as_is() {
    let daily = Item::new(
        1,
        "Coffee",
        "1.00",
        every("2020-01-01", Some(Frequency::Daily), 1),
    );
    let bills = [daily];
    let on = date("2026-01-01") + Days::new(1830);
    assert_eq!(
        estimated_balance(money("0"), date("2026-01-01"), on, &flows(&bills), &[]),
        Ok(money("-1830.00"))
    );
    let past = on + Days::new(1);
    assert_eq!(
        estimated_balance(money("0"), date("2026-01-01"), past, &flows(&bills), &[]),
        Ok(money("0"))
    );
    let before = date("2026-01-01") - Days::new(1831);
    assert_eq!(
        estimated_balance(money("7"), date("2026-01-01"), before, &flows(&bills), &[]),
        Ok(money("7"))
    );
}

#[test]
fn archived_entries_are_left_out_and_exceptions_are_applied() {
    let (mut bills, paydays) = design_household();
    bills[0] = bills[0].clone().costing("2026-02-01", "1000.00");
    bills[1] = bills[1].clone().moved("2026-01-31", "2026-02-05");
    bills.push(Item::new(9, "Old", "50.00", once("2026-01-20")).archived());
    let salary = paydays[0].clone().skip("2026-01-16");

    assert_eq!(
        estimate("500.00", "2026-01-10", "2026-02-02", &bills, &[salary]),
        money("1500.00")
    );
}

#[test]
fn an_overflow_is_an_error() {
    let salary = Item::new(1, "Salary", "1.00", once("2026-01-05"));
    assert_eq!(
        estimated_balance(
            Money::from_cents(i64::MAX),
            date("2026-01-01"),
            date("2026-02-01"),
            &[],
            &flows(&[salary]),
        ),
        Err(ForecastError::Overflow)
    );
}

// ---- Against a day-by-day walk ----

fn any_item(n: u16) -> impl Strategy<Value = Item> {
    let frequency = prop_oneof![
        Just(None),
        Just(Some(Frequency::Daily)),
        Just(Some(Frequency::Weekly)),
        Just(Some(Frequency::Monthly)),
        Just(Some(Frequency::Yearly)),
    ];
    (
        0u64..600,
        frequency,
        1i64..=5,
        1i64..=100_000,
        0u8..6,
        0u64..600,
    )
        .prop_map(move |(start, frequency, interval, cents, skip, skip_at)| {
            let start = date("2025-06-01") + Days::new(start);
            let mut item = Item::new(
                n,
                "Entry",
                "1.00",
                crate::domain::schedule::ScheduleParts {
                    start,
                    ..every("2025-06-01", frequency, interval)
                },
            );
            item.amount = Money::from_cents(cents);
            if skip == 0 {
                item.archived = true;
            }
            if skip == 1
                && let Some(day) = item.schedule.next_on_or_after(start + Days::new(skip_at))
            {
                item = item.skip(&day.to_string());
            }
            item
        })
}

fn any_items(max: usize, first_id: u16) -> impl Strategy<Value = Vec<Item>> {
    proptest::collection::vec(0u16..1, 0..=max).prop_flat_map(move |slots| {
        slots
            .iter()
            .enumerate()
            .map(|(i, _)| any_item(first_id + i as u16))
            .collect::<Vec<_>>()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_estimate_matches_a_day_by_day_walk_either_way(
        bills in any_items(4, 0),
        paydays in any_items(2, 100),
        stated_on in (0u64..400).prop_map(|d| date("2025-09-01") + Days::new(d)),
        offset in -400i64..400,
        stated in -1_000_000i64..1_000_000,
    ) {
        let on = stated_on + chrono::Duration::days(offset);
        let stated = Money::from_cents(stated);
        let (first, last) = (stated_on.min(on), stated_on.max(on));
        let mut net: BTreeMap<NaiveDate, i64> = BTreeMap::new();
        for (items, sign) in [(&paydays, 1), (&bills, -1)] {
            for item in items.iter().filter(|item| !item.archived) {
                let mut day = first;
                while day < last {
                    if item.exceptions.get(day).is_none() {
                        let times = item.schedule.occurrence_iter(day, day).count() as i64;
                        *net.entry(day).or_default() += sign * times * item.amount.cents();
                    }
                    day = day.succ_opt().unwrap();
                }
            }
        }
        let moved: i64 = net.values().sum();
        let expected = if on >= stated_on { stated.cents() + moved } else { stated.cents() - moved };

        let got = estimated_balance(stated, stated_on, on, &flows(&bills), &flows(&paydays)).unwrap();

        prop_assert_eq!(got, Money::from_cents(expected));
        let back = estimated_balance(got, on, stated_on, &flows(&bills), &flows(&paydays)).unwrap();
        prop_assert_eq!(back, stated);
    }
}
