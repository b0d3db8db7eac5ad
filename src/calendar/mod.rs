//! The private calendar feed: `GET /calendar/<token>.ics` (DESIGN §1 "Calendar feed").
//!
//! Any calendar app can subscribe to the link `createCalendarFeed` returns; the token in it is
//! the only key (256 random bits, stored as its SHA-256). What the feed holds, from 31 days ago
//! to 366 days ahead in the owner's timezone:
//!
//! - one all-day event per bill occurrence: SUMMARY `Rent – 750.00 USD`; DESCRIPTION with its
//!   category, autopay and notes, when it has any; a reminder at 09:00 the day before (`-PT15H` from
//!   the start of the day);
//! - one all-day event per payday date: SUMMARY `Salary: set aside 910.00 USD`, what to set
//!   aside from it in the owner's plan mode (just in time: the bills of its period; smoothed:
//!   the plan's envelopes), and in the DESCRIPTION the income, what is left, and each bill it
//!   covers.
//!
//! An all-day event is `DTSTART;VALUE=DATE` without `DTEND`: one day, as RFC 5545 §3.6.1 says.
//! Dates are the effective ones (occurrence changes and the holiday calendar applied), exactly
//! as the forecast has them. UIDs are built from what identifies an event — the bill's id and
//! the date, or the owner's id and the payday date — so they stay the same across requests and
//! calendar apps update events instead of duplicating them. DTSTAMP is the last change to the
//! owner's bills and paydays, so an unchanged feed is byte for byte the same;
//! `Cache-Control: private, max-age=900`. Events are `TRANSP:TRANSPARENT`: a bill does not make
//! its owner look busy.
//!
//! **ETag.** The `ETag` is a digest of everything the feed is made from — the format's version,
//! the day it starts, the owner's settings it uses and every field of every bill and payday read
//! — so a calendar app polling with `If-None-Match` gets its 304 after the reads, without the
//! forecast or the text being made. Any change to an entry, a setting or the day changes it.
//!
//! The iCalendar text is written by [`ics`] (line folding at 75 octets, escaping, CRLF);
//! `tests/api/calendar.rs` parses it with Python's `icalendar` package.
//!
//! A feed over [`MAX_FEED_BYTES`] (dozens of daily bills) is a 400 that says why, not a
//! feed cut short: a calendar app shows the error to its owner.
//!
//! An unknown or revoked token is a plain 404 after the same work as a known one up to the
//! lookup (hash, one indexed read), so its answer says nothing more than "no such feed".

use std::cell::Cell;
use std::fmt::{self, Write as _};

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Datelike, Days, NaiveDate, Timelike, Utc};
use sha2::{Digest, Sha256};

use crate::auth::hash_token;
use crate::domain::account::{Currency, PlanMode, User};
use crate::domain::entry::Entry;
use crate::domain::forecast::{self, Forecast, Occurrence};
use crate::domain::id::Id;
use crate::domain::money::Money;
use crate::domain::window::Window;
use crate::error::AppError;
use crate::http::AppState;

pub mod ics;

use ics::Ics;

/// How many days back the feed starts.
pub const DAYS_BACK: u64 = 31;
/// How many days ahead the feed runs.
pub const DAYS_AHEAD: u64 = 366;

/// Longest `<token>.ics` path segment looked up; longer ones are 404 without a read.
const MAX_SEGMENT: usize = 128;

/// The largest feed made, in bytes (a household's is ~200 KB; 1,000 monthly bills ~5 MB, tested). A
/// feed that would pass it — dozens of daily bills — is refused with `LIMIT_EXCEEDED` as soon as
/// its text passes this size, so one request never holds more than this much text (the
/// forecast under it already stops at `forecast::MAX_OCCURRENCES`).
pub const MAX_FEED_BYTES: usize = 8 * 1024 * 1024;

/// Changes whenever the feed's text for the same inputs changes, so the `ETag`s of the old
/// format are not answered with a 304.
const FORMAT: &str = "wisewallet-feed-2";

/// `GET /calendar/{file}`: the feed of the token in `file` (`<token>.ics`).
pub async fn serve(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    match respond(&state, &file, &headers).await {
        Ok(response) => response,
        Err(error) => {
            error.log_if_internal();
            // 503 while the database is away (calendar apps retry), 500 otherwise; a feed
            // over its limits says which (the owner reads it when their app shows the error).
            let message = match &error {
                AppError::LimitExceeded(message) => message.as_str(),
                _ => "the calendar could not be made",
            };
            (error.status(), message.to_string()).into_response()
        }
    }
}

