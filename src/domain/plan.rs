//! The plan: even out big bills over the paychecks before them, like envelopes (DESIGN §1
//! "Plan: even out big bills (envelopes)").
//!
//! Every bill has an [`Envelope`]: `reserved` (≥ 0.00) as of `reserved_on`. The forecast runs
//! the plan for every non-archived bill on its own, in cents, exactly as DESIGN's five steps say:
//! 1. Start: if `reserved_on <= from`, on `S = max(reserved_on, from − 1830 days)` with
//!    `r = reserved`; otherwise on `S = from` with `r = 0`.
//! 2. `Q` = the distinct payday dates on or after `S` (exceptions applied, archived paydays left
//!    out), known as far as 366 days past the forecast's last period start.
//! 3. The bill's occurrences before the first date of `Q` are paid from `r` as far as it goes;
//!    what `r` does not cover, for those dated from `from` to the day before the first period
//!    (to `until` when there is none), adds up to [`Forecast::plan_due_now`].
//! 4. For each `q` of `Q`, in order, through the forecast's last period: `E` = the day before the
//!    next date of `Q` (the last period's `end` for the last period); `A` = the bill's
//!    occurrences in `[q, E]`.
//!    - `A > 0`: `c = max(0, A − r)`, then `r = r + c − A` (the period's bills are paid).
//!    - `A = 0`: `D` = the bill's first occurrence in `[q, q + 366 days]`; none → `c = 0`.
//!      Otherwise `n` = the number of dates of `Q` in `[q, D]`, `due` = the bill's occurrences
//!      on `D`, `c = ceil(max(0, due − r) / n)` to the cent, and `r = r + c`.
//!    - When `q` starts a period of the forecast and `c > 0`, that period's plan lists the
//!      [`Contribution`] (the bill, `c`, and `r` after the step as `reserved`).
//! 5. [`PeriodPlan::set_aside`] is the sum of the period's contributions (ordered by bill name
//!    case-insensitively, then id); [`PeriodPlan::safe_to_spend`] is `income − set_aside`.
//!
//! # Decisions
//! - Paydays before `from` (from `S` on) are simulated like the others: the plan assumes their
//!   contributions were made, so bills they covered do not count toward `plan_due_now`.
//! - "Case-insensitively" is Rust's `str::to_lowercase`, the order every list of entries uses
//!   (`entry::sort_entries`); the forecast's occurrence lists keep their code-point order.
//! - `reserved` has no upper bound of its own; every sum is checked and an overflow is a
//!   [`ForecastError::Overflow`], as in the forecast.
//!
//! # Cost, and the cap
//! Each bill's occurrences are expanded once: the forecast's own (from `from` to the last
//! period's end) are read in place by the plan, which adds only what lies outside them. An
//! envelope holding money walks every occurrence from `S` to the day before `from`; before
//! `from`, a run of `A = 0` steps is jumped in constant time: spreading `x = due − r` over `n`
//! paychecks with `ceil` gives `x / n + 1` to the first `x mod n` of them and `x / n` to the
//! rest. An *empty* envelope (the default) walks nothing before `from`: from an empty
//! envelope, every step that pays the bill leaves `r = 0` (a run saves at most `due`, and the
//! step that pays has `A >= due`), so the plan starts on the paycheck after the last such step
//! before the first period, and only that occurrence is looked for. After the last period only
//! the bill's first occurrence matters, found when a step needs it. From `from` on, every
//! (bill, period) pair is one step, since each may list a contribution.
//!
//! The result is one table of `(c, r)` cells, a row per bill (written as the bill is planned)
//! and a column per period, which each period's [`Contributions`] reads; each period's
//! `set_aside` and count are summed on the way (see [`Contributions`] for why).
//!
//! The plan's work — the occurrences it walks (bills from `S`, paydays before `from` and past
//! the last period) plus its (bill, period) steps — counts toward [`MAX_PLAN_WORK`]. The steps
//! are counted before anything is built, the occurrences as they are walked; past the cap the
//! forecast is refused with [`ForecastError::TooLarge`]. [`forecast_without_plan`] skips all of
//! it.
//!
//! [`Forecast::plan_due_now`]: super::forecast::Forecast::plan_due_now
//! [`forecast_without_plan`]: super::forecast::forecast_without_plan

use chrono::{Days, NaiveDate};

