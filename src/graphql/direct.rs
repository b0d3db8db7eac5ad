//! Direct execution: the forecast's response built straight from the selection set.
//!
//! async-graphql resolves every field of every object as its own boxed future, polled through
//! a `FuturesUnordered`, with a path node, an `IndexMap` insert and (for `BillOccurrence.bill`)
//! a DataLoader look-up that clones the entry: about 0.7 µs per field (async-graphql issue
//! #747). A year's household forecast has some 3,000 fields, so that machinery, not the
//! forecast, was 90% of the request (`docs/benchmarks.md`, §7). Nothing on the forecast's
//! side awaits anything once the bills and paydays are read, so the types under `Forecast`
//! resolve here, synchronously, in one walk over the selection set:
//!
//! - [`Direct<T>`] is the output type the `forecast` field returns. It takes its schema type
//!   (name, fields, descriptions) from `T`'s `#[Object]` impl, which stays the reference
//!   implementation: a request that carries [`GenericExecution`] is resolved by it, and the
//!   tests compare the two byte for byte (`tests/api/direct.rs`).
//! - [`DirectObject`] is one object type's fields, each resolved to a [`Value`] from a field
//!   context; [`object`] walks a selection set over it.
//!
//! What the walk keeps from async-graphql's executor (`resolver_utils::container`, 7.2.1):
//! fields in selection order, aliases as response keys, a key selected twice merged the same
//! way (`insert_value`), named and inline fragments expanded where their type condition is the
//! object's type, `__typename`, a failed field left out with its error (path and location)
//! recorded and its siblings kept, an object with no fields left as `null`. `@skip` and
//! `@include` are gone before execution starts (async-graphql removes skipped selections while
//! preparing the request). Lists draw from the response budget before they are built, with
//! the same count as the generic path ([`super::budget::draw_list`]); `BillOccurrence.bill`,
//! `PaydayOccurrence.payday` and `Contribution.bill` come from the entries the forecast was
//! computed from, so they need no DataLoader and no store read at all.

use std::borrow::Cow;

use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::{Field, Selection};
use async_graphql::registry::Registry;
use async_graphql::{
    Context, ContextSelectionSet, Name, OutputType, Positioned, ServerError, ServerResult, Value,
};

use crate::domain::entry::Entry;
use crate::domain::id::Id;
use crate::error::AppError;

/// Put in a request's data, it makes [`Direct`] types resolve through their `#[Object]`
/// impls instead: the reference the tests compare with, and a way back should the direct path
/// ever be in doubt.
#[derive(Debug, Clone, Copy, Default)]
pub struct GenericExecution;

/// One GraphQL object type whose fields resolve synchronously, straight to values.
pub trait DirectObject: Sync {
    /// The GraphQL type name (for `__typename` and fragment type conditions).
    const NAME: &'static str;

    /// Every field the type has, in the schema (`__typename` aside): checked against the
    /// schema by a test, so a field added to the `#[Object]` impl cannot be forgotten here.
    const FIELDS: &'static [&'static str];

    /// The value of the field `ctx` is at (never `__typename`). An unknown name is `null`, as
    /// in async-graphql (validation lets none through).
    fn field(&self, ctx: &Context<'_>, walk: &Walk<'_>) -> ServerResult<Value>;
}

/// What a walk needs besides the object at hand: the entries behind the ids it meets.
pub struct Walk<'a> {
    bills: EntryIndex<'a>,
    paydays: EntryIndex<'a>,
}

impl<'a> Walk<'a> {
    /// A walk over a response whose occurrences refer to these bills and paydays.
    pub fn new(bills: &'a [Entry], paydays: &'a [Entry]) -> Self {
        Walk {
            bills: EntryIndex::new(bills),
            paydays: EntryIndex::new(paydays),
        }
    }

    /// The bill with this id.
    pub fn bill(&self, id: Id) -> Result<&'a Entry, AppError> {
        self.bills.get(id).ok_or(AppError::NotFound("bill"))
    }

    /// The payday with this id.
    pub fn payday(&self, id: Id) -> Result<&'a Entry, AppError> {
        self.paydays.get(id).ok_or(AppError::NotFound("payday"))
    }
}

/// Entries by id: sorted ids and positions, searched in halves (a user has at most 1,000).
struct EntryIndex<'a> {
    entries: &'a [Entry],
    by_id: Vec<(Id, usize)>,
}