async fn respond(state: &AppState, file: &str, headers: &HeaderMap) -> Result<Response, AppError> {
    let not_found = || (StatusCode::NOT_FOUND, "no such calendar").into_response();
    let Some(token) = file
        .strip_suffix(".ics")
        .filter(|_| file.len() <= MAX_SEGMENT)
    else {
        return Ok(not_found());
    };
    let Some(user) = state.store.calendar_feed_user(&hash_token(token)).await? else {
        return Ok(not_found());
    };
    let (bills, paydays) = state.store.bills_and_paydays(user.id, false).await?;
    let now = Utc::now();
    let etag = etag(&user, &bills, &paydays, now);
    // If-None-Match compares weakly (RFC 9110 §13.1.2): `W/"…"` matches `"…"`.
    let cached = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',')
                .map(str::trim)
                .any(|tag| tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag)
        });
    let mut response = if cached {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            )],
            feed(&user, bills, paydays, now)?,
        )
            .into_response()
    };
    let response_headers = response.headers_mut();
    response_headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=900"),
    );
    if let Ok(value) = HeaderValue::from_str(&etag) {
        response_headers.insert(header::ETAG, value);
    }
    Ok(response)
}

/// The `ETag` of the feed `feed(user, bills, paydays, now)` makes: a digest of its inputs (see
/// the module docs), quoted.
pub fn etag(user: &User, bills: &[Entry], paydays: &[Entry], now: DateTime<Utc>) -> String {
    /// Feeds what is formatted into it to the digest, without a string in between.
    struct Digested(Sha256);
    impl fmt::Write for Digested {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.update(s.as_bytes());
            Ok(())
        }
    }
    let mut digest = Digested(Sha256::new());
    // The password hash and the balance are not in the feed, so they stay out of its tag.
    let _ = write!(
        digest,
        "{FORMAT}\0{}\0{}\0{}\0{:?}\0{:?}\0{:?}\0{}\0{bills:?}\0{paydays:?}",
        user.timezone.today(now),
        user.id,
        user.currency.as_str(),
        user.timezone,
        user.plan_mode,
        user.holidays,
        user.created_at.timestamp_millis(),
    );
    format!("\"{}\"", &hex::encode(digest.0.finalize())[..32])
}

/// The iCalendar text of `user`'s feed at `now`, from their (unarchived) bills and paydays.
pub fn feed(
    user: &User,
    bills: Vec<Entry>,
    paydays: Vec<Entry>,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let observe = |entries: Vec<Entry>| -> Vec<Entry> {
        entries
            .into_iter()
            .map(|e| e.with_holidays(user.holidays))
            .collect()
    };
    let (bills, paydays) = (observe(bills), observe(paydays));
    let today = user.timezone.today(now);
    let from = today
        .checked_sub_days(Days::new(DAYS_BACK))
        .unwrap_or(today);
    let to = today
        .checked_add_days(Days::new(DAYS_AHEAD))
        .unwrap_or(today);
    let window = Window::new(from, to)?;
    let (bill_flows, payday_flows): (Vec<_>, Vec<_>) = (
        bills.iter().map(Entry::flow).collect(),
        paydays.iter().map(Entry::flow).collect(),
    );
    // Balances are not in the feed, so the walk may start from anything.
    let forecast = match user.plan_mode {
        PlanMode::Smoothed => forecast::forecast(window, Money::ZERO, &bill_flows, &payday_flows)?,
        PlanMode::JustInTime => {
            forecast::forecast_without_plan(window, Money::ZERO, &bill_flows, &payday_flows)?
        }
    };
    let stamp = bills
        .iter()
        .chain(&paydays)
        .map(|e| e.updated_at)
        .max()
        .unwrap_or(user.created_at);
    let writer = Writer {
        user,
        entries: Prepared::index(&bills, &paydays),
        last_day: window.to(),
        stamp: Stamp(stamp),
    };
    writer.calendar(&forecast)
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Writes `n` in decimal with at least `width` digits (zeros in front), without the integer
/// formatting machinery (see `Money`'s `Display`).
fn decimal(f: &mut fmt::Formatter<'_>, mut n: u32, width: usize) -> fmt::Result {
    let mut text = [b'0'; 10];
    let mut at = text.len();
    while n > 0 || text.len() - at < width.max(1) {
        at -= 1;
        text[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    f.write_str(std::str::from_utf8(&text[at..]).map_err(|_| fmt::Error)?)
}

/// `Mon Jan 5`: how descriptions name a day (without parsing a chrono format per call).
struct Day(NaiveDate);

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(WEEKDAYS[self.0.weekday().num_days_from_monday() as usize])?;
        f.write_str(" ")?;
        f.write_str(MONTHS[self.0.month0() as usize])?;
        f.write_str(" ")?;
        decimal(f, self.0.day(), 1)
    }
}

/// `20260105`: a DATE value, and the date in UIDs.
struct Compact(NaiveDate);

impl fmt::Display for Compact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.0;
        // Years are 0001–9999 (`Date`'s range), so four digits always.
        decimal(f, date.year().unsigned_abs(), 4)?;
        decimal(f, date.month(), 2)?;
        decimal(f, date.day(), 2)
    }
}

