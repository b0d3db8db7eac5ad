//! The forecast over HTTP on both stores: DESIGN's worked example, defaults, limits,
//! occurrences and next dates.

use serde_json::{Value, json};

use crate::helpers::{Backend, Session, TestApp, spawn_app};

/// DESIGN §1's worked example, entered through the API.
pub async fn worked_example(app: &TestApp, s: &Session) {
    app.create_payday(
        s,
        json!({ "name": "Salary", "amount": "2000.00",
        "schedule": { "start": "2026-01-02", "frequency": "WEEKLY", "interval": 2 } }),
    )
    .await;
    app.create_bill(
        s,
        json!({ "name": "Rent", "amount": "1500.00",
        "schedule": { "start": "2026-01-01", "frequency": "MONTHLY" } }),
    )
    .await;
    app.create_bill(
        s,
        json!({ "name": "Phone", "amount": "80.00",
        "schedule": { "start": "2026-01-31", "frequency": "MONTHLY" } }),
    )
    .await;
    app.create_bill(
        s,
        json!({ "name": "Insurance", "amount": "600.00",
        "schedule": { "start": "2026-03-15", "frequency": "YEARLY", "weekend": "BEFORE" } }),
    )
    .await;
}

pub const FORECAST: &str = "query($from: Date, $until: Date, $b: Money) {
  forecast(from: $from, until: $until, startingBalance: $b) {
    from until startingBalance dueBeforeNextPayday nextPayday totalIncome totalBills
    billsBeforeNextPayday { date amount bill { name } }
    lowestBalance { date balance }
    periods { start end income setAside leftover endingBalance
              paydays { date amount payday { name } }
              bills { date amount bill { name } } }
  }
}";

fn period(
    start: &str,
    end: &str,
    bills: Value,
    set_aside: &str,
    leftover: &str,
    ending: &str,
) -> Value {
    json!({ "start": start, "end": end, "income": "2000.00", "setAside": set_aside, "leftover": leftover,
            "endingBalance": ending,
            "paydays": [{ "date": start, "amount": "2000.00", "payday": { "name": "Salary" } }],
            "bills": bills })
}

fn occ(name: &str, date: &str, amount: &str) -> Value {
    json!({ "date": date, "amount": amount, "bill": { "name": name } })
}

