//! Bills and paydays: their types, queries and mutations.
//!
//! Both are one [`Entry`] record underneath (see `domain::entry`), so the work is done once in
//! the `*_entry` functions here and the GraphQL types only differ in the fields they show.

use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object};
use chrono::Utc;

use super::budget::draw_list;
use super::scalars::{Date, DateTime, parse_id, to_id};
use super::schedule::{Schedule, ScheduleInput};
use super::{store, viewer};
use crate::domain::entry::{
    Amount, Entry, EntryError, EntryKind, EntryPatch, Name, NewEntry, Text,
};
use crate::domain::money::Money;
use crate::domain::schedule;
use crate::domain::window::Window;
use crate::error::{AppError, AppResult};
use crate::store::now_millis;

/// A recurring (or one-time) bill.
pub struct Bill(pub Entry);

/// A recurring (or one-time) bill.
#[Object]
impl Bill {
    /// The bill's id.
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }

    /// What the user calls it.
    async fn name(&self) -> &str {
        self.0.name.as_str()
    }

    /// How much each occurrence costs.
    async fn amount(&self) -> Money {
        self.0.amount.money()
    }

    /// When it is due.
    async fn schedule(&self) -> Schedule<'_> {
        Schedule(&self.0.schedule)
    }

    /// A grouping label (≤ 50 characters).
    async fn category(&self) -> Option<&str> {
        self.0.category.as_ref().map(Text::as_str)
    }

    /// Whether it is paid automatically.
    async fn autopay(&self) -> bool {
        self.0.autopay
    }

    /// Free notes (≤ 2000 characters).
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_ref().map(Text::as_str)
    }

    /// Archived bills are kept but left out of lists (by default) and of the forecast.
    async fn archived(&self) -> bool {
        self.0.archived
    }

    /// When it was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// When it last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }

    /// Its due dates from `from` to `to` (inclusive, at most 1830 days), weekend rule applied.
    async fn occurrences(&self, ctx: &Context<'_>, from: Date, to: Date) -> AppResult<Vec<Date>> {
        occurrences(ctx, &self.0.schedule, from, to)
    }

    /// Its first due date on or after today (in the user's timezone), if any.
    async fn next_due(&self, ctx: &Context<'_>) -> AppResult<Option<Date>> {
        next_date(ctx, &self.0.schedule)
    }
}

/// An income schedule, such as a salary.
pub struct Payday(pub Entry);

/// An income schedule, such as a salary.
#[Object]
impl Payday {
    /// The payday's id.
    async fn id(&self) -> ID {
        to_id(self.0.id)
    }

    /// What the user calls it, e.g. "Acme salary".
    async fn name(&self) -> &str {
        self.0.name.as_str()
    }

    /// Net pay per occurrence.
    async fn amount(&self) -> Money {
        self.0.amount.money()
    }

    /// When it is paid.
    async fn schedule(&self) -> Schedule<'_> {
        Schedule(&self.0.schedule)
    }

    /// Archived paydays are kept but left out of lists (by default) and of the forecast.
    async fn archived(&self) -> bool {
        self.0.archived
    }

    /// When it was created.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// When it last changed.
    async fn updated_at(&self) -> DateTime {
        DateTime(self.0.updated_at)
    }

    /// Its pay dates from `from` to `to` (inclusive, at most 1830 days), weekend rule applied.
    async fn occurrences(&self, ctx: &Context<'_>, from: Date, to: Date) -> AppResult<Vec<Date>> {
        occurrences(ctx, &self.0.schedule, from, to)
    }

    /// Its first pay date on or after today (in the user's timezone), if any.
    async fn next_date(&self, ctx: &Context<'_>) -> AppResult<Option<Date>> {
        next_date(ctx, &self.0.schedule)
    }
}

fn occurrences(
    ctx: &Context<'_>,
    schedule: &schedule::Schedule,
    from: Date,
    to: Date,
) -> AppResult<Vec<Date>> {
    let window = Window::new(from.0, to.0)?;
    super::budget::check(ctx)?;
    let dates = schedule.occurrences(window);
    draw_list(ctx, dates.len())?;
    Ok(dates.into_iter().map(Date).collect())
}

fn next_date(ctx: &Context<'_>, schedule: &schedule::Schedule) -> AppResult<Option<Date>> {
    let today = viewer(ctx)?.timezone.today(Utc::now());
    Ok(schedule.next_on_or_after(today).map(Date))
}

