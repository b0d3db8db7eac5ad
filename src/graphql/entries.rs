//! Bills and paydays: their types, queries and mutations.
//!
//! Both are one [`Entry`] record underneath (see `domain::entry`), so the work is done once in
//! the `*_entry` functions here and the GraphQL types only differ in the fields they show.

use async_graphql::{
    Context, ID, InputObject, MaybeUndefined, Object, ScalarType, ServerResult, Value,
};
use chrono::{NaiveDate, Utc};

use super::budget::draw_list;
use super::direct::{DirectList, DirectObject, Items, Out, Walk, field_error, list, nested};
use super::scalars::{Date, DateTime, parse_id, to_id};
use super::schedule::{Schedule, ScheduleInput};
use super::{holidays, store, viewer};
use crate::domain::entry::{
    Amount, Entry, EntryError, EntryKind, EntryPatch, Envelope, Name, NewEntry, Text,
};
use crate::domain::id::Id;
use crate::domain::money::Money;
use crate::domain::occurrence::{self, Change, ChangeParts, OccurrenceException};
use crate::domain::window::{Window, stated_on};
use crate::error::{AppError, AppResult};
use crate::store::{CHANGED_MEANWHILE, StoreError, now_millis};

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

    /// Its due dates from `from` to `to` (inclusive, at most 1830 days), weekend rule and
    /// changed occurrences applied (a skipped one is left out, a moved one is on its new date).
    async fn occurrences(&self, ctx: &Context<'_>, from: Date, to: Date) -> AppResult<Vec<Date>> {
        occurrences(ctx, &self.0, from, to)
    }

    /// Its first due date on or after today (in the user's timezone), if any.
    async fn next_due(&self, ctx: &Context<'_>) -> AppResult<Option<Date>> {
        next_date(ctx, &self.0)
    }

    /// What is in this bill's envelope, as of `reservedOn`.
    async fn reserved(&self) -> Money {
        self.0.envelope.reserved()
    }

    /// The day `reserved` was stated (as of its start).
    async fn reserved_on(&self) -> Date {
        Date(self.0.envelope.reserved_on())
    }

    /// Changed occurrences (skipped, another amount, moved), by date.
    async fn exceptions(&self, ctx: &Context<'_>) -> AppResult<Vec<OccurrenceExceptionObject>> {
        exceptions(ctx, &self.0)
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

    /// Its pay dates from `from` to `to` (inclusive, at most 1830 days), weekend rule and
    /// changed occurrences applied (a skipped one is left out, a moved one is on its new date).
    async fn occurrences(&self, ctx: &Context<'_>, from: Date, to: Date) -> AppResult<Vec<Date>> {
        occurrences(ctx, &self.0, from, to)
    }

    /// Its first pay date on or after today (in the user's timezone), if any.
    async fn next_date(&self, ctx: &Context<'_>) -> AppResult<Option<Date>> {
        next_date(ctx, &self.0)
    }

    /// Changed occurrences (skipped, another amount, moved), by date.
    async fn exceptions(&self, ctx: &Context<'_>) -> AppResult<Vec<OccurrenceExceptionObject>> {
        exceptions(ctx, &self.0)
    }
}

fn occurrences(ctx: &Context<'_>, entry: &Entry, from: Date, to: Date) -> AppResult<Vec<Date>> {
    let window = Window::new(from.0, to.0)?;
    super::budget::check(ctx)?;
    let dates: Vec<Date> = occurrence::effective(
        &entry.schedule,
        entry.amount.money(),
        &entry.exceptions,
        window.from(),
        window.to(),
    )
    .map(|(date, _)| Date(date))
    .collect();
    draw_list(ctx, dates.len())?;
    Ok(dates)
}

fn next_date(ctx: &Context<'_>, entry: &Entry) -> AppResult<Option<Date>> {
    let today = today(ctx)?;
    Ok(occurrence::next_effective(
        &entry.schedule,
        entry.amount.money(),
        &entry.exceptions,
        today,
    )
    .map(|(date, _)| Date(date)))
}

/// Today in the viewer's timezone.
fn today(ctx: &Context<'_>) -> AppResult<NaiveDate> {
    Ok(viewer(ctx)?.timezone.today(Utc::now()))
}

fn exceptions(ctx: &Context<'_>, entry: &Entry) -> AppResult<Vec<OccurrenceExceptionObject>> {
    draw_list(ctx, entry.exceptions.len())?;
    Ok(entry
        .exceptions
        .iter()
        .map(|e| OccurrenceExceptionObject(*e))
        .collect())
}

