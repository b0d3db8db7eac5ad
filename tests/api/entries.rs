//! Bills and paydays: CRUD, every validation rule, isolation between users, limits, concurrency.

use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, bill, payday, spawn_app};

const BILL_FIELDS: &str = "id name amount category autopay notes archived createdAt updatedAt
    schedule { start frequency interval daysOfMonth until count weekend }";

async fn create_bill_error(app: &TestApp, token: &str, input: Value) -> String {
    app.error_code(
        Some(token),
        "mutation($i: BillInput!) { createBill(input: $i) { id } }",
        json!({ "i": input }),
    )
    .await
}

fn with_schedule(schedule: Value) -> Value {
    json!({ "name": "Thing", "amount": "10", "schedule": schedule })
}

crate::common::backend_tests! {
    fixture: TestApp = spawn_app;

    async fn a_bill_is_created_read_listed_updated_and_deleted(app) {
        let s = app.sign_up("a@example.com").await;
        let created = app
            .ok(
                Some(&s.token),
                &format!("mutation($i: BillInput!) {{ createBill(input: $i) {{ {BILL_FIELDS} }} }}"),
                json!({ "i": {
                    "name": "  Rent ", "amount": "1500", "category": "Home", "autopay": true, "notes": "landlord",
                    "schedule": { "start": "2026-01-31", "frequency": "MONTHLY", "weekend": "BEFORE" }
                } }),
            )
            .await["createBill"]
            .clone();
        assert_eq!(created["name"], "Rent");
        assert_eq!(created["amount"], "1500.00");
        assert_eq!(created["category"], "Home");
        assert_eq!(created["autopay"], true);
        assert_eq!(created["archived"], false);
        assert_eq!(
            created["schedule"],
            json!({ "start": "2026-01-31", "frequency": "MONTHLY", "interval": 1, "daysOfMonth": [31],
                    "until": null, "count": null, "weekend": "BEFORE" })
        );
        let id = created["id"].as_str().expect("an id").to_string();
        assert_eq!(id.len(), 24);

        let read = app
            .ok(Some(&s.token), &format!("query($id: ID!) {{ bill(id: $id) {{ {BILL_FIELDS} }} }}"), json!({ "id": id }))
            .await;
        assert_eq!(read["bill"], created);

        let updated = app
            .ok(
                Some(&s.token),
                "mutation($id: ID!) { updateBill(id: $id, patch: { amount: \"1600.5\", category: null, archived: true }) { name amount category notes archived updatedAt } }",
                json!({ "id": id }),
            )
            .await["updateBill"]
            .clone();
        assert_eq!(updated["name"], "Rent");
        assert_eq!(updated["amount"], "1600.50");
        assert_eq!(updated["category"], Value::Null);
        assert_eq!(updated["notes"], "landlord", "absent fields are kept");
        assert_eq!(updated["archived"], true);

        let listed = app.ok(Some(&s.token), "{ bills { id } }", json!({})).await;
        assert_eq!(listed["bills"], json!([]), "archived bills are hidden by default");
        let listed = app.ok(Some(&s.token), "{ bills(includeArchived: true) { id } }", json!({})).await;
        assert_eq!(listed["bills"], json!([{ "id": id }]));

        let deleted = app
            .ok(Some(&s.token), "mutation($id: ID!) { deleteBill(id: $id) }", json!({ "id": id }))
            .await;
        assert_eq!(deleted["deleteBill"], id.as_str());
        let read = app.ok(Some(&s.token), "query($id: ID!) { bill(id: $id) { id } }", json!({ "id": id })).await;
        assert_eq!(read["bill"], Value::Null);
        let code = app
            .error_code(Some(&s.token), "mutation($id: ID!) { deleteBill(id: $id) }", json!({ "id": id }))
            .await;
        assert_eq!(code, "NOT_FOUND");
    }

    async fn a_payday_is_created_read_listed_updated_and_deleted(app) {
        let s = app.sign_up("b@example.com").await;
        let id = app.create_payday(&s, payday(" Acme salary ", "2000")).await;
        let read = app
            .ok(
                Some(&s.token),
                "query($id: ID!) { payday(id: $id) { name amount archived schedule { frequency interval daysOfMonth } } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(
            read["payday"],
            json!({ "name": "Acme salary", "amount": "2000.00", "archived": false,
                    "schedule": { "frequency": "WEEKLY", "interval": 2, "daysOfMonth": [] } })
        );
        let updated = app
            .ok(
                Some(&s.token),
                "mutation($id: ID!) { updatePayday(id: $id, patch: { name: \"Big Co\", schedule: { start: \"2026-02-01\" } }) { name schedule { start frequency } } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(
            updated["updatePayday"],
            json!({ "name": "Big Co", "schedule": { "start": "2026-02-01", "frequency": null } })
        );
        let listed = app.ok(Some(&s.token), "{ paydays { id name } }", json!({})).await;
        assert_eq!(listed["paydays"], json!([{ "id": id, "name": "Big Co" }]));
        app.ok(Some(&s.token), "mutation($id: ID!) { deletePayday(id: $id) }", json!({ "id": id })).await;
        assert_eq!(app.ok(Some(&s.token), "{ paydays { id } }", json!({})).await["paydays"], json!([]));
    }

    async fn lists_are_sorted_by_name_case_insensitively(app) {
        let s = app.sign_up("c@example.com").await;
        for name in ["water", "Electric", "apartment", "Zoo"] {
            app.create_bill(&s, bill(name, "1")).await;
        }
        let names: Vec<Value> = app.ok(Some(&s.token), "{ bills { name } }", json!({})).await["bills"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|b| b["name"].clone())
            .collect();
        assert_eq!(names, vec![json!("apartment"), json!("Electric"), json!("water"), json!("Zoo")]);
    }

    async fn malformed_ids_are_bad_input_and_missing_ones_are_null_or_not_found(app) {
        let s = app.sign_up("h@example.com").await;
        for query in [
            "{ bill(id: \"xyz\") { id } }",
            "{ payday(id: \"65a1b2c3d4e5f60718293a4\") { id } }",
            "mutation { deleteBill(id: \"not-an-id\") }",
            "mutation { updatePayday(id: \"zz\", patch: { name: \"x\" }) { id } }",
        ] {
            assert_eq!(app.error_code(Some(&s.token), query, json!({})).await, "BAD_USER_INPUT", "{query}");
        }
        let missing = "65a1b2c3d4e5f60718293a4b";
        let data = app.ok(Some(&s.token), "query($id: ID!) { bill(id: $id) { id } payday(id: $id) { id } }", json!({ "id": missing })).await;
        assert_eq!(data, json!({ "bill": null, "payday": null }));
        for mutation in [
            "mutation($id: ID!) { updateBill(id: $id, patch: { name: \"x\" }) { id } }",
            "mutation($id: ID!) { deletePayday(id: $id) }",
        ] {
            assert_eq!(app.error_code(Some(&s.token), mutation, json!({ "id": missing })).await, "NOT_FOUND");
        }
    }

    async fn another_users_bills_and_paydays_are_invisible_and_untouchable(app) {
        let owner = app.sign_up("owner@example.com").await;
        let intruder = app.sign_up("intruder@example.com").await;
        let bill_id = app.create_bill(&owner, bill("Rent", "1500")).await;
        let payday_id = app.create_payday(&owner, payday("Salary", "2000")).await;
        let t = Some(intruder.token.as_str());

        let reads = app
            .ok(t, "query($b: ID!, $p: ID!) { bill(id: $b) { id } payday(id: $p) { id } bills(includeArchived: true) { id } paydays(includeArchived: true) { id } }",
                json!({ "b": bill_id, "p": payday_id }))
            .await;
        assert_eq!(reads, json!({ "bill": null, "payday": null, "bills": [], "paydays": [] }));

        for (mutation, id) in [
            ("mutation($id: ID!) { updateBill(id: $id, patch: { amount: \"1\" }) { id } }", &bill_id),
            ("mutation($id: ID!) { deleteBill(id: $id) }", &bill_id),
            ("mutation($id: ID!) { updatePayday(id: $id, patch: { amount: \"1\" }) { id } }", &payday_id),
            ("mutation($id: ID!) { deletePayday(id: $id) }", &payday_id),
            // The wrong kind is missing too.
            ("mutation($id: ID!) { deleteBill(id: $id) }", &payday_id),
        ] {
            assert_eq!(app.error_code(t, mutation, json!({ "id": id })).await, "NOT_FOUND", "{mutation}");
        }
        let forecast = app
            .ok(t, "{ forecast(from: \"2026-01-01\", until: \"2026-03-01\") { totalIncome totalBills } }", json!({}))
            .await;
        assert_eq!(forecast["forecast"], json!({ "totalIncome": "0.00", "totalBills": "0.00" }));

        let still = app
            .ok(Some(&owner.token), "query($b: ID!, $p: ID!) { bill(id: $b) { amount } payday(id: $p) { amount } }",
                json!({ "b": bill_id, "p": payday_id }))
            .await;
        assert_eq!(still, json!({ "bill": { "amount": "1500.00" }, "payday": { "amount": "2000.00" } }));
    }

    async fn every_bill_and_payday_operation_needs_a_session(app) {
        let s = app.sign_up("i@example.com").await;
        let id = app.create_bill(&s, bill("Rent", "1")).await;
        for operation in [
            "{ bills { id } }",
            "{ paydays { id } }",
            "query($id: ID!) { bill(id: $id) { id } }",
            "query($id: ID!) { payday(id: $id) { id } }",
            "{ forecast { totalBills } }",
            "mutation { createBill(input: { name: \"x\", amount: \"1\", schedule: { start: \"2026-01-01\" } }) { id } }",
            "mutation($id: ID!) { updateBill(id: $id, patch: { name: \"x\" }) { id } }",
            "mutation($id: ID!) { deleteBill(id: $id) }",
            "mutation { createPayday(input: { name: \"x\", amount: \"1\", schedule: { start: \"2026-01-01\" } }) { id } }",
            "mutation($id: ID!) { updatePayday(id: $id, patch: { name: \"x\" }) { id } }",
            "mutation($id: ID!) { deletePayday(id: $id) }",
            "mutation { signOut }",
        ] {
            let vars = if operation.contains("$id") { json!({ "id": id }) } else { json!({}) };
            assert_eq!(app.error_code(None, operation, vars.clone()).await, "UNAUTHENTICATED", "{operation}");
            assert_eq!(app.error_code(Some("revoked-or-made-up"), operation, vars).await, "UNAUTHENTICATED", "{operation}");
        }
        let read = app.ok(Some(&s.token), "query($id: ID!) { bill(id: $id) { name } }", json!({ "id": id })).await;
        assert_eq!(read["bill"]["name"], "Rent");
    }

    async fn thirty_concurrent_creates_are_all_stored(app) {
        let s = app.sign_up("j@example.com").await;
        let app = std::sync::Arc::new(app);
        let tasks: Vec<_> = (0..30)
            .map(|i| {
                let (app, s) = (app.clone(), s.clone());
                tokio::spawn(async move { app.create_bill(&s, bill(&format!("Bill {i:02}"), "1")).await })
            })
            .collect();
        let mut ids = Vec::new();
        for task in tasks {
            ids.push(task.await.expect("the create finishes"));
        }
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 30);
        let listed = app.ok(Some(&s.token), "{ bills { id } }", json!({})).await;
        assert_eq!(listed["bills"].as_array().map(Vec::len), Some(30));
    }

    async fn the_payday_limit_holds_under_concurrent_creates(app) {
        let s = app.sign_up("k@example.com").await;
        for i in 0..95 {
            app.create_payday(&s, payday(&format!("P{i}"), "1")).await;
        }
        let app = std::sync::Arc::new(app);
        let tasks: Vec<_> = (0..10)
            .map(|i| {
                let (app, s) = (app.clone(), s.clone());
                tokio::spawn(async move {
                    app.post(
                        Some(&s.token),
                        "mutation($i: PaydayInput!) { createPayday(input: $i) { id } }",
                        json!({ "i": payday(&format!("Extra {i}"), "1") }),
                    )
                    .await
                    .1
                })
            })
            .collect();
        let mut created = 0;
        let mut refused = 0;
        for task in tasks {
            let body = task.await.expect("finishes");
            if body["data"]["createPayday"]["id"].is_string() {
                created += 1;
            } else {
                assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{body}");
                assert!(body["errors"][0]["message"].as_str().is_some_and(|m| m.contains("at most 100")), "{body}");
                refused += 1;
            }
        }
        assert_eq!((created, refused), (5, 5));
        let count = app.ok(Some(&s.token), "{ paydays(includeArchived: true) { id } }", json!({})).await["paydays"]
            .as_array()
            .map(Vec::len);
        assert_eq!(count, Some(100));
        // Deleting one frees a slot.
        let first = app.ok(Some(&s.token), "{ paydays { id } }", json!({})).await["paydays"][0]["id"].clone();
        app.ok(Some(&s.token), "mutation($id: ID!) { deletePayday(id: $id) }", json!({ "id": first })).await;
        app.create_payday(&s, payday("After delete", "1")).await;
    }
}

