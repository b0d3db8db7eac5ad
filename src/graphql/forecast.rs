//! The `forecast` query and its types. The numbers come from `domain::forecast`; this module
//! reads the viewer's bills and paydays (one store read on SQLite, two at once on MongoDB,
//! whatever their number), applies the defaults, and hands the forecast with those entries to
//! the direct execution of [`super::direct`]: each type has its `#[Object]` impl (the schema,
//! and the reference path) and beside it a [`DirectObject`] impl that resolves the same fields
//! synchronously, taking each occurrence's bill or payday from the entries in hand. On the
//! reference path ([`GenericExecution`]) occurrences resolve
//! their entries through the per-request DataLoaders, whose caches are primed with the entries
//! read.

use async_graphql::{Context, Object, ServerResult, SimpleObject, Value};
use chrono::Utc;

use super::budget::draw_list;
use super::direct::{Direct, DirectObject, GenericExecution, Out, Walk, field_error, list, nested};
use super::entries::{Bill, BillRef, Payday, PaydayRef};
use super::loaders::{BillLoader, PaydayLoader};
use super::scalars::Date;
use super::{store, viewer};
use crate::domain::balance::estimated_balance;
use crate::domain::entry::Entry;
use crate::domain::forecast::{self, Flow, Occurrence};
use crate::domain::money::Money;
use crate::domain::plan;
use crate::domain::window::Window;
use crate::error::{AppError, AppResult};

/// How far ahead a forecast looks when `until` is not given, in days.
pub const DEFAULT_WINDOW_DAYS: u64 = 90;

/// The forecast query.
#[derive(Default)]
pub struct ForecastQuery;

#[Object]
impl ForecastQuery {
    /// Pay periods from `from` (default: today in your timezone) to `until` (default: 90 days
    /// later; at most 1830 days after `from`), starting from `startingBalance` (default: your
    /// estimated balance on `from`). Archived bills and paydays are left out; changed
    /// occurrences are applied.
    async fn forecast(
        &self,
        ctx: &Context<'_>,
        from: Option<Date>,
        until: Option<Date>,
        starting_balance: Option<Money>,
    ) -> AppResult<Direct<Forecast>> {
        let user = viewer(ctx)?;
        let from = from.map_or_else(|| user.timezone.today(Utc::now()), |d| d.0);
        let window = match until {
            Some(until) => Window::new(from, until.0),
            None => Window::starting(from, DEFAULT_WINDOW_DAYS),
        }?;
        let (bill_entries, payday_entries) = entries(ctx, user.id).await?;
        if ctx.data_opt::<GenericExecution>().is_some() {
            prime_loaders(ctx, &bill_entries, &payday_entries).await;
        }
        super::budget::check(ctx)?;
        let (bills, paydays) = (flows(&bill_entries), flows(&payday_entries));
        let starting_balance = match starting_balance {
            Some(balance) => balance,
            None => estimated_balance(user.balance, user.balance_on, from, &bills, &paydays)?,
        };
        // The plan costs about as much again as the forecast: only when the query shows it.
        let look = ctx.look_ahead();
        let wants_plan =
            look.field("planDueNow").exists() || look.field("periods").field("plan").exists();
        let result = if wants_plan {
            forecast::forecast(window, starting_balance, &bills, &paydays)?
        } else {
            forecast::forecast_without_plan(window, starting_balance, &bills, &paydays)?
        };
        Ok(Direct::new(Forecast(result), bill_entries, payday_entries))
    }
}

/// All the viewer's bills and paydays, archived ones included (the engine is the one place that
/// leaves them out), by [`Store::bills_and_paydays`](crate::store::Store::bills_and_paydays).
pub(super) async fn entries(
    ctx: &Context<'_>,
    owner: crate::domain::id::Id,
) -> AppResult<(Vec<Entry>, Vec<Entry>)> {
    let store = store(ctx);
    let (bills, paydays) = store.bills_and_paydays(owner, true).await?;
    let holidays = super::holidays(ctx);
    let observe = |entries: Vec<Entry>| -> Vec<Entry> {
        entries
            .into_iter()
            .map(|e| e.with_holidays(holidays))
            .collect()
    };
    Ok((observe(bills), observe(paydays)))
}

