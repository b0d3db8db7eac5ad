//! The pay-period forecast: how much to set aside from each paycheck for the bills due before
//! the next one, and what the balance does on the way.
//!
//! [`forecast`] follows DESIGN §1 "Forecast" step by step:
//! 1. Archived bills and paydays are ignored. Payday dates are the distinct occurrence dates of
//!    all paydays on or after `from`.
//! 2. There is one [`PayPeriod`] per payday date `P <= until`. It runs to the day before the next
//!    payday date, which may lie after `until` (so every period is complete and its bills after
//!    `until` are included); with no later payday it ends on `until`.
//! 3. Bills from `from` to the day before the first period (to `until` when there is none) are
//!    `bills_before_next_payday`; their sum `due_before_next_payday` is paid from the starting
//!    balance.
//! 4. A period's `income` is the sum of the payday occurrences on its first day, `set_aside` the
//!    sum of its bills, and `leftover = income − set_aside`.
//! 5. The balance starts at `starting_balance` on `from`, before that day's events. Each day adds
//!    its income first, then subtracts its bills; that gives the day's *end-of-day* balance. The
//!    walk ends on the last day of the last period (on `until` when there is none).
//!    `lowest_balance` is the minimum end-of-day balance, the earliest date on ties. So when
//!    `from` has events, its end-of-day balance (not `starting_balance`) is the candidate for
//!    `from`; when nothing happens at all, the answer is `starting_balance` on `from`.
//! 6. `total_income` is the sum of period incomes; `total_bills` is `due_before_next_payday` plus
//!    the sum of `set_aside`.
//! 7. Bill occurrences are ordered by (date, bill name, bill id), payday occurrences by (date,
//!    payday name, payday id). Names compare by Unicode code point (Rust's `str` order), not by
//!    locale.
//!
//! # Decisions
//! - `from` and `until` come as a [`Window`]: ordered, at most 1830 days, within years
//!   0001–9999. Nothing past 9999-12-31 is computed (a payday after it does not exist).
//! - At most [`MAX_OCCURRENCES`] bill and payday occurrences are expanded; a forecast that
//!   would need more (1,000 daily bills over five years is 1.8 million) is refused with
//!   [`ForecastError::TooLarge`] as soon as the count passes it, before anything big is built.
//! - A schedule with two nominal dates shifted onto one day yields two occurrences: two payments,
//!   both listed and both summed.
//! - `next_payday` is the first period's start, so a payday after `until` is not a "next payday"
//!   for this forecast (it only ends the last period).
//! - Every sum and balance step is checked; any overflow makes the whole forecast a
//!   [`ForecastError::Overflow`]. Within a day, bills are subtracted one at a time after the income.
//! - The balance is computed by a sweep over the days that have events (income or bills), which
//!   gives exactly the day-by-day result: a day without events keeps the previous balance, so it
//!   can only tie with an earlier date.

use chrono::{Datelike, Days, NaiveDate};

use crate::domain::{
    id::Id,
    money::{Money, MoneyOverflow},
    schedule::Schedule,
    window::Window,
};

/// Most occurrences (bills and paydays together) one forecast expands.
pub const MAX_OCCURRENCES: usize = 100_000;

/// Why a forecast cannot be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ForecastError {
    /// A sum or balance does not fit.
    #[error("the amounts in this forecast are too large to add up")]
    Overflow,
    /// More than [`MAX_OCCURRENCES`] occurrences.
    #[error(
        "this forecast would list more than {MAX_OCCURRENCES} bills and paydays: choose a          shorter window"
    )]
    TooLarge,
}

impl From<MoneyOverflow> for ForecastError {
    fn from(_: MoneyOverflow) -> Self {
        ForecastError::Overflow
    }
}

/// One bill or payday as the forecast sees it.
#[derive(Debug, Clone, Copy)]
pub struct Flow<'a> {
    /// The bill's or payday's id.
    pub id: Id,
    /// Its name; occurrences on the same date are ordered by it.
    pub name: &'a str,
    /// The amount of every occurrence.
    pub amount: Money,
    /// When it occurs.
    pub schedule: &'a Schedule,
    /// Archived flows are ignored.
    pub archived: bool,
}

/// A bill or payday occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// The id of the bill or payday.
    pub id: Id,
    /// The occurrence date (after the weekend rule).
    pub date: NaiveDate,
    /// The amount.
    pub amount: Money,
}

