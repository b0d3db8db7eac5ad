//! Reading a stored bill or payday straight from its BSON bytes.
//!
//! The forecast, the bill list and the calendar feed read every entry of their owner on each
//! request. callgrind put serde's decoding through bson's raw deserializer at about 26,000
//! instructions per entry document, and still 14,000 through bson's own element iterator (420
//! per element). This walk reads the elements from the bytes itself ([`Elements`]),
//! bounds-checked, in about 9,000 per entry, its dates and strings included; a household
//! forecast on MongoDB executes a tenth fewer instructions (`docs/benchmarks.md` §7). It
//! accepts exactly what the serde derive of [`EntryDoc`] accepts, and gives the same value: the
//! tests below hold it to that derive (kept for tests only) on generated documents with fields
//! removed, nulled and of the wrong type, and feed it damaged bytes.
//!
//! What a derive accepts: unknown fields are ignored; an `Option` field may be missing or
//! null; a `#[serde(default)]` field may be missing but not null (unless it is an `Option`);
//! integers are Int32 or Int64; dates are `YYYY-MM-DD` strings; enums are their variant names;
//! an ObjectId may also be its hex string.

use std::borrow::Cow;

use anyhow::{Context, anyhow, bail};
use chrono::NaiveDate;
use mongodb::bson::oid::ObjectId;
use mongodb::bson::{self, RawDocument};
use serde::Deserialize;
use serde::de::IntoDeserializer;

use super::EntryDoc;
use crate::store::{StoredException, StoredSchedule};

impl TryFrom<&RawDocument> for EntryDoc {
    type Error = anyhow::Error;

    fn try_from(raw: &RawDocument) -> anyhow::Result<Self> {
        let raw = Doc::new(raw.as_bytes())?;
        let mut id = None;
        let mut owner = None;
        let mut slot = None;
        let mut name = None;
        let mut amount = None;
        let mut schedule = None;
        let mut category = None;
        let mut autopay = None;
        let mut notes = None;
        let mut archived = None;
        let mut reserved = None;
        let mut reserved_on = None;
        let mut exceptions = None;
        let mut created_at = None;
        let mut updated_at = None;
        for field in raw.fields() {
            let field = field?;
            match field.key {
                b"_id" => set(&mut id, field, Field::object_id)?,
                b"owner" => set(&mut owner, field, Field::object_id)?,
                b"slot" => set(&mut slot, field, Field::int)?,
                b"name" => set(&mut name, field, |f| f.str().map(str::to_owned))?,
                b"amount" => set(&mut amount, field, Field::int)?,
                b"schedule" => set(&mut schedule, field, |f| schedule_from(f.document()?))?,
                b"category" => set(&mut category, field, |f| f.or_null(Field::owned_str))?,
                b"autopay" => set(&mut autopay, field, Field::bool)?,
                b"notes" => set(&mut notes, field, |f| f.or_null(Field::owned_str))?,
                b"archived" => set(&mut archived, field, Field::bool)?,
                b"reserved" => set(&mut reserved, field, Field::int)?,
                b"reservedOn" => set(&mut reserved_on, field, |f| f.or_null(Field::date))?,
                b"exceptions" => set(&mut exceptions, field, |f| {
                    exceptions_from(f.array()?.items(f.key))
                })?,
                b"createdAt" => set(&mut created_at, field, Field::datetime)?,
                b"updatedAt" => set(&mut updated_at, field, Field::datetime)?,
                _ => {}
            }
        }
        Ok(EntryDoc {
            id: required(id, "_id")?,
            owner: required(owner, "owner")?,
            slot: required(slot, "slot")?,
            name: required(name, "name")?,
            amount: required(amount, "amount")?,
            schedule: required(schedule, "schedule")?,
            category: category.flatten(),
            autopay: required(autopay, "autopay")?,
            notes: notes.flatten(),
            archived: required(archived, "archived")?,
            reserved: reserved.unwrap_or_default(),
            reserved_on: reserved_on.flatten(),
            exceptions: exceptions.unwrap_or_default(),
            created_at: required(created_at, "createdAt")?,
            updated_at: required(updated_at, "updatedAt")?,
        })
    }
}

