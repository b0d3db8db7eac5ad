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
//! 8. `shortfall_before_next_payday` is max(0, −(the lowest end-of-day balance from `from` to
//!    the day before the first period, or to `until` when there is none)), zero when the first
//!    period starts on `from`; each period's `shortfall` is max(0, −(its lowest end-of-day
//!    balance)). Both come from the same walk as `lowest_balance`.
//!
//! Every occurrence is an *effective* one ([`effective`]): exceptions are applied
//! before anything else, so a skipped payday opens no period, a moved bill is listed, summed and
//! walked on its new date, and a changed amount is the amount everywhere.
//!
//! With the plan ([`forecast`]; [`forecast_without_plan`] leaves it out), `plan_due_now` and
//! each period's [`PeriodPlan`] come from [`plan`], which describes its rules.
//!
//! The caller picks `starting_balance`; the API's default is the estimated balance on `from`
//! ([`estimated_balance`](super::balance::estimated_balance)).
//!
//! # Decisions
//! - `from` and `until` come as a [`Window`]: ordered, at most 1830 days, within years
//!   0001–9999. Nothing past 9999-12-31 is computed (a payday after it does not exist).
//! - At most [`MAX_OCCURRENCES`] bill and payday occurrences are expanded; a forecast that
//!   would need more (1,000 daily bills over five years is 1.8 million) is refused with
//!   [`ForecastError::TooLarge`] as soon as the count passes it, before anything big is built.
//!   The plan's own work (occurrences before `from` and after the last period, and one step per
//!   bill and period) has a cap of its own, [`MAX_PLAN_WORK`](super::plan::MAX_PLAN_WORK), and
//!   the same error past it.
//! - Each bill's occurrences are expanded once and shared by the forecast and the plan.
//! - A schedule with two nominal dates shifted onto one day yields two occurrences: two payments,
//!   both listed and both summed.
//! - `next_payday` is the first period's start, so a payday after `until` is not a "next payday"
//!   for this forecast (it only ends the last period).
//! - Every sum and balance step is checked; any overflow makes the whole forecast a
//!   [`ForecastError::Overflow`]. Within a day, bills are subtracted one at a time after the income.
//! - The balance is computed by a sweep over the days that have events (income or bills), which
//!   gives exactly the day-by-day result: a day without events keeps the previous balance, so it
//!   can only tie with an earlier date.

use chrono::{Days, NaiveDate};

use super::day_sort::stable_sort_by_date;
use super::occurrence::{Exceptions, effective, next_effective};
use super::plan::{self, Envelope, Frame, PeriodPlan};
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
    /// More than [`MAX_OCCURRENCES`] occurrences, or a plan past
    /// [`MAX_PLAN_WORK`](super::plan::MAX_PLAN_WORK).
    #[error(
        "this forecast would list more than {MAX_OCCURRENCES} bills and paydays, or plan more than {} steps: choose a shorter window",
        super::plan::MAX_PLAN_WORK
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
    /// The amount of every occurrence (an exception may change one).
    pub amount: Money,
    /// When it occurs.
    pub schedule: &'a Schedule,
    /// Skipped, changed and moved occurrences.
    pub exceptions: &'a Exceptions,
    /// Bills: the envelope the plan starts from. Paydays: ignored (pass any, e.g.
    /// [`Envelope::empty`] on the day it was created).
    pub envelope: Envelope,
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
    /// What the person is missing to stay at or above zero within the period if they spend
    /// nothing else: max(0, −(its lowest end-of-day balance)) (step 8).
    pub shortfall: Money,
    /// The plan for this paycheck: what to put in each bill's envelope.
    pub plan: PeriodPlan,
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
    /// The last day of the walk: the end of the last period (`until` without one).
    pub walk_end: NaiveDate,
    /// The end-of-day balance of every day with a payday or a bill, in date order: the walk
    /// that finds `lowest_balance`, kept (see [`Forecast::balances`] for every day).
    pub balance_changes: Vec<BalancePoint>,
    /// The sum of the period incomes.
    pub total_income: Money,
    /// `due_before_next_payday` plus every period's `set_aside`.
    pub total_bills: Money,
    /// Under the plan: what the envelopes do not cover of the bills before the first period
    /// (to `until` when there is none) — money needed now, from the balance.
    pub plan_due_now: Money,
    /// What the person is missing to stay at or above zero from `from` to the day before the
    /// first period (to `until` when there is none): max(0, −(the lowest end-of-day balance
    /// there)); zero when the first period starts on `from` (step 8).
    pub shortfall_before_next_payday: Money,
}

