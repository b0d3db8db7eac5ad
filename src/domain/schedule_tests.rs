use crate::domain::window::FIRST_DATE;

/// Every occurrence from `from` to `to`, any span (tests reach the calendar's ends).
fn between(s: &Schedule, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    s.occurrence_iter(from, to).collect()
}

use super::*;
use chrono::Months;
use chrono::Weekday;
use proptest::prelude::*;

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a valid test date")
}

fn dates(texts: &[&str]) -> Vec<NaiveDate> {
    texts.iter().map(|t| date(t)).collect()
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

fn monthly(start: &str) -> ScheduleParts {
    parts(start, Some(Frequency::Monthly))
}

#[test]
fn jan_31_monthly_clamps_each_month_without_drifting_through_a_leap_year() {
    let s = schedule(monthly("2028-01-31"));

    let got = between(&s, date("2028-01-01"), date("2028-07-31"));

    assert_eq!(
        got,
        dates(&[
            "2028-01-31",
            "2028-02-29",
            "2028-03-31",
            "2028-04-30",
            "2028-05-31",
            "2028-06-30",
            "2028-07-31",
        ])
    );
}

#[test]
fn fifteenth_and_last_day_with_before_moves_weekend_dates_to_friday() {
    let s = schedule(ScheduleParts {
        days_of_month: Some(vec![15, -1]),
        weekend: WeekendRule::Before,
        ..monthly("2026-01-01")
    });

    let got = between(&s, date("2026-01-01"), date("2026-03-31"));

    // Jan 31 and Feb 28 are Saturdays, Feb 15 and Mar 15 Sundays.
    assert_eq!(
        got,
        dates(&[
            "2026-01-15",
            "2026-01-30",
            "2026-02-13",
            "2026-02-27",
            "2026-03-13",
            "2026-03-31",
        ])
    );
}

#[test]
fn biweekly_paydays_can_fall_three_times_in_one_month() {
    let s = schedule(ScheduleParts {
        interval: 2,
        ..parts("2026-01-02", Some(Frequency::Weekly))
    });

    let got = between(&s, date("2026-01-01"), date("2026-01-31"));

    assert_eq!(got, dates(&["2026-01-02", "2026-01-16", "2026-01-30"]));
}

#[test]
fn a_one_time_schedule_occurs_only_on_its_start() {
    let s = schedule(parts("2026-03-04", None));

    assert_eq!(
        between(&s, date("2026-01-01"), date("2026-12-31")),
        dates(&["2026-03-04"])
    );
    assert_eq!(between(&s, date("2026-03-05"), date("2026-12-31")), vec![]);
    assert_eq!(
        s.next_on_or_after(date("2026-03-04")),
        Some(date("2026-03-04"))
    );
    assert_eq!(s.next_on_or_after(date("2026-03-05")), None);
}

#[test]
fn a_one_time_schedule_accepts_and_keeps_until_and_count_which_change_nothing() {
    let with_count = schedule(ScheduleParts {
        count: Some(5),
        ..parts("2026-03-04", None)
    });
    let with_until = schedule(ScheduleParts {
        until: Some(date("2026-03-04")),
        ..parts("2026-03-04", None)
    });

    for s in [&with_count, &with_until] {
        assert_eq!(
            between(s, date("2026-01-01"), date("2027-12-31")),
            dates(&["2026-03-04"])
        );
    }
    assert_eq!(with_count.count(), Some(5));
    assert_eq!(with_until.until(), Some(date("2026-03-04")));
}

#[test]
fn a_one_time_weekend_date_is_shifted() {
    let s = schedule(ScheduleParts {
        weekend: WeekendRule::After,
        ..parts("2026-01-31", None)
    });

    assert_eq!(
        between(&s, date("2026-01-01"), date("2026-12-31")),
        dates(&["2026-02-02"])
    );
}

#[test]
fn count_counts_nominal_dates_not_shifted_ones() {
    // Saturdays, paid the Monday after.
    let weekly = schedule(ScheduleParts {
        count: Some(3),
        weekend: WeekendRule::After,
        ..parts("2026-01-03", Some(Frequency::Weekly))
    });
    // Jan 15 is before start: dropped, not counted.
    let semi_monthly = schedule(ScheduleParts {
        days_of_month: Some(vec![15, -1]),
        count: Some(3),
        weekend: WeekendRule::Before,
        ..monthly("2026-01-20")
    });

    assert_eq!(
        between(&weekly, date("2026-01-01"), date("2026-12-31")),
        dates(&["2026-01-05", "2026-01-12", "2026-01-19"])
    );
    assert_eq!(
        between(&semi_monthly, date("2026-01-01"), date("2026-12-31")),
        dates(&["2026-01-30", "2026-02-13", "2026-02-27"])
    );
}

#[test]
fn count_is_counted_from_start_even_when_the_window_starts_later() {
    let s = schedule(ScheduleParts {
        days_of_month: Some(vec![1, 15]),
        count: Some(5),
        ..monthly("2026-01-10")
    });

    // Nominal: Jan 15, Feb 1, Feb 15, Mar 1, Mar 15.
    assert_eq!(
        between(&s, date("2026-02-10"), date("2026-12-31")),
        dates(&["2026-02-15", "2026-03-01", "2026-03-15"])
    );
}

#[test]
fn until_is_inclusive() {
    let s = schedule(ScheduleParts {
        until: Some(date("2026-01-15")),
        ..parts("2026-01-01", Some(Frequency::Weekly))
    });

    assert_eq!(
        between(&s, date("2026-01-01"), date("2026-12-31")),
        dates(&["2026-01-01", "2026-01-08", "2026-01-15"])
    );
}

#[test]
fn until_bounds_the_nominal_date_so_a_shifted_occurrence_may_fall_after_it() {
    let s = schedule(ScheduleParts {
        until: Some(date("2026-01-31")),
        weekend: WeekendRule::After,
        ..monthly("2025-12-31")
    });

    assert_eq!(
        between(&s, date("2025-12-01"), date("2026-12-31")),
        dates(&["2025-12-31", "2026-02-02"])
    );
}

#[test]
fn an_interval_above_one_skips_periods_for_every_frequency() {
    let daily = schedule(ScheduleParts {
        interval: 3,
        ..parts("2026-01-01", Some(Frequency::Daily))
    });
    let weekly = schedule(ScheduleParts {
        interval: 2,
        ..parts("2026-01-01", Some(Frequency::Weekly))
    });
    let monthly = schedule(ScheduleParts {
        interval: 3,
        ..monthly("2026-01-31")
    });
    let yearly = schedule(ScheduleParts {
        interval: 2,
        ..parts("2026-03-01", Some(Frequency::Yearly))
    });

    assert_eq!(
        between(&daily, date("2026-01-01"), date("2026-01-10")),
        dates(&["2026-01-01", "2026-01-04", "2026-01-07", "2026-01-10"])
    );
    assert_eq!(
        between(&weekly, date("2026-01-01"), date("2026-02-15")),
        dates(&["2026-01-01", "2026-01-15", "2026-01-29", "2026-02-12"])
    );
    assert_eq!(
        between(&monthly, date("2026-01-01"), date("2026-12-31")),
        dates(&["2026-01-31", "2026-04-30", "2026-07-31", "2026-10-31"])
    );
    assert_eq!(
        between(&yearly, date("2026-01-01"), date("2031-12-31")),
        dates(&["2026-03-01", "2028-03-01", "2030-03-01"])
    );
}

#[test]
fn day_31_falls_on_the_last_day_of_30_day_months() {
    let s = schedule(ScheduleParts {
        days_of_month: Some(vec![31]),
        ..monthly("2026-04-01")
    });

    assert_eq!(
        between(&s, date("2026-04-01"), date("2026-07-31")),
        dates(&["2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31"])
    );
}

#[test]
fn day_30_and_the_last_day_count_once_in_february() {
    let s = schedule(ScheduleParts {
        days_of_month: Some(vec![30, -1]),
        count: Some(3),
        ..monthly("2026-01-01")
    });

    assert_eq!(
        between(&s, date("2026-01-01"), date("2026-12-31")),
        dates(&["2026-01-30", "2026-01-31", "2026-02-28"])
    );
}

#[test]
fn two_nominal_dates_shifted_onto_one_day_are_two_occurrences() {
    // May 30 2026 is a Saturday and May 31 a Sunday.
    let s = schedule(ScheduleParts {
        days_of_month: Some(vec![30, -1]),
        weekend: WeekendRule::Before,
        ..monthly("2026-05-01")
    });

    assert_eq!(
        between(&s, date("2026-05-01"), date("2026-05-31")),
        dates(&["2026-05-29", "2026-05-29"])
    );
}

#[test]
fn yearly_on_feb_29_falls_on_feb_28_in_other_years() {
    let s = schedule(parts("2024-02-29", Some(Frequency::Yearly)));

    assert_eq!(
        between(&s, date("2024-01-01"), date("2028-12-31")),
        dates(&[
            "2024-02-29",
            "2025-02-28",
            "2026-02-28",
            "2027-02-28",
            "2028-02-29"
        ])
    );
}

#[test]
fn windows_filter_on_the_shifted_date() {
    // Sat Jan 31 → Mon Feb 2 (AFTER); Sun Mar 1 → Fri Feb 27 (BEFORE).
    let after = schedule(ScheduleParts {
        weekend: WeekendRule::After,
        ..monthly("2026-01-31")
    });
    let before = schedule(ScheduleParts {
        weekend: WeekendRule::Before,
        ..monthly("2026-03-01")
    });

    assert_eq!(
        between(&after, date("2026-01-01"), date("2026-01-31")),
        vec![]
    );
    assert_eq!(
        between(&after, date("2026-02-01"), date("2026-02-28")),
        dates(&["2026-02-02"])
    );
    assert_eq!(
        between(&before, date("2026-02-01"), date("2026-02-28")),
        dates(&["2026-02-27"])
    );
    assert_eq!(
        between(&before, date("2026-03-01"), date("2026-03-31")),
        vec![]
    );
    assert_eq!(
        before.next_on_or_after(date("2026-02-01")),
        Some(date("2026-02-27"))
    );
}

#[test]
fn daily_from_1990_queried_in_2026_jumps_straight_to_the_window() {
    // 2026-01-01 is 13149 = 3·4383 days after 1990-01-01: occurrence index 4383.
    let every_third_day = schedule(ScheduleParts {
        interval: 3,
        ..parts("1990-01-01", Some(Frequency::Daily))
    });
    let counted = schedule(ScheduleParts {
        interval: 3,
        count: Some(4386),
        ..parts("1990-01-01", Some(Frequency::Daily))
    });

    assert_eq!(
        between(&every_third_day, date("2026-01-01"), date("2026-01-10")),
        dates(&["2026-01-01", "2026-01-04", "2026-01-07", "2026-01-10"])
    );
    // Index 4385, the 4386th and last occurrence, is 2026-01-07.
    assert_eq!(
        between(&counted, date("2026-01-01"), date("2026-01-10")),
        dates(&["2026-01-01", "2026-01-04", "2026-01-07"])
    );
    assert_eq!(counted.next_on_or_after(date("2026-01-08")), None);
}

#[test]
fn next_on_or_after_finds_the_first_occurrence_on_or_after_a_date() {
    let s = schedule(ScheduleParts {
        days_of_month: Some(vec![1, 15]),
        ..monthly("2026-01-01")
    });

    assert_eq!(
        s.next_on_or_after(date("2025-06-01")),
        Some(date("2026-01-01"))
    );
    assert_eq!(
        s.next_on_or_after(date("2026-01-15")),
        Some(date("2026-01-15"))
    );
    assert_eq!(
        s.next_on_or_after(date("2026-01-16")),
        Some(date("2026-02-01"))
    );
}

#[test]
fn an_empty_or_reversed_window_has_no_occurrences() {
    let s = schedule(parts("2026-01-01", Some(Frequency::Daily)));

    assert_eq!(between(&s, date("2026-01-02"), date("2026-01-01")), vec![]);
    assert_eq!(between(&s, date("2025-01-01"), date("2025-12-31")), vec![]);
}

#[test]
fn dates_at_the_ends_of_the_calendar_do_not_panic_or_step_past_them() {
    let frequencies = [
        None,
        Some(Frequency::Daily),
        Some(Frequency::Weekly),
        Some(Frequency::Monthly),
        Some(Frequency::Yearly),
    ];
    let near_first = FIRST_DATE + Days::new(40);
    let near_last = LAST_DATE - Days::new(40);
    for frequency in frequencies {
        for weekend in [WeekendRule::Keep, WeekendRule::Before, WeekendRule::After] {
            for start in [FIRST_DATE, near_first, near_last, LAST_DATE] {
                let parts = ScheduleParts {
                    start,
                    frequency,
                    interval: 1,
                    days_of_month: frequency
                        .and_then(|f| (f == Frequency::Monthly).then(|| vec![1, 31, -1])),
                    until: None,
                    count: None,
                    weekend,
                };
                let s = schedule(parts.clone());

                let early = between(&s, NaiveDate::MIN, near_first);
                let late = between(&s, near_last, NaiveDate::MAX);
                let next = s.next_on_or_after(near_last);

                // 41 days, plus up to two weekend dates shifted in from just outside.
                assert!(
                    early.len() <= 43 && late.len() <= 43,
                    "{start} {frequency:?} {weekend:?}"
                );
                assert!(late.iter().all(|d| *d <= LAST_DATE), "{late:?}");
                assert!(next.is_none_or(|n| n >= near_last && n <= LAST_DATE));
                assert_eq!(
                    s.next_on_or_after(LAST_DATE).is_some(),
                    late.last() == Some(&LAST_DATE)
                );
                for outside in [NaiveDate::MIN, NaiveDate::MAX] {
                    let refused = Schedule::try_from(ScheduleParts {
                        start: outside,
                        ..parts.clone()
                    });
                    assert_eq!(refused, Err(ScheduleError::OutOfCalendar));
                }
            }
        }
    }
}

#[test]
fn days_of_month_are_normalised_sorted_with_the_last_day_last_and_deduplicated() {
    let explicit = schedule(ScheduleParts {
        days_of_month: Some(vec![-1, 15, 1, 15]),
        ..monthly("2026-01-01")
    });

    assert_eq!(explicit.days_of_month(), &[1, 15, -1]);
    assert_eq!(schedule(monthly("2026-01-17")).days_of_month(), &[17]);
    assert_eq!(
        schedule(parts("2026-01-17", Some(Frequency::Weekly))).days_of_month(),
        &[] as &[i32]
    );
}

#[test]
fn an_empty_days_of_month_list_is_ignored_unless_the_schedule_is_monthly() {
    let weekly = ScheduleParts {
        days_of_month: Some(vec![]),
        ..parts("2026-01-01", Some(Frequency::Weekly))
    };

    assert_eq!(
        Schedule::try_from(weekly).map(|s| s.days_of_month().len()),
        Ok(0)
    );
}

#[test]
fn parts_round_trip_through_validation() {
    let examples = [
        monthly("2026-01-31"),
        ScheduleParts {
            days_of_month: Some(vec![-1, 15]),
            count: Some(7),
            ..monthly("2026-01-31")
        },
        ScheduleParts {
            interval: 2,
            until: Some(date("2027-01-01")),
            weekend: WeekendRule::After,
            ..parts("2026-01-02", Some(Frequency::Weekly))
        },
        ScheduleParts {
            count: Some(1),
            ..parts("2026-01-02", None)
        },
        parts("2024-02-29", Some(Frequency::Yearly)),
    ];
    for example in examples {
        let s = schedule(example);

        assert_eq!(Schedule::try_from(s.parts()), Ok(s));
    }
}

#[test]
fn every_invalid_field_is_rejected_with_a_clear_message() {
    let base = || parts("2026-01-10", Some(Frequency::Monthly));
    let cases = [
        (
            ScheduleParts {
                interval: 0,
                ..base()
            },
            ScheduleError::IntervalOutOfRange,
        ),
        (
            ScheduleParts {
                interval: 1000,
                ..base()
            },
            ScheduleError::IntervalOutOfRange,
        ),
        (
            ScheduleParts {
                interval: -1,
                ..parts("2026-01-10", None)
            },
            ScheduleError::IntervalOutOfRange,
        ),
        (
            ScheduleParts {
                interval: i64::MAX,
                ..base()
            },
            ScheduleError::IntervalOutOfRange,
        ),
        (
            ScheduleParts {
                count: Some(0),
                ..base()
            },
            ScheduleError::CountOutOfRange,
        ),
        (
            ScheduleParts {
                count: Some(10_001),
                ..base()
            },
            ScheduleError::CountOutOfRange,
        ),
        (
            ScheduleParts {
                count: Some(-5),
                ..base()
            },
            ScheduleError::CountOutOfRange,
        ),
        (
            ScheduleParts {
                count: Some(2),
                until: Some(date("2026-12-31")),
                ..base()
            },
            ScheduleError::UntilAndCount,
        ),
        (
            ScheduleParts {
                until: Some(date("2026-01-09")),
                ..base()
            },
            ScheduleError::UntilBeforeStart,
        ),
        (
            ScheduleParts {
                days_of_month: Some(vec![1]),
                ..parts("2026-01-10", Some(Frequency::Weekly))
            },
            ScheduleError::DaysOfMonthWithoutMonthly,
        ),
        (
            ScheduleParts {
                days_of_month: Some(vec![1]),
                ..parts("2026-01-10", None)
            },
            ScheduleError::DaysOfMonthWithoutMonthly,
        ),
        (
            ScheduleParts {
                days_of_month: Some(vec![]),
                ..base()
            },
            ScheduleError::DaysOfMonthLength,
        ),
        (
            ScheduleParts {
                days_of_month: Some(vec![1, 2, 3, 4, 5]),
                ..base()
            },
            ScheduleError::DaysOfMonthLength,
        ),
        (
            ScheduleParts {
                days_of_month: Some(vec![0]),
                ..base()
            },
            ScheduleError::DayOfMonthOutOfRange(0),
        ),
        (
            ScheduleParts {
                days_of_month: Some(vec![1, 32]),
                ..base()
            },
            ScheduleError::DayOfMonthOutOfRange(32),
        ),
        (
            ScheduleParts {
                days_of_month: Some(vec![-2]),
                ..base()
            },
            ScheduleError::DayOfMonthOutOfRange(-2),
        ),
        (
            ScheduleParts {
                days_of_month: Some(vec![1 << 40]),
                ..base()
            },
            ScheduleError::DayOfMonthOutOfRange(1 << 40),
        ),
    ];
    for (parts, expected) in cases {
        assert_eq!(
            Schedule::try_from(parts.clone()),
            Err(expected),
            "{parts:?}"
        );
    }
    assert_eq!(
        ScheduleError::IntervalOutOfRange.to_string(),
        "interval must be between 1 and 999"
    );
    assert_eq!(
        ScheduleError::CountOutOfRange.to_string(),
        "count must be between 1 and 10000"
    );
    assert_eq!(
        ScheduleError::UntilBeforeStart.to_string(),
        "until must be on or after start"
    );
    assert_eq!(
        ScheduleError::DayOfMonthOutOfRange(0).to_string(),
        "each day of the month must be between 1 and 31, or -1 for the last day (got 0)"
    );
}

#[test]
fn the_boundaries_of_every_range_are_valid() {
    let valid = [
        ScheduleParts {
            interval: 999,
            ..monthly("2026-01-10")
        },
        ScheduleParts {
            count: Some(10_000),
            ..monthly("2026-01-10")
        },
        ScheduleParts {
            until: Some(date("2026-01-10")),
            ..monthly("2026-01-10")
        },
        ScheduleParts {
            days_of_month: Some(vec![1, 31, -1, 15]),
            ..monthly("2026-01-10")
        },
    ];
    for parts in valid {
        assert!(Schedule::try_from(parts.clone()).is_ok(), "{parts:?}");
    }
}

// ---- Property tests against an obviously-correct reference ----

/// Moves a weekend date one day at a time until it is a weekday.
fn reference_shift(rule: WeekendRule, mut date: NaiveDate) -> NaiveDate {
    let weekend = |d: NaiveDate| matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    while rule != WeekendRule::Keep && weekend(date) {
        date = if rule == WeekendRule::Before {
            date.pred_opt().unwrap()
        } else {
            date.succ_opt().unwrap()
        };
    }
    date
}

fn reference_last_day(first_of_month: NaiveDate) -> NaiveDate {
    (first_of_month + Months::new(1)).pred_opt().unwrap()
}

/// Every nominal date from `start`, one step at a time, up to `limit` (then until/count).
fn reference_nominals(p: &ScheduleParts, limit: NaiveDate) -> Vec<NaiveDate> {
    let interval = p.interval as u32;
    let mut all = Vec::new();
    match p.frequency {
        None => all.push(p.start),
        Some(Frequency::Daily | Frequency::Weekly) => {
            let step = if p.frequency == Some(Frequency::Daily) {
                interval
            } else {
                7 * interval
            };
            let mut d = p.start;
            while d <= limit {
                all.push(d);
                d = d + Days::new(u64::from(step));
            }
        }
        Some(Frequency::Monthly) => {
            let days = p
                .days_of_month
                .clone()
                .unwrap_or_else(|| vec![i64::from(p.start.day())]);
            let first_of_start_month = p.start.with_day(1).unwrap();
            let mut month = first_of_start_month;
            while month <= limit {
                let last = reference_last_day(month);
                let mut in_month: Vec<NaiveDate> = days
                    .iter()
                    .map(|&d| {
                        if d == -1 {
                            last
                        } else {
                            month.with_day(d as u32).unwrap_or(last)
                        }
                    })
                    .filter(|&d| d >= p.start)
                    .collect();
                in_month.sort();
                in_month.dedup();
                all.extend(in_month);
                month = month + Months::new(interval);
            }
        }
        Some(Frequency::Yearly) => {
            let mut year = p.start.year();
            loop {
                let d = p
                    .start
                    .with_year(year)
                    .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 2, 28).unwrap());
                if d > limit {
                    break;
                }
                all.push(d);
                year += interval as i32;
            }
        }
    }
    all.retain(|&d| p.until.is_none_or(|until| d <= until));
    if let Some(count) = p.count {
        all.truncate(count as usize);
    }
    all
}

