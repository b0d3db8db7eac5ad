//! Direct execution: the forecast's response, and the bill and payday lists, built straight from
//! the selection set, as JSON text.
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
//! - [`DirectObject`] is one object type's fields, each written to an [`Out`] from a field
//!   context; [`object`] walks a selection set over it.
//! - [`DirectList<T>`] is the same for a root list: the `bills` and `paydays` lists return
//!   one, so the web app's bill list (30 bills with their schedules, exceptions and `nextDue`)
//!   is written by the same walk, its items by one layout, instead of some 600 resolver
//!   futures.
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
//!
//! # JSON text instead of a `Value` tree
//!
//! Built as a `Value`, a forecast is ~1,100 `IndexMap`s with SipHash-ed keys and ~2,400
//! `String`s, serialised once and dropped: a third of the request's CPU. So when the request
//! carries [`JsonText`] (`graphql::execute` adds it) the walk writes the field's JSON text
//! into one byte buffer instead, and [`Direct::resolve`] hands it to async-graphql inside a
//! **marker**, a `Value::Binary` — a variant nothing else in this schema produces (no scalar
//! here is binary, there are no uploads). async-graphql puts the marker under the field's key
//! like any value; [`response_json`] then writes the response as serde_json would, except that
//! a marker's bytes are copied as they are — or, for the HTTP body, [`response_pieces`] writes
//! the same text in pieces, the markers' texts among them shared rather than copied. serde_json
//! would write a `Binary` as an array of numbers, so a response that may hold markers never
//! reaches serde_json: `graphql::execute` returns it wrapped in `graphql::Answer`, which is not
//! `Serialize` and offers only those bytes or a plain response with the markers parsed back
//! into trees ([`resolve_markers`]). Without `JsonText` (a schema executed directly, as in unit
//! tests) the walk builds the `Value` tree it always built.
//!
//! Most objects of a forecast are items of lists whose selection sets are the same for every
//! item, so the text walk lays a selection set out once per object type (`Layout`: each
//! field's `,"key":` text, in selection order, fragments expanded) and writes each object as
//! its fields' values between those copied keys.
//!
//! A response key selected more than once in one object (the web app's forecast page selects
//! `periods`, `balances`, `lowestBalance` and `billsBeforeNextPayday` twice, through two
//! components' fragments) is written once, its selections merged as GraphQL's field collection
//! merges them: a scalar from its first selection, an object or list of objects once under
//! all its selections' sets ([`Out::Merged`], `write_merged`). async-graphql instead executes
//! each selection and merges the values (`insert_value`); without errors the two agree key for
//! key, and both draw the same budget (a merged list draws for each selection). An error
//! below a merge would be met once here and once per selection there, so then the first object
//! with a merge is written again by `write_fields`, the way async-graphql merges: every
//! selection executed, the object's text parsed back into a tree at the key that comes again,
//! the rest walked as a tree — with the budget put back as it was and the first attempt's
//! errors dropped. That second way also writes a key selected twice with different arguments.
//!
//! The same bills come again and again in one forecast (30 bills, 500 occurrences). A bill or
//! payday under one selection set is the same text wherever it comes: its fields depend on
//! the entry, the selection (arguments and variables included) and the request (its today,
//! its holidays), never on the place — except for an error, whose path is the place. So a
//! laid-out selection keeps each entry's text from the first time it is written and copies
//! it after (`Walk::copy_or_write`), unless that first write recorded an error; a copy draws
//! from the response budget what the write drew, or, when that much is not left, is written
//! afresh to fail where the write fails. This is one response's text written once, not a
//! cache: it lives as long as the walk.
//!
//! Why the text is byte-identical to the tree's serialisation:
//! - the walk is the same walk, in the same order (so the same errors, paths and budget
//!   draws); only where each value goes differs — [`Out::Json`] or [`Out::Tree`];
//! - strings and every other scalar but `Money`, `Date` and `ID` are written by serde_json
//!   itself, from the value the tree would hold ([`Put`]); `Money`, `Date` and `ID` are
//!   quoted digits, dashes and dots (never escaped) from the functions their scalars use;
//! - keys and punctuation are serde_json's compact form (`{"k":v,…}`, no spaces);
//! - a failed field is cut off the text where it began (key and comma too), an object
//!   without fields becomes `null`, as in the tree;
//! - a response key selected twice in one object is written merged when no error comes below
//!   it (above); otherwise, and when its selections differ in arguments, the object's text so
//!   far is parsed back into a tree (exact: only strings, booleans, integers, nulls, lists and
//!   objects without repeated keys), and the rest of that object is walked as a tree and
//!   written with serde_json at its end — that one object only, its siblings and parents stay
//!   text;
//! - the one merge the walk does not see is async-graphql's own, of a root key selected twice
//!   (`{ forecast { from } forecast { until } }`): it would keep the first marker and drop the
//!   second, so such a field is walked as a tree from the start (`selected_twice_at_root`).
//!
//! The unit tests below check the scalars against serde_json (strings of every kind); the
//! API tests compare the response bytes with the reference path across the query variety.

use std::borrow::{Borrow, Cow};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::{Field, Selection, SelectionSet};
use async_graphql::registry::Registry;
use async_graphql::{
    Context, ContextSelectionSet, Name, OutputType, Positioned, ServerError, ServerResult, Value,
};
use bytes::Bytes;
use chrono::NaiveDate;

use super::budget::Budget;
use super::scalars::{date_text, id_text, money_text, push_date, push_id, push_money};
use crate::domain::entry::Entry;
use crate::domain::id::Id;
use crate::domain::money::Money;
use crate::error::AppError;

/// Put in a request's data, it makes [`Direct`] types resolve through their `#[Object]`
/// impls instead: the reference the tests compare with, and a way back should the direct path
/// ever be in doubt.
#[derive(Debug, Clone, Copy, Default)]
pub struct GenericExecution;

/// Put in a request's data, it makes [`Direct`] types answer with their JSON text in a marker
/// (see the module docs): only for a caller that writes the response with [`response_json`]
/// or resolves the markers with [`resolve_markers`] — `graphql::execute` does both.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonText;

/// One GraphQL object type whose fields resolve synchronously, straight to values.
pub trait DirectObject: Sync {
    /// The GraphQL type name (for `__typename` and fragment type conditions).
    const NAME: &'static str;

    /// Every field the type has, in the schema (`__typename` aside): checked against the
    /// schema by a test, so a field added to the `#[Object]` impl cannot be forgotten here.
    const FIELDS: &'static [&'static str];

    /// Writes the value of the field `ctx` is at (never `__typename`) to `out`, once. An
    /// unknown name is `null`, as in async-graphql (validation lets none through); so is a
    /// field that writes nothing.
    fn field(&self, ctx: &Context<'_>, walk: &Walk<'_>, out: &mut Out<'_>) -> ServerResult<()>;

    /// The entry this object shows, when it is that entry as it is stored (a bill, a payday):
    /// it is then written once per selection set and copied where the same entry comes again
    /// (see the module docs).
    fn entry(&self) -> Option<Id> {
        None
    }
}