use super::forecast::{Flow, ForecastError, Occurrence};
use super::id::Id;
use super::money::Money;
use super::occurrence::effective;
use super::window::{FIRST_DATE, LAST_DATE, in_calendar};

/// How far before `from` the plan may start (step 1), in days.
pub const LOOKBACK_DAYS: u64 = 1830;

/// How far after a payday the plan looks for a bill's next occurrence (step 4), in days.
pub const LOOKAHEAD_DAYS: u64 = 366;

/// Most work one plan may do: occurrences walked plus (bill, period) steps. The stress case
/// (1,000 bills, 5 paydays, five years) needs about 0.6 million.
pub const MAX_PLAN_WORK: usize = 2_000_000;

/// A bill's envelope: `reserved` (≥ 0.00) as of the start of `reserved_on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Envelope {
    reserved: Money,
    reserved_on: NaiveDate,
}

/// Why an envelope is refused. The messages are shown to users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EnvelopeError {
    /// `reserved` is below zero or over the largest amount.
    #[error("reserved must be between 0.00 and 1000000000.00")]
    OutOfRange,
    /// `reserved_on` is outside years 0001–9999.
    #[error("dates must be between 0001-01-01 and 9999-12-31")]
    OutOfCalendar,
}

impl Envelope {
    /// `reserved` as of `reserved_on`; refused when `reserved` is negative or the date is
    /// outside years 0001–9999.
    pub fn new(reserved: Money, reserved_on: NaiveDate) -> Result<Self, EnvelopeError> {
        if reserved < Money::ZERO || reserved > Money::from_cents(100_000_000_000) {
            return Err(EnvelopeError::OutOfRange);
        }
        if !in_calendar(reserved_on) {
            return Err(EnvelopeError::OutOfCalendar);
        }
        Ok(Envelope {
            reserved,
            reserved_on,
        })
    }

    /// An empty envelope (0.00) as of `on` — a new bill's, on the day it is created. A date
    /// outside the calendar is moved to its nearest end.
    pub fn empty(on: NaiveDate) -> Self {
        Envelope {
            reserved: Money::ZERO,
            reserved_on: on.clamp(FIRST_DATE, LAST_DATE),
        }
    }

    /// What is in the envelope, as of [`Envelope::reserved_on`].
    pub fn reserved(&self) -> Money {
        self.reserved
    }

    /// The day `reserved` was stated (as of its start).
    pub fn reserved_on(&self) -> NaiveDate {
        self.reserved_on
    }

    /// Step 1: the day the plan starts for a forecast from `from`, and `r` on it (cents).
    fn start(&self, from: NaiveDate) -> (NaiveDate, i64) {
        if self.reserved_on <= from {
            let earliest = from
                .checked_sub_days(Days::new(LOOKBACK_DAYS))
                .unwrap_or(FIRST_DATE);
            (self.reserved_on.max(earliest), self.reserved.cents())
        } else {
            (from, 0)
        }
    }
}

/// One bill's share of one paycheck in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contribution {
    /// The bill.
    pub bill: Id,
    /// What to put in its envelope from this paycheck (> 0).
    pub amount: Money,
    /// What the envelope holds after this paycheck's step (after paying the period's
    /// occurrences of the bill, if any).
    pub reserved: Money,
}

/// A pay period's plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeriodPlan {
    /// The sum of `contributions`: what to set aside from this paycheck under the plan.
    pub set_aside: Money,
    /// `income − set_aside`.
    pub safe_to_spend: Money,
    /// One per bill that gets something from this paycheck, by bill name (case-insensitive),
    /// then id.
    pub contributions: Contributions,
}

/// A period's contributions: a column of the plan's table (`Table`), read in bill order.
///
/// The plan runs bill by bill across every period, and nearly every bill gets something from
/// nearly every paycheck, so its result is a dense table of bills × periods. It is kept as one
/// table, written row by row as each bill is planned (the stress case's 576,000 cells are one
/// sequential write of 9 MB), and each period reads its column. One list per period instead
/// meant a scattered write to every period's list for every bill, twice the bytes (each
/// contribution repeating its bill's id), and was most of the stress case's time.
#[derive(Clone, Default)]
pub struct Contributions {
    table: Option<std::sync::Arc<Table>>,
    period: usize,
    len: usize,
}