/// On the reference path the occurrences' `bill`/`payday` fields resolve through the request's
/// DataLoaders; the entries are in hand, so they prime the loaders' caches and a forecast costs
/// exactly the reads of [`entries`] there too.
async fn prime_loaders(ctx: &Context<'_>, bills: &[Entry], paydays: &[Entry]) {
    if let Some(loader) = ctx.data_opt::<BillLoader>() {
        loader
            .0
            .feed_many(bills.iter().map(|e| (e.id, e.clone())))
            .await;
    }
    if let Some(loader) = ctx.data_opt::<PaydayLoader>() {
        loader
            .0
            .feed_many(paydays.iter().map(|e| (e.id, e.clone())))
            .await;
    }
}

/// The forecast's view of entries.
pub(super) fn flows(entries: &[Entry]) -> Vec<Flow<'_>> {
    entries.iter().map(Entry::flow).collect()
}

/// What to set aside from each paycheck, and what the balance does, over a window.
pub struct Forecast(forecast::Forecast);

/// What to set aside from each paycheck, and what the balance does, over a window.
#[Object]
impl Forecast {
    /// First day of the window.
    async fn from(&self) -> Date {
        Date(self.0.from)
    }

    /// Last day of the window (the last period may run past it, to the day before the next
    /// payday).
    async fn until(&self) -> Date {
        Date(self.0.until)
    }

    /// The balance the walk starts from, on `from`.
    async fn starting_balance(&self) -> Money {
        self.0.starting_balance
    }

    /// Sum of the bills due before the next payday: money needed now, from the balance.
    async fn due_before_next_payday(&self) -> Money {
        self.0.due_before_next_payday
    }

    /// The bills due from `from` to the day before the next payday.
    async fn bills_before_next_payday(&self, ctx: &Context<'_>) -> AppResult<Vec<BillOccurrence>> {
        bill_occurrences(ctx, &self.0.bills_before_next_payday)
    }

    /// The first payday on or after `from` (within the window), if any.
    async fn next_payday(&self) -> Option<Date> {
        self.0.next_payday.map(Date)
    }

    /// One period per payday date in the window, in date order.
    async fn periods(&self, ctx: &Context<'_>) -> AppResult<Vec<PayPeriod<'_>>> {
        draw_list(ctx, self.0.periods.len())?;
        Ok(self.0.periods.iter().map(PayPeriod).collect())
    }

    /// The lowest end-of-day balance over the whole walk (earliest date on ties).
    async fn lowest_balance(&self) -> BalancePoint {
        BalancePoint {
            date: Date(self.0.lowest_balance.date),
            balance: self.0.lowest_balance.balance,
        }
    }

    /// The end-of-day balance of every day of the walk, from `from` to the end of the last
    /// period (`until` without one), in date order: the walk `lowestBalance` is the lowest
    /// point of.
    async fn balances(&self, ctx: &Context<'_>) -> AppResult<Vec<BalancePoint>> {
        let days = self.0.balances();
        draw_list(ctx, days.len())?;
        Ok(days
            .map(|point| BalancePoint {
                date: Date(point.date),
                balance: point.balance,
            })
            .collect())
    }

    /// Sum of all periods' income.
    async fn total_income(&self) -> Money {
        self.0.total_income
    }

    /// `dueBeforeNextPayday` plus every period's `setAside`.
    async fn total_bills(&self) -> Money {
        self.0.total_bills
    }

    /// What you are missing to stay at or above zero before the next payday if you spend nothing
    /// else: max(0, −(the lowest end-of-day balance from `from` to the day before the first
    /// period, or to `until` when there is none)). Lead with it whenever it is not zero.
    async fn shortfall_before_next_payday(&self) -> Money {
        self.0.shortfall_before_next_payday
    }

    /// What the envelopes do not cover of the bills due before the next payday: the plan's
    /// "money needed now".
    async fn plan_due_now(&self) -> Money {
        self.0.plan_due_now
    }
}

/// The days from one payday to the day before the next.
pub struct PayPeriod<'a>(&'a forecast::PayPeriod);

