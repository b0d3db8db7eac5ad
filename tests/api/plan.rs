//! The plan over HTTP: envelopes, changed occurrences, the estimated balance — DESIGN §1's
//! worked examples through the API on both stores, and every wrong input refused.

use serde_json::{Value, json};

use crate::helpers::{Session, TestApp, spawn_app};

/// DESIGN's example household, with every envelope stated on 2026-01-10; returns the session and
/// the ids of Rent, Phone and Insurance.
async fn design_household(app: &TestApp, email: &str) -> (Session, [String; 3]) {
    let s = app.sign_up(email).await;
    app.create_payday(
        &s,
        json!({ "name": "Salary", "amount": "2000.00",
                "schedule": { "start": "2026-01-02", "frequency": "WEEKLY", "interval": 2 } }),
    )
    .await;
    let bill = |name: &str, amount: &str, schedule: Value| {
        json!({ "name": name, "amount": amount, "schedule": schedule,
                "reserved": "0.00", "reservedOn": "2026-01-10" })
    };
    let rent = app
        .create_bill(
            &s,
            bill(
                "Rent",
                "1500.00",
                json!({ "start": "2026-01-01", "frequency": "MONTHLY" }),
            ),
        )
        .await;
    let phone = app
        .create_bill(
            &s,
            bill(
                "Phone",
                "80.00",
                json!({ "start": "2026-01-31", "frequency": "MONTHLY" }),
            ),
        )
        .await;
    let insurance = app
        .create_bill(
            &s,
            bill(
                "Insurance",
                "600.00",
                json!({ "start": "2026-03-15", "frequency": "YEARLY", "weekend": "BEFORE" }),
            ),
        )
        .await;
    (s, [rent, phone, insurance])
}

const FORECAST: &str = "{ forecast(from: \"2026-01-10\", until: \"2026-03-31\", startingBalance: \"500.00\") {
    planDueNow
    periods { start setAside plan { setAside safeToSpend contributions { amount reserved bill { name } } } } } }";

fn column(data: &Value, pick: impl Fn(&Value) -> &Value) -> Vec<String> {
    data["forecast"]["periods"]
        .as_array()
        .expect("periods")
        .iter()
        .map(|p| pick(p).as_str().unwrap_or_default().to_string())
        .collect()
}

async fn set_occurrence(
    app: &TestApp,
    s: &Session,
    bill: &str,
    date: &str,
    change: Value,
) -> Value {
    let (_, body) = app
        .post(
            Some(&s.token),
            "mutation($b: ID!, $d: Date!, $c: OccurrenceChange!) {
               setBillOccurrence(billId: $b, date: $d, change: $c) {
                 exceptions { date skip amount moveTo } } }",
            json!({ "b": bill, "d": date, "c": change }),
        )
        .await;
    body
}