fn schedule_from(raw: Doc<'_>) -> anyhow::Result<StoredSchedule> {
    let mut start = None;
    let mut frequency = None;
    let mut interval = None;
    let mut days_of_month = None;
    let mut until = None;
    let mut count = None;
    let mut weekend = None;
    for field in raw.fields() {
        let field = field?;
        match field.key {
            b"start" => set(&mut start, field, Field::date)?,
            b"frequency" => set(&mut frequency, field, |f| f.or_null(Field::variant))?,
            b"interval" => set(&mut interval, field, Field::int)?,
            b"daysOfMonth" => set(&mut days_of_month, field, |f| {
                f.array()?.items(f.key).map(|day| day?.int()).collect()
            })?,
            b"until" => set(&mut until, field, |f| f.or_null(Field::date))?,
            b"count" => set(&mut count, field, |f| f.or_null(Field::int))?,
            b"weekend" => set(&mut weekend, field, Field::variant)?,
            _ => {}
        }
    }
    Ok(StoredSchedule {
        start: required(start, "start")?,
        frequency: frequency.flatten(),
        interval: required(interval, "interval")?,
        days_of_month: required(days_of_month, "daysOfMonth")?,
        until: until.flatten(),
        count: count.flatten(),
        weekend: required(weekend, "weekend")?,
    })
}

fn exceptions_from<'a>(
    items: impl Iterator<Item = anyhow::Result<Field<'a>>>,
) -> anyhow::Result<Vec<StoredException>> {
    items
        .map(|item| {
            let raw = item?.document()?;
            let mut date = None;
            let mut skip = None;
            let mut amount = None;
            let mut move_to = None;
            for field in raw.fields() {
                let field = field?;
                match field.key {
                    b"date" => set(&mut date, field, Field::date)?,
                    b"skip" => set(&mut skip, field, Field::bool)?,
                    b"amount" => set(&mut amount, field, |f| f.or_null(Field::int))?,
                    b"moveTo" => set(&mut move_to, field, |f| f.or_null(Field::date))?,
                    _ => {}
                }
            }
            Ok(StoredException {
                date: required(date, "date")?,
                skip: skip.unwrap_or_default(),
                amount: amount.flatten(),
                move_to: move_to.flatten(),
            })
        })
        .collect()
}

/// One element of a stored document, read as the type its field has.
#[derive(Clone, Copy)]
struct Field<'a> {
    /// The key's bytes, checked to be UTF-8 (see [`element`]).
    key: &'a [u8],
    value: Value<'a>,
}

impl<'a> Field<'a> {
    /// The key, for error messages.
    fn name(self) -> Cow<'a, str> {
        String::from_utf8_lossy(self.key)
    }

    fn wrong(self, expected: &str) -> anyhow::Error {
        anyhow!(
            "stored field `{}` is {}, not {expected}",
            self.name(),
            self.value.kind()
        )
    }

    /// An ObjectId, or its 24 hex digits as a string (serde's `ObjectId` takes both).
    fn object_id(self) -> anyhow::Result<ObjectId> {
        match self.value {
            Value::ObjectId(id) => Ok(id),
            Value::String(hex) => ObjectId::parse_str(hex)
                .with_context(|| format!("stored field `{}` is not an ObjectId", self.name())),
            _ => Err(self.wrong("an ObjectId")),
        }
    }

    /// An Int32 or an Int64, as serde reads either into an `i64`.
    fn int(self) -> anyhow::Result<i64> {
        match self.value {
            Value::Int64(n) => Ok(n),
            Value::Int32(n) => Ok(n.into()),
            _ => Err(self.wrong("an integer")),
        }
    }

    fn datetime(self) -> anyhow::Result<bson::DateTime> {
        match self.value {
            Value::DateTime(millis) => Ok(bson::DateTime::from_millis(millis)),
            _ => Err(self.wrong("a date and time")),
        }
    }

    fn bool(self) -> anyhow::Result<bool> {
        match self.value {
            Value::Bool(b) => Ok(b),
            _ => Err(self.wrong("a boolean")),
        }
    }

    fn str(self) -> anyhow::Result<&'a str> {
        match self.value {
            Value::String(text) => Ok(text),
            _ => Err(self.wrong("a string")),
        }
    }

    fn owned_str(self) -> anyhow::Result<String> {
        self.str().map(str::to_owned)
    }

    fn date(self) -> anyhow::Result<NaiveDate> {
        let text = self.str()?;
        text.parse()
            .with_context(|| format!("stored field `{}` is not a date: {text:?}", self.name()))
    }

    /// A unit variant of a serde enum, by its name.
    fn variant<T: for<'de> Deserialize<'de>>(self) -> anyhow::Result<T> {
        let text = self.str()?;
        T::deserialize(text.into_deserializer())
            .map_err(|e: serde::de::value::Error| anyhow!("stored field `{}`: {e}", self.name()))
    }

    fn document(self) -> anyhow::Result<Doc<'a>> {
        match self.value {
            Value::Document(doc) => Ok(doc),
            _ => Err(self.wrong("a document")),
        }
    }

    /// An array, whose [`Doc::items`] are its values.
    fn array(self) -> anyhow::Result<Doc<'a>> {
        match self.value {
            Value::Array(doc) => Ok(doc),
            _ => Err(self.wrong("an array")),
        }
    }

    /// `None` for a null, as serde reads a null `Option`.
    fn or_null<T>(self, read: fn(Self) -> anyhow::Result<T>) -> anyhow::Result<Option<T>> {
        match self.value {
            Value::Null => Ok(None),
            _ => read(self).map(Some),
        }
    }
}