/// The plan's steps: `(c, r after the step)` in cents for each bill (in plan order) and
/// period, at `bill * periods + period`. `c = 0` lists nothing.
#[derive(Default)]
struct Table {
    bills: Vec<Id>,
    periods: usize,
    cells: Vec<(i64, i64)>,
}

impl Contributions {
    /// How many bills get something from this paycheck.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no bill gets anything from this paycheck.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The contributions, by bill name (case-insensitive), then id.
    pub fn iter(&self) -> ContributionIter<'_> {
        let (bills, cells, periods) = match &self.table {
            Some(table) => (&table.bills[..], &table.cells[..], table.periods.max(1)),
            None => (&[][..], &[][..], 1),
        };
        ContributionIter {
            bills: bills.iter(),
            cells: cells
                .get(self.period..)
                .unwrap_or_default()
                .iter()
                .step_by(periods),
            left: self.len,
        }
    }

    /// The first contribution, if any.
    pub fn first(&self) -> Option<Contribution> {
        self.iter().next()
    }
}

impl<'t> IntoIterator for &'t Contributions {
    type Item = Contribution;
    type IntoIter = ContributionIter<'t>;

    fn into_iter(self) -> ContributionIter<'t> {
        self.iter()
    }
}

impl std::fmt::Debug for Contributions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Contributions {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl Eq for Contributions {}

impl FromIterator<Contribution> for Contributions {
    /// A single period's contributions, in the order given (those of `amount <= 0` are not
    /// listed).
    fn from_iter<I: IntoIterator<Item = Contribution>>(items: I) -> Self {
        let mut table = Table {
            periods: 1,
            ..Table::default()
        };
        for item in items {
            table.bills.push(item.bill);
            table
                .cells
                .push((item.amount.cents(), item.reserved.cents()));
        }
        let len = table.cells.iter().filter(|&&(c, _)| c > 0).count();
        Contributions {
            table: Some(std::sync::Arc::new(table)),
            period: 0,
            len,
        }
    }
}

/// The contributions of one period, in bill order.
pub struct ContributionIter<'t> {
    bills: std::slice::Iter<'t, Id>,
    cells: std::iter::StepBy<std::slice::Iter<'t, (i64, i64)>>,
    left: usize,
}

impl Iterator for ContributionIter<'_> {
    type Item = Contribution;

    fn next(&mut self) -> Option<Contribution> {
        if self.left == 0 {
            return None;
        }
        for (&bill, &(contribution, reserved)) in (&mut self.bills).zip(&mut self.cells) {
            if contribution > 0 {
                self.left -= 1;
                return Some(Contribution {
                    bill,
                    amount: Money::from_cents(contribution),
                    reserved: Money::from_cents(reserved),
                });
            }
        }
        None
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for ContributionIter<'_> {}

/// What the forecast knows when the plan runs.
pub(super) struct Frame<'f> {
    /// The forecast's first day.
    pub from: NaiveDate,
    /// The last period's end (`until` when there are no periods).
    pub walk_end: NaiveDate,
    /// Each period's start, in order.
    pub starts: &'f [NaiveDate],
    /// Each period's income.
    pub incomes: &'f [Money],
}

/// The plan of a forecast: `plan_due_now` and one [`PeriodPlan`] per period.
pub(super) struct Planned {
    pub due_now: Money,
    pub periods: Vec<PeriodPlan>,
}