/// One changed occurrence of a bill or payday.
pub struct OccurrenceExceptionObject(OccurrenceException);

/// One changed occurrence of a bill or payday.
#[Object(name = "OccurrenceException")]
impl OccurrenceExceptionObject {
    /// The scheduled date it changes (weekend rule applied).
    async fn date(&self) -> Date {
        Date(self.0.date)
    }

    /// Whether the occurrence is skipped.
    async fn skip(&self) -> bool {
        self.0.change.is_skip()
    }

    /// Its amount instead of the entry's, if changed.
    async fn amount(&self) -> Option<Money> {
        self.0.change.amount().map(Amount::money)
    }

    /// Its new date, if moved (never moved again by the weekend rule).
    async fn move_to(&self) -> Option<Date> {
        self.0.change.move_to().map(Date)
    }
}

/// A bill the direct execution of [`super::direct`] resolves (`BillOccurrence.bill`,
/// `Contribution.bill`): the same fields as [`Bill`], read from an entry in hand.
pub struct BillRef<'a>(pub &'a Entry);

impl DirectObject for BillRef<'_> {
    const NAME: &'static str = "Bill";
    const FIELDS: &'static [&'static str] = &[
        "id",
        "name",
        "amount",
        "schedule",
        "category",
        "autopay",
        "notes",
        "archived",
        "createdAt",
        "updatedAt",
        "occurrences",
        "nextDue",
        "reserved",
        "reservedOn",
        "exceptions",
    ];

    fn entry(&self) -> Option<Id> {
        Some(self.0.id)
    }

    fn field(&self, ctx: &Context<'_>, walk: &Walk<'_>, out: &mut Out<'_>) -> ServerResult<()> {
        let entry = self.0;
        match ctx.item.node.name.node.as_str() {
            "category" => out.put(entry.category.as_ref().map(Text::as_str)),
            "autopay" => out.put(entry.autopay),
            "notes" => out.put(entry.notes.as_ref().map(Text::as_str)),
            "nextDue" => direct_next_date(ctx, entry, out)?,
            "reserved" => out.put(entry.envelope.reserved()),
            "reservedOn" => out.put(entry.envelope.reserved_on()),
            name => entry_field(ctx, walk, entry, name, out)?,
        }
        Ok(())
    }
}

/// The `bills` list, resolved by the walk (see [`super::direct::DirectList`]): [`BillRef`]'s
/// fields, read from the entry the list holds.
impl DirectObject for Bill {
    const NAME: &'static str = BillRef::NAME;
    const FIELDS: &'static [&'static str] = BillRef::FIELDS;

    fn entry(&self) -> Option<Id> {
        Some(self.0.id)
    }

    fn field(&self, ctx: &Context<'_>, walk: &Walk<'_>, out: &mut Out<'_>) -> ServerResult<()> {
        BillRef(&self.0).field(ctx, walk, out)
    }
}

/// The `paydays` list, resolved by the walk: [`PaydayRef`]'s fields.
impl DirectObject for Payday {
    const NAME: &'static str = PaydayRef::NAME;
    const FIELDS: &'static [&'static str] = PaydayRef::FIELDS;

    fn entry(&self) -> Option<Id> {
        Some(self.0.id)
    }

    fn field(&self, ctx: &Context<'_>, walk: &Walk<'_>, out: &mut Out<'_>) -> ServerResult<()> {
        PaydayRef(&self.0).field(ctx, walk, out)
    }
}

/// A payday the direct execution resolves (`PaydayOccurrence.payday`): the same fields as
/// [`Payday`], read from an entry in hand.
pub struct PaydayRef<'a>(pub &'a Entry);

impl DirectObject for PaydayRef<'_> {
    const NAME: &'static str = "Payday";
    const FIELDS: &'static [&'static str] = &[
        "id",
        "name",
        "amount",
        "schedule",
        "archived",
        "createdAt",
        "updatedAt",
        "occurrences",
        "nextDate",
        "exceptions",
    ];

    fn entry(&self) -> Option<Id> {
        Some(self.0.id)
    }

    fn field(&self, ctx: &Context<'_>, walk: &Walk<'_>, out: &mut Out<'_>) -> ServerResult<()> {
        match ctx.item.node.name.node.as_str() {
            "nextDate" => direct_next_date(ctx, self.0, out),
            name => entry_field(ctx, walk, self.0, name, out),
        }
    }
}

