//! The custom scalars `Money`, `Date` and `DateTime`, the schedule enums, and id parsing.
//!
//! A value that does not parse as its scalar is rejected by async-graphql before any resolver
//! runs; the HTTP layer gives such errors the code `BAD_USER_INPUT`.

use async_graphql::{Enum, InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::{NaiveDate, SecondsFormat, Utc};

use crate::domain::id::Id;
use crate::domain::money::Money;
use crate::domain::window::in_calendar;
use crate::error::AppError;

/// An amount of money as a decimal string: exactly two fraction digits on output ("1234.50",
/// "-20.00"); on input 0–2 fraction digits and an optional leading "-" ("12", "12.5").
/// Numbers, exponents and spaces are rejected.
#[Scalar(name = "Money")]
impl ScalarType for Money {
    fn parse(value: Value) -> InputValueResult<Self> {
        match value {
            Value::String(text) => text.parse().map_err(InputValueError::custom),
            other => Err(InputValueError::custom(format!(
                "Money must be a string like \"12.50\", not {}",
                other.to_string().chars().take(40).collect::<String>()
            ))),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(money_text(*self))
    }
}

/// `money` as the wire writes it ("1234.50", "-20.00"), without the formatting machinery: a
/// forecast response holds about a thousand of them.
pub fn money_text(money: Money) -> String {
    money.text().as_str().to_owned()
}

/// Appends [`money_text`]`(money)` to `out`, with nothing allocated.
pub fn push_money(out: &mut Vec<u8>, money: Money) {
    out.extend_from_slice(money.text().as_bytes());
}

/// A calendar date in ISO 8601 form: "2026-11-26".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

/// A calendar date in ISO 8601 form: "2026-11-26", years 0001 to 9999.
#[Scalar(name = "Date")]
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => parse_date(text).map(Date).ok_or_else(|| {
                InputValueError::custom(format!(
                    "{:?} is not a date like \"2026-11-26\" (years 0001 to 9999)",
                    text.chars().take(40).collect::<String>()
                ))
            }),
            _ => Err(InputValueError::custom(format!(
                "Date must be a string like \"2026-11-26\", not {}",
                value.to_string().chars().take(40).collect::<String>()
            ))),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(date_text(self.0))
    }
}

/// `date` as "YYYY-MM-DD", without chrono's format parser for the years 0001–9999 the API
/// allows (anything else, which nothing produces, goes through chrono as before).
pub fn date_text(date: NaiveDate) -> String {
    match date_digits(date) {
        Some(digits) => digits.iter().map(|&b| char::from(b)).collect(),
        None => date.format("%Y-%m-%d").to_string(),
    }
}

/// Appends [`date_text`]`(date)` to `out`, with nothing allocated for the years 0001–9999.
pub fn push_date(out: &mut Vec<u8>, date: NaiveDate) {
    match date_digits(date) {
        Some(digits) => out.extend_from_slice(&digits),
        None => out.extend_from_slice(date.format("%Y-%m-%d").to_string().as_bytes()),
    }
}

/// "YYYY-MM-DD" for the years 0001–9999.
fn date_digits(date: NaiveDate) -> Option<[u8; 10]> {
    use chrono::Datelike;
    let (year, month, day) = (date.year(), date.month(), date.day());
    if !(1..=9999).contains(&year) {
        return None;
    }
    let year = year as u32;
    let digit = |n: u32| b'0' + (n % 10) as u8;
    Some([
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
    ])
}

/// `YYYY-MM-DD` exactly: four-digit year 0001–9999, two-digit month and day, a real date.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|date| in_calendar(*date))
}

/// A moment in time, RFC 3339 in UTC with milliseconds: "2026-11-26T13:45:02.123Z".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime(pub chrono::DateTime<Utc>);

/// A moment in time, RFC 3339 in UTC with milliseconds: "2026-11-26T13:45:02.123Z".
#[Scalar(name = "DateTime")]
impl ScalarType for DateTime {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(text) => chrono::DateTime::parse_from_rfc3339(text)
                .map(|t| DateTime(t.with_timezone(&Utc)))
                .map_err(|_| InputValueError::custom(format!("{text:?} is not an RFC 3339 time"))),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.to_rfc3339_opts(SecondsFormat::Millis, true))
    }
}

/// How often a schedule repeats. Absent (null) means once, on `start`.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "Frequency", remote = "crate::domain::schedule::Frequency")]
pub enum Frequency {
    /// Every `interval` days.
    Daily,
    /// Every `interval` weeks, on the weekday of `start`.
    Weekly,
    /// Every `interval` months, on each of `daysOfMonth`.
    Monthly,
    /// Every `interval` years, on the month and day of `start`.
    Yearly,
}

/// What happens to an occurrence that falls on a Saturday or Sunday.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[graphql(name = "WeekendRule", remote = "crate::domain::schedule::WeekendRule")]
pub enum WeekendRule {
    /// It stays on the weekend.
    #[default]
    Keep,
    /// It moves to the Friday before.
    Before,
    /// It moves to the Monday after.
    After,
}

/// Which figure leads the app.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "PlanMode", remote = "crate::domain::account::PlanMode")]
pub enum PlanModeValue {
    /// What the bills due before the next paycheck need (the default).
    JustInTime,
    /// Big bills spread over the paychecks before them (envelopes).
    Smoothed,
}