/// The days from one payday to the day before the next.
#[Object]
impl PayPeriod<'_> {
    /// The payday that opens the period.
    async fn start(&self) -> Date {
        Date(self.0.start)
    }

    /// The day before the next payday (or the window's end when there is none).
    async fn end(&self) -> Date {
        Date(self.0.end)
    }

    /// Pay received on `start`.
    async fn income(&self) -> Money {
        self.0.income
    }

    /// The payday occurrences on `start`.
    async fn paydays(&self, ctx: &Context<'_>) -> AppResult<Vec<PaydayOccurrence>> {
        draw_list(ctx, self.0.paydays.len())?;
        Ok(self
            .0
            .paydays
            .iter()
            .map(|o| PaydayOccurrence(*o))
            .collect())
    }

    /// The bills due within the period, by date, name, id.
    async fn bills(&self, ctx: &Context<'_>) -> AppResult<Vec<BillOccurrence>> {
        bill_occurrences(ctx, &self.0.bills)
    }

    /// What to set aside from this paycheck: the sum of `bills`.
    async fn set_aside(&self) -> Money {
        self.0.set_aside
    }

    /// `income − setAside`; negative means this paycheck cannot cover its bills.
    async fn leftover(&self) -> Money {
        self.0.leftover
    }

    /// The balance at the end of the period's last day.
    async fn ending_balance(&self) -> Money {
        self.0.ending_balance
    }

    /// What you are missing to stay at or above zero within this period if you spend nothing
    /// else: max(0, −(its lowest end-of-day balance)).
    async fn shortfall(&self) -> Money {
        self.0.shortfall
    }

    /// The smoothed plan for this paycheck: each bill's contribution to its envelope.
    async fn plan(&self) -> PeriodPlanObject<'_> {
        PeriodPlanObject(&self.0.plan)
    }
}

fn bill_occurrences(
    ctx: &Context<'_>,
    occurrences: &[Occurrence],
) -> AppResult<Vec<BillOccurrence>> {
    draw_list(ctx, occurrences.len())?;
    Ok(occurrences.iter().map(|o| BillOccurrence(*o)).collect())
}

/// One due date of one bill.
pub struct BillOccurrence(Occurrence);

/// One due date of one bill.
#[Object]
impl BillOccurrence {
    /// The bill.
    async fn bill(&self, ctx: &Context<'_>) -> AppResult<Bill> {
        load_bill(ctx, self.0.id).await
    }

    /// The due date (weekend rule applied).
    async fn date(&self) -> Date {
        Date(self.0.date)
    }

    /// The amount due.
    async fn amount(&self) -> Money {
        self.0.amount
    }
}

/// One pay date of one payday.
pub struct PaydayOccurrence(Occurrence);

/// One pay date of one payday.
#[Object]
impl PaydayOccurrence {
    /// The payday.
    async fn payday(&self, ctx: &Context<'_>) -> AppResult<Payday> {
        let loader = ctx
            .data_opt::<PaydayLoader>()
            .ok_or_else(AppError::unauthenticated)?;
        loader
            .0
            .load_one(self.0.id)
            .await?
            .map(Payday)
            .ok_or(AppError::NotFound("payday"))
    }

    /// The pay date (weekend rule applied).
    async fn date(&self) -> Date {
        Date(self.0.date)
    }

    /// The amount paid.
    async fn amount(&self) -> Money {
        self.0.amount
    }
}

/// The smoothed plan for one paycheck.
pub struct PeriodPlanObject<'a>(&'a plan::PeriodPlan);

/// The smoothed plan for one paycheck.
#[Object(name = "PeriodPlan")]
impl PeriodPlanObject<'_> {
    /// The sum of the contributions: what to set aside from this paycheck under the plan.
    async fn set_aside(&self) -> Money {
        self.0.set_aside
    }

    /// `income − setAside`.
    async fn safe_to_spend(&self) -> Money {
        self.0.safe_to_spend
    }

    /// Each bill's share of this paycheck, by bill name (case-insensitive), then id.
    async fn contributions(&self, ctx: &Context<'_>) -> AppResult<Vec<ContributionObject>> {
        draw_list(ctx, self.0.contributions.len())?;
        Ok(self
            .0
            .contributions
            .iter()
            .map(ContributionObject)
            .collect())
    }
}