// Refused before any store work: once, on SQLite.

#[tokio::test]
async fn money_must_be_a_decimal_string_within_limits() {
    let app = spawn_app(Backend::Sqlite).await;
    let s = app.sign_up("d@example.com").await;
    for amount in [
        json!(12.5),
        json!(12),
        json!("12.345"),
        json!("1e3"),
        json!(" 12"),
        json!("0"),
        json!("-5"),
        json!("1000000000.01"),
        json!(""),
        json!("abc"),
    ] {
        let code = create_bill_error(
            &app,
            &s.token,
            json!({ "name": "X", "amount": amount,
            "schedule": { "start": "2026-01-01" } }),
        )
        .await;
        assert_eq!(code, "BAD_USER_INPUT", "{amount}");
    }
    app.create_bill(
        &s,
        json!({ "name": "Max", "amount": "1000000000.00", "schedule": { "start": "2026-01-01" } }),
    )
    .await;
    assert_eq!(
        app.ok(Some(&s.token), "{ bills { name } }", json!({}))
            .await["bills"],
        json!([{ "name": "Max" }])
    );
}

#[tokio::test]
async fn names_texts_and_dates_are_validated() {
    let app = spawn_app(Backend::Sqlite).await;
    let s = app.sign_up("e@example.com").await;
    let schedule = json!({ "start": "2026-01-01" });
    for input in [
        json!({ "name": "", "amount": "1", "schedule": schedule }),
        json!({ "name": "   ", "amount": "1", "schedule": schedule }),
        json!({ "name": "x".repeat(101), "amount": "1", "schedule": schedule }),
        json!({ "name": "X", "amount": "1", "schedule": schedule, "category": "c".repeat(51) }),
        json!({ "name": "X", "amount": "1", "schedule": schedule, "notes": "n".repeat(2001) }),
        json!({ "name": "X", "amount": "1", "schedule": { "start": "2026-02-30" } }),
        json!({ "name": "X", "amount": "1", "schedule": { "start": "01/02/2026" } }),
        json!({ "name": "X", "amount": "1", "schedule": { "start": 20260101 } }),
    ] {
        assert_eq!(
            create_bill_error(&app, &s.token, input.clone()).await,
            "BAD_USER_INPUT",
            "{input}"
        );
    }
    assert_eq!(
        app.ok(
            Some(&s.token),
            "{ bills(includeArchived: true) { id } }",
            json!({})
        )
        .await["bills"],
        json!([])
    );
}