/// The fields bills and paydays share, directly.
fn entry_field(
    ctx: &Context<'_>,
    walk: &Walk<'_>,
    entry: &Entry,
    name: &str,
    out: &mut Out<'_>,
) -> ServerResult<()> {
    match name {
        "id" => out.put(entry.id),
        "name" => out.put(entry.name.as_str()),
        "amount" => out.put(entry.amount.money()),
        "schedule" => nested(ctx, &Schedule(&entry.schedule), walk, out)?,
        "archived" => out.put(entry.archived),
        "createdAt" => out.put(DateTime(entry.created_at).to_value()),
        "updatedAt" => out.put(DateTime(entry.updated_at).to_value()),
        "occurrences" => {
            let (_, from) = ctx
                .param_value::<Date>("from", None)
                .map_err(|e| ctx.set_error_path(e))?;
            let (_, to) = ctx
                .param_value::<Date>("to", None)
                .map_err(|e| ctx.set_error_path(e))?;
            let dates = occurrences(ctx, entry, from, to).map_err(|e| field_error(ctx, e))?;
            out.put(Items(dates.into_iter().map(|d| d.0)));
        }
        "exceptions" => list(
            ctx,
            entry
                .exceptions
                .iter()
                .map(|e| OccurrenceExceptionObject(*e)),
            walk,
            out,
        )?,
        _ => out.put(Value::Null),
    }
    Ok(())
}

fn direct_next_date(ctx: &Context<'_>, entry: &Entry, out: &mut Out<'_>) -> ServerResult<()> {
    let next = next_date(ctx, entry).map_err(|e| field_error(ctx, e))?;
    out.put(next.map(|d| d.0));
    Ok(())
}

impl DirectObject for OccurrenceExceptionObject {
    const NAME: &'static str = "OccurrenceException";
    const FIELDS: &'static [&'static str] = &["date", "skip", "amount", "moveTo"];

    fn field(&self, ctx: &Context<'_>, _: &Walk<'_>, out: &mut Out<'_>) -> ServerResult<()> {
        let change = &self.0.change;
        match ctx.item.node.name.node.as_str() {
            "date" => out.put(self.0.date),
            "skip" => out.put(change.is_skip()),
            "amount" => out.put(change.amount().map(Amount::money)),
            "moveTo" => out.put(change.move_to()),
            _ => out.put(Value::Null),
        }
        Ok(())
    }
}

/// A change to one occurrence: `skip: true`, or another `amount` and/or date (`moveTo`, at most
/// 31 days away).
#[derive(InputObject)]
pub struct OccurrenceChange {
    /// Skip this occurrence (not together with `amount` or `moveTo`).
    skip: Option<bool>,
    /// Another amount for this occurrence only (more than 0, at most 1000000000.00).
    amount: Option<Money>,
    /// Another date for this occurrence only, at most 31 days from it either way.
    move_to: Option<Date>,
}

impl TryFrom<OccurrenceChange> for Change {
    type Error = AppError;

    fn try_from(input: OccurrenceChange) -> AppResult<Self> {
        Ok(Change::try_from(ChangeParts {
            skip: input.skip,
            amount: input.amount,
            move_to: input.move_to.map(|d| d.0),
        })?)
    }
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
    /// What is in the envelope already (0.00 to 1000000000.00; default 0.00).
    reserved: Option<Money>,
    /// The day `reserved` is stated for (within 1830 days of today; default today).
    reserved_on: Option<Date>,
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
    /// New envelope amount (stated for today unless `reservedOn` is given).
    reserved: Option<Money>,
    /// The day the envelope amount is stated for (within 1830 days of today).
    reserved_on: Option<Date>,
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

/// A validated envelope: `reserved` (default 0.00) as of `reserved_on` (default today, within
/// 1830 days of it).
fn envelope(
    reserved: Option<Money>,
    reserved_on: Option<Date>,
    today: NaiveDate,
) -> AppResult<Envelope> {
    let reserved_on = stated_on(reserved_on.map_or(today, |d| d.0), today)?;
    Ok(Envelope::new(reserved.unwrap_or(Money::ZERO), reserved_on)?)
}

impl TryFrom<(BillInput, NaiveDate)> for NewEntry {
    type Error = AppError;