/// Runs the plan for `bills` (active ones, each with its occurrences from `from` to
/// `walk_end` in date order) against `paydays` (active ones).
pub(super) fn plan(
    frame: &Frame<'_>,
    bills: &[(&Flow<'_>, &[Occurrence])],
    paydays: &[&Flow<'_>],
) -> Result<Planned, ForecastError> {
    let mut work = MAX_PLAN_WORK
        .checked_sub(bills.len().saturating_mul(frame.starts.len()))
        .ok_or(ForecastError::TooLarge)?;
    let period_count = frame.starts.len();
    if bills.is_empty() {
        return Ok(Planned {
            due_now: Money::ZERO,
            periods: finish(frame, Table::default(), &vec![(0, 0); period_count])?,
        });
    }

    let starts: Vec<(NaiveDate, i64)> = bills
        .iter()
        .map(|(bill, _)| bill.envelope.start(frame.from))
        .collect();
    let earliest = starts
        .iter()
        .map(|&(day, _)| day)
        .min()
        .unwrap_or(frame.from);
    let paychecks = Paychecks::new(frame, paydays, earliest, &mut work)?;

    let mut order: Vec<usize> = (0..bills.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (bills[a].0, bills[b].0);
        case_insensitive(a.name, b.name).then(a.id.cmp(&b.id))
    });

    let mut due_now = Money::ZERO;
    // Room for every bill's row up front (bills × periods is bounded by the cap checked above),
    // and each period's sum and count of contributions.
    let mut table = Table {
        bills: Vec::with_capacity(bills.len()),
        periods: period_count,
        cells: Vec::with_capacity(bills.len() * period_count),
    };
    let mut columns: Vec<(i64, usize)> = vec![(0, 0); period_count];
    for index in order {
        let (bill, in_window) = bills[index];
        let (start, reserved) = starts[index];
        // The occurrences before `from` that the plan walks: none from an empty envelope (see
        // `empty_envelope_start`), every one from `start` otherwise.
        let (start, before_from): (NaiveDate, Option<Box<dyn Iterator<Item = _>>>) =
            if reserved == 0 {
                match paychecks.empty_envelope_start(bill, start, in_window, &mut work)? {
                    Some(later) => (later, None),
                    None => continue,
                }
            } else {
                let day_before = frame.from.pred_opt().unwrap_or(frame.from);
                let walk = effective(
                    bill.schedule,
                    bill.amount,
                    bill.exceptions,
                    start,
                    day_before,
                );
                (
                    start,
                    (start < frame.from).then(|| Box::new(walk) as Box<dyn Iterator<Item = _>>),
                )
            };
        // The start may be after `from`; nothing before it plays a part.
        let in_window = &in_window[in_window.partition_point(|o| o.date < start)..];
        // After the last period only the first day with occurrences can matter, and only when
        // a step looks that far: found lazily.
        let lookahead = paychecks.lookahead;
        let after = std::iter::once_with(move || {
            let mut after = lookahead
                .into_iter()
                .flat_map(|(first, last)| {
                    effective(bill.schedule, bill.amount, bill.exceptions, first, last)
                })
                .peekable();
            let first_day = after.peek().map(|&(day, _)| day);
            after.take_while(move |&(day, _)| Some(day) == first_day)
        })
        .flatten();
        let mut dated = Dated::new(before_from, in_window, after, work).covering(frame.walk_end);
        table.bills.push(bill.id);
        let row = table.cells.len();
        table.cells.resize(row + period_count, (0, 0));
        let cells = &mut table.cells[row..];
        let uncovered = simulate(&paychecks, start, reserved, &mut dated, |step| {
            let period = step.index - paychecks.first_period;
            cells[period] = (step.contribution, step.reserved);
            if step.contribution > 0 {
                let (sum, count) = &mut columns[period];
                *sum = add(*sum, step.contribution)?;
                *count += 1;
            }
            Ok(())
        })?;
        work = dated.unused_work()?;
        due_now = due_now.checked_add(Money::from_cents(uncovered))?;
    }
    Ok(Planned {
        due_now,
        periods: finish(frame, table, &columns)?,
    })
}

/// Each period's plan from the table and each period's (sum, count) of contributions.
fn finish(
    frame: &Frame<'_>,
    table: Table,
    columns: &[(i64, usize)],
) -> Result<Vec<PeriodPlan>, ForecastError> {
    let table = std::sync::Arc::new(table);
    frame
        .incomes
        .iter()
        .zip(columns)
        .enumerate()
        .map(|(period, (&income, &(sum, len)))| {
            let set_aside = Money::from_cents(sum);
            Ok(PeriodPlan {
                set_aside,
                safe_to_spend: income.checked_sub(set_aside)?,
                contributions: Contributions {
                    table: Some(std::sync::Arc::clone(&table)),
                    period,
                    len,
                },
            })
        })
        .collect()
}

/// The payday dates `Q` of every bill's plan, and where the forecast's periods sit in them.
struct Paychecks {
    from: NaiveDate,
    /// Distinct payday dates from the earliest start to 366 days past the last period start.
    dates: Vec<NaiveDate>,
    /// For each date but the last, the day before the next: `E` of its step.
    ends: Vec<NaiveDate>,
    /// For each date, 366 days later (or the calendar's end): the last day a `D` may be.
    horizons: Vec<NaiveDate>,
    /// The index in `dates` of the first period's start.
    first_period: usize,
    /// The index in `dates` of the last period's start; `None` without periods.
    last_period: Option<usize>,
    /// The last period's end.
    walk_end: NaiveDate,
    /// The days after the last period in which a bill's next occurrence matters.
    lookahead: Option<(NaiveDate, NaiveDate)>,
}

impl Paychecks {
    fn new(
        frame: &Frame<'_>,
        paydays: &[&Flow<'_>],
        earliest: NaiveDate,
        work: &mut usize,
    ) -> Result<Self, ForecastError> {
        let mut expand =
            |from: NaiveDate, to: NaiveDate| -> Result<Vec<NaiveDate>, ForecastError> {
                let mut dates = Vec::new();
                for payday in paydays {
                    let before = dates.len();
                    dates.extend(
                        effective(payday.schedule, payday.amount, payday.exceptions, from, to)
                            .take(work.saturating_add(1))
                            .map(|(date, _)| date),
                    );
                    *work = work
                        .checked_sub(dates.len() - before)
                        .ok_or(ForecastError::TooLarge)?;
                }
                dates.sort_unstable();
                dates.dedup();
                Ok(dates)
            };
        let mut dates = match frame.from.pred_opt() {
            Some(day_before) if earliest <= day_before => expand(earliest, day_before)?,
            _ => Vec::new(),
        };
        let first_period = dates.len();
        dates.extend_from_slice(frame.starts);
        let lookahead = frame.starts.last().and_then(|&last| {
            let first = frame.walk_end.succ_opt()?;
            let last = last
                .checked_add_days(Days::new(LOOKAHEAD_DAYS))
                .unwrap_or(LAST_DATE)
                .min(LAST_DATE);
            (first <= last).then_some((first, last))
        });
        if let Some((first, last)) = lookahead {
            dates.extend(expand(first, last)?);
        }
        let ends = dates
            .windows(2)
            .map(|pair| pair[1].pred_opt().unwrap_or(pair[0]))
            .collect();
        let horizons = dates
            .iter()
            .map(|day| {
                day.checked_add_days(Days::new(LOOKAHEAD_DAYS))
                    .unwrap_or(LAST_DATE)
            })
            .collect();
        Ok(Paychecks {
            from: frame.from,
            ends,
            horizons,
            last_period: (!frame.starts.is_empty()).then(|| first_period + frame.starts.len() - 1),
            dates,
            first_period,
            walk_end: frame.walk_end,
            lookahead,
        })
    }

    /// For a bill whose envelope is empty on `start`: a start on or after it from which the plan
    /// (with `r = 0`) is the same, or `None` when the bill plays no part (nothing due now and no
    /// periods).
    ///
    /// From an empty envelope, `r` never exceeds `A` when the bill is paid (step 4 saves at most
    /// `due`, and `A >= due`), so every step that pays the bill leaves `r = 0`. The plan can
    /// therefore start on the paycheck after the last step before the first period that pays
    /// the bill: only that occurrence has to be found, not every one since `start`. Before any
    /// paycheck, an empty envelope pays nothing and nothing before `from` is due now.
    /// `in_window` are the bill's occurrences from `from` on: when one falls before the first
    /// period, it is the last one sought and nothing needs expanding.
    fn empty_envelope_start(
        &self,
        bill: &Flow<'_>,
        start: NaiveDate,
        in_window: &[Occurrence],
        work: &mut usize,
    ) -> Result<Option<NaiveDate>, ForecastError> {
        let q = &self.dates;
        let first = q.partition_point(|&day| day < start);
        if first >= self.first_period {
            return Ok(Some(start.max(self.from)));
        }
        if self.last_period.is_none() {
            // Paychecks before `from` only: what falls before the first is before `from`, and
            // there is no step to report.
            return Ok(None);
        }
        let low = q[first];
        let first_period = q[self.first_period];
        let before_period = &in_window[..in_window.partition_point(|o| o.date < first_period)];
        let last = match before_period.last() {
            Some(occurrence) => Some(occurrence.date),
            None => {
                let high = self.from.pred_opt().unwrap_or(low).max(low);
                last_occurrence(bill, low, high, work)?
            }
        };
        Ok(Some(match last {
            // The step paying `day` is the last paycheck on or before it; start on the next.
            Some(day) => q[q.partition_point(|&payday| payday <= day)],
            None => low,
        }))
    }

    /// `E` for the step at `index` (which is at most the last period's).
    fn end(&self, index: usize, last: usize) -> NaiveDate {
        if index < last {
            self.ends[index]
        } else {
            self.walk_end
        }
    }
}

/// The date of `bill`'s last occurrence from `low` to `high`, looking back from `high` in
/// windows that grow fourfold (32 days first), so a frequent bill costs a few occurrences and a
/// rare one a few windows. The occurrences looked at count against `work`.
fn last_occurrence(
    bill: &Flow<'_>,
    low: NaiveDate,
    high: NaiveDate,
    work: &mut usize,
) -> Result<Option<NaiveDate>, ForecastError> {
    let mut span = 32;
    loop {
        let from = high
            .checked_sub_days(Days::new(span))
            .map_or(low, |day| day.max(low));
        let mut seen = 0usize;
        let last = effective(bill.schedule, bill.amount, bill.exceptions, from, high)
            .take(work.saturating_add(1))
            .inspect(|_| seen += 1)
            .last();
        *work = work.checked_sub(seen).ok_or(ForecastError::TooLarge)?;
        if last.is_some() || from == low {
            return Ok(last.map(|(day, _)| day));
        }
        span *= 4;
    }
}

/// A bill's occurrences as `(date, sum of that day's amounts)`, one day at a time: those before
/// `from` that the plan walks, the forecast's own (read in place), then those after the last
/// period. The ones the plan expands itself count against its remaining work.
///
/// The occurrences after the last period cost an expansion of the schedule; when the walk says
/// how far the first two parts reach ([`Dated::covering`]), a question about days up to there
/// ([`Dated::head_through`]) never starts it.
struct Dated<'w, B, A> {
    /// `None` once it has run out.
    before: Option<B>,
    window: std::slice::Iter<'w, Occurrence>,
    /// `None` once it has run out.
    after: Option<A>,
    /// The last day `before` and `window` cover: every item of `after` is later.
    covered: Option<NaiveDate>,
    /// An item pulled but not yet summed (the first of the next day).
    pulled: Option<(NaiveDate, Money)>,
    head: Option<(NaiveDate, i64)>,
    allowance: usize,
    walked: usize,
}

impl<'w, B, A> Dated<'w, B, A>
where
    B: Iterator<Item = (NaiveDate, Money)>,
    A: Iterator<Item = (NaiveDate, Money)>,
{
    fn new(before: Option<B>, window: &'w [Occurrence], after: A, allowance: usize) -> Self {
        Dated {
            before,
            window: window.iter(),
            after: Some(after),
            covered: None,
            pulled: None,
            head: None,
            allowance,
            walked: 0,
        }
    }

    /// Says that `before` and `window` hold every occurrence up to `day`.
    fn covering(self, day: NaiveDate) -> Self {
        Dated {
            covered: Some(day),
            ..self
        }
    }

    /// The next occurrence, if it may be on or before `limit` (`None`: any); nothing once the
    /// allowance is used up. `after` is left alone when `limit` is within what the other parts
    /// cover.
    fn pull(&mut self, limit: Option<NaiveDate>) -> Option<(NaiveDate, Money)> {
        if self.walked > self.allowance {
            return None;
        }
        if let Some(before) = &mut self.before {
            if let Some(item) = before.next() {
                self.walked += 1;
                return Some(item);
            }
            self.before = None;
        }
        if let Some(occurrence) = self.window.next() {
            return Some((occurrence.date, occurrence.amount));
        }
        if let (Some(covered), Some(limit)) = (self.covered, limit)
            && limit <= covered
        {
            return None;
        }
        let Some(item) = self.after.as_mut()?.next() else {
            self.after = None;
            return None;
        };
        self.walked += 1;
        Some(item)
    }

    /// Sums the next day with occurrences into `head`, if there is one on or before `limit`
    /// (`None`: any).
    fn fill_head(&mut self, limit: Option<NaiveDate>) -> Result<(), ForecastError> {
        if self.head.is_some() {
            return Ok(());
        }
        let Some((date, amount)) = self.pulled.take().or_else(|| self.pull(limit)) else {
            return Ok(());
        };
        let mut sum = amount.cents();
        loop {
            match self.pull(Some(date)) {
                Some((next, more)) if next == date => {
                    sum = sum
                        .checked_add(more.cents())
                        .ok_or(ForecastError::Overflow)?;
                }
                other => {
                    self.pulled = other;
                    break;
                }
            }
        }
        self.head = Some((date, sum));
        Ok(())
    }

    /// The next day with occurrences and their sum, without consuming it.
    fn head(&mut self) -> Result<Option<(NaiveDate, i64)>, ForecastError> {
        self.fill_head(None)?;
        Ok(self.head)
    }

    /// The next day with occurrences and their sum if it is on or before `end`, without
    /// consuming it.
    fn head_through(&mut self, end: NaiveDate) -> Result<Option<(NaiveDate, i64)>, ForecastError> {
        self.fill_head(Some(end))?;
        Ok(self.head.filter(|&(date, _)| date <= end))
    }

    /// Consumes the head day.
    fn pop(&mut self) {
        self.head = None;
    }

    /// The sum of the days up to `end`, consumed.
    fn take_through(&mut self, end: NaiveDate) -> Result<i64, ForecastError> {
        let mut sum = 0i64;
        while let Some((_, amount)) = self.head_through(end)? {
            self.pop();
            sum = sum.checked_add(amount).ok_or(ForecastError::Overflow)?;
        }
        Ok(sum)
    }

    /// The allowance left, or `TooLarge` when the walk needed more.
    fn unused_work(&self) -> Result<usize, ForecastError> {
        self.allowance
            .checked_sub(self.walked)
            .ok_or(ForecastError::TooLarge)
    }
}

/// One step of step 4 for a paycheck that starts a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Step {
    /// The paycheck's index in `Paychecks::dates`.
    index: usize,
    /// `r` before the step.
    reserved_before: i64,
    /// `A`: the bill's occurrences paid in the step.
    paid: i64,
    /// `c`.
    contribution: i64,
    /// `r` after the step.
    reserved: i64,
}

fn add(a: i64, b: i64) -> Result<i64, ForecastError> {
    a.checked_add(b).ok_or(ForecastError::Overflow)
}

/// Runs steps 3 and 4 for one bill starting on `start` with `reserved` cents; calls `on_step`
/// for every paycheck that starts a period, and returns the bill's part of `plan_due_now`.
fn simulate<B, A>(
    paychecks: &Paychecks,
    start: NaiveDate,
    reserved: i64,
    dated: &mut Dated<'_, B, A>,
    mut on_step: impl FnMut(Step) -> Result<(), ForecastError>,
) -> Result<i64, ForecastError>
where
    B: Iterator<Item = (NaiveDate, Money)>,
    A: Iterator<Item = (NaiveDate, Money)>,
{
    let q = &paychecks.dates;
    let first = q.partition_point(|&day| day < start);
    let mut r = reserved;

    // Step 3: what comes before the first paycheck is paid from r. Without periods the walk
    // ends on `until`, so nothing after it counts.
    let step3_end = q.get(first).map_or(paychecks.walk_end, |&payday| {
        payday.pred_opt().unwrap_or(payday).min(paychecks.walk_end)
    });
    let mut uncovered_now = 0i64;
    while let Some((date, amount)) = dated.head_through(step3_end)? {
        dated.pop();
        let paid = amount.min(r);
        r -= paid;
        if date >= paychecks.from {
            uncovered_now = add(uncovered_now, amount - paid)?;
        }
    }
    let Some(last) = paychecks.last_period else {
        return Ok(uncovered_now);
    };

    // Step 4. D only moves forward, so the searches for it in `q` resume where they stopped.
    // (Starting `reach_index` at `first` is safe: `spread_from` is never below `index`.)
    let (mut after_due, mut reach_index) = (first, first);
    let mut index = first;
    while index <= last {
        let end = paychecks.end(index, last);
        if let Some((_, first)) = dated.head_through(end)? {
            dated.pop();
            let paid = add(first, dated.take_through(end)?)?;
            let contribution = (paid - r).max(0);
            let before = r;
            r = add(r, contribution)? - paid;
            if index >= paychecks.first_period {
                on_step(Step {
                    index,
                    reserved_before: before,
                    paid,
                    contribution,
                    reserved: r,
                })?;
            }
            index += 1;
            continue;
        }
        // A = 0 from `index` to `run_end`: every step saves toward the next occurrence D.
        let Some((due_on, due)) = dated.head()? else {
            for index in index.max(paychecks.first_period)..=last {
                on_step(Step {
                    index,
                    reserved_before: r,
                    paid: 0,
                    contribution: 0,
                    reserved: r,
                })?;
            }
            break;
        };
        // `q[after_due − 1]` is the last paycheck on or before D: the one whose step pays it.
        after_due = search_from(q, after_due, |day| day <= due_on);
        let run_end = after_due.saturating_sub(2).min(last).max(index);
        // Steps before `spread_from` are more than 366 days before D: c = 0.
        reach_index = search_from(&paychecks.horizons, reach_index, |horizon| horizon < due_on);
        let spread_from = reach_index.max(index);
        let spread = Spread::new(due - r, after_due.saturating_sub(spread_from) as i64);
        let contribution_at = |step: usize| -> i64 {
            if step < spread_from {
                0
            } else {
                spread.nth((step - spread_from) as i64)
            }
        };
        // Before `from` the run is jumped.
        let forward = index.max(paychecks.first_period);
        if index < forward {
            let jumped_to = forward.min(run_end + 1);
            let from = index.max(spread_from);
            if from < jumped_to {
                let k0 = (from - spread_from) as i64;
                let k1 = (jumped_to - spread_from) as i64;
                r = add(r, spread.total(k0, k1)?)?;
            }
        }
        for step in forward..=run_end {
            let contribution = contribution_at(step);
            let before = r;
            r = add(r, contribution)?;
            on_step(Step {
                index: step,
                reserved_before: before,
                paid: 0,
                contribution,
                reserved: r,
            })?;
        }
        index = run_end + 1;
    }
    Ok(uncovered_now)
}

/// `a` and `b` ordered as `a.to_lowercase()` and `b.to_lowercase()` are, without building
/// either while both are ASCII (nearly every name): the first bytes that differ once
/// lower-cased decide, then the length.
fn case_insensitive(a: &str, b: &str) -> std::cmp::Ordering {
    for (&x, &y) in a.as_bytes().iter().zip(b.as_bytes()) {
        if x == y && x.is_ascii() {
            continue;
        }
        if !(x.is_ascii() && y.is_ascii()) {
            // Up to here both are the same ASCII, which lower-cases alike.
            return a.to_lowercase().cmp(&b.to_lowercase());
        }
        let (x, y) = (x.to_ascii_lowercase(), y.to_ascii_lowercase());
        if x != y {
            return x.cmp(&y);
        }
    }
    if a.is_ascii() && b.is_ascii() {
        a.len().cmp(&b.len())
    } else {
        a.to_lowercase().cmp(&b.to_lowercase())
    }
}

/// The first index from `start` on whose date fails `before` (which holds for a prefix of
/// `dates`): a few steps forward, then a binary search, since the answer is usually a few
/// paychecks after the previous one.
fn search_from(dates: &[NaiveDate], start: usize, before: impl Fn(NaiveDate) -> bool) -> usize {
    let mut index = start.min(dates.len());
    for _ in 0..8 {
        match dates.get(index) {
            Some(&day) if before(day) => index += 1,
            _ => return index,
        }
    }
    index + dates[index..].partition_point(|&day| before(day))
}

/// `x` cents spread over `n` paychecks with `c = ceil(x_left / n_left)` at each: the first
/// `x mod n` get `x / n + 1`, the rest `x / n`. Nothing when `x <= 0`.
struct Spread {
    each: i64,
    one_more: i64,
}

impl Spread {
    fn new(x: i64, n: i64) -> Self {
        if x <= 0 || n <= 0 {
            Spread {
                each: 0,
                one_more: 0,
            }
        } else {
            Spread {
                each: x / n,
                one_more: x % n,
            }
        }
    }

    /// The contribution of the `k`th paycheck (from 0).
    fn nth(&self, k: i64) -> i64 {
        self.each + i64::from(k < self.one_more)
    }

    /// The contributions of paychecks `k0..k1`.
    fn total(&self, k0: i64, k1: i64) -> Result<i64, ForecastError> {
        let extra = k1.min(self.one_more) - k0.min(self.one_more);
        self.each
            .checked_mul(k1 - k0)
            .and_then(|sum| sum.checked_add(extra))
            .ok_or(ForecastError::Overflow)
    }
}

#[cfg(test)]
#[path = "plan_tests.rs"]
mod tests;