/// What one paycheck puts in one bill's envelope.
pub struct ContributionObject(plan::Contribution);

/// What one paycheck puts in one bill's envelope.
#[Object(name = "Contribution")]
impl ContributionObject {
    /// The bill.
    async fn bill(&self, ctx: &Context<'_>) -> AppResult<Bill> {
        load_bill(ctx, self.0.bill).await
    }

    /// What this paycheck sets aside for the bill.
    async fn amount(&self) -> Money {
        self.0.amount
    }

    /// The envelope after this paycheck's contribution (and the period's bills paid from it).
    async fn reserved(&self) -> Money {
        self.0.reserved
    }
}

async fn load_bill(ctx: &Context<'_>, id: crate::domain::id::Id) -> AppResult<Bill> {
    let loader = ctx
        .data_opt::<BillLoader>()
        .ok_or_else(AppError::unauthenticated)?;
    loader
        .0
        .load_one(id)
        .await?
        .map(Bill)
        .ok_or(AppError::NotFound("bill"))
}

/// A balance on a day.
#[derive(SimpleObject)]
pub struct BalancePoint {
    /// The day.
    date: Date,
    /// The end-of-day balance.
    balance: Money,
}

impl DirectObject for Forecast {
    const NAME: &'static str = "Forecast";
    const FIELDS: &'static [&'static str] = &[
        "from",
        "until",
        "startingBalance",
        "dueBeforeNextPayday",
        "billsBeforeNextPayday",
        "nextPayday",
        "periods",
        "lowestBalance",
        "balances",
        "totalIncome",
        "totalBills",
        "shortfallBeforeNextPayday",
        "planDueNow",
    ];

    fn field(&self, ctx: &Context<'_>, walk: &Walk<'_>, out: &mut Out<'_>) -> ServerResult<()> {
        let f = &self.0;
        match ctx.item.node.name.node.as_str() {
            "from" => out.put(f.from),
            "until" => out.put(f.until),
            "startingBalance" => out.put(f.starting_balance),
            "dueBeforeNextPayday" => out.put(f.due_before_next_payday),
            "billsBeforeNextPayday" => list(
                ctx,
                f.bills_before_next_payday
                    .iter()
                    .map(|o| BillOccurrence(*o)),
                walk,
                out,
            )?,
            "nextPayday" => out.put(f.next_payday),
            "periods" => list(ctx, f.periods.iter().map(PayPeriod), walk, out)?,
            "lowestBalance" => nested(
                ctx,
                &BalancePoint {
                    date: Date(f.lowest_balance.date),
                    balance: f.lowest_balance.balance,
                },
                walk,
                out,
            )?,
            "balances" => list(
                ctx,
                f.balances().map(|point| BalancePoint {
                    date: Date(point.date),
                    balance: point.balance,
                }),
                walk,
                out,
            )?,
            "totalIncome" => out.put(f.total_income),
            "totalBills" => out.put(f.total_bills),
            "shortfallBeforeNextPayday" => out.put(f.shortfall_before_next_payday),
            "planDueNow" => out.put(f.plan_due_now),
            _ => out.put(Value::Null),
        }
        Ok(())
    }
}