/// Where a field's value goes: appended to the response's JSON text, or into the `Value` the
/// tree walk builds.
pub enum Out<'o> {
    /// The JSON text of the response so far.
    Json(&'o mut Vec<u8>),
    /// The JSON text, for a field selected more than once under one response key: `also` are
    /// the other selections, whose selection sets merge with this field's (an object or list
    /// of objects is written once, under all of them; see [`nested`] and [`list`]).
    Merged {
        /// The JSON text of the response so far.
        text: &'o mut Vec<u8>,
        /// The field's other selections under the same key, in selection order.
        also: &'o [&'o Positioned<Field>],
    },
    /// The slot of the field's value (`Null` until written).
    Tree(&'o mut Value),
}

impl Out<'_> {
    /// Writes a scalar (or `null`, or a list of scalars).
    pub fn put(&mut self, value: impl Put) {
        value.put(self);
    }
}

/// A value a field writes as it is: the same text serde_json writes for the `Value` the tree
/// would hold. A scalar selected twice ([`Out::Merged`]) is written once, like any other: its
/// selections have the same arguments.
pub trait Put {
    /// Writes `self` to `out`.
    fn put(self, out: &mut Out<'_>);
}

/// Scalars whose text is digits, dashes and dots, never escaped: written without a `String`.
macro_rules! quoted {
    ($type:ty, $push:ident, $text:ident) => {
        impl Put for $type {
            fn put(self, out: &mut Out<'_>) {
                match out {
                    Out::Json(text) | Out::Merged { text, .. } => {
                        text.push(b'"');
                        $push(text, self);
                        text.push(b'"');
                    }
                    Out::Tree(slot) => **slot = Value::String($text(self)),
                }
            }
        }
    };
}

quoted!(Money, push_money, money_text);
quoted!(NaiveDate, push_date, date_text);
quoted!(Id, push_id, id_text);

impl Put for &str {
    fn put(self, out: &mut Out<'_>) {
        match out {
            Out::Json(text) | Out::Merged { text, .. } => json_str(text, self),
            Out::Tree(slot) => **slot = Value::String(self.to_owned()),
        }
    }
}

impl Put for bool {
    fn put(self, out: &mut Out<'_>) {
        match out {
            Out::Json(text) | Out::Merged { text, .. } => {
                text.extend_from_slice(if self { b"true" } else { b"false" });
            }
            Out::Tree(slot) => **slot = Value::Boolean(self),
        }
    }
}

impl Put for i32 {
    fn put(self, out: &mut Out<'_>) {
        Value::from(self).put(out);
    }
}

/// Any other value (enum items, `DateTime`s, `null`): serde_json writes it.
impl Put for Value {
    fn put(self, out: &mut Out<'_>) {
        match out {
            Out::Json(text) | Out::Merged { text, .. } => write_json(*text, &self),
            Out::Tree(slot) => **slot = self,
        }
    }
}

/// An optional scalar: `null` when absent.
impl<T: Put> Put for Option<T> {
    fn put(self, out: &mut Out<'_>) {
        match self {
            Some(value) => value.put(out),
            None => Value::Null.put(out),
        }
    }
}

/// A list of scalars.
#[derive(Debug, Clone)]
pub struct Items<I>(pub I);

impl<I: Iterator<Item: Put>> Put for Items<I> {
    fn put(self, out: &mut Out<'_>) {
        match out {
            Out::Json(text) | Out::Merged { text, .. } => {
                text.push(b'[');
                for (index, item) in self.0.enumerate() {
                    if index > 0 {
                        text.push(b',');
                    }
                    item.put(&mut Out::Json(text));
                }
                text.push(b']');
            }
            Out::Tree(slot) => {
                let items = self.0.map(|item| {
                    let mut value = Value::Null;
                    item.put(&mut Out::Tree(&mut value));
                    value
                });
                **slot = Value::List(items.collect());
            }
        }
    }
}

/// What a walk needs besides the object at hand: the entries behind the ids it meets, and the
/// layouts of the selection sets it has written.
pub struct Walk<'a> {
    bills: EntryIndex<'a>,
    paydays: EntryIndex<'a>,
    layouts: RefCell<Vec<Remembered>>,
    /// The request's response budget, if it has one.
    budget: Option<&'a Budget>,
    /// How many field errors the walk has met so far.
    errors: Cell<usize>,
    /// Whether an object with a key selected twice is being written (see [`write_merged`]):
    /// errors are then counted but not recorded, since that object is written again.
    merging: Cell<bool>,
}

impl<'a> Walk<'a> {
    /// A walk over a response whose occurrences refer to these bills and paydays.
    pub fn new(bills: &'a [Entry], paydays: &'a [Entry], budget: Option<&'a Budget>) -> Self {
        Walk {
            bills: EntryIndex::new(bills),
            paydays: EntryIndex::new(paydays),
            layouts: RefCell::new(Vec::new()),
            budget,
            errors: Cell::new(0),
            merging: Cell::new(false),
        }
    }

    /// Records the error of a field that failed (only counts it while merging).
    fn add_error(&self, ctx: &ContextSelectionSet<'_>, error: ServerError) {
        self.errors.set(self.errors.get() + 1);
        if !self.merging.get() {
            ctx.add_error(error);
        }
    }

    /// Appends the text of `entry`'s object under `layout`: a copy when it was written before
    /// without an error, and the budget has what that write drew (drawn again now); otherwise
    /// written by `write`, and remembered when that recorded no error.
    fn copy_or_write(
        &self,
        layout: &Layout,
        entry: Id,
        text: &mut Vec<u8>,
        write: impl FnOnce(&mut Vec<u8>) -> ServerResult<()>,
    ) -> ServerResult<()> {
        let id = key(entry);
        {
            let copies = layout.copies.borrow();
            if let Ok(at) = copies.at.binary_search_by_key(&id, |kept| kept.id) {
                let kept = &copies.at[at];
                let drawn = match self.budget {
                    Some(budget) if kept.drawn > 0 => budget.draw_if_left(kept.drawn),
                    _ => true,
                };
                if drawn {
                    text.extend_from_slice(&copies.text[kept.start..kept.end]);
                    return Ok(());
                }
            }
        }
        let (start, errors) = (text.len(), self.errors.get());
        let left = self.budget.map(Budget::remaining);
        write(text)?;
        if self.errors.get() != errors {
            return Ok(());
        }
        let drawn = left.zip(self.budget.map(Budget::remaining));
        let mut copies = layout.copies.borrow_mut();
        if let Err(at) = copies.at.binary_search_by_key(&id, |kept| kept.id) {
            let from = copies.text.len();
            copies.text.extend_from_slice(&text[start..]);
            let kept = Kept {
                id,
                start: from,
                end: copies.text.len(),
                drawn: drawn.map_or(0, |(before, after)| before - after),
            };
            copies.at.insert(at, kept);
        }
        Ok(())
    }