/// `20260105T093000Z`: a UTC DATE-TIME value.
#[derive(Clone, Copy)]
struct Stamp(DateTime<Utc>);

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let time = self.0.time();
        write!(
            f,
            "{}T{:02}{:02}{:02}Z",
            Compact(self.0.date_naive()),
            time.hour(),
            time.minute(),
            time.second()
        )
    }
}

/// `750.00 USD`.
struct Amount<'a>(Money, &'a Currency);

impl fmt::Display for Amount<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)?;
        f.write_str(" ")?;
        f.write_str(self.1.as_str())
    }
}

/// What every event of one bill or payday repeats, made once per feed.
struct Prepared {
    id: Id,
    /// `bill-<id>-`: the start of its events' UIDs.
    uid: String,
    /// The name, escaped as TEXT.
    name: String,
    /// Bills: the DESCRIPTION value, escaped; empty when it would say nothing.
    description: String,
    /// The date of the last event written for it, and how many it had on that date (a
    /// schedule can put two occurrences on one day; each needs its own UID).
    last: Cell<Option<(NaiveDate, u32)>>,
}

impl Prepared {
    /// Every entry, prepared, in id order (for [`Writer::entry`]).
    fn index(bills: &[Entry], paydays: &[Entry]) -> Vec<Self> {
        let mut prepared: Vec<Self> = bills
            .iter()
            .chain(paydays)
            .map(|entry| Prepared {
                id: entry.id,
                uid: format!("bill-{}-", entry.id),
                name: ics::escape(entry.name.as_str()),
                description: ics::escape(&bill_description(entry)),
                last: Cell::new(None),
            })
            .collect();
        prepared.sort_unstable_by_key(|p| p.id);
        prepared
    }

    /// How many events of this entry are on `date` with this one: 1 for the first. Events of
    /// one entry come in date order.
    fn count(&self, date: NaiveDate) -> u32 {
        let repeat = match self.last.get() {
            Some((last, repeat)) if last == date => repeat + 1,
            _ => 1,
        };
        self.last.set(Some((date, repeat)));
        repeat
    }
}

/// A bill's DESCRIPTION: its category, autopay and notes, when it has any (the summary already
/// holds its name and amount).
fn bill_description(entry: &Entry) -> String {
    let mut lines = Vec::new();
    if let Some(category) = &entry.category {
        lines.push(format!("Category: {}", category.as_str()));
    }
    if entry.autopay {
        lines.push("Paid automatically (autopay)".into());
    }
    if let Some(notes) = &entry.notes {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(notes.as_str().to_string());
    }
    lines.join("\n")
}

struct Writer<'a> {
    user: &'a User,
    entries: Vec<Prepared>,
    last_day: NaiveDate,
    /// DTSTAMP.
    stamp: Stamp,
}