/// A BSON value as the walk needs it; the types no entry field has are only told apart for
/// error messages.
#[derive(Clone, Copy)]
enum Value<'a> {
    Double,
    String(&'a str),
    Document(Doc<'a>),
    Array(Doc<'a>),
    ObjectId(ObjectId),
    Bool(bool),
    DateTime(i64),
    Null,
    Int32(i32),
    Int64(i64),
    Other(u8),
}

impl Value<'_> {
    fn kind(self) -> String {
        match self {
            Value::Double => "a double".into(),
            Value::String(_) => "a string".into(),
            Value::Document(_) => "a document".into(),
            Value::Array(_) => "an array".into(),
            Value::ObjectId(_) => "an ObjectId".into(),
            Value::Bool(_) => "a boolean".into(),
            Value::DateTime(_) => "a date and time".into(),
            Value::Null => "null".into(),
            Value::Int32(_) | Value::Int64(_) => "an integer".into(),
            Value::Other(kind) => format!("of BSON type {kind:#04x}"),
        }
    }
}

/// The elements of one BSON document (or array): the bytes between its length and its final
/// NUL, both checked.
#[derive(Clone, Copy)]
struct Doc<'a>(&'a [u8]);

impl<'a> Doc<'a> {
    fn new(bytes: &'a [u8]) -> anyhow::Result<Self> {
        match length(bytes) {
            Some(len) if len >= 5 && len == bytes.len() && bytes[len - 1] == 0 => {
                Ok(Doc(&bytes[4..len - 1]))
            }
            _ => Err(invalid()),
        }
    }

    /// The document's fields, in order.
    fn fields(self) -> impl Iterator<Item = anyhow::Result<Field<'a>>> {
        self.elements()
            .map(|element| element.map(|(key, value)| Field { key, value }))
    }

    /// An array's items, in order, each named `array` in error messages (their keys, "0",
    /// "1"…, are not looked at, nor by serde).
    fn items(self, array: &'a [u8]) -> impl Iterator<Item = anyhow::Result<Field<'a>>> {
        self.elements()
            .map(move |element| element.map(|(_, value)| Field { key: array, value }))
    }

    fn elements(self) -> Elements<'a> {
        Elements { rest: self.0 }
    }
}

/// The `(key, value)` pairs of a [`Doc`], in order; after an error, nothing more.
struct Elements<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for Elements<'a> {
    type Item = anyhow::Result<(&'a [u8], Value<'a>)>;

    fn next(&mut self) -> Option<Self::Item> {
        let (&kind, rest) = self.rest.split_first()?;
        let element = element(kind, rest);
        self.rest = match &element {
            Ok((_, _, rest)) => rest,
            Err(_) => &[],
        };
        Some(element.map(|(key, value, _)| (key, value)))
    }
}