    /// The layout of the selection set `ctx` is at, for objects of type `T`: made the first
    /// time, remembered for the walk's other objects there (the items of a list, the `bill`
    /// of each occurrence); `more` are the selection sets merged with it (see [`Out::Merged`]).
    /// `None` when [`Layout::of`] finds none, or past [`REMEMBERED_LAYOUTS`].
    fn layout<T: DirectObject>(
        &self,
        ctx: &ContextSelectionSet<'_>,
        more: &[&Positioned<SelectionSet>],
    ) -> Option<Rc<Layout>> {
        let set = address(ctx.item);
        let found = self
            .layouts
            .borrow()
            .iter()
            .find(|r| {
                r.set == set
                    && r.type_name == T::NAME
                    && r.more.len() == more.len()
                    && r.more.iter().zip(more).all(|(&at, set)| at == address(set))
            })
            .map(|r| r.layout.clone());
        if let Some(layout) = found {
            return layout;
        }
        let mut layouts = self.layouts.borrow_mut();
        if layouts.len() >= REMEMBERED_LAYOUTS {
            return None;
        }
        let layout = Layout::of::<T>(ctx, more).map(Rc::new);
        layouts.push(Remembered {
            set,
            more: more.iter().map(|s| address(s)).collect(),
            type_name: T::NAME,
            layout: layout.clone(),
        });
        layout
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

/// How many selection sets a walk remembers the layout of. A forecast query has a dozen; a
/// query with more is written key by key past these (as every object was before layouts),
/// so a hostile document cannot grow the list.
const REMEMBERED_LAYOUTS: usize = 32;

/// A selection set's layout for one object type, by the address of the set in the request's
/// document (which outlives the walk, and which no other set shares while it lives).
struct Remembered {
    set: usize,
    /// The selection sets merged with it, if any.
    more: Vec<usize>,
    type_name: &'static str,
    layout: Option<Rc<Layout>>,
}

/// A selection set's address in the request's document.
fn address(set: &Positioned<SelectionSet>) -> usize {
    std::ptr::from_ref(set) as usize
}

/// The response keys a selection set selects on one object type (or several sets merged, see
/// [`Out::Merged`]), fragments expanded, in order: each key as JSON text, `,"key":`, so an
/// object's text is its fields' values between those copied keys. The walk then needs no
/// account of the keys it has written, and no per-key escaping or quoting.
struct Layout {
    /// The keys' `,"key":` texts, one after another.
    keys: Vec<u8>,
    /// Where each key's text ends in `keys`.
    ends: Vec<usize>,
    /// When a key is selected more than once: where each key's fields are among all the
    /// fields in selection order (see [`write_merged`]).
    merged: Option<Merged>,
    /// The text each entry's object was written as under this selection set, to be copied
    /// where the entry comes again (see the module docs). A year's household forecast names
    /// the same 30 bills in its 500 occurrences, so each `bill { id name }` is written once and
    /// copied 16 times on average. Only for this walk (this one response), never across
    /// requests; each text kept is one the response holds too, so the copies never hold more
    /// than the response, which the budget bounds.
    copies: RefCell<Copies>,
}

/// The texts of a layout's objects, by entry.
#[derive(Default)]
struct Copies {
    /// The objects' texts, one after another.
    text: Vec<u8>,
    /// Where each entry's text is, sorted by entry.
    at: Vec<Kept>,
}

/// One entry's object as written under a layout.
struct Kept {
    /// The entry's id, as [`key`].
    id: u128,
    /// Where its text is in [`Copies::text`].
    start: usize,
    end: usize,
    /// What writing it drew from the response budget (its lists).
    drawn: u64,
}

/// Where the fields of each response key are, when a key is selected more than once.
struct Merged {
    /// How many fields the sets select, fragments expanded.
    fields: usize,
    /// For each key in selection order, its fields' positions among them.
    at: Vec<Vec<usize>>,
}

impl Layout {
    /// The layout of `ctx`'s selection set merged with `more`. `None` when a fragment is
    /// unknown (so the error is met where the walk meets it), when a key's selections differ
    /// in name or arguments (async-graphql's merge keeps the first value then: the walk does
    /// too, key by key, see [`write_fields`]), or when more than one set is merged and one of
    /// them selects nothing on `T` (its object would be `null`, which a merge keeps).
    fn of<T: DirectObject>(
        ctx: &ContextSelectionSet<'_>,
        more: &[&Positioned<SelectionSet>],
    ) -> Option<Layout> {
        fn add<'q, T: DirectObject>(
            ctx: &ContextSelectionSet<'q>,
            layout: &mut Layout,
            keys: &mut HashMap<&'q str, (usize, &'q Positioned<Field>)>,
            at: &mut Vec<Vec<usize>>,
            fields: &mut usize,
        ) -> Option<()> {
            for selection in &ctx.item.node.items {
                let Selection::Field(field) = &selection.node else {
                    if let Some(set) = fragment(ctx, selection, T::NAME).ok()? {
                        add::<T>(&ctx.with_selection_set(set), layout, keys, at, fields)?;
                    }
                    continue;
                };
                let position = *fields;
                *fields += 1;
                let key = field.node.response_key().node.as_str();
                if let Some(&(index, first)) = keys.get(key) {
                    if first.node.name.node != field.node.name.node
                        || first.node.arguments != field.node.arguments
                    {
                        return None;
                    }
                    at[index].push(position);
                    continue;
                }
                keys.insert(key, (at.len(), field));
                at.push(vec![position]);
                layout.keys.push(b',');
                json_name(&mut layout.keys, key);
                layout.keys.push(b':');
                layout.ends.push(layout.keys.len());
            }
            Some(())
        }
        let mut layout = Layout {
            keys: Vec::new(),
            ends: Vec::new(),
            merged: None,
            copies: RefCell::default(),
        };
        let (mut keys, mut at, mut fields) = (HashMap::new(), Vec::new(), 0);
        add::<T>(ctx, &mut layout, &mut keys, &mut at, &mut fields)?;
        for set in more {
            let before = fields;
            let set = ctx.with_selection_set(set);
            add::<T>(&set, &mut layout, &mut keys, &mut at, &mut fields)?;
            if before == 0 || fields == before {
                return None;
            }
        }
        if at.iter().any(|positions| positions.len() > 1) {
            layout.merged = Some(Merged { fields, at });
        }
        Some(layout)
    }

    /// The `,"key":` text of the field at `index`, in selection order.
    fn key(&self, index: usize) -> &[u8] {
        let start = index.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.keys[start..self.ends[index]]
    }
}

/// Entries by id: sorted ids and positions, searched in halves (a user has at most 1,000).
/// Each id is searched as one 128-bit number, which compares in a couple of instructions
/// where twelve bytes take a `memcmp` call: the household forecast looks up 500 bills.
struct EntryIndex<'a> {
    entries: &'a [Entry],
    by_id: Vec<(u128, usize)>,
}

impl<'a> EntryIndex<'a> {
    fn new(entries: &'a [Entry]) -> Self {
        let mut by_id: Vec<(u128, usize)> = entries.iter().map(|e| key(e.id)).zip(0..).collect();
        by_id.sort_unstable();
        EntryIndex { entries, by_id }
    }

    fn get(&self, id: Id) -> Option<&'a Entry> {
        let id = key(id);
        let at = self.by_id.binary_search_by(|(key, _)| key.cmp(&id)).ok()?;
        self.entries.get(self.by_id[at].1)
    }
}