fn reference_occurrences(p: &ScheduleParts, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    reference_nominals(p, to + Days::new(7))
        .into_iter()
        .map(|d| reference_shift(p.weekend, d))
        .filter(|&d| from <= d && d <= to)
        .collect()
}

/// The same with a holiday calendar: a holiday, read from the table's list of names (not its
/// bits), moves like a weekend day.
fn reference_business_occurrences(
    p: &ScheduleParts,
    holidays: Holidays,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<NaiveDate> {
    let off = |d: NaiveDate| {
        matches!(d.weekday(), Weekday::Sat | Weekday::Sun) || holidays.on(d).is_some()
    };
    reference_nominals(p, to + Days::new(14))
        .into_iter()
        .map(|mut d| {
            while p.weekend != WeekendRule::Keep && off(d) {
                d = if p.weekend == WeekendRule::Before {
                    d.pred_opt().unwrap()
                } else {
                    d.succ_opt().unwrap()
                };
            }
            d
        })
        .filter(|&d| from <= d && d <= to)
        .collect()
}

fn any_holidays() -> impl Strategy<Value = Holidays> {
    prop::sample::select(Holidays::ALL.to_vec())
}

#[test]
fn with_a_calendar_holidays_move_like_weekends_and_keep_never_moves() {
    let on = |start: &str, weekend: WeekendRule, holidays: Holidays| {
        let s = schedule(ScheduleParts {
            weekend,
            ..parts(start, None)
        })
        .with_holidays(holidays);
        between(&s, date("2026-01-01"), date("2028-12-31"))
    };
    // Memorial Day, Monday 2026-05-25.
    assert_eq!(
        on("2026-05-25", WeekendRule::Before, Holidays::Us),
        dates(&["2026-05-22"])
    );
    assert_eq!(
        on("2026-05-25", WeekendRule::After, Holidays::Us),
        dates(&["2026-05-26"])
    );
    assert_eq!(
        on("2026-05-25", WeekendRule::Keep, Holidays::Us),
        dates(&["2026-05-25"])
    );
    assert_eq!(
        on("2026-05-25", WeekendRule::Before, Holidays::None),
        dates(&["2026-05-25"])
    );
    // Sunday 2027-07-04: the Monday after is Independence Day (observed), so AFTER goes on to
    // Tuesday; BEFORE stops at Friday.
    assert_eq!(
        on("2027-07-04", WeekendRule::After, Holidays::Us),
        dates(&["2027-07-06"])
    );
    assert_eq!(
        on("2027-07-04", WeekendRule::Before, Holidays::Us),
        dates(&["2027-07-02"])
    );
    // Easter Monday 2026 in England: back over Easter and Good Friday to Thursday.
    assert_eq!(
        on("2026-04-06", WeekendRule::Before, Holidays::GbEng),
        dates(&["2026-04-02"])
    );
    // The same day is no holiday in the United States.
    assert_eq!(
        on("2026-04-06", WeekendRule::Before, Holidays::Us),
        dates(&["2026-04-06"])
    );
    // The calendar is not part of the stored schedule.
    let s = schedule(monthly("2026-01-25")).with_holidays(Holidays::De);
    assert_eq!(s.holidays(), Holidays::De);
    assert_eq!(
        Schedule::try_from(s.parts()).map(|s| s.holidays()),
        Ok(Holidays::None)
    );
}

fn any_date(base: &'static str, span_days: u64) -> impl Strategy<Value = NaiveDate> {
    (0..span_days).prop_map(move |offset| date(base) + Days::new(offset))
}

fn any_frequency() -> impl Strategy<Value = Option<Frequency>> {
    prop_oneof![
        Just(None),
        Just(Some(Frequency::Daily)),
        Just(Some(Frequency::Weekly)),
        Just(Some(Frequency::Monthly)),
        Just(Some(Frequency::Yearly)),
    ]
}

fn any_weekend() -> impl Strategy<Value = WeekendRule> {
    prop_oneof![
        Just(WeekendRule::Keep),
        Just(WeekendRule::Before),
        Just(WeekendRule::After)
    ]
}

fn any_day_of_month() -> impl Strategy<Value = i64> {
    prop_oneof![1i64..=31, Just(-1i64), 27i64..=31]
}

/// Valid schedule parts: every frequency, intervals 1..=12, random days, bounds and rules.
fn any_schedule_parts() -> impl Strategy<Value = ScheduleParts> {
    (
        any_date("2020-01-01", 4 * 366),
        any_frequency(),
        1i64..=12,
        proptest::option::of(proptest::collection::vec(any_day_of_month(), 1..=4)),
        0u8..3,
        0u64..1500,
        1i64..=60,
        any_weekend(),
    )
        .prop_map(
            |(start, frequency, interval, days, bound, until_days, count, weekend)| ScheduleParts {
                start,
                frequency,
                interval,
                days_of_month: days.filter(|_| frequency == Some(Frequency::Monthly)),
                until: (bound == 1).then(|| start + Days::new(until_days)),
                count: (bound == 2).then_some(count),
                weekend,
            },
        )
}

#[test]
fn every_single_day_window_of_a_year_matches_the_reference() {
    let shapes = [
        ScheduleParts {
            days_of_month: Some(vec![1, 15, -1]),
            ..monthly("2026-01-03")
        },
        ScheduleParts {
            count: Some(20),
            ..parts("2026-01-03", Some(Frequency::Weekly))
        },
        ScheduleParts {
            interval: 5,
            ..parts("2026-01-04", Some(Frequency::Daily))
        },
        ScheduleParts {
            until: Some(date("2026-09-30")),
            ..monthly("2026-01-31")
        },
    ];
    for shape in shapes {
        for weekend in [WeekendRule::Keep, WeekendRule::Before, WeekendRule::After] {
            let p = ScheduleParts {
                weekend,
                ..shape.clone()
            };
            let s = schedule(p.clone());
            let mut day = date("2025-12-25");
            while day <= date("2027-01-05") {
                assert_eq!(
                    between(&s, day, day),
                    reference_occurrences(&p, day, day),
                    "{p:?} on {day}"
                );
                day = day.succ_opt().unwrap();
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn occurrences_match_a_step_by_step_reference(
        p in any_schedule_parts(),
        from in any_date("2019-06-01", 6 * 366),
        length in 0u64..400,
    ) {
        let to = from + Days::new(length);
        let s = Schedule::try_from(p.clone()).unwrap();

        prop_assert_eq!(between(&s, from, to), reference_occurrences(&p, from, to));
    }

    #[test]
    fn next_on_or_after_matches_the_first_reference_occurrence(
        p in any_schedule_parts(),
        on in any_date("2019-06-01", 6 * 366),
    ) {
        // The widest gap between occurrences is 12 years (plus a weekend shift), so a window
        // of 13 years holds the next occurrence if there is one.
        let horizon = on + Days::new(13 * 366);
        let s = Schedule::try_from(p.clone()).unwrap();

        prop_assert_eq!(
            s.next_on_or_after(on),
            reference_occurrences(&p, on, horizon).first().copied()
        );
    }

    #[test]
    fn business_day_occurrences_match_a_step_by_step_reference(
        p in any_schedule_parts(),
        holidays in any_holidays(),
        from in any_date("2019-06-01", 6 * 366),
        length in 0u64..400,
    ) {
        let to = from + Days::new(length);
        let s = Schedule::try_from(p.clone()).unwrap().with_holidays(holidays);

        prop_assert_eq!(
            between(&s, from, to),
            reference_business_occurrences(&p, holidays, from, to)
        );
        let horizon = from + Days::new(13 * 366);
        prop_assert_eq!(
            s.next_on_or_after(from),
            reference_business_occurrences(&p, holidays, from, horizon).first().copied()
        );
    }

    #[test]
    fn validated_parts_round_trip(p in any_schedule_parts()) {
        let s = Schedule::try_from(p).unwrap();

        prop_assert_eq!(Schedule::try_from(s.parts()), Ok(s));
    }
}