#[tokio::test]
async fn schedules_are_validated() {
    let app = spawn_app(Backend::Sqlite).await;
    let s = app.sign_up("f@example.com").await;
    for schedule in [
        json!({ "start": "2026-03-01", "frequency": "MONTHLY", "until": "2026-02-01" }),
        json!({ "start": "2026-01-01", "frequency": "MONTHLY", "until": "2026-06-01", "count": 3 }),
        json!({ "start": "2026-01-01", "frequency": "WEEKLY", "daysOfMonth": [1, 15] }),
        json!({ "start": "2026-01-01", "frequency": "MONTHLY", "daysOfMonth": [] }),
        json!({ "start": "2026-01-01", "frequency": "MONTHLY", "daysOfMonth": [1, 8, 15, 22, 29] }),
        json!({ "start": "2026-01-01", "frequency": "MONTHLY", "daysOfMonth": [0] }),
        json!({ "start": "2026-01-01", "frequency": "MONTHLY", "daysOfMonth": [32] }),
        json!({ "start": "2026-01-01", "frequency": "MONTHLY", "daysOfMonth": [-2] }),
        json!({ "start": "2026-01-01", "frequency": "DAILY", "interval": 0 }),
        json!({ "start": "2026-01-01", "frequency": "DAILY", "interval": 1000 }),
        json!({ "start": "2026-01-01", "frequency": "DAILY", "count": 0 }),
        json!({ "start": "2026-01-01", "frequency": "DAILY", "count": 10001 }),
        json!({ "start": "2026-01-01", "frequency": "HOURLY" }),
        json!({ "start": "2026-01-01", "weekend": "SOMETIMES" }),
        json!({ "start": "2026-01-01", "frequency": "DAILY", "interval": 9999999999u64 }),
    ] {
        assert_eq!(
            create_bill_error(&app, &s.token, with_schedule(schedule.clone())).await,
            "BAD_USER_INPUT",
            "{schedule}"
        );
    }
    app.create_bill(
        &s,
        with_schedule(
            json!({ "start": "2026-01-15", "frequency": "MONTHLY", "daysOfMonth": [15, -1],
        "count": 10000, "weekend": "AFTER" }),
        ),
    )
    .await;
}

#[tokio::test]
async fn a_bad_patch_changes_nothing() {
    let app = spawn_app(Backend::Sqlite).await;
    let s = app.sign_up("g@example.com").await;
    let id = app.create_bill(&s, bill("Phone", "80")).await;
    for patch in [
        json!({ "name": "" }),
        json!({ "amount": "0" }),
        json!({ "amount": "12.345" }),
        json!({ "schedule": { "start": "2026-01-01", "frequency": "WEEKLY", "daysOfMonth": [3] } }),
        json!({ "notes": "n".repeat(2001) }),
    ] {
        let code = app
            .error_code(
                Some(&s.token),
                "mutation($id: ID!, $p: BillPatch!) { updateBill(id: $id, patch: $p) { id } }",
                json!({ "id": id, "p": patch }),
            )
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{patch}");
    }
    let read = app
        .ok(
            Some(&s.token),
            "query($id: ID!) { bill(id: $id) { name amount } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(read["bill"], json!({ "name": "Phone", "amount": "80.00" }));
}