/// An id as a number: its twelve bytes, most significant first.
fn key(id: Id) -> u128 {
    let mut bytes = [0; 16];
    bytes[4..].copy_from_slice(&id.bytes());
    u128::from_be_bytes(bytes)
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

/// Room for a year's household forecast (~58 KB) before the buffer first grows: starting from
/// 16 KiB, it grew twice and copied 48 KB per forecast. A shorter forecast leaves the rest
/// untouched until the response is sent; a longer one grows by doubling from here.
const TEXT_CAPACITY: usize = 64 * 1024;

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
        let walk = Walk::new(&self.bills, &self.paydays, ctx.data_opt::<Budget>());
        if !as_text(ctx, field) {
            return object(ctx, &self.value, &walk);
        }
        let mut text = Vec::with_capacity(TEXT_CAPACITY);
        write_object(ctx, &[], &self.value, &walk, &mut text)?;
        Ok(if text == b"null" {
            Value::Null
        } else {
            Value::Binary(text.into())
        })
    }
}

/// A root list of objects resolved by the walk (the `bills` and `paydays` lists), or with
/// [`GenericExecution`] by `T`'s own `#[Object]` impl. Its schema type is `[T!]!`, as a
/// `Vec<T>`'s. The field's resolver draws the list from the response budget before it returns
/// one, as for any list; the items are written as [`list`] writes a nested list's.
pub struct DirectList<T> {
    items: Vec<T>,
}

impl<T> DirectList<T> {
    /// These items, in order.
    pub fn new(items: Vec<T>) -> Self {
        DirectList { items }
    }
}

impl<T: OutputType + DirectObject> OutputType for DirectList<T> {
    fn type_name() -> Cow<'static, str> {
        <Vec<T> as OutputType>::type_name()
    }

    fn qualified_type_name() -> String {
        <Vec<T> as OutputType>::qualified_type_name()
    }

    fn create_type_info(registry: &mut Registry) -> String {
        <Vec<T> as OutputType>::create_type_info(registry)
    }

    async fn resolve(
        &self,
        ctx: &ContextSelectionSet<'_>,
        field: &Positioned<Field>,
    ) -> ServerResult<Value> {
        if ctx.data_opt::<GenericExecution>().is_some() {
            return self.items.resolve(ctx, field).await;
        }
        let walk = Walk::new(&[], &[], ctx.data_opt::<Budget>());
        if !as_text(ctx, field) {
            return tree_items::<T>(ctx, self.items.iter(), &walk);
        }
        let mut text = Vec::with_capacity(TEXT_CAPACITY);
        write_items::<T>(ctx, &[], self.items.iter(), &walk, &mut text)?;
        Ok(Value::Binary(text.into()))
    }
}

/// Whether a root field's value is written as JSON text in a marker (else as a tree): when the
/// request asks for text and the field's response key is selected only once at the root.
fn as_text(ctx: &ContextSelectionSet<'_>, field: &Positioned<Field>) -> bool {
    ctx.data_opt::<JsonText>().is_some()
        && !selected_twice_at_root(ctx, field.node.response_key().node.as_str())
}

/// Whether the operation's root selection set selects the response key `key` more than once
/// (fragments expanded). async-graphql then merges the values itself (its `insert_value`), which
/// keeps the first of two markers whole and drops the second: such a field is answered as a
/// tree. (`forecast` is a root field only; `@skip`ped selections are already gone.)
fn selected_twice_at_root(ctx: &ContextSelectionSet<'_>, key: &str) -> bool {
    fn count(ctx: &ContextSelectionSet<'_>, set: &SelectionSet, key: &str) -> usize {
        set.items
            .iter()
            .map(|selection| match &selection.node {
                Selection::Field(field) => usize::from(field.node.response_key().node == key),
                Selection::FragmentSpread(spread) => ctx
                    .query_env
                    .fragments
                    .get(&spread.node.fragment_name.node)
                    .map_or(0, |fragment| {
                        count(ctx, &fragment.node.selection_set.node, key)
                    }),
                Selection::InlineFragment(fragment) => {
                    count(ctx, &fragment.node.selection_set.node, key)
                }
            })
            .sum()
    }
    count(ctx, &ctx.query_env.operation.node.selection_set.node, key) > 1
}

/// Resolves `object`'s fields selected in `ctx`'s selection set, fragments expanded, into one
/// value (`null` when no field is left): the tree walk.
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
        match &selection.node {
            Selection::Field(field) => insert_field(ctx, object, walk, field, fields),
            _ => {
                if let Some(set) = fragment(ctx, selection, T::NAME)? {
                    collect(&ctx.with_selection_set(set), object, walk, fields)?;
                }
            }
        }
    }
    Ok(())
}

/// The selection set of a fragment (spread or inline) that applies to the type `name`; `None`
/// when it does not apply.
fn fragment<'a>(
    ctx: &ContextSelectionSet<'a>,
    selection: &'a Positioned<Selection>,
    name: &str,
) -> ServerResult<Option<&'a Positioned<SelectionSet>>> {
    Ok(match &selection.node {
        Selection::Field(_) => None,
        Selection::FragmentSpread(spread) => {
            let fragment_name = &spread.node.fragment_name.node;
            let Some(fragment) = ctx.query_env.fragments.get(fragment_name) else {
                return Err(ServerError::new(
                    format!(r#"Unknown fragment "{fragment_name}"."#),
                    Some(spread.pos),
                ));
            };
            (fragment.node.type_condition.node.on.node == name)
                .then_some(&fragment.node.selection_set)
        }
        Selection::InlineFragment(fragment) => fragment
            .node
            .type_condition
            .as_ref()
            .is_none_or(|condition| condition.node.on.node == name)
            .then_some(&fragment.node.selection_set),
    })
}

