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
//! owner's bills and paydays, so an unchanged feed is byte for byte the same and its `ETag`
//! lets polling clients get a 304; `Cache-Control: private, max-age=900`.
//!
//! The iCalendar text is written by the `icalendar` crate (line folding at 75 octets,
//! escaping, CRLF), not by string formatting; `tests/api/calendar.rs` parses it with Python's
//! `icalendar` package.
//!
//! An unknown or revoked token is a plain 404 after the same work as a known one up to the
//! lookup (hash, one indexed read), so its answer says nothing more than "no such feed".

use std::collections::HashMap;
use std::fmt::Write as _;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Datelike, Days, Duration, NaiveDate, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike};
use sha2::{Digest, Sha256};

use crate::auth::hash_token;
use crate::domain::account::{PlanMode, User};
use crate::domain::entry::{Entry, EntryKind};
use crate::domain::forecast::{self, Forecast, Occurrence};
use crate::domain::id::Id;
use crate::domain::money::Money;
use crate::domain::window::Window;
use crate::error::AppError;
use crate::http::AppState;

/// How many days back the feed starts.
pub const DAYS_BACK: u64 = 31;
/// How many days ahead the feed runs.
pub const DAYS_AHEAD: u64 = 366;

/// Longest `<token>.ics` path segment looked up; longer ones are 404 without a read.
const MAX_SEGMENT: usize = 128;

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
            // 503 while the database is away (calendar apps retry), 500 otherwise.
            (error.status(), "the calendar could not be made").into_response()
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
    let (bills, paydays) = tokio::try_join!(
        state.store.entries(user.id, EntryKind::Bill, false),
        state.store.entries(user.id, EntryKind::Payday, false),
    )?;
    let body = feed(&user, bills, paydays, Utc::now())?;

    let etag = format!(
        "\"{}\"",
        &hex::encode(Sha256::digest(body.as_bytes()))[..32]
    );
    let cached = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
    let mut response = if cached {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            )],
            body,
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
        names: bills.iter().chain(&paydays).map(|e| (e.id, e)).collect(),
        last_day: window.to(),
        stamp: stamp.format("%Y%m%dT%H%M%SZ").to_string(),
    };
    let calendar = writer.calendar(&forecast);
    // About 500 bytes an event: one allocation instead of a dozen doublings.
    let mut text = String::with_capacity(512 * (calendar.components.len() + 1));
    write!(text, "{calendar}").map_err(|e| AppError::internal(anyhow::anyhow!(e)))?;
    Ok(text)
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `Mon Jan 5`: how descriptions name a day (without parsing a chrono format per call).
struct Day(NaiveDate);

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let weekday = WEEKDAYS[self.0.weekday().num_days_from_monday() as usize];
        let month = MONTHS[self.0.month0() as usize];
        write!(f, "{weekday} {month} {}", self.0.day())
    }
}

/// `20260105`, for UIDs.
struct Compact(NaiveDate);

impl std::fmt::Display for Compact {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let date = self.0;
        write!(f, "{:04}{:02}{:02}", date.year(), date.month(), date.day())
    }
}

struct Writer<'a> {
    user: &'a User,
    names: HashMap<Id, &'a Entry>,
    last_day: NaiveDate,
    /// DTSTAMP, formatted once.
    stamp: String,
}

