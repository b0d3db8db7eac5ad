//! The calendar over HTTP: the holiday setting and `holidays(from, to)`, business days in every
//! place occurrences show, the private feed (parsed by Python's `icalendar` package), and
//! `Forecast.balances`.

use std::io::Write;
use std::process::{Command, Stdio};

use chrono::{Days, NaiveDate, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Session, TestApp, spawn_app, spawn_app_with};

const SET_HOLIDAYS: &str =
    "mutation($h: String!) { updateSettings(input: { holidays: $h }) { holidays } }";

async fn set_holidays(app: &TestApp, s: &Session, code: &str) {
    let data = app
        .ok(Some(&s.token), SET_HOLIDAYS, json!({ "h": code }))
        .await;
    assert_eq!(data["updateSettings"]["holidays"], code);
}

fn dates(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap_or_else(|| panic!("a list: {list}"))
        .iter()
        .map(|d| d.as_str().unwrap_or_default())
        .collect()
}

/// Parses a feed with Python's `icalendar` (through `tests/ics_check.py`, which also checks
/// CRLF line ends and 75-octet lines) and returns its JSON view.
fn parse_feed(text: &str) -> Value {
    let python = crate::common::reference_python();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ics_check.py");
    let mut child = Command::new(python)
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("the feed is written to the checker");
    let output = child.wait_with_output().expect("the checker finishes");
    assert!(
        output.status.success(),
        "the feed does not parse: {}\n{text}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the checker prints JSON")
}

async fn create_feed(app: &TestApp, s: &Session) -> String {
    let data = app
        .ok(
            Some(&s.token),
            "mutation { createCalendarFeed { url createdAt } }",
            json!({}),
        )
        .await;
    data["createCalendarFeed"]["url"]
        .as_str()
        .expect("a url")
        .to_string()
}

async fn get(app: &TestApp, url: &str) -> reqwest::Response {
    app.client
        .get(url)
        .send()
        .await
        .expect("the server answers")
}