/// Resolves `field` of `object` as a tree and puts it under its response key (merging, see
/// [`insert_value`]); a failed field is left out and its error recorded.
fn insert_field<T: DirectObject>(
    ctx: &ContextSelectionSet<'_>,
    object: &T,
    walk: &Walk<'_>,
    field: &Positioned<Field>,
    fields: &mut IndexMap<Name, Value>,
) {
    let key = field.node.response_key().node.clone();
    if field.node.name.node == "__typename" {
        insert_value(fields, key, Value::String(T::NAME.to_owned()));
        return;
    }
    let mut value = Value::Null;
    match object.field(&ctx.with_field(field), walk, &mut Out::Tree(&mut value)) {
        Ok(()) => insert_value(fields, key, value),
        Err(error) => walk.add_error(ctx, error),
    }
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

/// Appends the JSON text of `object`'s fields selected in `ctx`'s selection set merged with
/// `more` (see [`Out::Merged`]), fragments expanded (`null` when no field is left): the text
/// walk.
#[inline]
fn write_object<T: DirectObject>(
    ctx: &ContextSelectionSet<'_>,
    more: &[&Positioned<SelectionSet>],
    object: &T,
    walk: &Walk<'_>,
    text: &mut Vec<u8>,
) -> ServerResult<()> {
    let layout = walk.layout::<T>(ctx, more);
    match (layout.as_deref(), object.entry()) {
        (Some(layout), Some(entry)) => walk.copy_or_write(layout, entry, text, |text| {
            write_object_in(ctx, more, object, walk, text, Some(layout))
        }),
        (layout, _) => write_object_in(ctx, more, object, walk, text, layout),
    }
}

/// [`write_object`], with the layout of the selection sets looked up already (a list looks it
/// up once for all its items).
fn write_object_in<T: DirectObject>(
    ctx: &ContextSelectionSet<'_>,
    more: &[&Positioned<SelectionSet>],
    object: &T,
    walk: &Walk<'_>,
    text: &mut Vec<u8>,
    layout: Option<&Layout>,
) -> ServerResult<()> {
    let start = text.len();
    match layout {
        Some(layout @ Layout { merged: None, .. }) => {
            text.push(b'{');
            let mut at = Laid {
                next: 0,
                any: false,
            };
            write_laid_out(ctx, object, walk, text, layout, &mut at)?;
            for set in more {
                let set = ctx.with_selection_set(set);
                write_laid_out(&set, object, walk, text, layout, &mut at)?;
            }
            close(text, start, at.any);
            return Ok(());
        }
        Some(
            layout @ Layout {
                merged: Some(merged),
                ..
            },
        ) => {
            if walk.merging.get() || !more.is_empty() {
                return write_merged(ctx, more, object, walk, text, layout, merged);
            }
            // The first object with a key selected twice: after an error anywhere below, it is
            // written again by `write_fields` below, as async-graphql's merge writes it.
            let (errors, spent) = (walk.errors.get(), walk.budget.map(Budget::spent));
            walk.merging.set(true);
            let merged = write_merged(ctx, more, object, walk, text, layout, merged);
            walk.merging.set(false);
            if merged.is_ok() && walk.errors.get() == errors {
                return Ok(());
            }
            text.truncate(start);
            walk.errors.set(errors);
            if let Some((budget, spent)) = walk.budget.zip(spent) {
                budget.restore(spent);
            }
        }
        // Merged sets that cannot be laid out are written again by the first merging object.
        None if !more.is_empty() => return Err(cannot_merge()),
        None => {}
    }
    text.push(b'{');
    let mut written = Written {
        keys: Keys::default(),
        tree: None,
    };
    write_fields(ctx, object, walk, text, start, &mut written)?;
    match written.tree {
        Some(fields) => {
            text.truncate(start);
            write_json(text, &Value::Object(fields));
        }
        None if written.keys.is_empty() => {
            text.truncate(start);
            text.extend_from_slice(b"null");
        }
        None => text.push(b'}'),
    }
    Ok(())
}

/// An object being written: text while every response key is new, a tree once one came again.
struct Written<'q> {
    /// The keys of the fields in the text, which starts with `{` at the object's start.
    keys: Keys<'q>,
    /// Once a key came again: the object's fields so far (its text is dropped at the end and
    /// written from these).
    tree: Option<IndexMap<Name, Value>>,
}

fn write_fields<'q, T: DirectObject>(
    ctx: &ContextSelectionSet<'q>,
    object: &T,
    walk: &Walk<'_>,
    text: &mut Vec<u8>,
    start: usize,
    written: &mut Written<'q>,
) -> ServerResult<()> {
    for selection in &ctx.item.node.items {
        let Selection::Field(field) = &selection.node else {
            if let Some(set) = fragment(ctx, selection, T::NAME)? {
                let inner = ctx.with_selection_set(set);
                write_fields(&inner, object, walk, text, start, written)?;
            }
            continue;
        };
        if written.tree.is_none() {
            let keys = &mut written.keys;
            let key = field.node.response_key().node.as_str();
            if !keys.contains(key) {
                let mark = text.len();
                if !keys.is_empty() {
                    text.push(b',');
                }
                json_name(text, key);
                text.push(b':');
                if write_value(ctx, object, walk, field, &[], text, mark) {
                    keys.push(key);
                }
                continue;
            }
            // A key again: its values merge, which needs the tree of what is written so far.
            written.tree = Some(parse_object(text, start)?);
        }
        if let Some(fields) = &mut written.tree {
            insert_field(ctx, object, walk, field, fields);
        }
    }
    Ok(())
}

/// Closes the object whose text starts at `start`: `null` when no field is in it.
fn close(text: &mut Vec<u8>, start: usize, any: bool) {
    if any {
        text.push(b'}');
    } else {
        text.truncate(start);
        text.extend_from_slice(b"null");
    }
}

/// The error that ends a merged write which cannot go on (see [`write_object_in`]); never
/// seen, since that write is then done again.
fn cannot_merge() -> ServerError {
    ServerError::new("internal error: selections could not be merged", None)
}

/// Writes an object whose layout has a key selected more than once, as GraphQL's field
/// collection merges selections (and as async-graphql's merge of the values comes out): each
/// key once, in the order of its first selection; a scalar from its first selection (they have
/// the same name and arguments); an object or a list of objects once, under all its
/// selections' sets merged ([`Out::Merged`]), so nothing is resolved twice and no text is
/// parsed back. Only when nothing fails: a field error under a merge would be met once here
/// and once per selection by async-graphql, so the first merging object is then written again
/// by [`write_fields`] (its budget drawn back, the errors dropped), which executes every
/// selection and merges the values as trees, as before merges were written. Objects with
/// merges below the first one write merged within its attempt, without attempts of their own,
/// so a request pays at most once more per level of merges, within its budget and deadline.
fn write_merged<T: DirectObject>(
    ctx: &ContextSelectionSet<'_>,
    more: &[&Positioned<SelectionSet>],
    object: &T,
    walk: &Walk<'_>,
    text: &mut Vec<u8>,
    layout: &Layout,
    merged: &Merged,
) -> ServerResult<()> {
    fn flatten<'q, T: DirectObject>(
        ctx: &ContextSelectionSet<'q>,
        fields: &mut Vec<&'q Positioned<Field>>,
    ) -> ServerResult<()> {
        for selection in &ctx.item.node.items {
            match &selection.node {
                Selection::Field(field) => fields.push(field),
                _ => {
                    if let Some(set) = fragment(ctx, selection, T::NAME)? {
                        flatten::<T>(&ctx.with_selection_set(set), fields)?;
                    }
                }
            }
        }
        Ok(())
    }
    let mut fields = Vec::with_capacity(merged.fields);
    flatten::<T>(ctx, &mut fields)?;
    let sets: Vec<_> = more.iter().map(|set| ctx.with_selection_set(set)).collect();
    for set in &sets {
        flatten::<T>(set, &mut fields)?;
    }
    if fields.len() != merged.fields {
        return Err(cannot_merge());
    }
    let start = text.len();
    text.push(b'{');
    let (mut any, mut also) = (false, Vec::new());
    for (index, positions) in merged.at.iter().enumerate() {
        let key = layout.key(index);
        let mark = text.len();
        text.extend_from_slice(if any { key } else { &key[1..] });
        also.clear();
        also.extend(positions[1..].iter().map(|&at| fields[at]));
        if write_value(ctx, object, walk, fields[positions[0]], &also, text, mark) {
            any = true;
        }
    }
    close(text, start, any);
    Ok(())
}

/// Where an object written by its [`Layout`] is: the index of its next field in selection
/// order, and whether a field is in its text yet (the first one written drops its comma).
struct Laid {
    next: usize,
    any: bool,
}

/// [`write_fields`] for a selection set whose keys are all different: the same fields in the
/// same order, each after its key from the layout; a failed field is cut off with its key.
fn write_laid_out<T: DirectObject>(
    ctx: &ContextSelectionSet<'_>,
    object: &T,
    walk: &Walk<'_>,
    text: &mut Vec<u8>,
    layout: &Layout,
    at: &mut Laid,
) -> ServerResult<()> {
    for selection in &ctx.item.node.items {
        let Selection::Field(field) = &selection.node else {
            if let Some(set) = fragment(ctx, selection, T::NAME)? {
                let inner = ctx.with_selection_set(set);
                write_laid_out(&inner, object, walk, text, layout, at)?;
            }
            continue;
        };
        let key = layout.key(at.next);
        at.next += 1;
        let mark = text.len();
        text.extend_from_slice(if at.any { key } else { &key[1..] });
        if write_value(ctx, object, walk, field, &[], text, mark) {
            at.any = true;
        }
    }
    Ok(())
}