    fn try_from((input, today): (BillInput, NaiveDate)) -> AppResult<Self> {
        Ok(NewEntry {
            envelope: envelope(input.reserved, input.reserved_on, today)?,
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

impl TryFrom<(PaydayInput, NaiveDate)> for NewEntry {
    type Error = AppError;

    fn try_from((input, today): (PaydayInput, NaiveDate)) -> AppResult<Self> {
        Ok(NewEntry {
            envelope: Envelope::empty(today),
            name: Name::try_from(input.name.as_str())?,
            amount: Amount::try_from(input.amount)?,
            schedule: input.schedule.try_into()?,
            category: None,
            autopay: false,
            notes: None,
        })
    }
}

impl TryFrom<(BillPatch, NaiveDate)> for EntryPatch {
    type Error = AppError;

    fn try_from((patch, today): (BillPatch, NaiveDate)) -> AppResult<Self> {
        // A new amount without a date is stated for today; a date alone re-dates the amount.
        let reserved_on = match (patch.reserved, patch.reserved_on) {
            (_, Some(day)) => Some(stated_on(day.0, today)?),
            (Some(_), None) => Some(today),
            (None, None) => None,
        };
        Ok(EntryPatch {
            reserved: patch
                .reserved
                .map(|r| Envelope::new(r, today).map(|e| e.reserved()))
                .transpose()?,
            reserved_on,
            name: patch.name.as_deref().map(Name::try_from).transpose()?,
            amount: patch.amount.map(Amount::try_from).transpose()?,
            schedule: patch.schedule.map(TryInto::try_into).transpose()?,
            category: optional_text(patch.category, Text::category)?,
            autopay: patch.autopay,
            notes: optional_text(patch.notes, Text::notes)?,
            archived: patch.archived,
            ..EntryPatch::default()
        })
    }
}

impl TryFrom<(PaydayPatch, NaiveDate)> for EntryPatch {
    type Error = AppError;

    fn try_from((patch, _): (PaydayPatch, NaiveDate)) -> AppResult<Self> {
        Ok(EntryPatch {
            name: patch.name.as_deref().map(Name::try_from).transpose()?,
            amount: patch.amount.map(Amount::try_from).transpose()?,
            schedule: patch.schedule.map(TryInto::try_into).transpose()?,
            archived: patch.archived,
            ..EntryPatch::default()
        })
    }
}

async fn create_entry<I>(ctx: &Context<'_>, kind: EntryKind, input: I) -> AppResult<Entry>
where
    (I, NaiveDate): TryInto<NewEntry, Error = AppError>,
{
    let owner = viewer(ctx)?.id;
    let new = (input, today(ctx)?).try_into()?;
    let entry = Entry::new(owner, kind, new, now_millis());
    store(ctx).create_entry(&entry).await?;
    Ok(entry.with_holidays(holidays(ctx)))
}

async fn get_entry(ctx: &Context<'_>, kind: EntryKind, id: &ID) -> AppResult<Option<Entry>> {
    let owner = viewer(ctx)?.id;
    let id = parse_id(id)?;
    let entry = store(ctx).entry(owner, kind, id).await?;
    Ok(entry.map(|e| e.with_holidays(holidays(ctx))))
}

async fn list_entries(
    ctx: &Context<'_>,
    kind: EntryKind,
    include_archived: bool,
) -> AppResult<Vec<Entry>> {
    let owner = viewer(ctx)?.id;
    let entries = store(ctx).entries(owner, kind, include_archived).await?;
    let holidays = holidays(ctx);
    Ok(entries
        .into_iter()
        .map(|e| e.with_holidays(holidays))
        .collect())
}

async fn update_entry<P>(ctx: &Context<'_>, kind: EntryKind, id: &ID, patch: P) -> AppResult<Entry>
where
    (P, NaiveDate): TryInto<EntryPatch, Error = AppError>,
{
    let owner = viewer(ctx)?.id;
    let id = parse_id(id)?;
    let mut patch: EntryPatch = (patch, today(ctx)?).try_into()?;
    let holidays = holidays(ctx);
    if let Some(schedule) = &mut patch.schedule {
        schedule.set_holidays(holidays);
    }
    for _ in 0..ATTEMPTS {
        let patch = if patch.schedule.is_some() {
            // A new schedule drops the changes to dates that are no longer occurrences (in the
            // viewer's calendar), as of the entry just read (and only if it is unchanged when
            // written).
            let current = store(ctx)
                .entry(owner, kind, id)
                .await?
                .ok_or(AppError::NotFound(kind.noun()))?;
            patch.clone().for_schedule(&current)
        } else {
            patch.clone()
        };
        match store(ctx)
            .update_entry(owner, kind, id, &patch, now_millis())
            .await
        {
            Ok(entry) => {
                return entry
                    .map(|e| e.with_holidays(holidays))
                    .ok_or(AppError::NotFound(kind.noun()));
            }
            Err(StoreError::Conflict(_)) if patch.if_unchanged_since.is_some() => {
                tokio::task::yield_now().await;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::Conflict(CHANGED_MEANWHILE.into()))
}

/// Sets (`Some`) or clears (`None`) the change to the occurrence of `id` on `date`. The new
/// list is computed from a read and written only if the entry is unchanged since; a concurrent
/// change makes it read and try again, so two changes at once both land.
async fn change_occurrence(
    ctx: &Context<'_>,
    kind: EntryKind,
    id: &ID,
    date: Date,
    change: Option<OccurrenceChange>,
) -> AppResult<Entry> {
    let owner = viewer(ctx)?.id;
    let id = parse_id(id)?;
    let change = change.map(Change::try_from).transpose()?;
    let holidays = holidays(ctx);
    for _ in 0..ATTEMPTS {
        let entry = store(ctx)
            .entry(owner, kind, id)
            .await?
            .ok_or(AppError::NotFound(kind.noun()))?
            .with_holidays(holidays);
        let mut exceptions = entry.exceptions.clone();
        match change {
            Some(change) => exceptions.set(&entry.schedule, date.0, change)?,
            None if !exceptions.clear(date.0) => return Ok(entry),
            None => {}
        }
        let patch = EntryPatch {
            exceptions: Some(exceptions),
            if_unchanged_since: Some(entry.updated_at),
            ..EntryPatch::default()
        };
        match store(ctx)
            .update_entry(owner, kind, id, &patch, now_millis())
            .await
        {
            Ok(Some(entry)) => return Ok(entry.with_holidays(holidays)),
            Ok(None) => return Err(AppError::NotFound(kind.noun())),
            Err(StoreError::Conflict(_)) => tokio::task::yield_now().await,
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::Conflict(CHANGED_MEANWHILE.into()))
}

/// How often a read-modify-write of an entry is tried before giving up with `CONFLICT`: each
/// round of concurrent writers lets one through, so this many writers at once all land.
const ATTEMPTS: usize = 64;

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
    ) -> AppResult<DirectList<Bill>> {
        let bills = list_entries(ctx, EntryKind::Bill, include_archived).await?;
        draw_list(ctx, bills.len())?;
        Ok(DirectList::new(bills.into_iter().map(Bill).collect()))
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

    /// Changes one occurrence of a bill without touching its schedule: skips it, gives it
    /// another amount, or moves it (at most 31 days). `date` must be one of its scheduled dates
    /// (weekend rule applied); setting it again replaces the change; at most 200 per bill.
    async fn set_bill_occurrence(
        &self,
        ctx: &Context<'_>,
        bill_id: ID,
        date: Date,
        change: OccurrenceChange,
    ) -> AppResult<Bill> {
        change_occurrence(ctx, EntryKind::Bill, &bill_id, date, Some(change))
            .await
            .map(Bill)
    }

    /// Undoes the change to the bill's occurrence on `date` (nothing happens if there is none).
    async fn clear_bill_occurrence(
        &self,
        ctx: &Context<'_>,
        bill_id: ID,
        date: Date,
    ) -> AppResult<Bill> {
        change_occurrence(ctx, EntryKind::Bill, &bill_id, date, None)
            .await
            .map(Bill)
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
    ) -> AppResult<DirectList<Payday>> {
        let paydays = list_entries(ctx, EntryKind::Payday, include_archived).await?;
        draw_list(ctx, paydays.len())?;
        Ok(DirectList::new(paydays.into_iter().map(Payday).collect()))
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

    /// Changes one pay date without touching the schedule: skips it, gives it another amount,
    /// or moves it (at most 31 days). The rules of `setBillOccurrence` apply.
    async fn set_payday_occurrence(
        &self,
        ctx: &Context<'_>,
        payday_id: ID,
        date: Date,
        change: OccurrenceChange,
    ) -> AppResult<Payday> {
        change_occurrence(ctx, EntryKind::Payday, &payday_id, date, Some(change))
            .await
            .map(Payday)
    }

    /// Undoes the change to the pay date on `date` (nothing happens if there is none).
    async fn clear_payday_occurrence(
        &self,
        ctx: &Context<'_>,
        payday_id: ID,
        date: Date,
    ) -> AppResult<Payday> {
        change_occurrence(ctx, EntryKind::Payday, &payday_id, date, None)
            .await
            .map(Payday)
    }
}