/// A new bill.
#[derive(InputObject)]
pub struct BillInput {
    /// 1–100 characters (trimmed).
    name: String,
    /// More than 0, at most 1000000000.00.
    amount: Money,
    /// When it is due.
    schedule: ScheduleInput,
    /// Optional label, ≤ 50 characters.
    category: Option<String>,
    /// Paid automatically.
    #[graphql(default = false)]
    autopay: bool,
    /// Optional notes, ≤ 2000 characters.
    notes: Option<String>,
}

/// Changes to a bill; absent fields stay as they are, `null` clears `category` or `notes`.
#[derive(InputObject)]
pub struct BillPatch {
    /// New name.
    name: Option<String>,
    /// New amount.
    amount: Option<Money>,
    /// New schedule (replaces the whole schedule).
    schedule: Option<ScheduleInput>,
    /// New category; null clears it.
    category: MaybeUndefined<String>,
    /// New autopay flag.
    autopay: Option<bool>,
    /// New notes; null clears them.
    notes: MaybeUndefined<String>,
    /// Archive (true) or restore (false).
    archived: Option<bool>,
}

/// A new payday.
#[derive(InputObject)]
pub struct PaydayInput {
    /// 1–100 characters (trimmed), e.g. "Acme salary".
    name: String,
    /// Net pay: more than 0, at most 1000000000.00.
    amount: Money,
    /// When it is paid.
    schedule: ScheduleInput,
}

/// Changes to a payday; absent fields stay as they are.
#[derive(InputObject)]
pub struct PaydayPatch {
    /// New name.
    name: Option<String>,
    /// New amount.
    amount: Option<Money>,
    /// New schedule (replaces the whole schedule).
    schedule: Option<ScheduleInput>,
    /// Archive (true) or restore (false).
    archived: Option<bool>,
}

fn optional_text(
    raw: MaybeUndefined<String>,
    parse: fn(&str) -> Result<Option<Text>, EntryError>,
) -> AppResult<Option<Option<Text>>> {
    match raw {
        MaybeUndefined::Undefined => Ok(None),
        MaybeUndefined::Null => Ok(Some(None)),
        MaybeUndefined::Value(text) => Ok(Some(parse(&text)?)),
    }
}

impl TryFrom<BillInput> for NewEntry {
    type Error = AppError;

    fn try_from(input: BillInput) -> AppResult<Self> {
        Ok(NewEntry {
            name: Name::try_from(input.name.as_str())?,
            amount: Amount::try_from(input.amount)?,
            schedule: input.schedule.try_into()?,
            category: input
                .category
                .as_deref()
                .map(Text::category)
                .transpose()?
                .flatten(),
            autopay: input.autopay,
            notes: input
                .notes
                .as_deref()
                .map(Text::notes)
                .transpose()?
                .flatten(),
        })
    }
}

impl TryFrom<PaydayInput> for NewEntry {
    type Error = AppError;

    fn try_from(input: PaydayInput) -> AppResult<Self> {
        Ok(NewEntry {
            name: Name::try_from(input.name.as_str())?,
            amount: Amount::try_from(input.amount)?,
            schedule: input.schedule.try_into()?,
            category: None,
            autopay: false,
            notes: None,
        })
    }
}

impl TryFrom<BillPatch> for EntryPatch {
    type Error = AppError;

    fn try_from(patch: BillPatch) -> AppResult<Self> {
        Ok(EntryPatch {
            name: patch.name.as_deref().map(Name::try_from).transpose()?,
            amount: patch.amount.map(Amount::try_from).transpose()?,
            schedule: patch.schedule.map(TryInto::try_into).transpose()?,
            category: optional_text(patch.category, Text::category)?,
            autopay: patch.autopay,
            notes: optional_text(patch.notes, Text::notes)?,
            archived: patch.archived,
        })
    }
}

impl TryFrom<PaydayPatch> for EntryPatch {
    type Error = AppError;

    fn try_from(patch: PaydayPatch) -> AppResult<Self> {
        Ok(EntryPatch {
            name: patch.name.as_deref().map(Name::try_from).transpose()?,
            amount: patch.amount.map(Amount::try_from).transpose()?,
            schedule: patch.schedule.map(TryInto::try_into).transpose()?,
            archived: patch.archived,
            ..EntryPatch::default()
        })
    }
}

async fn create_entry(
    ctx: &Context<'_>,
    kind: EntryKind,
    input: impl TryInto<NewEntry, Error = AppError>,
) -> AppResult<Entry> {
    let owner = viewer(ctx)?.id;
    let entry = Entry::new(owner, kind, input.try_into()?, now_millis());
    store(ctx).create_entry(&entry).await?;
    Ok(entry)
}

async fn get_entry(ctx: &Context<'_>, kind: EntryKind, id: &ID) -> AppResult<Option<Entry>> {
    let owner = viewer(ctx)?.id;
    let id = parse_id(id)?;
    Ok(store(ctx).entry(owner, kind, id).await?)
}