/// Appends the value of `field` of `object` (its key is written already, from `mark` on),
/// merged with the selections `also` under the same key: `null` when the field writes
/// nothing; a failed field is cut off at `mark`, key and comma too, and its error recorded.
/// Whether the field is in the text. Inlined: it is the walk's per-field step, and as a call
/// it cost ~25 instructions a field (~80 k per forecast).
#[inline(always)]
fn write_value<T: DirectObject>(
    ctx: &ContextSelectionSet<'_>,
    object: &T,
    walk: &Walk<'_>,
    field: &Positioned<Field>,
    also: &[&Positioned<Field>],
    text: &mut Vec<u8>,
    mark: usize,
) -> bool {
    let value_at = text.len();
    let result = if field.node.name.node == "__typename" {
        json_name(text, T::NAME);
        Ok(())
    } else {
        let mut out = if also.is_empty() {
            Out::Json(text)
        } else {
            Out::Merged { text, also }
        };
        object.field(&ctx.with_field(field), walk, &mut out)
    };
    match result {
        Ok(()) => {
            if text.len() == value_at {
                text.extend_from_slice(b"null");
            }
            true
        }
        Err(error) => {
            text.truncate(mark);
            walk.add_error(ctx, error);
            false
        }
    }
}

/// The object whose (unclosed) text starts at `start`, parsed back into its fields.
fn parse_object(text: &mut Vec<u8>, start: usize) -> ServerResult<IndexMap<Name, Value>> {
    text.push(b'}');
    let parsed = serde_json::from_slice::<Value>(&text[start..]);
    text.pop();
    match parsed {
        Ok(Value::Object(fields)) => Ok(fields),
        // Unreachable unless the walk wrote something that is not JSON: say so, not panic.
        _ => Err(ServerError::new(
            "internal error: the response text could not be merged",
            None,
        )),
    }
}

/// The response keys an object's text holds: a handful, kept without allocating.
#[derive(Default)]
struct Keys<'q> {
    first: [&'q str; 16],
    len: usize,
    more: Vec<&'q str>,
}

impl<'q> Keys<'q> {
    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn contains(&self, key: &str) -> bool {
        self.first[..self.len.min(self.first.len())].contains(&key) || self.more.contains(&key)
    }

    fn push(&mut self, key: &'q str) {
        match self.first.get_mut(self.len) {
            Some(slot) => *slot = key,
            None => self.more.push(key),
        }
        self.len += 1;
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
    out: &mut Out<'_>,
) -> ServerResult<()> {
    let set = ctx.with_selection_set(&ctx.item.node.selection_set);
    match out {
        Out::Json(text) => write_object(&set, &[], value, walk, text),
        Out::Merged { text, also } => write_object(&set, &sets(also), value, walk, text),
        Out::Tree(slot) => {
            **slot = object(&set, value, walk)?;
            Ok(())
        }
    }
}

/// The selection sets of the fields merged with another.
fn sets<'q>(also: &[&'q Positioned<Field>]) -> Vec<&'q Positioned<SelectionSet>> {
    also.iter().map(|field| &field.node.selection_set).collect()
}

/// A list of objects: drawn from the response budget first (as every list resolver does),
/// then each item resolved at its index.
pub fn list<T: DirectObject>(
    ctx: &Context<'_>,
    items: impl ExactSizeIterator<Item = T>,
    walk: &Walk<'_>,
    out: &mut Out<'_>,
) -> ServerResult<()> {
    super::budget::draw_list(ctx, items.len()).map_err(|e| field_error(ctx, e))?;
    let set = ctx.with_selection_set(&ctx.item.node.selection_set);
    let (text, more) = match out {
        Out::Json(text) => (text, Vec::new()),
        Out::Merged { text, also } => {
            // Each selection draws for the list, as async-graphql's execution of each does.
            for field in *also {
                let other = ctx.with_selection_set(&field.node.selection_set);
                super::budget::draw_list(&other.with_field(field), items.len())
                    .map_err(|e| field_error(ctx, e))?;
            }
            (text, sets(also))
        }
        Out::Tree(slot) => {
            **slot = tree_items::<T>(&set, items, walk)?;
            return Ok(());
        }
    };
    write_items::<T>(&set, &more, items, walk, text)
}

/// The text of a list of objects (`[…]`), all under one layout of the list's selection sets,
/// each item at its index: a nested list's ([`list`]) or a root one's ([`DirectList`]).
fn write_items<T: DirectObject>(
    set: &ContextSelectionSet<'_>,
    more: &[&Positioned<SelectionSet>],
    items: impl Iterator<Item: Borrow<T>>,
    walk: &Walk<'_>,
    text: &mut Vec<u8>,
) -> ServerResult<()> {
    let layout = walk.layout::<T>(set, more);
    text.push(b'[');
    for (index, item) in items.enumerate() {
        if index > 0 {
            text.push(b',');
        }
        let at = set.with_index(index);
        write_object_in(&at, more, item.borrow(), walk, text, layout.as_deref())
            .map_err(|e| at.set_error_path(e))?;
    }
    text.push(b']');
    Ok(())
}

/// The tree of a list of objects, each item at its index.
fn tree_items<T: DirectObject>(
    set: &ContextSelectionSet<'_>,
    items: impl Iterator<Item: Borrow<T>>,
    walk: &Walk<'_>,
) -> ServerResult<Value> {
    let values = items.enumerate().map(|(index, item)| {
        let at = set.with_index(index);
        object(&at, item.borrow(), walk).map_err(|e| at.set_error_path(e))
    });
    Ok(Value::List(values.collect::<ServerResult<_>>()?))
}

/// Appends a GraphQL name (a response key or a type name) as a JSON string. A name is
/// `[_A-Za-z][_0-9A-Za-z]*` — the parser accepts nothing else as a field name or alias, and
/// type names are our own constants — and JSON never escapes those characters, so the bytes
/// are copied between quotes without serde_json's escaping pass (most of a forecast's strings
/// are its ~3,000 keys). Debug builds, which every test runs, check that it is a name.
fn json_name(out: &mut Vec<u8>, name: &str) {
    debug_assert!(
        name.bytes().all(|b| b == b'_' || b.is_ascii_alphanumeric()),
        "{name:?} is not a GraphQL name"
    );
    out.reserve(name.len() + 2);
    out.push(b'"');
    out.extend_from_slice(name.as_bytes());
    out.push(b'"');
}

/// Appends `text` as a JSON string, escaped as serde_json escapes it. serde_json escapes `"`,
/// `\\` and the control characters below U+0020, and nothing else; most strings (names,
/// categories, keys) have none of them and are copied between quotes as they are, where
/// serde_json's escaping pass looks each byte up in a table.
fn json_str(out: &mut Vec<u8>, text: &str) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.reserve(text.len() + 2);
        out.push(b'"');
        out.extend_from_slice(text.as_bytes());
        out.push(b'"');
    } else {
        serde_json::to_writer(out, text).expect("serde_json writes any string to a Vec");
    }
}