/// From one payday date to the day before the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayPeriod {
    /// The payday date that opens the period.
    pub start: NaiveDate,
    /// The day before the next payday date, or `until` when there is none.
    pub end: NaiveDate,
    /// The sum of the paydays on `start`.
    pub income: Money,
    /// The payday occurrences on `start`.
    pub paydays: Vec<Occurrence>,
    /// The bill occurrences from `start` to `end`.
    pub bills: Vec<Occurrence>,
    /// The sum of `bills`: what this paycheck must cover.
    pub set_aside: Money,
    /// `income − set_aside`; negative when the paycheck cannot cover its bills.
    pub leftover: Money,
    /// The balance at the end of `end`.
    pub ending_balance: Money,
}

/// A balance at the end of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BalancePoint {
    /// The day.
    pub date: NaiveDate,
    /// The balance at its end.
    pub balance: Money,
}

/// The forecast from `from` to (the end of the period containing) `until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forecast {
    /// First day of the forecast.
    pub from: NaiveDate,
    /// Last day on which a period may start.
    pub until: NaiveDate,
    /// The balance at the start of `from`.
    pub starting_balance: Money,
    /// The sum of `bills_before_next_payday`.
    pub due_before_next_payday: Money,
    /// Bill occurrences before the first period (to `until` when there is none).
    pub bills_before_next_payday: Vec<Occurrence>,
    /// The first payday date in the forecast (the first period's start).
    pub next_payday: Option<NaiveDate>,
    /// One period per payday date from `from` to `until`, in date order.
    pub periods: Vec<PayPeriod>,
    /// The lowest end-of-day balance, the earliest on ties.
    pub lowest_balance: BalancePoint,
    /// The sum of the period incomes.
    pub total_income: Money,
    /// `due_before_next_payday` plus every period's `set_aside`.
    pub total_bills: Money,
}

/// How far past `until` the last period may run. DESIGN lets the last period run to the day
/// before the next payday, however far that is; a payday every 999 years would make one period
/// span centuries (and list every daily bill in it). Capping it at the longest window the API
/// accepts changes nothing for any schedule that pays at least every five years.
pub const LAST_PERIOD_MAX_DAYS_AFTER_UNTIL: u64 = 1830;