/// The element of type `kind` at the start of `bytes` (its key first), and the bytes after it.
/// The key is checked to be UTF-8, as bson checks it, but kept as bytes: the keys of entries
/// are ASCII, which is checked inline, where `str::from_utf8` cost a call per element, a fifth
/// of the walk.
fn element(kind: u8, bytes: &[u8]) -> anyhow::Result<(&[u8], Value<'_>, &[u8])> {
    let (key, rest) = cstring(bytes)?;
    if !key.is_ascii() {
        std::str::from_utf8(key).context("a stored key is not UTF-8")?;
    }
    let fixed = |size: usize| rest.get(..size).ok_or_else(invalid);
    let (value, size) = match kind {
        0x01 => (Value::Double, 8),
        0x02 => {
            let (text, size) = string(rest)?;
            (Value::String(text), size)
        }
        0x03 | 0x04 => {
            let size = length(rest).ok_or_else(invalid)?;
            let doc = Doc::new(rest.get(..size).ok_or_else(invalid)?)?;
            (
                if kind == 0x03 {
                    Value::Document(doc)
                } else {
                    Value::Array(doc)
                },
                size,
            )
        }
        0x05 => (Value::Other(kind), 5 + length(rest).ok_or_else(invalid)?),
        0x06 | 0x7f | 0xff => (Value::Other(kind), 0),
        0x07 => {
            let bytes: [u8; 12] = fixed(12)?.try_into()?;
            (Value::ObjectId(ObjectId::from_bytes(bytes)), 12)
        }
        0x08 => match fixed(1)?[0] {
            0 => (Value::Bool(false), 1),
            1 => (Value::Bool(true), 1),
            _ => return Err(invalid()),
        },
        0x09 => (
            Value::DateTime(i64::from_le_bytes(fixed(8)?.try_into()?)),
            8,
        ),
        0x0a => (Value::Null, 0),
        0x0b => {
            let (pattern, after) = cstring(rest)?;
            let (options, _) = cstring(after)?;
            (Value::Other(kind), pattern.len() + options.len() + 2)
        }
        0x0c => (Value::Other(kind), string(rest)?.1 + 12),
        0x0d | 0x0e => (Value::Other(kind), string(rest)?.1),
        0x0f => (Value::Other(kind), length(rest).ok_or_else(invalid)?),
        0x10 => (Value::Int32(i32::from_le_bytes(fixed(4)?.try_into()?)), 4),
        0x11 => (Value::Other(kind), 8),
        0x12 => (Value::Int64(i64::from_le_bytes(fixed(8)?.try_into()?)), 8),
        0x13 => (Value::Other(kind), 16),
        _ => return Err(invalid()),
    };
    let rest = rest.get(size..).ok_or_else(invalid)?;
    Ok((key, value, rest))
}

/// The little-endian `i32` length at the start of `bytes`, if there is one and it is not negative.
fn length(bytes: &[u8]) -> Option<usize> {
    let len = i32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
    usize::try_from(len).ok()
}

/// A NUL-terminated string at the start of `bytes`, without its NUL, and the bytes after it.
fn cstring(bytes: &[u8]) -> anyhow::Result<(&[u8], &[u8])> {
    let nul = bytes.iter().position(|&b| b == 0).ok_or_else(invalid)?;
    Ok((&bytes[..nul], &bytes[nul + 1..]))
}

/// A BSON string at the start of `bytes` (length, UTF-8, NUL) and the bytes it takes.
fn string(bytes: &[u8]) -> anyhow::Result<(&str, usize)> {
    let len = length(bytes).filter(|&len| len >= 1).ok_or_else(invalid)?;
    let text = bytes.get(4..4 + len).ok_or_else(invalid)?;
    let (&nul, text) = text.split_last().ok_or_else(invalid)?;
    if nul != 0 {
        return Err(invalid());
    }
    let text = std::str::from_utf8(text).context("a stored string is not UTF-8")?;
    Ok((text, 4 + len))
}

fn invalid() -> anyhow::Error {
    anyhow!("a stored entry is not valid BSON")
}

/// Reads `field` into `slot`; a key that comes twice is refused, as serde's derive refuses it.
fn set<'a, T>(
    slot: &mut Option<T>,
    field: Field<'a>,
    read: impl FnOnce(Field<'a>) -> anyhow::Result<T>,
) -> anyhow::Result<()> {
    if slot.is_some() {
        bail!("stored field `{}` appears twice", field.name());
    }
    *slot = Some(read(field)?);
    Ok(())
}