/// Where response text is written: one buffer, or [`Pieces`].
pub trait Sink {
    /// The buffer text is appended to.
    fn text(&mut self) -> &mut Vec<u8>;
    /// Appends a marker's text.
    fn marker(&mut self, text: &Bytes);
}

impl Sink for Vec<u8> {
    fn text(&mut self) -> &mut Vec<u8> {
        self
    }

    fn marker(&mut self, text: &Bytes) {
        self.extend_from_slice(text);
    }
}

/// A response's text in pieces: what surrounds the markers, written into buffers, and the
/// markers' texts themselves, shared rather than copied. A year's forecast is ~58 KB of
/// marker text in a response of ~58 KB; copying it into one buffer cost as many instructions
/// as it has bytes.
#[derive(Debug, Default)]
pub struct Pieces {
    done: Vec<Bytes>,
    text: Vec<u8>,
}

impl Pieces {
    /// The pieces, in order (none empty).
    pub fn into_pieces(mut self) -> Vec<Bytes> {
        self.end_text();
        self.done
    }

    fn end_text(&mut self) {
        if !self.text.is_empty() {
            self.done.push(Bytes::from(std::mem::take(&mut self.text)));
        }
    }
}

impl Sink for Pieces {
    fn text(&mut self) -> &mut Vec<u8> {
        &mut self.text
    }

    fn marker(&mut self, text: &Bytes) {
        self.end_text();
        if !text.is_empty() {
            self.done.push(text.clone());
        }
    }
}

/// Appends `value` as serde_json writes it, except that a marker's text is put as it is.
pub fn write_json(out: &mut impl Sink, value: &Value) {
    match value {
        Value::Binary(text) => out.marker(text),
        Value::Object(fields) => {
            out.text().push(b'{');
            for (index, (key, value)) in fields.iter().enumerate() {
                let text = out.text();
                if index > 0 {
                    text.push(b',');
                }
                // Not necessarily a response key (a scalar may be an object): escaped.
                json_str(text, key);
                text.push(b':');
                write_json(out, value);
            }
            out.text().push(b'}');
        }
        Value::List(items) => {
            out.text().push(b'[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.text().push(b',');
                }
                write_json(out, item);
            }
            out.text().push(b']');
        }
        scalar => {
            serde_json::to_writer(out.text(), scalar).expect("serde_json writes any scalar");
        }
    }
}

/// The JSON text of `response`, markers copied as they are: byte for byte what serde_json
/// writes for the same response with its markers resolved ([`resolve_markers`]).
pub fn response_json(response: &async_graphql::Response) -> Vec<u8> {
    let mut out = Vec::with_capacity(match &response.data {
        Value::Object(fields) => fields
            .values()
            .map(|value| match value {
                Value::Binary(text) => text.len(),
                _ => 0,
            })
            .sum::<usize>()
            .saturating_add(256),
        _ => 256,
    });
    write_response(&mut out, response);
    out
}

/// [`response_json`]'s text in pieces, the markers' texts among them uncopied: what the HTTP
/// handler sends.
pub fn response_pieces(response: &async_graphql::Response) -> Vec<Bytes> {
    let mut pieces = Pieces::default();
    write_response(&mut pieces, response);
    pieces.into_pieces()
}