impl Writer<'_> {
    fn money(&self, amount: Money) -> Amount<'_> {
        Amount(amount, &self.user.currency)
    }

    /// The prepared bill or payday with this id (the forecast's occurrences all have one).
    fn entry(&self, id: Id) -> Option<&Prepared> {
        let at = self.entries.binary_search_by_key(&id, |p| p.id).ok()?;
        self.entries.get(at)
    }

    /// The escaped name of the entry with this id.
    fn name(&self, id: Id) -> &str {
        self.entry(id).map_or("?", |p| p.name.as_str())
    }

    fn calendar(&self, forecast: &Forecast) -> Result<String, AppError> {
        let bills: Vec<&Occurrence> = forecast
            .bills_before_next_payday
            .iter()
            .chain(forecast.periods.iter().flat_map(|p| &p.bills))
            .filter(|bill| bill.date <= self.last_day)
            .collect();
        let periods: Vec<&forecast::PayPeriod> = forecast
            .periods
            .iter()
            .filter(|p| p.start <= self.last_day)
            .collect();
        // About 400 bytes a bill event and 60 more for the line a payday gives it: one
        // allocation instead of a dozen doublings.
        let estimate = 1024 + 460 * bills.len() + 600 * periods.len();
        let mut ics = Ics::with_capacity(estimate.min(MAX_FEED_BYTES));
        ics.begin("VCALENDAR");
        ics.raw("VERSION", "2.0");
        ics.raw("PRODID", "-//Wisewallet//Calendar feed//EN");
        ics.raw("CALSCALE", "GREGORIAN");
        ics.raw("METHOD", "PUBLISH");
        for name in ["NAME", "X-WR-CALNAME"] {
            ics.text(name, "Wisewallet");
        }
        for name in ["DESCRIPTION", "X-WR-CALDESC"] {
            ics.text(
                name,
                "Your bills and paydays, and what to set aside from each paycheck",
            );
        }
        ics.raw("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
        ics.raw("X-PUBLISHED-TTL", "PT1H");
        let too_large = || {
            AppError::LimitExceeded(format!(
                "this calendar would be over {} MB: it has too many bills or paydays that \
                 repeat daily; archive some, or make them less frequent",
                MAX_FEED_BYTES / (1024 * 1024)
            ))
        };
        for bill in bills {
            self.bill_event(&mut ics, bill);
            if ics.written() > MAX_FEED_BYTES {
                return Err(too_large());
            }
        }
        for period in periods {
            self.payday_event(&mut ics, period);
            if ics.written() > MAX_FEED_BYTES {
                return Err(too_large());
            }
        }
        ics.end("VCALENDAR");
        Ok(ics.finish())
    }

    /// Opens an all-day event on `date` and writes its UID, DTSTAMP, DTSTART and SUMMARY
    /// (written by `summary`, escaped where it needs to be).
    fn begin_event(
        &self,
        ics: &mut Ics,
        uid: impl fmt::Display,
        date: NaiveDate,
        summary: impl FnOnce(&mut ics::Line<'_>) -> fmt::Result,
    ) {
        ics.begin("VEVENT");
        ics.raw("UID", uid);
        ics.raw("DTSTAMP", self.stamp);
        ics.raw("DTSTART;VALUE=DATE", Compact(date));
        ics.text_with("SUMMARY", summary);
        ics.raw("TRANSP", "TRANSPARENT");
    }

    /// One bill occurrence.
    fn bill_event(&self, ics: &mut Ics, bill: &Occurrence) {
        let Some(entry) = self.entry(bill.id) else {
            return;
        };
        let amount = self.money(bill.amount);
        let uid = format_args!(
            "{}{}{}@wisewallet",
            entry.uid,
            Compact(bill.date),
            Repeat(entry.count(bill.date))
        );
        self.begin_event(ics, uid, bill.date, |line| {
            line.escaped(&entry.name);
            write!(line, " – {amount}")
        });
        if !entry.description.is_empty() {
            ics.text_with("DESCRIPTION", |line| {
                line.escaped(&entry.description);
                Ok(())
            });
        }
        ics.begin("VALARM");
        ics.raw("ACTION", "DISPLAY");
        ics.raw("TRIGGER", "-PT15H");
        ics.text_with("DESCRIPTION", |line| {
            line.escaped(&entry.name);
            write!(line, " is due tomorrow: {amount}")
        });
        ics.end("VALARM");
        ics.end("VEVENT");
    }

    fn payday_event(&self, ics: &mut Ics, period: &forecast::PayPeriod) {
        let smoothed = self.user.plan_mode == PlanMode::Smoothed;
        let (set_aside, left) = if smoothed {
            (period.plan.set_aside, period.plan.safe_to_spend)
        } else {
            (period.set_aside, period.leftover)
        };
        let uid = format_args!(
            "payday-{}-{}@wisewallet",
            self.user.id,
            Compact(period.start)
        );
        self.begin_event(ics, uid, period.start, |line| {
            // The names of the date's paydays, joined with ` + `; one twice on it, once.
            let mut last: Option<&str> = None;
            for payday in &period.paydays {
                let name = self.name(payday.id);
                if last == Some(name) {
                    continue;
                }
                if last.is_some() {
                    line.escaped(" + ");
                }
                line.escaped(name);
                last = Some(name);
            }
            write!(line, ": set aside {}", self.money(set_aside))
        });
        ics.text_with("DESCRIPTION", |line| {
            write!(
                line,
                "Income: {}\nSet aside: {} ({})\nLeft to spend: {}\n\n",
                self.money(period.income),
                self.money(set_aside),
                if smoothed {
                    "smoothed plan: into each bill's envelope"
                } else {
                    "just in time: the bills until the next payday"
                },
                self.money(left),
            )?;
            if smoothed {
                line.escaped("Into the envelopes:");
                for contribution in &period.plan.contributions {
                    line.escaped("\\n- ");
                    line.escaped(self.name(contribution.bill));
                    write!(line, ": {}", self.money(contribution.amount))?;
                }
                line.escaped("\\n\\n");
            }
            write!(
                line,
                "Bills from {} to {}:",
                Day(period.start),
                Day(period.end)
            )?;
            if period.bills.is_empty() {
                line.escaped("\\nnone");
            }
            for bill in &period.bills {
                write!(line, "\n- {} ", Day(bill.date))?;
                line.escaped(self.name(bill.id));
                write!(line, ": {}", self.money(bill.amount))?;
            }
            Ok(())
        });
        ics.end("VEVENT");
    }
}

/// `-2` for the second occurrence of a bill on one day; nothing for the first.
struct Repeat(u32);

impl fmt::Display for Repeat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 > 1 {
            write!(f, "-{}", self.0)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::account::{Email, Timezone};
    use crate::domain::entry::{Amount as EntryAmount, EntryKind, Name, NewEntry, Text};
    use crate::domain::holidays::Holidays;
    use crate::domain::plan::Envelope;
    use crate::domain::schedule::{Frequency, Schedule, ScheduleParts, WeekendRule};

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().expect("a time")
    }

    fn user() -> User {
        User {
            id: Id::generate(),
            email: Email::try_from("feed@example.com").expect("an email"),
            password_hash: "$argon2id$secret".into(),
            currency: Currency::try_from("USD").expect("a currency"),
            timezone: Timezone::default(),
            balance: Money::ZERO,
            balance_on: at("2026-01-01T00:00:00Z").date_naive(),
            plan_mode: PlanMode::JustInTime,
            holidays: Holidays::None,
            created_at: at("2026-01-01T00:00:00Z"),
        }
    }

    fn entry(owner: Id, kind: EntryKind, name: &str) -> Entry {
        repeating(owner, kind, name, Frequency::Monthly)
    }

    fn repeating(owner: Id, kind: EntryKind, name: &str, frequency: Frequency) -> Entry {
        let start = at("2026-01-05T00:00:00Z").date_naive();
        let schedule = ScheduleParts {
            start,
            frequency: Some(frequency),
            interval: 1,
            days_of_month: None,
            until: None,
            count: None,
            weekend: WeekendRule::Keep,
        };
        Entry::new(
            owner,
            kind,
            NewEntry {
                name: Name::try_from(name).expect("a name"),
                amount: EntryAmount::try_from(Money::from_cents(75_000)).expect("an amount"),
                envelope: Envelope::empty(start),
                schedule: Schedule::try_from(schedule).expect("a schedule"),
                category: None,
                autopay: false,
                notes: None,
            },
            at("2026-01-02T00:00:00Z"),
        )
    }

    #[test]
    fn the_etag_changes_with_every_input_of_the_feed_and_nothing_else() {
        let user = user();
        let bills = vec![entry(user.id, EntryKind::Bill, "Rent")];
        let paydays = vec![entry(user.id, EntryKind::Payday, "Salary")];
        let now = at("2026-01-10T12:00:00Z");
        let tag = etag(&user, &bills, &paydays, now);
        assert!(
            tag.starts_with('"') && tag.ends_with('"') && tag.len() == 34,
            "{tag}"
        );
        assert_eq!(
            etag(&user, &bills, &paydays, at("2026-01-10T23:59:00Z")),
            tag,
            "same day"
        );

        let changed_user = |change: fn(&mut User)| {
            let mut user = user.clone();
            change(&mut user);
            etag(&user, &bills, &paydays, now)
        };
        assert_eq!(
            changed_user(|u| u.balance = Money::from_cents(1)),
            tag,
            "not in the feed"
        );
        assert_eq!(
            changed_user(|u| u.password_hash.push('x')),
            tag,
            "not in the feed"
        );
        for change in [
            (|u: &mut User| u.plan_mode = PlanMode::Smoothed) as fn(&mut User),
            |u| u.holidays = Holidays::Us,
            |u| u.currency = Currency::try_from("EUR").expect("a currency"),
            |u| u.timezone = Timezone::try_from("Pacific/Auckland").expect("a zone"),
        ] {
            assert_ne!(changed_user(change), tag);
        }

        let mut renamed = bills.clone();
        renamed[0].notes = Text::parse("notes", 2000, "Landlord: Ann").expect("notes");
        assert_ne!(
            etag(&user, &renamed, &paydays, now),
            tag,
            "any field of an entry"
        );
        assert_ne!(etag(&user, &[], &paydays, now), tag, "an entry gone");
        assert_ne!(
            etag(&user, &paydays, &bills, now),
            tag,
            "bills are not paydays"
        );
        assert_ne!(
            etag(&user, &bills, &paydays, at("2026-01-11T00:00:00Z")),
            tag,
            "a new day"
        );
    }

    #[test]
    fn the_feed_is_the_same_text_for_the_same_inputs() {
        let user = user();
        let bills = vec![entry(user.id, EntryKind::Bill, "Rent, flat; 2")];
        let paydays = vec![entry(user.id, EntryKind::Payday, "Salary")];
        let now = at("2026-01-10T12:00:00Z");
        let text = feed(&user, bills.clone(), paydays.clone(), now).expect("a feed");
        assert_eq!(feed(&user, bills, paydays, now).expect("a feed"), text);
        assert!(
            text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
            "{text}"
        );
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"), "{text}");
        assert!(
            text.contains("\r\nSUMMARY:Rent\\, flat\\; 2 – 750.00 USD\r\n"),
            "{text}"
        );
        assert!(
            text.contains("\r\nDTSTAMP:20260102T000000Z\r\n"),
            "the last change: {text}"
        );
        assert!(
            text.lines().all(|line| line.len() <= 76),
            "75 octets and the CR"
        );
    }

    #[test]
    fn a_feed_over_its_size_limit_is_refused_not_built_whole() {
        let user = user();
        let paydays = vec![entry(user.id, EntryKind::Payday, "Salary")];
        let now = at("2026-01-10T12:00:00Z");
        // ~300 bytes an event and a payday line each, 397 days: 80 daily bills make ~10 MB.
        let daily: Vec<Entry> = (0..80)
            .map(|n| {
                repeating(
                    user.id,
                    EntryKind::Bill,
                    &format!("Daily {n}"),
                    Frequency::Daily,
                )
            })
            .collect();
        match feed(&user, daily.clone(), paydays.clone(), now) {
            Err(AppError::LimitExceeded(message)) => assert!(message.contains("8 MB"), "{message}"),
            other => panic!("expected LIMIT_EXCEEDED, got {:?}", other.map(|t| t.len())),
        }
        // A quarter of them fits.
        let text = feed(&user, daily[..20].to_vec(), paydays, now).expect("a feed");
        assert!(text.len() <= MAX_FEED_BYTES && text.ends_with("END:VCALENDAR\r\n"));
        // So does the most a person may have of monthly bills (1,000).
        let monthly: Vec<Entry> = (0..1000)
            .map(|n| {
                entry(
                    user.id,
                    EntryKind::Bill,
                    &format!("Monthly bill number {n}"),
                )
            })
            .collect();
        let most = feed(
            &user,
            monthly,
            vec![entry(user.id, EntryKind::Payday, "Salary")],
            now,
        )
        .expect("1,000 monthly bills fit");
        eprintln!("1,000 monthly bills: {} bytes", most.len());
    }
}