crate::common::backend_tests! {
    fixture: TestApp = spawn_app;

    async fn the_design_plan_example_comes_out_exactly(app) {
        let (s, _) = design_household(&app, "plan@example.com").await;

        let data = app.ok(Some(&s.token), FORECAST, json!({})).await;

        assert_eq!(
            column(&data, |p| &p["plan"]["setAside"]),
            ["910.00", "910.00", "910.00", "910.00", "910.00", "813.08"]
        );
        assert_eq!(
            column(&data, |p| &p["plan"]["safeToSpend"]),
            ["1090.00", "1090.00", "1090.00", "1090.00", "1090.00", "1186.92"]
        );
        let first = &data["forecast"]["periods"][0]["plan"]["contributions"];
        assert_eq!(
            first,
            &json!([
                { "amount": "120.00", "reserved": "120.00", "bill": { "name": "Insurance" } },
                { "amount": "40.00", "reserved": "40.00", "bill": { "name": "Phone" } },
                { "amount": "750.00", "reserved": "750.00", "bill": { "name": "Rent" } },
            ])
        );
        assert_eq!(data["forecast"]["planDueNow"], "0.00");

        // Without the plan's fields the plan is not computed, and nothing else changes.
        let plain = "{ forecast(from: \"2026-01-10\", until: \"2026-03-31\", startingBalance: \"500.00\") {
            periods { start setAside } } }";
        let without = app.ok(Some(&s.token), plain, json!({})).await;
        assert_eq!(column(&without, |p| &p["setAside"]), column(&data, |p| &p["setAside"]));
        let fragment = "query { ...F } fragment F on Query { forecast(from: \"2026-01-10\", until: \"2026-03-31\", startingBalance: \"500.00\") {
            periods { ... on PayPeriod { plan { setAside } } } } }";
        let through_fragments = app.ok(Some(&s.token), fragment, json!({})).await;
        assert_eq!(
            column(&through_fragments, |p| &p["plan"]["setAside"]),
            ["910.00", "910.00", "910.00", "910.00", "910.00", "813.08"],
            "a plan asked for through fragments is computed"
        );
    }

    async fn an_envelope_a_skip_and_a_changed_amount_change_the_plan_as_design_says(app) {
        let (s, [rent, phone, insurance]) = design_household(&app, "plan2@example.com").await;
        app.ok(
            Some(&s.token),
            "mutation($id: ID!) { updateBill(id: $id, patch: { reserved: \"240.00\", reservedOn: \"2026-01-10\" }) { reserved reservedOn } }",
            json!({ "id": insurance }),
        )
        .await;
        let skipped = set_occurrence(&app, &s, &phone, "2026-02-28", json!({ "skip": true })).await;
        assert_eq!(
            skipped["data"]["setBillOccurrence"]["exceptions"],
            json!([{ "date": "2026-02-28", "skip": true, "amount": null, "moveTo": null }]),
            "{skipped}"
        );
        let changed = set_occurrence(&app, &s, &rent, "2026-03-01", json!({ "amount": "1550.00" })).await;
        assert!(changed.get("errors").is_none(), "{changed}");

        let data = app.ok(Some(&s.token), FORECAST, json!({})).await;

        assert_eq!(
            column(&data, |p| &p["plan"]["setAside"]),
            ["862.00", "862.00", "867.00", "867.00", "842.00", "793.08"]
        );
        assert_eq!(column(&data, |p| &p["setAside"])[3], "1550.00", "just in time on 02-27");
    }

    async fn the_estimated_balance_walks_the_stated_one_and_seeds_the_forecast(app) {
        let (s, _) = design_household(&app, "estimate@example.com").await;
        let user = app
            .ok(
                Some(&s.token),
                "mutation { updateSettings(input: { balance: \"500.00\", balanceOn: \"2026-01-10\" }) {
                   balance balanceOn planMode
                   feb2: estimatedBalance(on: \"2026-02-02\") jan10: estimatedBalance(on: \"2026-01-10\")
                   back: estimatedBalance(on: \"2026-01-01\") } }",
                json!({}),
            )
            .await;
        // Back to 01-01: Rent's 1500.00 on 01-01 is given back, the 2000.00 paid on 01-02 taken.
        assert_eq!(
            user["updateSettings"],
            json!({ "balance": "500.00", "balanceOn": "2026-01-10", "planMode": "JUST_IN_TIME",
                    "feb2": "2920.00", "jan10": "500.00", "back": "0.00" })
        );
        let data = app
            .ok(
                Some(&s.token),
                "{ forecast(from: \"2026-02-02\", until: \"2026-02-10\") { startingBalance } }",
                json!({}),
            )
            .await;
        assert_eq!(data["forecast"]["startingBalance"], "2920.00");

        let today = app
            .ok(
                Some(&s.token),
                "mutation { updateSettings(input: { balance: \"10.00\", planMode: SMOOTHED }) { balanceOn planMode estimatedBalance } }",
                json!({}),
            )
            .await;
        assert_eq!(today["updateSettings"]["planMode"], "SMOOTHED");
        assert_eq!(today["updateSettings"]["estimatedBalance"], "10.00", "stated today");
    }

    async fn changed_occurrences_show_in_occurrences_next_due_and_the_forecast(app) {
        let s = app.sign_up("moves@example.com").await;
        let id = app
            .create_bill(
                &s,
                json!({ "name": "Gym", "amount": "35.00",
                        "schedule": { "start": "2026-01-05", "frequency": "MONTHLY" } }),
            )
            .await;
        set_occurrence(&app, &s, &id, "2026-02-05", json!({ "skip": true })).await;
        set_occurrence(&app, &s, &id, "2026-03-05", json!({ "moveTo": "2026-02-27", "amount": "20.00" })).await;
        let data = app
            .ok(
                Some(&s.token),
                "query($id: ID!) { bill(id: $id) { occurrences(from: \"2026-01-01\", to: \"2026-04-30\") }
                   forecast(from: \"2026-01-01\", until: \"2026-04-30\", startingBalance: \"0\") {
                     billsBeforeNextPayday { date amount } } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(
            data["bill"]["occurrences"],
            json!(["2026-01-05", "2026-02-27", "2026-04-05"])
        );
        assert_eq!(
            data["forecast"]["billsBeforeNextPayday"],
            json!([
                { "date": "2026-01-05", "amount": "35.00" },
                { "date": "2026-02-27", "amount": "20.00" },
                { "date": "2026-04-05", "amount": "35.00" },
            ])
        );

        let cleared = app
            .ok(
                Some(&s.token),
                "mutation($id: ID!) { clearBillOccurrence(billId: $id, date: \"2026-02-05\") {
                   exceptions { date } occurrences(from: \"2026-02-01\", to: \"2026-02-28\") } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(
            cleared["clearBillOccurrence"],
            json!({ "exceptions": [{ "date": "2026-03-05" }], "occurrences": ["2026-02-05", "2026-02-27"] })
        );

        // A new schedule drops the changes to dates it no longer has.
        let moved = app
            .ok(
                Some(&s.token),
                "mutation($id: ID!) { updateBill(id: $id, patch: { schedule: { start: \"2026-01-06\", frequency: MONTHLY } }) { exceptions { date } } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(moved["updateBill"]["exceptions"], json!([]));
    }

    async fn shortfalls_say_what_is_missing_before_payday_and_in_each_period(app) {
        let s = app.sign_up("short@example.com").await;
        app.create_payday(
            &s,
            json!({ "name": "Salary", "amount": "1850.00",
                    "schedule": { "start": "2026-12-04", "frequency": "WEEKLY", "interval": 2 } }),
        )
        .await;
        app.create_bill(
            &s,
            json!({ "name": "Rent", "amount": "1400.00",
                    "schedule": { "start": "2026-12-01", "frequency": "MONTHLY" } }),
        )
        .await;
        let data = app
            .ok(
                Some(&s.token),
                "{ forecast(from: \"2026-11-29\", until: \"2027-01-31\", startingBalance: \"732.18\") {
                   shortfallBeforeNextPayday lowestBalance { balance } periods { shortfall } } }",
                json!({}),
            )
            .await;
        assert_eq!(data["forecast"]["shortfallBeforeNextPayday"], "667.82");
        assert_eq!(data["forecast"]["lowestBalance"]["balance"], "-667.82");
        assert!(
            data["forecast"]["periods"]
                .as_array()
                .is_some_and(|p| p.iter().all(|p| p["shortfall"] == "0.00")),
            "{data}"
        );
    }

    async fn paydays_take_changed_occurrences_too(app) {
        let s = app.sign_up("paydays@example.com").await;
        let id = app.create_payday(&s, crate::helpers::payday("Salary", "2000.00")).await;
        let data = app
            .ok(
                Some(&s.token),
                "mutation($id: ID!) {
                   a: setPaydayOccurrence(paydayId: $id, date: \"2026-01-16\", change: { amount: \"2500.00\" }) { id }
                   b: setPaydayOccurrence(paydayId: $id, date: \"2026-01-30\", change: { moveTo: \"2026-01-29\" }) {
                     exceptions { date amount moveTo } occurrences(from: \"2026-01-10\", to: \"2026-02-05\") } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(
            data["b"],
            json!({ "exceptions": [
                        { "date": "2026-01-16", "amount": "2500.00", "moveTo": null },
                        { "date": "2026-01-30", "amount": null, "moveTo": "2026-01-29" } ],
                    "occurrences": ["2026-01-16", "2026-01-29"] })
        );
        let forecast = app
            .ok(
                Some(&s.token),
                "{ forecast(from: \"2026-01-10\", until: \"2026-02-05\", startingBalance: \"0\") { periods { start income } } }",
                json!({}),
            )
            .await;
        assert_eq!(
            forecast["forecast"]["periods"],
            json!([{ "start": "2026-01-16", "income": "2500.00" }, { "start": "2026-01-29", "income": "2000.00" }])
        );
    }

    async fn another_users_entry_is_not_found_for_every_occurrence_mutation(app) {
        let owner = app.sign_up("owner@example.com").await;
        let bill = app.create_bill(&owner, crate::helpers::bill("Rent", "10.00")).await;
        let payday = app.create_payday(&owner, crate::helpers::payday("Salary", "10.00")).await;
        let other = app.sign_up("other@example.com").await;
        for (query, id) in [
            ("mutation($id: ID!) { setBillOccurrence(billId: $id, date: \"2026-02-01\", change: { skip: true }) { id } }", &bill),
            ("mutation($id: ID!) { clearBillOccurrence(billId: $id, date: \"2026-02-01\") { id } }", &bill),
            ("mutation($id: ID!) { setPaydayOccurrence(paydayId: $id, date: \"2026-01-16\", change: { skip: true }) { id } }", &payday),
            ("mutation($id: ID!) { clearPaydayOccurrence(paydayId: $id, date: \"2026-01-16\") { id } }", &payday),
            ("mutation($id: ID!) { setPaydayOccurrence(paydayId: $id, date: \"2026-01-16\", change: { skip: true }) { id } }", &bill),
        ] {
            let code = app.error_code(Some(&other.token), query, json!({ "id": id })).await;
            assert_eq!(code, "NOT_FOUND", "{query}");
        }
        let untouched = app
            .ok(Some(&owner.token), "query($id: ID!) { bill(id: $id) { exceptions { date } } }", json!({ "id": bill }))
            .await;
        assert_eq!(untouched["bill"]["exceptions"], json!([]));
    }
}

/// Every wrong occurrence change or envelope is `BAD_USER_INPUT` and changes nothing. These
/// never reach a store's rules, so they run once (on SQLite).
#[tokio::test]
async fn wrong_changes_and_envelopes_are_refused_and_change_nothing() {
    let app = spawn_app(crate::common::Backend::Sqlite).await;
    let s = app.sign_up("wrong@example.com").await;
    let id = app
        .create_bill(&s, crate::helpers::bill("Rent", "1500.00"))
        .await;
    for (date, change) in [
        ("2026-02-02", json!({ "skip": true })),
        ("2026-02-01", json!({ "moveTo": "2026-03-05" })),
        ("2026-02-01", json!({ "moveTo": "2025-12-31" })),
        ("2026-02-01", json!({ "skip": true, "amount": "10.00" })),
        (
            "2026-02-01",
            json!({ "skip": true, "moveTo": "2026-02-02" }),
        ),
        ("2026-02-01", json!({})),
        ("2026-02-01", json!({ "skip": false })),
        ("2026-02-01", json!({ "amount": "0" })),
        ("2026-02-01", json!({ "amount": "-5.00" })),
        ("2026-02-01", json!({ "amount": "1000000000.01" })),
        ("2026-02-01", json!({ "moveTo": "10000-01-01" })),
    ] {
        let body = set_occurrence(&app, &s, &id, date, change.clone()).await;
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
            "{date} {change}: {body}"
        );
    }
    let code = app
        .error_code(
            Some(&s.token),
            "mutation { setBillOccurrence(billId: \"nope\", date: \"2026-02-01\", change: { skip: true }) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT", "a malformed id");

    // The 201st exception is refused; replacing one of the 200 is fine.
    let daily = app
        .create_bill(
            &s,
            json!({ "name": "Coffee", "amount": "3.00", "schedule": { "start": "2026-01-01", "frequency": "DAILY" } }),
        )
        .await;
    let skips: String = (0..200)
        .map(|day| {
            let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date")
                + chrono::Days::new(day);
            format!(" s{day}: setBillOccurrence(billId: $id, date: \"{date}\", change: {{ skip: true }}) {{ id }}")
        })
        .collect();
    app.ok(
        Some(&s.token),
        &format!("mutation($id: ID!) {{ {skips} }}"),
        json!({ "id": daily }),
    )
    .await;
    let over = set_occurrence(&app, &s, &daily, "2026-08-01", json!({ "skip": true })).await;
    assert_eq!(
        over["errors"][0]["extensions"]["code"], "BAD_USER_INPUT",
        "{over}"
    );
    let again = set_occurrence(&app, &s, &daily, "2026-01-01", json!({ "amount": "4.00" })).await;
    assert!(again.get("errors").is_none(), "{again}");

    for (query, what) in [
        (
            "mutation($id: ID!) { updateBill(id: $id, patch: { reserved: \"-0.01\" }) { id } }",
            "negative reserved",
        ),
        (
            "mutation($id: ID!) { updateBill(id: $id, patch: { reserved: \"1.00\", reservedOn: \"2015-01-01\" }) { id } }",
            "reservedOn long ago",
        ),
        (
            "mutation($id: ID!) { updateBill(id: $id, patch: { reservedOn: \"2040-01-01\" }) { id } }",
            "reservedOn far ahead",
        ),
        (
            "mutation { updateSettings(input: { balance: \"1.00\", balanceOn: \"2015-01-01\" }) { id } }",
            "balanceOn long ago",
        ),
        (
            "mutation { createBill(input: { name: \"X\", amount: \"1\", reserved: \"-1\", schedule: { start: \"2026-01-01\" } }) { id } }",
            "negative reserved on create",
        ),
    ] {
        let code = app
            .error_code(Some(&s.token), query, json!({ "id": id }))
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{what}");
    }
    let unchanged = app
        .ok(
            Some(&s.token),
            "query($id: ID!) { bill(id: $id) { reserved exceptions { date } } me { balance } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        unchanged,
        json!({ "bill": { "reserved": "0.00", "exceptions": [] }, "me": { "balance": "0.00" } })
    );
}

/// Each change is computed from a read and written only if the bill is unchanged since (a
/// conditional `findOneAndUpdate` on MongoDB, a check inside the write transaction on SQLite),
/// so concurrent changes retry instead of overwriting each other. Run on SQLite only: FerretDB
/// v1 does not apply a conditional update atomically (measured: concurrent conditional updates
/// all match), which real MongoDB does per document.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_changes_to_one_bill_all_land() {
    let app = spawn_app(crate::common::Backend::Sqlite).await;
    let s = app.sign_up("concurrent@example.com").await;
    let id = app
        .create_bill(
            &s,
            json!({ "name": "Coffee", "amount": "3.00",
                    "schedule": { "start": "2026-01-01", "frequency": "DAILY" } }),
        )
        .await;
    let changes = (1..=12).map(|day| {
        let (client, url, token, id) = (app.client.clone(), app.url("/graphql"), s.token.clone(), id.clone());
        tokio::spawn(async move {
            client
                .post(url)
                .bearer_auth(token)
                .json(&json!({
                    "query": "mutation($b: ID!, $d: Date!) { setBillOccurrence(billId: $b, date: $d, change: { skip: true }) { id } }",
                    "variables": { "b": id, "d": format!("2026-01-{day:02}") },
                }))
                .send()
                .await
                .expect("an answer")
                .json::<Value>()
                .await
                .expect("JSON")
        })
    });
    for change in changes.collect::<Vec<_>>() {
        let body = change.await.expect("joined");
        assert!(body.get("errors").is_none(), "{body}");
    }
    let data = app
        .ok(
            Some(&s.token),
            "query($id: ID!) { bill(id: $id) { exceptions { date } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        data["bill"]["exceptions"].as_array().map(Vec::len),
        Some(12),
        "every concurrent change landed: {data}"
    );
}