impl<'a> EntryIndex<'a> {
    fn new(entries: &'a [Entry]) -> Self {
        let mut by_id: Vec<(Id, usize)> = entries.iter().map(|e| e.id).zip(0..).collect();
        by_id.sort_unstable();
        EntryIndex { entries, by_id }
    }

    fn get(&self, id: Id) -> Option<&'a Entry> {
        let at = self.by_id.binary_search_by(|(key, _)| key.cmp(&id)).ok()?;
        self.entries.get(self.by_id[at].1)
    }
}

/// `T` resolved by the walk (or, with [`GenericExecution`], by `T`'s own `#[Object]` impl),
/// together with the entries its occurrences refer to.
pub struct Direct<T> {
    value: T,
    bills: Vec<Entry>,
    paydays: Vec<Entry>,
}

impl<T> Direct<T> {
    /// `value`, whose occurrences refer to these bills and paydays.
    pub fn new(value: T, bills: Vec<Entry>, paydays: Vec<Entry>) -> Self {
        Direct {
            value,
            bills,
            paydays,
        }
    }
}

impl<T: OutputType + DirectObject> OutputType for Direct<T> {
    fn type_name() -> Cow<'static, str> {
        T::type_name()
    }

    fn qualified_type_name() -> String {
        T::qualified_type_name()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        T::create_type_info(registry)
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        if ctx.data_opt::<GenericExecution>().is_some() {
            return self.value.resolve(ctx, field).await;
        }
        object(ctx, &self.value, &Walk::new(&self.bills, &self.paydays))
    }
}

/// Resolves `object`'s fields selected in `ctx`'s selection set, fragments expanded, into one
/// value (`null` when no field is left).
pub fn object<T: DirectObject>(
    ctx: &ContextSelectionSet<'_>,
    object: &T,
    walk: &Walk<'_>,
) -> ServerResult<Value> {
    let mut fields = IndexMap::with_capacity(ctx.item.node.items.len());
    collect(ctx, object, walk, &mut fields)?;
    Ok(if fields.is_empty() {
        Value::Null
    } else {
        Value::Object(fields)
    })
}