/// Computes the forecast (DESIGN §1 steps 1–7); it fails when a sum overflows or the
/// forecast is too large.
pub fn forecast(
    window: Window,
    starting_balance: Money,
    bills: &[Flow<'_>],
    paydays: &[Flow<'_>],
) -> Result<Forecast, ForecastError> {
    let (from, until) = (window.from(), window.to());
    let paydays = active_in_order(paydays);
    let bills = active_in_order(bills);

    // Steps 1 and 2: payday occurrences and where the last period ends.
    let mut allowance = MAX_OCCURRENCES;
    let payday_occurrences = occurrences(&paydays, from, until, &mut allowance)?;
    let next_after_until = until.succ_opt().and_then(|day_after| {
        paydays
            .iter()
            .filter_map(|payday| payday.schedule.next_on_or_after(day_after))
            .min()
    });
    let walk_end = match (payday_occurrences.is_empty(), next_after_until) {
        (false, Some(next)) => next.pred_opt().unwrap_or(until).min(
            until
                .checked_add_days(Days::new(LAST_PERIOD_MAX_DAYS_AFTER_UNTIL))
                .unwrap_or(until),
        ),
        _ => until,
    };
    let bill_occurrences = occurrences(&bills, from, walk_end, &mut allowance)?;

    let first_event = [payday_occurrences.first(), bill_occurrences.first()]
        .into_iter()
        .flatten()
        .map(|occurrence| occurrence.date)
        .min();
    let mut walk = BalanceWalk::new(from, starting_balance, first_event);

    // Step 3: bills before the first payday.
    let next_payday = payday_occurrences.first().map(|payday| payday.date);
    let before_count = bill_occurrences
        .partition_point(|bill| next_payday.is_none_or(|payday| bill.date < payday));
    let (before, mut rest) = bill_occurrences.split_at(before_count);
    for day in before.chunk_by(|a, b| a.date == b.date) {
        walk.day(day[0].date, Money::ZERO, day)?;
    }
    let due_before_next_payday = sum(before)?;

    // Step 4 and 5: one period per payday date.
    let payday_days: Vec<&[Occurrence]> = payday_occurrences
        .chunk_by(|a, b| a.date == b.date)
        .collect();
    let mut periods = Vec::with_capacity(payday_days.len());
    for (index, on_start) in payday_days.iter().enumerate() {
        let start = on_start[0].date;
        let end = match payday_days.get(index + 1) {
            Some(next) => next[0].date.pred_opt().unwrap_or(start),
            None => walk_end,
        };
        let (in_period, later) = rest.split_at(rest.partition_point(|bill| bill.date <= end));
        rest = later;

        let income = sum(on_start)?;
        let (due_on_start, after_start) =
            in_period.split_at(in_period.partition_point(|bill| bill.date == start));
        walk.day(start, income, due_on_start)?;
        for day in after_start.chunk_by(|a, b| a.date == b.date) {
            walk.day(day[0].date, Money::ZERO, day)?;
        }

        let set_aside = sum(in_period)?;
        periods.push(PayPeriod {
            start,
            end,
            income,
            paydays: on_start.to_vec(),
            bills: in_period.to_vec(),
            set_aside,
            leftover: income.checked_sub(set_aside)?,
            ending_balance: walk.balance,
        });
    }

    // Step 6: totals.
    let total_income = Money::checked_sum(periods.iter().map(|period| period.income))?;
    let total_bills = due_before_next_payday.checked_add(Money::checked_sum(
        periods.iter().map(|period| period.set_aside),
    )?)?;

    Ok(Forecast {
        from,
        until,
        starting_balance,
        due_before_next_payday,
        bills_before_next_payday: before.to_vec(),
        next_payday,
        periods,
        lowest_balance: walk.lowest(),
        total_income,
        total_bills,
    })
}

/// The flows that are not archived, ordered by (name, id).
fn active_in_order<'f, 'a>(flows: &'f [Flow<'a>]) -> Vec<&'f Flow<'a>> {
    let mut active: Vec<_> = flows.iter().filter(|flow| !flow.archived).collect();
    active.sort_by(|a, b| a.name.cmp(b.name).then(a.id.cmp(&b.id)));
    active
}

/// All occurrences of `flows` (already in (name, id) order) from `from` to `to`, ordered by
/// (date, name, id): a stable sort by date keeps the flow order within a day. Fails as soon as
/// there are more than `allowance` (which is reduced by what was used).
fn occurrences(
    flows: &[&Flow<'_>],
    from: NaiveDate,
    to: NaiveDate,
    allowance: &mut usize,
) -> Result<Vec<Occurrence>, ForecastError> {
    let mut all = Vec::new();
    for flow in flows {
        let before = all.len();
        all.extend(
            flow.schedule
                .occurrence_iter(from, to)
                .take(allowance.saturating_add(1))
                .map(|date| Occurrence {
                    id: flow.id,
                    date,
                    amount: flow.amount,
                }),
        );
        *allowance = allowance
            .checked_sub(all.len() - before)
            .ok_or(ForecastError::TooLarge)?;
    }
    Ok(stable_sort_by_date(all, from, to))
}

/// Sorts occurrences (all from `from` to `to`) by date, keeping the order within a day.
///
/// A counting sort by day: linear, where a comparison sort of many interleaved per-flow runs
/// dominated the whole forecast. Falls back to a comparison sort when the days far outnumber
/// the occurrences (a last period that runs years past `until`).
fn stable_sort_by_date(
    mut occurrences: Vec<Occurrence>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Occurrence> {
    let days = usize::try_from((to - from).num_days()).map_or(usize::MAX, |d| d + 1);
    if occurrences.is_empty() || days > occurrences.len().saturating_mul(4).max(4096) {
        occurrences.sort_by_key(|occurrence| occurrence.date);
        return occurrences;
    }
    let offsets = DayOffsets::new(from, to);
    // next_slot[d] is where the next occurrence of day d goes.
    let mut next_slot = vec![0usize; days + 1];
    for occurrence in &occurrences {
        next_slot[offsets.of(occurrence.date) + 1] += 1;
    }
    for day in 1..=days {
        next_slot[day] += next_slot[day - 1];
    }
    let mut sorted = occurrences.clone();
    for occurrence in occurrences {
        let slot = &mut next_slot[offsets.of(occurrence.date)];
        sorted[*slot] = occurrence;
        *slot += 1;
    }
    sorted
}

/// Days since `from`, computed from a date's year and ordinal (stored fields in chrono) and a
/// table of year starts: much cheaper than a day count from the epoch per occurrence.
struct DayOffsets {
    first_year: i32,
    /// For each year from `from`'s on: the offset of its day with ordinal 0 (Jan 1 is 1).
    year_base: Vec<i64>,
}

impl DayOffsets {
    fn new(from: NaiveDate, to: NaiveDate) -> Self {
        let mut base = -i64::from(from.ordinal());
        let year_base = (from.year()..=to.year())
            .map(|year| {
                let this = base;
                base += if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
                    366
                } else {
                    365
                };
                this
            })
            .collect();
        DayOffsets {
            first_year: from.year(),
            year_base,
        }
    }

    /// The offset of `date`, which must lie from `from` to `to`.
    fn of(&self, date: NaiveDate) -> usize {
        let year = (date.year() - self.first_year) as usize;
        (self.year_base[year] + i64::from(date.ordinal())) as usize
    }
}

fn sum(occurrences: &[Occurrence]) -> Result<Money, MoneyOverflow> {
    Money::checked_sum(occurrences.iter().map(|occurrence| occurrence.amount))
}

/// The running balance and its lowest end-of-day point, fed one event day at a time.
struct BalanceWalk {
    from: NaiveDate,
    starting_balance: Money,
    balance: Money,
    lowest: Option<BalancePoint>,
}

impl BalanceWalk {
    /// Starts at `starting_balance` on `from`. If nothing happens on `from`, its end-of-day
    /// balance is the starting balance, the first candidate; otherwise the first event day
    /// (`from` itself) provides it.
    fn new(from: NaiveDate, starting_balance: Money, first_event: Option<NaiveDate>) -> Self {
        let lowest = (first_event != Some(from)).then_some(BalancePoint {
            date: from,
            balance: starting_balance,
        });
        BalanceWalk {
            from,
            starting_balance,
            balance: starting_balance,
            lowest,
        }
    }

    /// Applies one day with events: its income, then its bills. Days come in ascending order.
    fn day(
        &mut self,
        date: NaiveDate,
        income: Money,
        bills: &[Occurrence],
    ) -> Result<(), MoneyOverflow> {
        let mut balance = self.balance.checked_add(income)?;
        for bill in bills {
            balance = balance.checked_sub(bill.amount)?;
        }
        self.balance = balance;
        // Strictly lower only: on ties the earlier date stays.
        if self.lowest.is_none_or(|lowest| balance < lowest.balance) {
            self.lowest = Some(BalancePoint { date, balance });
        }
        Ok(())
    }

    /// The lowest end-of-day balance so far.
    fn lowest(&self) -> BalancePoint {
        self.lowest.unwrap_or(BalancePoint {
            date: self.from,
            balance: self.starting_balance,
        })
    }
}

#[cfg(test)]
mod tests {
    fn between(s: &Schedule, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        s.occurrence_iter(from, to).collect()
    }

    use std::collections::BTreeMap;

    use chrono::Days;
    use proptest::prelude::*;

    use super::*;
    use crate::domain::schedule::{Frequency, ScheduleParts, WeekendRule};

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
        let period = |start: &str,
                      end: &str,
                      bills: Vec<Occurrence>,
                      set_aside: &str,
                      leftover: &str,
                      ending: &str| PayPeriod {
            start: date(start),
            end: date(end),
            income: money("2000.00"),
            paydays: vec![occurrence(&salary, start)],
            bills,
            set_aside: money(set_aside),
            leftover: money(leftover),
            ending_balance: money(ending),
        };
        let expected = Forecast {
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
                ),
                period(
                    "2026-02-13",
                    "2026-02-26",
                    vec![],
                    "0.00",
                    "2000.00",
                    "4920.00",
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
                ),
                period(
                    "2026-03-13",
                    "2026-03-26",
                    vec![occurrence(&insurance, "2026-03-13")],
                    "600.00",
                    "1400.00",
                    "6740.00",
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
                ),
            ],
            lowest_balance: BalancePoint {
                date: date("2026-01-10"),
                balance: money("500.00"),
            },
            total_income: money("12000.00"),
            total_bills: money("5340.00"),
        };

        let got = run(
            "2026-01-10",
            "2026-03-31",
            "500.00",
            &[rent, phone, insurance],
            &[salary],
        );

        assert_eq!(got, expected);
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
        proptest::collection::vec((any_parts(), 1i64..=300_000, 0u8..5, 0usize..3), 0..=max)
            .prop_map(move |specs| {
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
            })
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
            for period in &f.periods {
                let at_end = walk.iter().find(|p| p.date == period.end).unwrap();
                prop_assert_eq!(period.ending_balance, at_end.balance);
            }
        }
    }
}