impl Forecast {
    /// The end-of-day balance of every day from `from` to `walk_end`, in date order: the
    /// starting balance until the first payday or bill, then each day's balance after its
    /// income and bills, carried over days without any. Its lowest point (the earliest on ties)
    /// is `lowest_balance`.
    pub fn balances(&self) -> impl ExactSizeIterator<Item = BalancePoint> + '_ {
        let days = usize::try_from((self.walk_end - self.from).num_days() + 1).unwrap_or(0);
        let mut changes = self.balance_changes.iter().peekable();
        let mut balance = self.starting_balance;
        self.from.iter_days().take(days).map(move |date| {
            if let Some(change) = changes.next_if(|change| change.date == date) {
                balance = change.balance;
            }
            BalancePoint { date, balance }
        })
    }
}

/// How far past `until` the last period may run. DESIGN lets the last period run to the day
/// before the next payday, however far that is; a payday every 999 years would make one period
/// span centuries (and list every daily bill in it). Capping it at the longest window the API
/// accepts changes nothing for any schedule that pays at least every five years.
pub const LAST_PERIOD_MAX_DAYS_AFTER_UNTIL: u64 = 1830;

/// Computes the forecast (DESIGN §1 steps 1–7) with the plan; it fails when a sum overflows
/// or the forecast or its plan is too large.
pub fn forecast(
    window: Window,
    starting_balance: Money,
    bills: &[Flow<'_>],
    paydays: &[Flow<'_>],
) -> Result<Forecast, ForecastError> {
    compute(window, starting_balance, bills, paydays, true)
}

/// The same forecast without the plan, for a caller that does not show it: `plan_due_now` is
/// zero and every period's plan is empty (nothing set aside, all of the income safe to spend).
pub fn forecast_without_plan(
    window: Window,
    starting_balance: Money,
    bills: &[Flow<'_>],
    paydays: &[Flow<'_>],
) -> Result<Forecast, ForecastError> {
    compute(window, starting_balance, bills, paydays, false)
}

fn compute(
    window: Window,
    starting_balance: Money,
    bills: &[Flow<'_>],
    paydays: &[Flow<'_>],
    with_plan: bool,
) -> Result<Forecast, ForecastError> {
    let (from, until) = (window.from(), window.to());
    let paydays = active_in_order(paydays);
    let bills = active_in_order(bills);

    // Steps 1 and 2: payday occurrences and where the last period ends.
    let mut allowance = MAX_OCCURRENCES;
    let payday_occurrences = occurrences(&paydays, from, until, &mut allowance)?.sorted();
    let next_after_until = until.succ_opt().and_then(|day_after| {
        paydays
            .iter()
            .filter_map(|payday| {
                next_effective(payday.schedule, payday.amount, payday.exceptions, day_after)
            })
            .map(|(date, _)| date)
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
    let by_bill = occurrences(&bills, from, walk_end, &mut allowance)?;
    let bill_occurrences = by_bill.sorted();

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
    // Step 8: nothing before the first period when it starts on `from`.
    let shortfall_before_next_payday = if next_payday == Some(from) {
        walk.end_stretch();
        Money::ZERO
    } else {
        walk.end_stretch()
    };

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
            shortfall: walk.end_stretch(),
            plan: PeriodPlan {
                safe_to_spend: income,
                ..PeriodPlan::default()
            },
        });
    }

    // The plan, from each bill's own occurrences.
    let mut plan_due_now = Money::ZERO;
    if with_plan {
        let starts: Vec<NaiveDate> = periods.iter().map(|period| period.start).collect();
        let incomes: Vec<Money> = periods.iter().map(|period| period.income).collect();
        let frame = Frame {
            from,
            walk_end,
            starts: &starts,
            incomes: &incomes,
        };
        let bill_runs: Vec<(&Flow<'_>, &[Occurrence])> = bills
            .iter()
            .zip(by_bill.runs())
            .map(|(bill, run)| (*bill, run))
            .collect();
        let planned = plan::plan(&frame, &bill_runs, &paydays)?;
        plan_due_now = planned.due_now;
        for (period, plan) in periods.iter_mut().zip(planned.periods) {
            period.plan = plan;
        }
    }

    // Step 6: totals.
    let total_income = Money::checked_sum(periods.iter().map(|period| period.income))?;
    let total_bills = due_before_next_payday.checked_add(Money::checked_sum(
        periods.iter().map(|period| period.set_aside),
    )?)?;

    Ok(Forecast {
        walk_end,
        balance_changes: std::mem::take(&mut walk.changes),
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
        plan_due_now,
        shortfall_before_next_payday,
    })
}

/// The flows that are not archived, ordered by (name, id). This is the one place archived bills
/// and paydays are left out of a forecast: callers pass every entry.
fn active_in_order<'f, 'a>(flows: &'f [Flow<'a>]) -> Vec<&'f Flow<'a>> {
    let mut active: Vec<_> = flows.iter().filter(|flow| !flow.archived).collect();
    active.sort_by(|a, b| a.name.cmp(b.name).then(a.id.cmp(&b.id)));
    active
}

/// The effective occurrences of some flows from `from` to `to`: one run per flow, each in date
/// order.
struct ByFlow {
    all: Vec<Occurrence>,
    /// Where each flow's run ends in `all`.
    ends: Vec<usize>,
    from: NaiveDate,
    to: NaiveDate,
}

impl ByFlow {
    /// Each flow's occurrences, in the order of the flows.
    fn runs(&self) -> impl Iterator<Item = &[Occurrence]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .map(|(start, &end)| &self.all[start..end])
    }

    /// All occurrences ordered by (date, flow order): a stable sort by date keeps the flow
    /// order within a day.
    fn sorted(&self) -> Vec<Occurrence> {
        stable_sort_by_date(&self.all, self.from, self.to, |occurrence| occurrence.date)
    }
}

/// The effective occurrences of `flows` (already in (name, id) order) from `from` to `to`.
/// Fails as soon as there are more than `allowance` (which is reduced by what was used).
fn occurrences(
    flows: &[&Flow<'_>],
    from: NaiveDate,
    to: NaiveDate,
    allowance: &mut usize,
) -> Result<ByFlow, ForecastError> {
    let mut all = Vec::new();
    let mut ends = Vec::with_capacity(flows.len());
    for flow in flows {
        let before = all.len();
        all.extend(
            effective(flow.schedule, flow.amount, flow.exceptions, from, to)
                .take(allowance.saturating_add(1))
                .map(|(date, amount)| Occurrence {
                    id: flow.id,
                    date,
                    amount,
                }),
        );
        *allowance = allowance
            .checked_sub(all.len() - before)
            .ok_or(ForecastError::TooLarge)?;
        ends.push(all.len());
    }
    Ok(ByFlow {
        all,
        ends,
        from,
        to,
    })
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
    /// The lowest end-of-day balance of the current stretch (before the first payday, or one
    /// period), for the shortfalls.
    stretch_low: Option<Money>,
    /// Every day applied so far, with its end-of-day balance.
    changes: Vec<BalancePoint>,
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
            stretch_low: lowest.map(|point| point.balance),
            changes: Vec::new(),
        }
    }

    /// Ends the current stretch and starts the next (a period, which opens with an event day):
    /// what is missing to stay at or above zero in the stretch that ended (DESIGN §1 Forecast
    /// step 8), zero for a stretch without a day.
    fn end_stretch(&mut self) -> Money {
        let low = self.stretch_low.take().unwrap_or(Money::ZERO);
        Money::ZERO.max(Money::ZERO.checked_sub(low).unwrap_or(Money::ZERO))
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
        self.changes.push(BalancePoint { date, balance });
        self.stretch_low = Some(self.stretch_low.map_or(balance, |low| low.min(balance)));
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
#[path = "forecast_tests.rs"]
mod tests;