/// Writes `response` as `async_graphql::Response`'s `Serialize` does: `data`, then
/// `extensions` and `errors` when not empty.
fn write_response(out: &mut impl Sink, response: &async_graphql::Response) {
    out.text().extend_from_slice(br#"{"data":"#);
    write_json(out, &response.data);
    let text = out.text();
    if !response.extensions.is_empty() {
        text.extend_from_slice(br#","extensions":"#);
        serde_json::to_writer(&mut *text, &response.extensions).expect("extensions serialise");
    }
    if !response.errors.is_empty() {
        text.extend_from_slice(br#","errors":"#);
        serde_json::to_writer(&mut *text, &response.errors).expect("errors serialise");
    }
    text.push(b'}');
}

/// Replaces every marker in `value` by the value its text stands for, for callers that look
/// at a response's data rather than send it.
pub fn resolve_markers(value: &mut Value) {
    match value {
        Value::Binary(text) => {
            *value = serde_json::from_slice(text).expect("a marker holds the walk's JSON text");
        }
        Value::Object(fields) => fields.values_mut().for_each(resolve_markers),
        Value::List(items) => items.iter_mut().for_each(resolve_markers),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use async_graphql::indexmap::IndexMap;
    use async_graphql::{EmptySubscription, Name, Schema, ServerError, Value};
    use proptest::prelude::*;

    use std::cell::RefCell;
    use std::time::Duration;

    use async_graphql::ServerResult;

    use super::{
        DirectObject, Items, Layout, Out, Put, Walk, resolve_markers, response_json,
        response_pieces, write_json,
    };
    use crate::domain::id::Id;
    use crate::domain::money::Money;
    use crate::graphql::budget::{Budget, MAX_RESPONSE_VALUES};
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

    #[test]
    fn an_entry_is_copied_after_a_clean_write_drawing_again_what_it_drew() {
        let budget = Budget::new(Duration::from_secs(60));
        let walk = Walk::new(&[], &[], Some(&budget));
        let layout = Layout {
            keys: Vec::new(),
            ends: Vec::new(),
            merged: None,
            copies: RefCell::default(),
        };
        let (plain, listed, failed) = (Id::generate(), Id::generate(), Id::generate());
        let mut text = Vec::new();
        let never = |_: &mut Vec<u8>| -> ServerResult<()> { panic!("written twice") };
        // Written once, copied after, without drawing.
        let write = |text: &mut Vec<u8>| {
            text.extend_from_slice(b"{\"a\":1}");
            Ok(())
        };
        walk.copy_or_write(&layout, plain, &mut text, write)
            .expect("written");
        walk.copy_or_write(&layout, plain, &mut text, never)
            .expect("copied");
        assert_eq!(budget.remaining(), MAX_RESPONSE_VALUES);
        // A write that drew (a list below): each copy draws the same again.
        let write = |text: &mut Vec<u8>| {
            budget.draw(40_000).expect("drawn");
            text.extend_from_slice(b"[]");
            Ok(())
        };
        walk.copy_or_write(&layout, listed, &mut text, write)
            .expect("written");
        walk.copy_or_write(&layout, listed, &mut text, never)
            .expect("copied");
        assert_eq!(budget.remaining(), MAX_RESPONSE_VALUES - 80_000);
        // When that much is not left, it is written again, to fail as the write fails.
        let mut again = false;
        let write = |text: &mut Vec<u8>| {
            again = true;
            budget
                .draw(40_000)
                .map_err(|e| ServerError::new(format!("{e:?}"), None))?;
            text.extend_from_slice(b"[]");
            Ok(())
        };
        assert!(
            walk.copy_or_write(&layout, listed, &mut text, write)
                .is_err()
        );
        assert!(again && budget.is_exceeded());
        // A write that recorded an error is not kept: the next one writes (and errs) again.
        let mut writes = 0;
        for _ in 0..2 {
            let write = |text: &mut Vec<u8>| {
                writes += 1;
                walk.errors.set(walk.errors.get() + 1);
                text.extend_from_slice(b"{}");
                Ok(())
            };
            walk.copy_or_write(&layout, failed, &mut text, write)
                .expect("written");
        }
        assert_eq!(writes, 2);
        assert_eq!(text, br#"{"a":1}{"a":1}[][]{}{}"#);
    }

    /// `value`'s text as the walk writes it, and serde_json's text of the `Value` the tree
    /// walk would hold.
    fn both<T: Put + Clone>(value: T) -> (String, String) {
        let mut text = Vec::new();
        value.clone().put(&mut Out::Json(&mut text));
        let mut tree = Value::Null;
        value.put(&mut Out::Tree(&mut tree));
        (
            String::from_utf8(text).expect("utf-8"),
            serde_json::to_string(&tree).expect("json"),
        )
    }

    fn assert_same<T: Put + Clone + std::fmt::Debug>(value: T) {
        let (text, tree) = both(value.clone());
        assert_eq!(text, tree, "{value:?}");
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "is not a GraphQL name")]
    fn a_key_that_is_not_a_name_is_caught_in_debug_builds() {
        super::json_name(&mut Vec::new(), "a\"b");
    }

    proptest! {
        #[test]
        fn ids_as_numbers_keep_their_order_and_never_meet(
            a in any::<[u8; 12]>(),
            b in any::<[u8; 12]>(),
            at in 0..12usize,
        ) {
            let (x, y) = (Id::from_bytes(a), Id::from_bytes(b));
            prop_assert_eq!(super::key(x).cmp(&super::key(y)), a.cmp(&b));
            // Ids one byte apart, wherever the byte is.
            let mut c = a;
            c[at] = c[at].wrapping_add(1);
            prop_assert_ne!(super::key(x), super::key(Id::from_bytes(c)));
        }

        #[test]
        fn names_are_written_as_serde_json_writes_them(text in "[_A-Za-z][_0-9A-Za-z]{0,20}") {
            let mut written = Vec::new();
            super::json_name(&mut written, &text);
            prop_assert_eq!(written, serde_json::to_vec(&text).expect("a string"));
        }

        #[test]
        fn every_string_is_written_as_serde_json_writes_it(text in any::<String>()) {
            let (walked, tree) = both(text.as_str());
            prop_assert_eq!(walked, tree);
        }

        #[test]
        fn money_dates_ids_and_numbers_are_written_as_their_values_serialise(
            cents in any::<i64>(),
            days in -1_000_000i64..4_000_000,
            id in any::<[u8; 12]>(),
            number in any::<i32>(),
        ) {
            let date = chrono::NaiveDate::from_ymd_opt(1, 1, 1).expect("a date")
                + chrono::Duration::days(days);
            for (walked, tree) in [
                both(Money::from_cents(cents)),
                both(date),
                both(Id::from_bytes(id)),
                both(number),
                both(Some(number)),
                both(Items([number, -number, 0].into_iter())),
            ] {
                prop_assert_eq!(walked, tree);
            }
        }
    }

    #[test]
    fn strings_with_quotes_backslashes_controls_and_unicode_are_escaped_as_serde_json_does() {
        for text in [
            "",
            "plain",
            "\"quoted\" and \\ back",
            "\u{0}\u{1}\u{8}\u{9}\u{a}\u{c}\u{d}\u{1f}\u{7f}\u{80}\u{9f}",
            "\u{2028}\u{2029} caf\u{e9} \u{1F4B8} \u{10FFFF} \u{FFFE}",
            "</script><!-- &amp; '",
        ] {
            assert_same(text);
        }
        assert_same(None::<&str>);
        assert_same(true);
        assert_same(false);
        assert_same(Value::Enum(Name::new("MONTHLY")));
        assert_same(Value::Null);
        assert_same(Items(["a", "\"b\""].into_iter()));
        assert_same(Items(std::iter::empty::<i32>()));
    }

    /// A response whose data holds markers at several depths, with errors and an extension,
    /// and the same response with the markers' values in their place.
    fn with_markers() -> (async_graphql::Response, async_graphql::Response) {
        let inner = r#"{"a":"x \"y\"","b":[1,null,{"c":true}],"d":{}}"#;
        let make = |marker: Value| {
            let mut nested = IndexMap::new();
            nested.insert(Name::new("deep"), marker.clone());
            nested.insert(Name::new("other"), Value::from("plain"));
            // An object a scalar might hold, whose keys are not GraphQL names.
            let mut odd = IndexMap::new();
            odd.insert(Name::new("a \"quoted\" \\ key\n"), Value::from(1));
            nested.insert(Name::new("odd"), Value::Object(odd));
            let mut data = IndexMap::new();
            data.insert(Name::new("forecast"), marker.clone());
            data.insert(Name::new("list"), Value::List(vec![marker, Value::Null]));
            data.insert(Name::new("nested"), Value::Object(nested));
            let mut response =
                async_graphql::Response::new(Value::Object(data)).extension("took", Value::from(3));
            response.errors = vec![ServerError::new("it failed", None)];
            response
        };
        let tree: Value = serde_json::from_str(inner).expect("json");
        (
            make(Value::Binary(inner.as_bytes().to_vec().into())),
            make(tree),
        )
    }

    #[test]
    fn a_response_with_markers_is_written_as_serde_json_writes_it_without() {
        let (marked, plain) = with_markers();
        let expected = serde_json::to_vec(&plain).expect("json");
        assert_eq!(
            String::from_utf8(response_json(&marked)),
            String::from_utf8(expected.clone())
        );
        assert_eq!(response_json(&plain), expected, "without markers as well");
        let mut resolved = marked;
        resolve_markers(&mut resolved.data);
        assert_eq!(resolved.data, plain.data);
    }

    #[test]
    fn a_response_in_pieces_is_its_text_with_the_markers_shared_not_copied() {
        let (marked, _) = with_markers();
        let pieces = response_pieces(&marked);
        assert_eq!(pieces.concat(), response_json(&marked));
        assert!(pieces.iter().all(|piece| !piece.is_empty()));
        let Value::Object(data) = &marked.data else {
            panic!("data is an object")
        };
        let Some(Value::Binary(marker)) = data.get("forecast") else {
            panic!("a marker")
        };
        let shared = pieces
            .iter()
            .filter(|p| p.as_ptr() == marker.as_ptr())
            .count();
        assert_eq!(shared, 3, "the marker at the root, in the list and nested");
        let plain = async_graphql::Response::new(Value::from("no markers"));
        assert_eq!(response_pieces(&plain), [response_json(&plain)]);
    }

    #[test]
    fn serde_would_write_a_marker_as_numbers_which_response_json_never_does() {
        // The hazard the `Answer` wrapper exists for: if this ever stops holding, a marker
        // passed to serde would no longer be visible as such, and the tests that look for
        // one would need another way to see it.
        let (marked, _) = with_markers();
        let serde = String::from_utf8(serde_json::to_vec(&marked).expect("json")).expect("utf-8");
        assert!(serde.contains(r#""forecast":[123,"#), "{serde}");
        let ours = String::from_utf8(response_json(&marked)).expect("utf-8");
        assert!(!ours.contains("[123,"), "{ours}");
        let mut text = Vec::new();
        write_json(&mut text, &marked.data);
        assert!(ours.contains(std::str::from_utf8(&text).expect("utf-8")));
    }
}