crate::common::backend_tests! {
    fixture: TestApp = spawn_app;

    async fn the_holiday_setting_lists_holidays_and_refuses_unknown_calendars(app) {
        let s = app.sign_up("hol@example.com").await;
        let me = app.ok(Some(&s.token), "{ me { holidays calendarFeed { createdAt } } }", json!({})).await;
        assert_eq!(me["me"]["holidays"], "NONE");
        assert_eq!(me["me"]["calendarFeed"], Value::Null);
        let list = "query($f: Date!, $t: Date!) { holidays(from: $f, to: $t) { date name } }";
        let may = json!({ "f": "2026-05-01", "t": "2026-05-31" });
        assert_eq!(app.ok(Some(&s.token), list, may.clone()).await["holidays"], json!([]));

        set_holidays(&app, &s, "US").await;
        assert_eq!(
            app.ok(Some(&s.token), list, may.clone()).await["holidays"],
            json!([{ "date": "2026-05-25", "name": "Memorial Day" }])
        );
        set_holidays(&app, &s, "GB-ENG").await;
        let names = app.ok(Some(&s.token), list, may).await;
        assert_eq!(
            names["holidays"],
            json!([{ "date": "2026-05-04", "name": "May Day" },
                   { "date": "2026-05-25", "name": "Spring Bank Holiday" }])
        );

        for bad in ["FR", "us", "", "NONE; DROP", "GB"] {
            assert_eq!(
                app.error_code(Some(&s.token), SET_HOLIDAYS, json!({ "h": bad })).await,
                "BAD_USER_INPUT",
                "{bad:?}"
            );
        }
        let me = app.ok(Some(&s.token), "{ me { holidays } }", json!({})).await;
        assert_eq!(me["me"]["holidays"], "GB-ENG", "a refused setting changes nothing");
        assert_eq!(
            app.error_code(Some(&s.token), list, json!({ "f": "2020-01-01", "t": "2026-01-01" })).await,
            "BAD_USER_INPUT"
        );
        assert_eq!(
            app.error_code(None, list, json!({ "f": "2026-01-01", "t": "2026-02-01" })).await,
            "UNAUTHENTICATED"
        );
    }

    async fn holidays_move_occurrences_everywhere_and_changing_them_loses_nothing(app) {
        let s = app.sign_up("move@example.com").await;
        // Memorial Day, Monday 2026-05-25; Independence Day (observed) Monday 2027-07-05.
        let payday = app
            .create_payday(&s, json!({ "name": "Pay", "amount": "1000.00",
                "schedule": { "start": "2026-05-25", "frequency": "YEARLY", "weekend": "BEFORE" } }))
            .await;
        let bill = app
            .create_bill(&s, json!({ "name": "Rent", "amount": "700.00",
                "schedule": { "start": "2026-05-25", "frequency": "MONTHLY", "weekend": "AFTER" } }))
            .await;
        let keep = app
            .create_bill(&s, json!({ "name": "Gym", "amount": "30.00",
                "schedule": { "start": "2026-05-25", "frequency": "MONTHLY" } }))
            .await;
        let q = r#"query($p: ID!, $b: ID!, $k: ID!) {
            payday(id: $p) { occurrences(from: "2026-05-01", to: "2026-05-31") }
            bill(id: $b) { occurrences(from: "2026-05-01", to: "2026-05-31") }
            keep: bill(id: $k) { occurrences(from: "2026-05-01", to: "2026-05-31") }
            forecast(from: "2026-05-01", until: "2026-05-31", startingBalance: "0.00") {
                nextPayday billsBeforeNextPayday { date } periods { start bills { date bill { name } } }
            } }"#;
        let vars = json!({ "p": payday, "b": bill, "k": keep });

        let before = app.ok(Some(&s.token), q, vars.clone()).await;
        assert_eq!(dates(&before["payday"]["occurrences"]), ["2026-05-25"]);
        assert_eq!(dates(&before["bill"]["occurrences"]), ["2026-05-25"]);

        set_holidays(&app, &s, "US").await;
        let after = app.ok(Some(&s.token), q, vars.clone()).await;
        assert_eq!(dates(&after["payday"]["occurrences"]), ["2026-05-22"], "BEFORE: Friday");
        assert_eq!(dates(&after["bill"]["occurrences"]), ["2026-05-26"], "AFTER: Tuesday");
        assert_eq!(dates(&after["keep"]["occurrences"]), ["2026-05-25"], "KEEP never moves");
        assert_eq!(after["forecast"]["nextPayday"], "2026-05-22");
        assert_eq!(after["forecast"]["periods"][0]["start"], "2026-05-22");
        let in_period: Vec<&Value> = after["forecast"]["periods"][0]["bills"]
            .as_array().expect("bills").iter().map(|b| &b["date"]).collect();
        assert_eq!(in_period[..2], [&json!("2026-05-25"), &json!("2026-05-26")]);

        // A change to the moved occurrence is set on its business-day date …
        let set = "mutation($id: ID!, $d: Date!) { setPaydayOccurrence(paydayId: $id, date: $d,
            change: { amount: \"1234.00\" }) { exceptions { date amount } } }";
        assert_eq!(
            app.error_code(Some(&s.token), set, json!({ "id": payday, "d": "2026-05-25" })).await,
            "BAD_USER_INPUT",
            "2026-05-25 is no occurrence in the US calendar"
        );
        app.ok(Some(&s.token), set, json!({ "id": payday, "d": "2026-05-22" })).await;
        let amount = "query($p: ID!) { payday(id: $p) { exceptions { date amount } }
            forecast(from: \"2026-05-01\", until: \"2026-05-31\", startingBalance: \"0.00\") { periods { start income } } }";
        let changed = app.ok(Some(&s.token), amount, json!({ "p": payday })).await;
        assert_eq!(changed["forecast"]["periods"][0]["income"], "1234.00");

        // … and survives a change of calendar: kept while it is no occurrence, applied again
        // when it is one.
        set_holidays(&app, &s, "NONE").await;
        let none = app.ok(Some(&s.token), amount, json!({ "p": payday })).await;
        assert_eq!(none["payday"]["exceptions"], json!([{ "date": "2026-05-22", "amount": "1234.00" }]));
        assert_eq!(none["forecast"]["periods"], json!([{ "start": "2026-05-25", "income": "1000.00" }]));
        set_holidays(&app, &s, "US").await;
        let back = app.ok(Some(&s.token), amount, json!({ "p": payday })).await;
        assert_eq!(back["forecast"]["periods"], json!([{ "start": "2026-05-22", "income": "1234.00" }]));

        // A schedule edit keeps the changes that are still occurrences in the viewer's calendar.
        let rename = "mutation($id: ID!) { updatePayday(id: $id, patch: { schedule:
            { start: \"2026-05-25\", frequency: YEARLY, weekend: BEFORE } }) { exceptions { date } } }";
        let kept = app.ok(Some(&s.token), rename, json!({ "id": payday })).await;
        assert_eq!(kept["updatePayday"]["exceptions"], json!([{ "date": "2026-05-22" }]));
    }

    async fn the_calendar_feed_is_private_parses_and_lists_bills_and_paydays(app) {
        let s = app.sign_up("feed@example.com").await;
        let today = Utc::now().date_naive();
        let day = |offset: i64| {
            if offset >= 0 {
                today.checked_add_days(Days::new(offset as u64))
            } else {
                today.checked_sub_days(Days::new(offset.unsigned_abs()))
            }
            .expect("a date")
            .to_string()
        };
        let name = "Rent, flat; 2nd \\ floor 🏠 — «très» long name that goes past one line";
        app.create_bill(&s, json!({ "name": name, "amount": "1550.00", "category": "Home; rent",
            "notes": "Landlord: Ann\nPay by transfer, ref. 12;34",
            "schedule": { "start": day(3), "frequency": "MONTHLY" } }))
            .await;
        let phone_id = app.create_bill(&s, json!({ "name": "Phone", "amount": "40.00", "autopay": true,
            "schedule": { "start": day(-40), "frequency": "WEEKLY", "interval": 2 } }))
            .await;
        app.create_payday(&s, json!({ "name": "Salary", "amount": "2000.00",
            "schedule": { "start": day(-10), "frequency": "WEEKLY", "interval": 2 } }))
            .await;
        let other = app.sign_up("other@example.com").await;
        app.create_bill(&other, json!({ "name": "Secret", "amount": "1.00",
            "schedule": { "start": day(1), "frequency": "DAILY" } }))
            .await;

        let url = create_feed(&app, &s).await;
        let token = url
            .strip_prefix(&app.url("/calendar/"))
            .and_then(|rest| rest.strip_suffix(".ics"))
            .unwrap_or_else(|| panic!("a feed url on this server: {url}"));
        assert_eq!(token.len(), 64, "256 random bits");
        assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
        let me = app.ok(Some(&s.token), "{ me { calendarFeed { url createdAt } } }", json!({})).await;
        assert_eq!(me["me"]["calendarFeed"]["url"], Value::Null, "the link is shown once");
        assert!(me["me"]["calendarFeed"]["createdAt"].is_string());

        let response = get(&app, &url).await;
        assert_eq!(response.status(), StatusCode::OK);
        let header = |name: &str| {
            response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
        };
        assert_eq!(header("content-type"), "text/calendar; charset=utf-8");
        assert_eq!(header("cache-control"), "private, max-age=900");
        let etag = header("etag");
        assert!(etag.starts_with('"') && etag.len() > 10, "{etag}");
        let text = response.text().await.expect("a body");
        let feed = parse_feed(&text);

        let events = feed["events"].as_array().expect("events");
        let (first, last) = (day(-31), day(366));
        for event in events {
            let start = event["dtstart"].as_str().expect("a date");
            assert!(first.as_str() <= start && start <= last.as_str(), "{event}");
            assert_eq!(event["all_day"], true, "{event}");
        }
        let rent: Vec<&Value> = events.iter()
            .filter(|e| e["summary"].as_str().is_some_and(|s| s.starts_with(name)))
            .collect();
        assert_eq!(rent.len(), 12, "one a month from 3 to 366 days ahead: {rent:?}");
        assert_eq!(rent[0]["summary"], format!("{name} – 1550.00 USD"));
        assert_eq!(rent[0]["dtstart"], day(3));
        let description = rent[0]["description"].as_str().expect("a description");
        assert!(description.contains("Category: Home; rent"), "{description}");
        assert!(description.contains("Landlord: Ann\nPay by transfer, ref. 12;34"), "{description}");
        assert_eq!(rent[0]["alarms"][0]["trigger_seconds"], -15 * 3600);
        let phone = events.iter().filter(|e| e["summary"] == "Phone – 40.00 USD").count();
        assert_eq!(phone, 29, "every other week from 31 days back to 366 ahead");
        let paydays: Vec<&Value> = events.iter()
            .filter(|e| e["summary"].as_str().is_some_and(|s| s.starts_with("Salary: set aside ")))
            .collect();
        assert_eq!(paydays.len(), 27, "every other week from 10 days back to 366 ahead");
        assert_eq!(paydays[0]["alarms"], json!([]));
        let covers = paydays.iter().any(|p| {
            p["description"].as_str().is_some_and(|d| d.contains(name) && d.contains("Income: 2000.00 USD"))
        });
        assert!(covers, "a payday lists the bills it covers");
        assert!(!text.contains("Secret"), "another user's bills stay out");
        let uids: std::collections::HashSet<&str> =
            events.iter().filter_map(|e| e["uid"].as_str()).collect();
        assert_eq!(uids.len(), events.len(), "UIDs are unique");

        // Polling: the same feed again has the same UIDs; the ETag gives a 304.
        let again = parse_feed(&get(&app, &url).await.text().await.expect("a body"));
        assert_eq!(again["events"], feed["events"], "stable across requests");
        let cached = app.client.get(&url).header("if-none-match", &etag).send().await.expect("answer");
        assert_eq!(cached.status(), StatusCode::NOT_MODIFIED);

        // The smoothed plan changes what the paydays say.
        app.ok(Some(&s.token), "mutation { updateSettings(input: { planMode: SMOOTHED }) { planMode } }", json!({})).await;
        let smoothed = get(&app, &url).await.text().await.expect("a body");
        assert!(smoothed.contains("smoothed plan"), "{smoothed}");

        // The ETag follows every input: a changed setting or entry is a 200 with a new tag,
        // an unchanged feed a 304 with an empty body.
        let poll = |tag: String| {
            let request = app.client.get(&url).header("if-none-match", tag);
            async move { request.send().await.expect("an answer") }
        };
        let fresh = poll(etag.clone()).await;
        assert_eq!(fresh.status(), StatusCode::OK, "the plan mode changed");
        let smoothed_tag = fresh.headers()["etag"].to_str().expect("a tag").to_string();
        assert_ne!(smoothed_tag, etag);
        let unchanged = poll(format!("\"other\", {smoothed_tag}")).await;
        assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED, "one of the listed tags matches");
        assert_eq!(unchanged.headers()["etag"], smoothed_tag.as_str());
        assert!(unchanged.text().await.expect("a body").is_empty());
        let weak = poll(format!("W/{smoothed_tag}")).await;
        assert_eq!(weak.status(), StatusCode::NOT_MODIFIED, "If-None-Match compares weakly");
        app.ok(Some(&s.token), "mutation($id: ID!) { updateBill(id: $id, patch: { amount: \"41.00\" }) { id } }",
            json!({ "id": phone_id })).await;
        let edited = poll(smoothed_tag.clone()).await;
        assert_eq!(edited.status(), StatusCode::OK, "a bill changed");
        assert_ne!(edited.headers()["etag"], smoothed_tag.as_str());
        assert!(edited.text().await.expect("a body").contains("Phone – 41.00 USD"));

        // A new link revokes the old; deleting it revokes it too.
        let second = create_feed(&app, &s).await;
        assert_ne!(second, url);
        assert_eq!(get(&app, &url).await.status(), StatusCode::NOT_FOUND);
        assert_eq!(get(&app, &second).await.status(), StatusCode::OK);
        let deleted = app.ok(Some(&s.token), "mutation { deleteCalendarFeed }", json!({})).await;
        assert_eq!(deleted["deleteCalendarFeed"], true);
        assert_eq!(get(&app, &second).await.status(), StatusCode::NOT_FOUND);
        let again = app.ok(Some(&s.token), "mutation { deleteCalendarFeed }", json!({})).await;
        assert_eq!(again["deleteCalendarFeed"], false);
        let me = app.ok(Some(&s.token), "{ me { calendarFeed { createdAt } } }", json!({})).await;
        assert_eq!(me["me"]["calendarFeed"], Value::Null);
        assert_eq!(
            app.error_code(None, "mutation { createCalendarFeed { url } }", json!({})).await,
            "UNAUTHENTICATED"
        );
    }
}

#[tokio::test]
async fn unknown_malformed_and_oversized_feed_paths_are_plain_404s() {
    let app = spawn_app(crate::common::Backend::Sqlite).await;
    let unknown = format!("/calendar/{}.ics", "ab".repeat(32));
    let long = format!("/calendar/{}.ics", "a".repeat(200));
    for path in [
        unknown.as_str(),
        "/calendar/.ics",
        "/calendar/x.ics",
        "/calendar/abc",
        "/calendar/%00.ics",
        "/calendar/..%2f..%2fetc%2fpasswd.ics",
        long.as_str(),
    ] {
        let response = get(&app, &app.url(path)).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(response.headers().get("etag").is_none(), "{path}");
    }
}

#[tokio::test]
async fn a_feed_over_its_size_limit_is_a_clear_refusal_and_the_server_goes_on() {
    let app = spawn_app(crate::common::Backend::Sqlite).await;
    let s = app.sign_up("daily@example.com").await;
    let start = Utc::now().date_naive().to_string();
    for n in 0..80 {
        app.create_bill(
            &s,
            json!({ "name": format!("Daily {n}"), "amount": "1.00",
            "schedule": { "start": start, "frequency": "DAILY" } }),
        )
        .await;
    }
    let url = create_feed(&app, &s).await;
    let refused = get(&app, &url).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let text = refused.text().await.expect("a body");
    assert!(text.contains("over 8 MB"), "{text}");
    crate::helpers::still_serving(&app).await;
}

#[tokio::test]
async fn the_feed_link_starts_with_public_url_when_it_is_set() {
    let app = spawn_app_with(crate::common::Backend::Sqlite, |config| {
        config.public_url = Some("https://api.example.com".into());
    })
    .await;
    let s = app.sign_up("public@example.com").await;
    let url = create_feed(&app, &s).await;
    assert!(
        url.starts_with("https://api.example.com/calendar/"),
        "{url}"
    );
    assert!(url.ends_with(".ics"), "{url}");
}

#[tokio::test]
async fn forecast_balances_are_every_day_of_the_walk_and_hold_the_lowest_point() {
    let app = spawn_app(crate::common::Backend::Sqlite).await;
    let s = app.sign_up("walk@example.com").await;
    app.create_payday(
        &s,
        json!({ "name": "Pay", "amount": "100.00",
        "schedule": { "start": "2026-01-09", "frequency": "WEEKLY", "interval": 2 } }),
    )
    .await;
    app.create_bill(
        &s,
        json!({ "name": "Rent", "amount": "150.00",
        "schedule": { "start": "2026-01-05", "frequency": "MONTHLY" } }),
    )
    .await;
    let data = app
        .ok(Some(&s.token), r#"{ forecast(from: "2026-01-01", until: "2026-01-31", startingBalance: "20.00") {
            lowestBalance { date balance } periods { end endingBalance } balances { date balance } } }"#, json!({}))
        .await;
    let f = &data["forecast"];
    let balances = f["balances"].as_array().expect("balances");
    let last_end = f["periods"]
        .as_array()
        .and_then(|p| p.last())
        .expect("a period")["end"]
        .clone();
    assert_eq!(
        balances.first().map(|b| &b["date"]),
        Some(&json!("2026-01-01"))
    );
    assert_eq!(balances.last().map(|b| &b["date"]), Some(&last_end));
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
    for (offset, point) in balances.iter().enumerate() {
        let expected = first
            .checked_add_days(Days::new(offset as u64))
            .expect("a date");
        assert_eq!(point["date"], expected.to_string(), "one point per day");
    }
    assert_eq!(
        balances[3],
        json!({ "date": "2026-01-04", "balance": "20.00" })
    );
    assert_eq!(
        balances[4],
        json!({ "date": "2026-01-05", "balance": "-130.00" })
    );
    assert_eq!(
        balances[8],
        json!({ "date": "2026-01-09", "balance": "-30.00" })
    );
    assert_eq!(f["lowestBalance"], balances[4]);
    for period in f["periods"].as_array().expect("periods") {
        let at_end = balances
            .iter()
            .find(|b| b["date"] == period["end"])
            .expect("the end day");
        assert_eq!(at_end["balance"], period["endingBalance"]);
    }
}