impl Writer<'_> {
    fn money(&self, amount: Money) -> String {
        format!("{amount} {}", self.user.currency.as_str())
    }

    fn name(&self, id: Id) -> &str {
        self.names.get(&id).map_or("?", |e| e.name.as_str())
    }

    fn calendar(&self, forecast: &Forecast) -> Calendar {
        let mut calendar = Calendar::new();
        calendar
            .name("Wisewallet")
            .description("Your bills and paydays, and what to set aside from each paycheck")
            .append_property(icalendar::Property::new(
                "PRODID",
                "-//Wisewallet//Calendar feed//EN",
            ))
            .append_property(
                icalendar::Property::new("REFRESH-INTERVAL", "PT1H")
                    .add_parameter("VALUE", "DURATION")
                    .done(),
            )
            .append_property(icalendar::Property::new("X-PUBLISHED-TTL", "PT1H"));
        let bills = forecast
            .bills_before_next_payday
            .iter()
            .chain(forecast.periods.iter().flat_map(|p| &p.bills))
            .filter(|bill| bill.date <= self.last_day);
        let mut seen: HashMap<(Id, NaiveDate), u32> = HashMap::new();
        for bill in bills {
            let repeat = seen.entry((bill.id, bill.date)).or_default();
            *repeat += 1;
            calendar.push(self.bill_event(bill, *repeat));
        }
        for period in forecast.periods.iter().filter(|p| p.start <= self.last_day) {
            calendar.push(self.payday_event(period));
        }
        calendar.done()
    }

    /// An all-day event on `date`; no DESCRIPTION when `description` is empty.
    fn event(&self, uid: String, date: NaiveDate, summary: &str, description: &str) -> Event {
        // Dates and the stamp are written as property text directly: the crate's own
        // `starts`/`timestamp` run a chrono format string per call, twice per event.
        let mut event = Event::new();
        event
            .uid(&uid)
            .add_property("DTSTAMP", &self.stamp)
            .append_property(
                icalendar::Property::new("DTSTART", Compact(date).to_string())
                    .add_parameter("VALUE", "DATE")
                    .done(),
            )
            .summary(summary);
        if !description.is_empty() {
            event.description(description);
        }
        event
    }

    /// One bill occurrence; `repeat` counts occurrences of the bill on the same day (a
    /// schedule can put two there), so each has its own UID.
    fn bill_event(&self, bill: &Occurrence, repeat: u32) -> Event {
        let entry = self.names.get(&bill.id);
        let name = self.name(bill.id);
        let amount = self.money(bill.amount);
        // The summary holds the amount; the description only what it does not say.
        let mut lines = Vec::new();
        if let Some(category) = entry.and_then(|e| e.category.as_ref()) {
            lines.push(format!("Category: {}", category.as_str()));
        }
        if entry.is_some_and(|e| e.autopay) {
            lines.push("Paid automatically (autopay)".into());
        }
        if let Some(notes) = entry.and_then(|e| e.notes.as_ref()) {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.push(notes.as_str().to_string());
        }
        let suffix = if repeat > 1 {
            format!("-{repeat}")
        } else {
            String::new()
        };
        let uid = format!("bill-{}-{}{suffix}@wisewallet", bill.id, Compact(bill.date));
        // The crate stamps a component without DTSTAMP or UID with the time and a random id:
        // the alarm gets fixed ones, so the feed is the same on every request.
        let mut alarm = Alarm::display(
            &format!("{name} is due tomorrow: {amount}"),
            -Duration::hours(15),
        );
        alarm
            .uid(&format!("alarm-{uid}"))
            .add_property("DTSTAMP", &self.stamp);
        let mut event = self.event(
            uid,
            bill.date,
            &format!("{name} – {amount}"),
            &lines.join("\n"),
        );
        event.alarm(alarm);
        event.done()
    }

    fn payday_event(&self, period: &forecast::PayPeriod) -> Event {
        let mut names: Vec<&str> = period.paydays.iter().map(|p| self.name(p.id)).collect();
        names.dedup();
        let names = names.join(" + ");
        let smoothed = self.user.plan_mode == PlanMode::Smoothed;
        let (set_aside, left) = if smoothed {
            (period.plan.set_aside, period.plan.safe_to_spend)
        } else {
            (period.set_aside, period.leftover)
        };
        let summary = format!("{names}: set aside {}", self.money(set_aside));
        let mut lines = vec![
            format!("Income: {}", self.money(period.income)),
            format!(
                "Set aside: {} ({})",
                self.money(set_aside),
                if smoothed {
                    "smoothed plan: into each bill's envelope"
                } else {
                    "just in time: the bills until the next payday"
                }
            ),
            format!("Left to spend: {}", self.money(left)),
            String::new(),
        ];
        if smoothed {
            lines.push("Into the envelopes:".into());
            for contribution in &period.plan.contributions {
                lines.push(format!(
                    "- {}: {}",
                    self.name(contribution.bill),
                    self.money(contribution.amount)
                ));
            }
            lines.push(String::new());
        }
        lines.push(format!(
            "Bills from {} to {}:",
            Day(period.start),
            Day(period.end)
        ));
        if period.bills.is_empty() {
            lines.push("none".into());
        }
        for bill in &period.bills {
            lines.push(format!(
                "- {} {}: {}",
                Day(bill.date),
                self.name(bill.id),
                self.money(bill.amount)
            ));
        }
        let uid = format!(
            "payday-{}-{}@wisewallet",
            self.user.id,
            Compact(period.start)
        );
        self.event(uid, period.start, &summary, &lines.join("\n"))
            .done()
    }
}