async fn list_entries(
    ctx: &Context<'_>,
    kind: EntryKind,
    include_archived: bool,
) -> AppResult<Vec<Entry>> {
    let owner = viewer(ctx)?.id;
    Ok(store(ctx).entries(owner, kind, include_archived).await?)
}

async fn update_entry(
    ctx: &Context<'_>,
    kind: EntryKind,
    id: &ID,
    patch: impl TryInto<EntryPatch, Error = AppError>,
) -> AppResult<Entry> {
    let owner = viewer(ctx)?.id;
    let id = parse_id(id)?;
    let patch = patch.try_into()?;
    store(ctx)
        .update_entry(owner, kind, id, &patch, now_millis())
        .await?
        .ok_or(AppError::NotFound(kind.noun()))
}

async fn delete_entry(ctx: &Context<'_>, kind: EntryKind, id: ID) -> AppResult<ID> {
    let owner = viewer(ctx)?.id;
    let parsed = parse_id(&id)?;
    if store(ctx).delete_entry(owner, kind, parsed).await? {
        Ok(id)
    } else {
        Err(AppError::NotFound(kind.noun()))
    }
}

/// Bill queries.
#[derive(Default)]
pub struct BillQuery;

#[Object]
impl BillQuery {
    /// Your bills, sorted by name; archived ones only when asked.
    async fn bills(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = false)] include_archived: bool,
    ) -> AppResult<Vec<Bill>> {
        let bills = list_entries(ctx, EntryKind::Bill, include_archived).await?;
        draw_list(ctx, bills.len())?;
        Ok(bills.into_iter().map(Bill).collect())
    }

    /// One of your bills; null when it does not exist or is not yours.
    async fn bill(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Bill>> {
        Ok(get_entry(ctx, EntryKind::Bill, &id).await?.map(Bill))
    }
}

/// Bill mutations.
#[derive(Default)]
pub struct BillMutation;

#[Object]
impl BillMutation {
    /// Adds a bill (at most 1000 per user).
    async fn create_bill(&self, ctx: &Context<'_>, input: BillInput) -> AppResult<Bill> {
        create_entry(ctx, EntryKind::Bill, input).await.map(Bill)
    }

    /// Changes a bill; `NOT_FOUND` when it does not exist or is not yours.
    async fn update_bill(&self, ctx: &Context<'_>, id: ID, patch: BillPatch) -> AppResult<Bill> {
        update_entry(ctx, EntryKind::Bill, &id, patch)
            .await
            .map(Bill)
    }

    /// Deletes a bill for good and returns its id; `NOT_FOUND` when it does not exist or is
    /// not yours.
    async fn delete_bill(&self, ctx: &Context<'_>, id: ID) -> AppResult<ID> {
        delete_entry(ctx, EntryKind::Bill, id).await
    }
}

/// Payday queries.
#[derive(Default)]
pub struct PaydayQuery;

#[Object]
impl PaydayQuery {
    /// Your paydays, sorted by name; archived ones only when asked.
    async fn paydays(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = false)] include_archived: bool,
    ) -> AppResult<Vec<Payday>> {
        let paydays = list_entries(ctx, EntryKind::Payday, include_archived).await?;
        draw_list(ctx, paydays.len())?;
        Ok(paydays.into_iter().map(Payday).collect())
    }

    /// One of your paydays; null when it does not exist or is not yours.
    async fn payday(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Payday>> {
        Ok(get_entry(ctx, EntryKind::Payday, &id).await?.map(Payday))
    }
}

/// Payday mutations.
#[derive(Default)]
pub struct PaydayMutation;

#[Object]
impl PaydayMutation {
    /// Adds a payday (at most 100 per user).
    async fn create_payday(&self, ctx: &Context<'_>, input: PaydayInput) -> AppResult<Payday> {
        create_entry(ctx, EntryKind::Payday, input)
            .await
            .map(Payday)
    }

    /// Changes a payday; `NOT_FOUND` when it does not exist or is not yours.
    async fn update_payday(
        &self,
        ctx: &Context<'_>,
        id: ID,
        patch: PaydayPatch,
    ) -> AppResult<Payday> {
        update_entry(ctx, EntryKind::Payday, &id, patch)
            .await
            .map(Payday)
    }

    /// Deletes a payday for good and returns its id; `NOT_FOUND` when it does not exist or is
    /// not yours.
    async fn delete_payday(&self, ctx: &Context<'_>, id: ID) -> AppResult<ID> {
        delete_entry(ctx, EntryKind::Payday, id).await
    }
}