fn collect<T: DirectObject>(
    ctx: &ContextSelectionSet<'_>,
    object: &T,
    walk: &Walk<'_>,
    fields: &mut IndexMap<Name, Value>,
) -> ServerResult<()> {
    for selection in &ctx.item.node.items {
        // A fragment that applies to this type: its selection set, walked into `fields` too.
        let applies = match &selection.node {
            Selection::Field(field) => {
                let key = field.node.response_key().node.clone();
                if field.node.name.node == "__typename" {
                    insert_value(fields, key, Value::String(T::NAME.to_owned()));
                    continue;
                }
                match object.field(&ctx.with_field(field), walk) {
                    Ok(value) => insert_value(fields, key, value),
                    Err(error) => ctx.add_error(error),
                }
                continue;
            }
            Selection::FragmentSpread(spread) => {
                let name = &spread.node.fragment_name.node;
                let Some(fragment) = ctx.query_env.fragments.get(name) else {
                    return Err(ServerError::new(
                        format!(r#"Unknown fragment "{name}"."#),
                        Some(spread.pos),
                    ));
                };
                (fragment.node.type_condition.node.on.node == T::NAME)
                    .then_some(&fragment.node.selection_set)
            }
            Selection::InlineFragment(fragment) => fragment
                .node
                .type_condition
                .as_ref()
                .is_none_or(|condition| condition.node.on.node == T::NAME)
                .then_some(&fragment.node.selection_set),
        };
        if let Some(set) = applies {
            collect(&ctx.with_selection_set(set), object, walk, fields)?;
        }
    }
    Ok(())
}

/// A field's value under its response key; a key selected again merges into the first value
/// (objects field by field, lists of objects item by item, scalars: the first stays) — as
/// async-graphql's `resolver_utils::container::insert_value` does.
fn insert_value(target: &mut IndexMap<Name, Value>, name: Name, value: Value) {
    use async_graphql::indexmap::map::Entry as Slot;
    match target.entry(name) {
        Slot::Vacant(vacant) => {
            vacant.insert(value);
        }
        Slot::Occupied(mut occupied) => match (occupied.get_mut(), value) {
            (Value::Object(target), Value::Object(more)) => {
                for (key, value) in more {
                    insert_value(target, key, value);
                }
            }
            (Value::List(target), Value::List(more)) => {
                for (item, more) in target.iter_mut().zip(more) {
                    if let (Value::Object(target), Value::Object(more)) = (item, more) {
                        for (key, value) in more {
                            insert_value(target, key, value);
                        }
                    }
                }
            }
            _ => {}
        },
    }
}

/// The error of field `ctx`: its message and code, the field's location and path.
pub fn field_error(ctx: &Context<'_>, error: AppError) -> ServerError {
    ctx.set_error_path(async_graphql::Error::from(error).into_server_error(ctx.item.pos))
}

/// An object-valued field: `value` resolved over the field's own selection set.
pub fn nested<T: DirectObject>(
    ctx: &Context<'_>,
    value: &T,
    walk: &Walk<'_>,
) -> ServerResult<Value> {
    object(
        &ctx.with_selection_set(&ctx.item.node.selection_set),
        value,
        walk,
    )
}

/// A list of objects: drawn from the response budget first (as every list resolver does),
/// then each item resolved at its index.
pub fn list<T: DirectObject>(
    ctx: &Context<'_>,
    items: impl ExactSizeIterator<Item = T>,
    walk: &Walk<'_>,
) -> ServerResult<Value> {
    super::budget::draw_list(ctx, items.len()).map_err(|e| field_error(ctx, e))?;
    let set = ctx.with_selection_set(&ctx.item.node.selection_set);
    let mut values = Vec::with_capacity(items.len());
    for (index, item) in items.enumerate() {
        let at = set.with_index(index);
        values.push(object(&at, &item, walk).map_err(|e| at.set_error_path(e))?);
    }
    Ok(Value::List(values))
}

/// An optional scalar.
pub fn optional<T>(value: Option<T>, to_value: impl FnOnce(T) -> Value) -> Value {
    value.map_or(Value::Null, to_value)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use async_graphql::{EmptySubscription, Schema};

    use super::DirectObject;
    use crate::graphql::entries::{BillRef, OccurrenceExceptionObject, PaydayRef};
    use crate::graphql::forecast::{
        BalancePoint, BillOccurrence, ContributionObject, Forecast, PayPeriod, PaydayOccurrence,
        PeriodPlanObject,
    };
    use crate::graphql::schedule::Schedule;
    use crate::graphql::{Mutation, Query};

    #[tokio::test]
    async fn every_direct_type_answers_every_field_its_schema_type_has() {
        let schema =
            Schema::build(Query::default(), Mutation::default(), EmptySubscription).finish();
        let types: [(&str, &[&str]); 11] = [
            (Forecast::NAME, Forecast::FIELDS),
            (PayPeriod::NAME, PayPeriod::FIELDS),
            (BillOccurrence::NAME, BillOccurrence::FIELDS),
            (PaydayOccurrence::NAME, PaydayOccurrence::FIELDS),
            (PeriodPlanObject::NAME, PeriodPlanObject::FIELDS),
            (ContributionObject::NAME, ContributionObject::FIELDS),
            (BalancePoint::NAME, BalancePoint::FIELDS),
            (BillRef::NAME, BillRef::FIELDS),
            (PaydayRef::NAME, PaydayRef::FIELDS),
            (Schedule::NAME, Schedule::FIELDS),
            (
                OccurrenceExceptionObject::NAME,
                OccurrenceExceptionObject::FIELDS,
            ),
        ];
        for (name, fields) in types {
            let query = format!(r#"{{ __type(name: "{name}") {{ fields {{ name }} }} }}"#);
            let data = schema.execute(query).await.data.into_json().expect("json");
            let in_schema: BTreeSet<&str> = data["__type"]["fields"]
                .as_array()
                .unwrap_or_else(|| panic!("{name} is not in the schema"))
                .iter()
                .filter_map(|f| f["name"].as_str())
                .collect();
            let direct: BTreeSet<&str> = fields.iter().copied().collect();
            assert_eq!(
                in_schema, direct,
                "{name}: the schema's fields (left) and those its DirectObject impl answers \
                 (right) differ; a field added to the #[Object] impl needs its direct twin"
            );
        }
    }
}