fn required<T>(value: Option<T>, key: &str) -> anyhow::Result<T> {
    value.ok_or_else(|| anyhow!("stored field `{key}` is missing"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use bson::{Bson, Document, doc};
    use proptest::prelude::*;

    fn bytes(doc: &Document) -> Vec<u8> {
        bson::to_vec(doc).expect("a document serialises")
    }

    /// What serde's derive makes of `doc`: the reference these tests hold the decoder to.
    fn by_serde(doc: &Document) -> Result<EntryDoc, String> {
        bson::from_slice::<EntryDoc>(&bytes(doc)).map_err(|e| e.to_string())
    }

    fn by_walk(doc: &Document) -> Result<EntryDoc, String> {
        let bytes = bytes(doc);
        let raw = RawDocument::from_bytes(&bytes).expect("valid BSON");
        EntryDoc::try_from(raw).map_err(|e| e.to_string())
    }

    fn full() -> Document {
        doc! {
            "_id": ObjectId::from_bytes([1; 12]),
            "owner": ObjectId::from_bytes([2; 12]),
            "slot": 7_i64,
            "name": "Rent",
            "amount": 150_000_i64,
            "schedule": {
                "start": "2026-01-31", "frequency": "Monthly", "interval": 1_i64,
                "daysOfMonth": [15_i64, -1_i64], "until": "2027-01-01", "count": Bson::Null,
                "weekend": "Before",
            },
            "category": "Home",
            "autopay": true,
            "notes": Bson::Null,
            "archived": false,
            "reserved": 2_500_i64,
            "reservedOn": "2026-02-01",
            "exceptions": [
                { "date": "2026-03-15", "skip": true },
                { "date": "2026-04-15", "amount": 1_200_i64, "moveTo": "2026-04-17" },
            ],
            "createdAt": bson::DateTime::from_millis(1_767_225_600_123),
            "updatedAt": bson::DateTime::from_millis(1_767_225_600_456),
            "somethingNewer": "ignored",
        }
    }

    fn agree(doc: &Document) {
        let (walk, serde) = (by_walk(doc), by_serde(doc));
        match (&walk, &serde) {
            (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{doc}"),
            (Err(_), Err(_)) => {}
            _ => panic!("the walk gave {walk:?} and serde {serde:?} for {doc}"),
        }
    }

    #[test]
    fn a_whole_document_reads_as_serde_reads_it() {
        let doc = full();
        assert!(by_walk(&doc).is_ok());
        agree(&doc);
    }

    #[test]
    fn a_document_from_before_envelopes_and_exceptions_reads_with_the_defaults() {
        let mut doc = full();
        for key in ["reserved", "reservedOn", "exceptions", "category", "notes"] {
            doc.remove(key);
        }
        let entry = by_walk(&doc).expect("older documents read");
        assert_eq!(
            (entry.reserved, entry.reserved_on, entry.exceptions.len()),
            (0, None, 0)
        );
        agree(&doc);
    }

    #[test]
    fn int32_numbers_read_as_serde_reads_them() {
        let mut doc = full();
        doc.insert("amount", 1_500_i32);
        doc.insert("slot", 3_i32);
        doc.get_document_mut("schedule")
            .unwrap()
            .insert("interval", 2_i32);
        assert_eq!(by_walk(&doc).unwrap().amount, 1_500);
        agree(&doc);
    }

    #[test]
    fn keys_that_are_not_utf8_are_refused_as_serde_refuses_them() {
        // An unknown key of the document, a key of a nested document, an array item's key
        // (the first day of the month: an Int64, type 0x12, keyed "0"); the byte at `at` of
        // the needle is damaged.
        for (key, at) in [
            (&b"somethingNewer\0"[..], 3),
            (b"weekend\0", 0),
            (b"\x120\0", 1),
        ] {
            let mut bytes = bytes(&full());
            let found = bytes
                .windows(key.len())
                .position(|w| w == key)
                .unwrap_or_else(|| panic!("no key {key:?}"));
            bytes[found + at] = 0xff;
            let raw = RawDocument::from_bytes(&bytes).expect("still framed");
            assert!(bson::from_slice::<EntryDoc>(&bytes).is_err(), "{key:?}");
            let error = match EntryDoc::try_from(raw) {
                Ok(_) => panic!("{key:?}: read"),
                Err(error) => error.to_string(),
            };
            assert!(error.contains("not UTF-8"), "{key:?}: {error}");
        }
    }

    #[test]
    fn a_key_twice_is_refused() {
        // bson's Document keeps one value per key, so the bytes are put together by hand.
        let mut raw = bson::RawDocumentBuf::new();
        raw.append("name", "a");
        raw.append("name", "b");
        let error = EntryDoc::try_from(&*raw).unwrap_err().to_string();
        assert!(error.contains("twice"), "{error}");
    }

    /// Replaces the value at `path` (dotted, array items by index) with `value`, or removes it.
    fn change(doc: &mut Document, path: &[&str], value: Option<Bson>) {
        let (last, parents) = path.split_last().unwrap();
        let mut here = doc;
        for key in parents {
            here = match here.get_mut(*key) {
                Some(Bson::Document(d)) => d,
                _ => return,
            };
        }
        match value {
            Some(v) => {
                here.insert(*last, v);
            }
            None => {
                here.remove(*last);
            }
        }
    }

    const PATHS: &[&[&str]] = &[
        &["_id"],
        &["owner"],
        &["slot"],
        &["name"],
        &["amount"],
        &["schedule"],
        &["schedule", "start"],
        &["schedule", "frequency"],
        &["schedule", "interval"],
        &["schedule", "daysOfMonth"],
        &["schedule", "until"],
        &["schedule", "count"],
        &["schedule", "weekend"],
        &["category"],
        &["autopay"],
        &["notes"],
        &["archived"],
        &["reserved"],
        &["reservedOn"],
        &["exceptions"],
        &["createdAt"],
        &["updatedAt"],
    ];

    fn values() -> impl Strategy<Value = Option<Bson>> {
        prop_oneof![
            Just(None),
            Just(Some(Bson::Null)),
            any::<i32>().prop_map(|n| Some(Bson::Int32(n))),
            any::<i64>().prop_map(|n| Some(Bson::Int64(n))),
            any::<f64>().prop_map(|n| Some(Bson::Double(n))),
            any::<bool>().prop_map(|b| Some(Bson::Boolean(b))),
            prop_oneof![
                Just("2026-02-29".to_string()),
                Just("2028-02-29".to_string()),
                Just("Weekly".to_string()),
                Just("After".to_string()),
                Just("weekly".to_string()),
                Just("0102030405060708090a0b0c".to_string()),
                "[ -~]{0,12}",
            ]
            .prop_map(|s| Some(Bson::String(s))),
            Just(Some(Bson::ObjectId(ObjectId::from_bytes([9; 12])))),
            Just(Some(Bson::DateTime(bson::DateTime::from_millis(-5)))),
            Just(Some(Bson::Array(vec![Bson::Int32(1), Bson::Int64(-1)]))),
            Just(Some(Bson::Array(vec![Bson::String("1".into())]))),
            Just(Some(Bson::Array(vec![Bson::Document(
                doc! { "date": "2026-05-05" }
            )]))),
            Just(Some(Bson::Array(vec![Bson::Document(
                doc! { "skip": true }
            )]))),
            Just(Some(Bson::Document(doc! {}))),
            Just(Some(Bson::Document(
                doc! { "start": "2026-01-01", "interval": 1, "daysOfMonth": [], "weekend": "Keep" }
            ))),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// Whatever a document's fields hold, the walk and serde's derive agree: both refuse
        /// it, or both read the same entry.
        #[test]
        fn the_walk_agrees_with_serde_on_changed_documents(
            changes in proptest::collection::vec((0..PATHS.len(), values()), 1..4),
        ) {
            let mut doc = full();
            for (path, value) in changes {
                change(&mut doc, PATHS[path], value);
            }
            agree(&doc);
        }

        /// Damaged bytes (changed, cut short) are an error or an entry, never a panic or a read
        /// past the end; when serde reads an entry from them too, it is the same entry.
        #[test]
        fn damaged_bytes_are_refused_without_a_panic(
            changes in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..5),
            cut in prop::option::of(any::<prop::sample::Index>()),
        ) {
            let mut bytes = bytes(&full());
            for (at, byte) in changes {
                let at = at.index(bytes.len());
                bytes[at] = byte;
            }
            if let Some(cut) = cut {
                bytes.truncate(cut.index(bytes.len()));
            }
            // The driver hands over documents whose length and final NUL it checked.
            if let Ok(raw) = RawDocument::from_bytes(&bytes) {
                let walk = EntryDoc::try_from(raw);
                if let (Ok(walk), Ok(serde)) = (&walk, bson::from_slice::<EntryDoc>(&bytes)) {
                    prop_assert_eq!(format!("{walk:?}"), format!("{serde:?}"));
                }
            }
        }
    }
}