/// Parses a GraphQL `ID` into an [`Id`]; a malformed one is `BAD_USER_INPUT`.
pub fn parse_id(id: &async_graphql::ID) -> Result<Id, AppError> {
    id.parse().map_err(|_| {
        AppError::BadInput(format!(
            "{:?} is not a valid id (24 hex digits)",
            id.as_str()
        ))
    })
}

/// The GraphQL `ID` of an [`Id`].
pub fn to_id(id: Id) -> async_graphql::ID {
    async_graphql::ID(id_text(id))
}

/// An id's 24 lower-case hex digits (what `Id`'s `Display` writes), in one allocation.
pub fn id_text(id: Id) -> String {
    id_digits(id).iter().map(|&b| char::from(b)).collect()
}

/// Appends [`id_text`]`(id)` to `out`, with nothing allocated.
pub fn push_id(out: &mut Vec<u8>, id: Id) {
    out.extend_from_slice(&id_digits(id));
}

fn id_digits(id: Id) -> [u8; 24] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut digits = [0u8; 24];
    for (pair, byte) in digits.chunks_exact_mut(2).zip(id.bytes()) {
        pair[0] = HEX[usize::from(byte >> 4)];
        pair[1] = HEX[usize::from(byte & 0xf)];
    }
    digits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule;

    #[test]
    fn money_accepts_only_strings() {
        assert!(<Money as ScalarType>::parse(Value::from("12.5")).is_ok());
        assert!(<Money as ScalarType>::parse(Value::from(12.5)).is_err());
        assert!(<Money as ScalarType>::parse(Value::from(12)).is_err());
        assert!(<Money as ScalarType>::parse(Value::from("12.345")).is_err());
        assert_eq!(Money::from_cents(-2000).to_value(), Value::from("-20.00"));
    }

    #[test]
    fn dates_are_strict_iso_calendar_dates() {
        assert!(<Date as ScalarType>::parse(Value::from("2026-02-28")).is_ok());
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "26-02-28",
            "2026-02-28T00:00:00Z",
            "",
            "tomorrow",
            "-001-01-01",
            "0000-01-01",
            "+2026-01-01",
            "2026-01-1 ",
            "١٢٣٤-01-01",
        ] {
            assert!(
                <Date as ScalarType>::parse(Value::from(bad)).is_err(),
                "{bad}"
            );
        }
        assert!(<Date as ScalarType>::parse(Value::from(20260228)).is_err());
        for edge in ["0001-01-01", "9999-12-31"] {
            let parsed = <Date as ScalarType>::parse(Value::from(edge));
            assert_eq!(parsed.map(|d| d.to_value()).ok(), Some(Value::from(edge)));
        }
    }

    /// What a `push_*` function appends to an empty buffer, as text.
    fn pushed<T>(push: fn(&mut Vec<u8>, T), value: T) -> String {
        let mut out = Vec::new();
        push(&mut out, value);
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn money_dates_and_ids_are_written_as_the_formatting_machinery_writes_them() {
        for cents in [
            0,
            1,
            -1,
            9,
            10,
            99,
            100,
            -100,
            123_450,
            -2000,
            100_000_000_000,
            i64::MAX,
            i64::MIN,
        ] {
            let money = Money::from_cents(cents);
            assert_eq!(money_text(money), money.to_string(), "{cents}");
            assert_eq!(pushed(push_money, money), money.to_string(), "{cents}");
        }
        let mut day = NaiveDate::from_ymd_opt(1, 1, 1).expect("a date");
        while chrono::Datelike::year(&day) < 10_000 {
            assert_eq!(date_text(day), day.format("%Y-%m-%d").to_string());
            assert_eq!(pushed(push_date, day), day.format("%Y-%m-%d").to_string());
            day = day + chrono::Days::new(997);
        }
        for edge in [
            NaiveDate::MIN,
            NaiveDate::MAX,
            NaiveDate::from_ymd_opt(9999, 12, 31).expect("a date"),
        ] {
            assert_eq!(date_text(edge), edge.format("%Y-%m-%d").to_string());
            assert_eq!(pushed(push_date, edge), edge.format("%Y-%m-%d").to_string());
        }
        for bytes in [
            [0u8; 12],
            [0xff; 12],
            *b"\x01\x23\x45\x67\x89\xab\xcd\xef\x10\x32\x54\x76",
        ] {
            let id = Id::from_bytes(bytes);
            assert_eq!(id_text(id), id.to_string());
            assert_eq!(pushed(push_id, id), id.to_string());
        }
    }

    #[test]
    fn date_times_are_utc_with_milliseconds() {
        let t = chrono::DateTime::from_timestamp_millis(1_764_164_702_123).map(DateTime);
        assert_eq!(
            t.map(|t| t.to_value()),
            Some(Value::from("2025-11-26T13:45:02.123Z"))
        );
    }

    #[test]
    fn schedule_enums_mirror_the_domain() {
        assert_eq!(
            schedule::Frequency::from(Frequency::Monthly),
            schedule::Frequency::Monthly
        );
        assert_eq!(
            WeekendRule::from(schedule::WeekendRule::Before),
            WeekendRule::Before
        );
    }
}