crate::common::backend_tests! {
    fixture: TestApp = spawn_app;

    async fn the_worked_example_from_the_design_comes_out_exactly(app) {
        let s = app.sign_up("example@example.com").await;
        worked_example(&app, &s).await;
        let f = app
            .ok(Some(&s.token), FORECAST, json!({ "from": "2026-01-10", "until": "2026-03-31", "b": "500.00" }))
            .await["forecast"]
            .clone();
        assert_eq!(f["from"], "2026-01-10");
        assert_eq!(f["until"], "2026-03-31");
        assert_eq!(f["startingBalance"], "500.00");
        assert_eq!(f["dueBeforeNextPayday"], "0.00");
        assert_eq!(f["billsBeforeNextPayday"], json!([]));
        assert_eq!(f["nextPayday"], "2026-01-16");
        assert_eq!(f["lowestBalance"], json!({ "date": "2026-01-10", "balance": "500.00" }));
        assert_eq!(f["totalIncome"], "12000.00");
        assert_eq!(f["totalBills"], "5340.00");
        assert_eq!(
            f["periods"],
            json!([
                period("2026-01-16", "2026-01-29", json!([]), "0.00", "2000.00", "2500.00"),
                period("2026-01-30", "2026-02-12", json!([occ("Phone", "2026-01-31", "80.00"), occ("Rent", "2026-02-01", "1500.00")]), "1580.00", "420.00", "2920.00"),
                period("2026-02-13", "2026-02-26", json!([]), "0.00", "2000.00", "4920.00"),
                period("2026-02-27", "2026-03-12", json!([occ("Phone", "2026-02-28", "80.00"), occ("Rent", "2026-03-01", "1500.00")]), "1580.00", "420.00", "5340.00"),
                period("2026-03-13", "2026-03-26", json!([occ("Insurance", "2026-03-13", "600.00")]), "600.00", "1400.00", "6740.00"),
                period("2026-03-27", "2026-04-09", json!([occ("Phone", "2026-03-31", "80.00"), occ("Rent", "2026-04-01", "1500.00")]), "1580.00", "420.00", "7160.00"),
            ])
        );
    }

    async fn the_forecast_defaults_to_today_ninety_days_and_the_users_balance(app) {
        let s = app.sign_up("defaults@example.com").await;
        app.ok(Some(&s.token), "mutation { updateSettings(input: { balance: \"42.00\", timezone: \"Pacific/Kiritimati\" }) { id } }", json!({})).await;
        let f = app.ok(Some(&s.token), "{ forecast { from until startingBalance lowestBalance { date balance } periods { start } } }", json!({})).await["forecast"].clone();
        let today = chrono::Utc::now()
            .with_timezone(&"Pacific/Kiritimati".parse::<chrono_tz::Tz>().expect("a zone"))
            .date_naive();
        assert_eq!(f["from"], today.to_string());
        assert_eq!(f["until"], (today + chrono::Days::new(90)).to_string());
        assert_eq!(f["startingBalance"], "42.00");
        assert_eq!(f["lowestBalance"], json!({ "date": today.to_string(), "balance": "42.00" }));
        assert_eq!(f["periods"], json!([]));
    }

    async fn archived_bills_and_paydays_are_left_out(app) {
        let s = app.sign_up("archived@example.com").await;
        worked_example(&app, &s).await;
        let ids: Vec<String> = app.ok(Some(&s.token), "{ bills { id name } }", json!({})).await["bills"]
            .as_array().expect("bills").iter()
            .filter(|b| b["name"] != "Rent").map(|b| b["id"].as_str().expect("id").to_string()).collect();
        for id in ids {
            app.ok(Some(&s.token), "mutation($id: ID!) { updateBill(id: $id, patch: { archived: true }) { id } }", json!({ "id": id })).await;
        }
        let f = app.ok(Some(&s.token), FORECAST, json!({ "from": "2026-01-10", "until": "2026-03-31", "b": "0" })).await["forecast"].clone();
        assert_eq!(f["totalBills"], "4500.00");
    }

    async fn occurrences_and_next_dates_follow_the_schedule(app) {
        let s = app.sign_up("occ@example.com").await;
        let id = app.create_bill(&s, json!({ "name": "Card", "amount": "10",
            "schedule": { "start": "2026-01-15", "frequency": "MONTHLY", "daysOfMonth": [15, -1], "weekend": "BEFORE" } })).await;
        let data = app.ok(Some(&s.token), "query($id: ID!) { bill(id: $id) { occurrences(from: \"2026-01-01\", to: \"2026-03-31\") } }", json!({ "id": id })).await;
        assert_eq!(
            data["bill"]["occurrences"],
            json!(["2026-01-15", "2026-01-30", "2026-02-13", "2026-02-27", "2026-03-13", "2026-03-31"])
        );
        // Whatever today is, the next due date of a schedule that starts after it is its first
        // occurrence: Saturday 2999-06-15, moved to the Friday before.
        let later = app.create_bill(&s, json!({ "name": "Later card", "amount": "10",
            "schedule": { "start": "2999-06-15", "frequency": "MONTHLY", "daysOfMonth": [15, -1], "weekend": "BEFORE" } })).await;
        let data = app.ok(Some(&s.token), "query($id: ID!) { bill(id: $id) { nextDue } }", json!({ "id": later })).await;
        assert_eq!(data["bill"]["nextDue"], "2999-06-14");

        let pid = app.create_payday(&s, json!({ "name": "Once", "amount": "5", "schedule": { "start": "2020-01-01" } })).await;
        let data = app.ok(Some(&s.token), "query($id: ID!) { payday(id: $id) { occurrences(from: \"2019-01-01\", to: \"2020-12-31\") nextDate } }", json!({ "id": pid })).await;
        assert_eq!(data["payday"], json!({ "occurrences": ["2020-01-01"], "nextDate": null }));

        for (from, to) in [("2026-02-01", "2026-01-01"), ("2026-01-01", "2031-01-06")] {
            let code = app.error_code(Some(&s.token), "query($id: ID!, $f: Date!, $t: Date!) { bill(id: $id) { occurrences(from: $f, to: $t) } }",
                json!({ "id": id, "f": from, "t": to })).await;
            assert_eq!(code, "BAD_USER_INPUT");
        }
    }
}

// Refused before any store work: once, on SQLite.

#[tokio::test]
async fn forecast_windows_are_limited() {
    let app = spawn_app(Backend::Sqlite).await;
    let s = app.sign_up("limits@example.com").await;
    for vars in [
        json!({ "from": "2026-03-01", "until": "2026-02-28" }),
        json!({ "from": "2026-01-01", "until": "2031-01-06" }),
        json!({ "from": "2026-01-01", "b": "1.001" }),
    ] {
        assert_eq!(
            app.error_code(Some(&s.token), FORECAST, vars.clone()).await,
            "BAD_USER_INPUT",
            "{vars}"
        );
    }
    app.ok(
        Some(&s.token),
        FORECAST,
        json!({ "from": "2026-01-01", "until": "2031-01-05" }),
    )
    .await;
}