impl DirectObject for PayPeriod<'_> {
    const NAME: &'static str = "PayPeriod";
    const FIELDS: &'static [&'static str] = &[
        "start",
        "end",
        "income",
        "paydays",
        "bills",
        "setAside",
        "leftover",
        "endingBalance",
        "shortfall",
        "plan",
    ];

    fn field(&self, ctx: &Context<'_>, walk: &Walk<'_>, out: &mut Out<'_>) -> ServerResult<()> {
        let p = self.0;
        match ctx.item.node.name.node.as_str() {
            "start" => out.put(p.start),
            "end" => out.put(p.end),
            "income" => out.put(p.income),
            "paydays" => list(
                ctx,
                p.paydays.iter().map(|o| PaydayOccurrence(*o)),
                walk,
                out,
            )?,
            "bills" => list(ctx, p.bills.iter().map(|o| BillOccurrence(*o)), walk, out)?,
            "setAside" => out.put(p.set_aside),
            "leftover" => out.put(p.leftover),
            "endingBalance" => out.put(p.ending_balance),
            "shortfall" => out.put(p.shortfall),
            "plan" => nested(ctx, &PeriodPlanObject(&p.plan), walk, out)?,
            _ => out.put(Value::Null),
        }
        Ok(())
    }
}

impl DirectObject for BillOccurrence {
    const NAME: &'static str = "BillOccurrence";
    const FIELDS: &'static [&'static str] = &["bill", "date", "amount"];

    fn field(&self, ctx: &Context<'_>, walk: &Walk<'_>, out: &mut Out<'_>) -> ServerResult<()> {
        match ctx.item.node.name.node.as_str() {
            "bill" => {
                let entry = walk.bill(self.0.id).map_err(|e| field_error(ctx, e))?;
                nested(ctx, &BillRef(entry), walk, out)?
            }
            "date" => out.put(self.0.date),
            "amount" => out.put(self.0.amount),
            _ => out.put(Value::Null),
        }
        Ok(())
    }
}

impl DirectObject for PaydayOccurrence {
    const NAME: &'static str = "PaydayOccurrence";
    const FIELDS: &'static [&'static str] = &["payday", "date", "amount"];

    fn field(&self, ctx: &Context<'_>, walk: &Walk<'_>, out: &mut Out<'_>) -> ServerResult<()> {
        match ctx.item.node.name.node.as_str() {
            "payday" => {
                let entry = walk.payday(self.0.id).map_err(|e| field_error(ctx, e))?;
                nested(ctx, &PaydayRef(entry), walk, out)?
            }
            "date" => out.put(self.0.date),
            "amount" => out.put(self.0.amount),
            _ => out.put(Value::Null),
        }
        Ok(())
    }
}

impl DirectObject for PeriodPlanObject<'_> {
    const NAME: &'static str = "PeriodPlan";
    const FIELDS: &'static [&'static str] = &["setAside", "safeToSpend", "contributions"];

    fn field(&self, ctx: &Context<'_>, walk: &Walk<'_>, out: &mut Out<'_>) -> ServerResult<()> {
        match ctx.item.node.name.node.as_str() {
            "setAside" => out.put(self.0.set_aside),
            "safeToSpend" => out.put(self.0.safe_to_spend),
            "contributions" => list(
                ctx,
                self.0.contributions.iter().map(ContributionObject),
                walk,
                out,
            )?,
            _ => out.put(Value::Null),
        }
        Ok(())
    }
}

impl DirectObject for ContributionObject {
    const NAME: &'static str = "Contribution";
    const FIELDS: &'static [&'static str] = &["bill", "amount", "reserved"];

    fn field(&self, ctx: &Context<'_>, walk: &Walk<'_>, out: &mut Out<'_>) -> ServerResult<()> {
        match ctx.item.node.name.node.as_str() {
            "bill" => {
                let entry = walk.bill(self.0.bill).map_err(|e| field_error(ctx, e))?;
                nested(ctx, &BillRef(entry), walk, out)?
            }
            "amount" => out.put(self.0.amount),
            "reserved" => out.put(self.0.reserved),
            _ => out.put(Value::Null),
        }
        Ok(())
    }
}

impl DirectObject for BalancePoint {
    const NAME: &'static str = "BalancePoint";
    const FIELDS: &'static [&'static str] = &["date", "balance"];

    fn field(&self, ctx: &Context<'_>, _: &Walk<'_>, out: &mut Out<'_>) -> ServerResult<()> {
        match ctx.item.node.name.node.as_str() {
            "date" => out.put(self.date.0),
            "balance" => out.put(self.balance),
            _ => out.put(Value::Null),
        }
        Ok(())
    }
}
