use std::collections::BTreeMap;

use chrono::Days;
use proptest::prelude::*;

use super::*;
use crate::domain::schedule::{Frequency, ScheduleParts, WeekendRule};
use crate::domain::window::FIRST_DATE;

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a valid test date")
}

fn money(text: &str) -> Money {
    text.parse().expect("a valid test amount")
}

fn amount(text: &str) -> Amount {
    Amount::try_from(money(text)).expect("a valid test amount")
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

/// Monthly on the 1st from 2026-01-01.
fn rent() -> Schedule {
    schedule(parts("2026-01-01", Some(Frequency::Monthly)))
}

fn change(skip: Option<bool>, amount: Option<&str>, move_to: Option<&str>) -> ChangeParts {
    ChangeParts {
        skip,
        amount: amount.map(money),
        move_to: move_to.map(date),
    }
}

fn moved(to: &str) -> Change {
    Change::Adjust {
        amount: None,
        move_to: Some(date(to)),
    }
}

fn priced(amount_text: &str) -> Change {
    Change::Adjust {
        amount: Some(amount(amount_text)),
        move_to: None,
    }
}

fn with(schedule: &Schedule, list: &[(&str, Change)]) -> Exceptions {
    let mut exceptions = Exceptions::new();
    for &(on, change) in list {
        exceptions
            .set(schedule, date(on), change)
            .expect("a valid test exception");
    }
    exceptions
}

fn listed(
    schedule: &Schedule,
    exceptions: &Exceptions,
    from: &str,
    to: &str,
) -> Vec<(NaiveDate, Money)> {
    effective(schedule, money("100.00"), exceptions, date(from), date(to)).collect()
}

fn on(day: &str, amount_text: &str) -> (NaiveDate, Money) {
    (date(day), money(amount_text))
}

// ---- Validation ----

#[test]
fn a_change_must_say_something() {
    assert_eq!(
        Change::try_from(ChangeParts::default()),
        Err(ExceptionError::Empty)
    );
    assert_eq!(
        Change::try_from(change(Some(false), None, None)),
        Err(ExceptionError::Empty)
    );
}

#[test]
fn skip_cannot_come_with_an_amount_or_a_new_date() {
    assert_eq!(
        Change::try_from(change(Some(true), Some("5"), None)),
        Err(ExceptionError::SkipWithChanges)
    );
    assert_eq!(
        Change::try_from(change(Some(true), None, Some("2026-01-02"))),
        Err(ExceptionError::SkipWithChanges)
    );
    assert_eq!(
        Change::try_from(change(Some(true), None, None)),
        Ok(Change::Skip)
    );
}

#[test]
fn skip_false_with_an_amount_or_a_new_date_is_an_ordinary_change() {
    assert_eq!(
        Change::try_from(change(Some(false), Some("12.50"), Some("2026-01-03"))),
        Ok(Change::Adjust {
            amount: Some(amount("12.50")),
            move_to: Some(date("2026-01-03"))
        })
    );
    assert_eq!(
        Change::try_from(change(None, None, Some("2026-01-03"))),
        Ok(moved("2026-01-03"))
    );
}

#[test]
fn an_amount_must_be_a_valid_entry_amount() {
    for bad in ["0", "-1", "1000000000.01"] {
        assert_eq!(
            Change::try_from(change(None, Some(bad), None)),
            Err(ExceptionError::Amount),
            "{bad}"
        );
    }
    assert!(Change::try_from(change(None, Some("1000000000.00"), None)).is_ok());
    assert!(Change::try_from(change(None, Some("0.01"), None)).is_ok());
    assert_eq!(
        ExceptionError::Amount.to_string(),
        "amount must be greater than 0 and at most 1000000000.00"
    );
}

#[test]
fn a_new_date_must_be_inside_the_calendar() {
    let year_zero = NaiveDate::from_ymd_opt(0, 12, 31).expect("chrono has year 0");
    assert_eq!(
        Change::try_from(ChangeParts {
            move_to: Some(year_zero),
            ..ChangeParts::default()
        }),
        Err(ExceptionError::OutOfCalendar)
    );
}

#[test]
fn only_an_occurrence_of_the_current_schedule_can_be_changed() {
    let mut exceptions = Exceptions::new();
    let refused = exceptions.set(&rent(), date("2026-01-02"), Change::Skip);
    assert_eq!(
        refused,
        Err(ExceptionError::NotAnOccurrence(date("2026-01-02")))
    );
    assert_eq!(
        refused.unwrap_err().to_string(),
        "2026-01-02 is not a date of this schedule: only a scheduled occurrence can be changed"
    );
    // Before the start is not an occurrence either.
    assert!(
        exceptions
            .set(&rent(), date("2025-12-01"), Change::Skip)
            .is_err()
    );
    assert!(exceptions.is_empty());
}

#[test]
fn the_date_is_the_occurrence_after_the_weekend_rule() {
    // Sun 2026-03-15 moves to Fri 2026-03-13.
    let insurance = schedule(ScheduleParts {
        weekend: WeekendRule::Before,
        ..parts("2026-03-15", Some(Frequency::Yearly))
    });
    let mut exceptions = Exceptions::new();
    assert!(
        exceptions
            .set(&insurance, date("2026-03-15"), Change::Skip)
            .is_err()
    );
    assert!(
        exceptions
            .set(&insurance, date("2026-03-13"), Change::Skip)
            .is_ok()
    );
}

#[test]
fn a_move_may_reach_31_days_either_way_and_no_further() {
    let mut exceptions = Exceptions::new();
    let rent = rent();
    assert!(
        exceptions
            .set(&rent, date("2026-03-01"), moved("2026-04-01"))
            .is_ok()
    );
    assert!(
        exceptions
            .set(&rent, date("2026-03-01"), moved("2026-01-29"))
            .is_ok()
    );
    assert_eq!(
        exceptions.set(&rent, date("2026-03-01"), moved("2026-04-02")),
        Err(ExceptionError::MoveTooFar {
            date: date("2026-03-01"),
            move_to: date("2026-04-02"),
            days: 32
        })
    );
    let early = exceptions.set(&rent, date("2026-03-01"), moved("2026-01-28"));
    assert_eq!(
        early.unwrap_err().to_string(),
        "an occurrence can move at most 31 days (from 2026-03-01 to 2026-01-28 is 32 days)"
    );
    assert_eq!(
        exceptions.get(date("2026-03-01")),
        Some(&moved("2026-01-29"))
    );
}

#[test]
fn one_exception_per_date_setting_again_replaces_it() {
    let rent = rent();
    let mut exceptions = with(&rent, &[("2026-02-01", Change::Skip)]);
    exceptions
        .set(&rent, date("2026-02-01"), priced("7.00"))
        .unwrap();
    assert_eq!(exceptions.len(), 1);
    assert_eq!(exceptions.get(date("2026-02-01")), Some(&priced("7.00")));
}

#[test]
fn the_201st_exception_is_refused_but_the_200th_can_still_be_replaced() {
    let daily = schedule(parts("2026-01-01", Some(Frequency::Daily)));
    let mut exceptions = Exceptions::new();
    let first = date("2026-01-01");
    for day in 0..200 {
        exceptions
            .set(&daily, first + Days::new(day), Change::Skip)
            .expect("within the limit");
    }
    assert_eq!(
        exceptions.set(&daily, first + Days::new(200), Change::Skip),
        Err(ExceptionError::TooMany)
    );
    assert!(
        exceptions
            .set(&daily, first + Days::new(199), priced("1"))
            .is_ok()
    );
    assert_eq!(exceptions.len(), Exceptions::MAX);
    assert!(exceptions.clear(first));
    assert!(
        exceptions
            .set(&daily, first + Days::new(200), Change::Skip)
            .is_ok()
    );
}

#[test]
fn exceptions_stay_sorted_by_date_and_clear_says_whether_there_was_one() {
    let rent = rent();
    let mut exceptions = with(
        &rent,
        &[
            ("2026-05-01", Change::Skip),
            ("2026-02-01", Change::Skip),
            ("2026-03-01", priced("3")),
        ],
    );
    let dates: Vec<_> = exceptions.iter().map(|e| e.date).collect();
    assert_eq!(
        dates,
        [date("2026-02-01"), date("2026-03-01"), date("2026-05-01")]
    );
    assert!(exceptions.clear(date("2026-03-01")));
    assert!(!exceptions.clear(date("2026-03-01")));
    assert!(!exceptions.clear(date("2026-03-02")));
    assert_eq!(exceptions.len(), 2);
}

#[test]
fn a_changed_schedule_drops_the_exceptions_that_are_no_longer_occurrences() {
    let rent = rent();
    let mut exceptions = with(
        &rent,
        &[
            ("2026-02-01", Change::Skip),
            ("2026-03-01", priced("3")),
            ("2026-04-01", moved("2026-04-03")),
        ],
    );
    // Now every other month from February.
    let new_schedule = schedule(ScheduleParts {
        interval: 2,
        ..parts("2026-02-01", Some(Frequency::Monthly))
    });

    let dropped = exceptions.retain_occurring(&new_schedule);

    assert_eq!(
        dropped,
        vec![OccurrenceException {
            date: date("2026-03-01"),
            change: priced("3")
        }]
    );
    assert_eq!(
        exceptions.iter().map(|e| e.date).collect::<Vec<_>>(),
        [date("2026-02-01"), date("2026-04-01")]
    );
}

#[test]
fn a_stored_list_is_checked_like_set_and_may_not_repeat_a_date() {
    let rent = rent();
    let skip = |on: &str| OccurrenceException {
        date: date(on),
        change: Change::Skip,
    };
    let loaded = Exceptions::from_list(&rent, [skip("2026-03-01"), skip("2026-02-01")]);
    assert_eq!(
        loaded.map(|e| e.len()),
        Ok(2),
        "sorted on the way in, in any order"
    );
    assert_eq!(
        Exceptions::from_list(&rent, [skip("2026-02-01"), skip("2026-02-01")]),
        Err(ExceptionError::Duplicate(date("2026-02-01")))
    );
    assert_eq!(
        Exceptions::from_list(&rent, [skip("2026-02-02")]),
        Err(ExceptionError::NotAnOccurrence(date("2026-02-02")))
    );
}

// ---- Effective occurrences ----

#[test]
fn without_exceptions_the_effective_occurrences_are_the_schedule_s() {
    let got = listed(&rent(), &Exceptions::new(), "2026-01-01", "2026-03-31");
    assert_eq!(
        got,
        [
            on("2026-01-01", "100"),
            on("2026-02-01", "100"),
            on("2026-03-01", "100")
        ]
    );
}

#[test]
fn a_skipped_occurrence_does_not_exist_and_a_new_amount_replaces_the_entry_s() {
    let rent = rent();
    let exceptions = with(
        &rent,
        &[("2026-02-01", Change::Skip), ("2026-03-01", priced("1550"))],
    );
    assert_eq!(
        listed(&rent, &exceptions, "2026-01-01", "2026-04-30"),
        [
            on("2026-01-01", "100"),
            on("2026-03-01", "1550"),
            on("2026-04-01", "100")
        ]
    );
}

#[test]
fn a_moved_occurrence_sorts_by_its_new_date_and_may_carry_a_new_amount() {
    let weekly = schedule(parts("2026-01-05", Some(Frequency::Weekly)));
    let exceptions = with(
        &weekly,
        &[
            // Jan 12 moves after Jan 19 and 26; Jan 26 moves before Jan 19.
            (
                "2026-01-12",
                Change::Adjust {
                    amount: Some(amount("5")),
                    move_to: Some(date("2026-01-28")),
                },
            ),
            ("2026-01-26", moved("2026-01-18")),
        ],
    );
    assert_eq!(
        listed(&weekly, &exceptions, "2026-01-01", "2026-01-31"),
        [
            on("2026-01-05", "100"),
            on("2026-01-18", "100"),
            on("2026-01-19", "100"),
            on("2026-01-28", "5")
        ]
    );
}

#[test]
fn occurrences_moved_into_the_window_from_either_side_are_included_and_moved_out_are_not() {
    let rent = rent();
    let exceptions = with(
        &rent,
        &[
            ("2026-01-01", moved("2026-01-31")),
            ("2026-02-01", moved("2026-03-02")),
            ("2026-03-01", moved("2026-02-27")),
            ("2026-04-01", moved("2026-03-02")),
        ],
    );
    // Window: February only.
    assert_eq!(
        listed(&rent, &exceptions, "2026-02-01", "2026-02-28"),
        [on("2026-02-27", "100")]
    );
    // Window: from Jan 31 to Mar 2 catches three, in their new order.
    assert_eq!(
        listed(&rent, &exceptions, "2026-01-31", "2026-03-02"),
        [
            on("2026-01-31", "100"),
            on("2026-02-27", "100"),
            on("2026-03-02", "100"),
            on("2026-03-02", "100")
        ]
    );
}

#[test]
fn the_exception_for_a_date_applies_to_both_occurrences_on_it() {
    // Sat May 30 and Sun May 31 2026 both move to Fri May 29.
    let twice = schedule(ScheduleParts {
        days_of_month: Some(vec![30, -1]),
        weekend: WeekendRule::Before,
        ..parts("2026-05-01", Some(Frequency::Monthly))
    });
    let exceptions = with(&twice, &[("2026-05-29", priced("1"))]);
    assert_eq!(
        listed(&twice, &exceptions, "2026-05-01", "2026-05-31"),
        [on("2026-05-29", "1"), on("2026-05-29", "1")]
    );
}

#[test]
fn an_exception_left_behind_by_a_schedule_change_is_ignored() {
    let rent = rent();
    let exceptions = with(&rent, &[("2026-02-01", moved("2026-02-10"))]);
    let fifteenth = schedule(parts("2026-01-15", Some(Frequency::Monthly)));
    assert_eq!(
        listed(&fifteenth, &exceptions, "2026-02-01", "2026-02-28"),
        [on("2026-02-15", "100")]
    );
}

#[test]
fn the_next_occurrence_sees_skips_and_moves() {
    let rent = rent();
    let exceptions = with(
        &rent,
        &[
            ("2026-02-01", Change::Skip),
            ("2026-03-01", moved("2026-02-20")),
            ("2026-05-01", moved("2026-04-05")),
        ],
    );
    let next = |day: &str| next_effective(&rent, money("9"), &exceptions, date(day));
    assert_eq!(next("2026-01-02"), Some(on("2026-02-20", "9")));
    assert_eq!(next("2026-02-21"), Some(on("2026-04-01", "9")));
    assert_eq!(next("2026-04-02"), Some(on("2026-04-05", "9")));
    assert_eq!(next("2026-04-06"), Some(on("2026-06-01", "9")));
    // An occurrence moved from before the date onto it counts.
    let early = with(&rent, &[("2026-01-01", moved("2026-01-20"))]);
    assert_eq!(
        next_effective(&rent, money("9"), &early, date("2026-01-10")),
        Some(on("2026-01-20", "9"))
    );
}

#[test]
fn the_ends_of_the_calendar_do_not_panic() {
    let daily = schedule(parts("0001-01-01", Some(Frequency::Daily)));
    let exceptions = with(&daily, &[("0001-01-02", moved("0001-01-01"))]);
    assert_eq!(
        effective(&daily, money("1"), &exceptions, FIRST_DATE, FIRST_DATE).count(),
        2
    );
    let late = schedule(parts("9999-12-30", Some(Frequency::Daily)));
    let exceptions = with(&late, &[("9999-12-30", moved("9999-12-31"))]);
    assert_eq!(
        next_effective(&late, money("1"), &exceptions, date("9999-12-31")),
        Some(on("9999-12-31", "1"))
    );
    assert_eq!(
        effective(&late, money("1"), &exceptions, LAST_DATE, LAST_DATE).count(),
        2
    );
}

// ---- Against a naive reference ----

/// The occurrences with exceptions applied, the slow way: every scheduled occurrence near the
/// window through a map of exceptions, then a sort by the new date.
fn reference(
    schedule: &Schedule,
    base: Money,
    exceptions: &Exceptions,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, Money)> {
    let changes: BTreeMap<NaiveDate, Change> =
        exceptions.iter().map(|e| (e.date, e.change)).collect();
    let mut out: Vec<(NaiveDate, Money)> = schedule
        .occurrence_iter(from - Days::new(40), to + Days::new(40))
        .filter_map(|day| match changes.get(&day) {
            None => Some((day, base)),
            Some(Change::Skip) => None,
            Some(Change::Adjust { amount, move_to }) => {
                Some((move_to.unwrap_or(day), amount.map_or(base, Amount::money)))
            }
        })
        .filter(|&(day, _)| from <= day && day <= to)
        .collect();
    out.sort_by_key(|&(day, _)| day);
    out
}

fn any_schedule() -> impl Strategy<Value = Schedule> {
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
    (
        0u64..400,
        frequency,
        1i64..=4,
        proptest::option::of(proptest::collection::vec(1i64..=31, 1..=4)),
        weekend,
    )
        .prop_map(|(start, frequency, interval, days, weekend)| {
            schedule(ScheduleParts {
                start: date("2026-01-01") + Days::new(start),
                frequency,
                interval,
                days_of_month: days.filter(|_| frequency == Some(Frequency::Monthly)),
                until: None,
                count: None,
                weekend,
            })
        })
}

/// Exceptions on random occurrences from 2025-12-01 to 2027-06-30: picks (by index) and changes.
fn any_exceptions(schedule: &Schedule) -> impl Strategy<Value = Exceptions> + use<> {
    let dates: Vec<NaiveDate> = schedule
        .occurrence_iter(date("2025-12-01"), date("2027-06-30"))
        .collect();
    let change = prop_oneof![
        Just(None),
        (1i64..=5_000).prop_map(|cents| Some((Some(cents), None))),
        (-31i64..=31).prop_map(|days| Some((None, Some(days)))),
        (1i64..=5_000, -31i64..=31).prop_map(|(cents, days)| Some((Some(cents), Some(days)))),
    ];
    let schedule = schedule.clone();
    proptest::collection::vec((any::<prop::sample::Index>(), change), 0..12).prop_map(
        move |picks| {
            let mut exceptions = Exceptions::new();
            if dates.is_empty() {
                return exceptions;
            }
            for (index, change) in picks {
                let on = *index.get(&dates);
                let change = match change {
                    None => Change::Skip,
                    Some((cents, days)) => Change::Adjust {
                        amount: cents.map(|c| Amount::try_from(Money::from_cents(c)).unwrap()),
                        move_to: days.map(|d| on + chrono::Duration::days(d)),
                    },
                };
                exceptions.set(&schedule, on, change).unwrap();
            }
            exceptions
        },
    )
}

fn schedule_with_exceptions() -> impl Strategy<Value = (Schedule, Exceptions)> {
    any_schedule().prop_flat_map(|schedule| {
        let exceptions = any_exceptions(&schedule);
        (Just(schedule), exceptions)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn effective_occurrences_match_a_naive_reference(
        (schedule, exceptions) in schedule_with_exceptions(),
        from in (0u64..500).prop_map(|d| date("2025-12-15") + Days::new(d)),
        length in 0u64..120,
    ) {
        let to = from + Days::new(length);
        let base = Money::from_cents(10_000);

        let got: Vec<_> = effective(&schedule, base, &exceptions, from, to).collect();

        let expected = reference(&schedule, base, &exceptions, from, to);
        // Same items; within a day the order may differ only among equal dates.
        prop_assert!(got.windows(2).all(|w| w[0].0 <= w[1].0));
        let mut sorted_got = got.clone();
        sorted_got.sort();
        let mut sorted_expected = expected.clone();
        sorted_expected.sort();
        prop_assert_eq!(sorted_got, sorted_expected);
    }

    #[test]
    fn the_next_occurrence_is_the_first_effective_one(
        (schedule, exceptions) in schedule_with_exceptions(),
        day in (0u64..500).prop_map(|d| date("2025-12-15") + Days::new(d)),
    ) {
        let base = Money::from_cents(10_000);
        let horizon = day + Days::new(2000);
        let first = reference(&schedule, base, &exceptions, day, horizon).first().map(|o| o.0);
        prop_assert_eq!(
            next_effective(&schedule, base, &exceptions, day).map(|o| o.0),
            first
        );
    }
}
