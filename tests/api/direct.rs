//! The direct execution of the forecast and of the bill and payday lists (`graphql::direct`)
//! answers byte for byte what async-graphql's own executor answers through the `#[Object]` impls
//! (the reference path, asked for with `GenericExecution`): every field, aliases, named and inline
//! fragments, `@skip` / `@include` with literals and variables, `__typename`, keys selected twice,
//! field errors with their paths, and the response budget's `LIMIT_EXCEEDED`. Each document runs
//! through the whole `graphql::execute` (limits, budget, labels) on both stores, and the answers
//! are compared as the JSON text `Answer::json` writes for the HTTP response: on the direct path
//! the forecast is JSON text written by the walk (a tree only where a key is selected twice), on
//! the reference path a `Value` tree serialised by serde_json. One test also compares the bytes the
//! server sends over HTTP, which must never carry the walk's marker as an array of numbers.

use std::sync::Arc;
use std::time::Duration;

use async_graphql::{Request, Variables};
use serde_json::{Value, json};
use wisewallet::auth::Viewer;
use wisewallet::graphql::direct::GenericExecution;
use wisewallet::graphql::{
    AppSchema, AuthSettings, RequestMeta, build_schema, execute, prepare_request,
};
use wisewallet::store::Store;

use crate::helpers::{Backend, Session, TestApp, spawn_app};

/// A household with every kind of field filled in somewhere: categories, notes, autopay, an
/// envelope, changed occurrences (skipped, another amount, moved), an archived bill, a one-time
/// bill, counted and bounded schedules, two paydays.
async fn household(app: &TestApp) -> Session {
    let session = app.sign_up("direct@example.com").await;
    let rent = app
        .create_bill(
            &session,
            json!({ "name": "Rent", "amount": "1500", "category": "Home",
            "notes": "to the landlord\non the 1st", "autopay": true, "reserved": "300.00",
            "reservedOn": "2026-01-01",
            "schedule": { "start": "2026-01-01", "frequency": "MONTHLY", "weekend": "BEFORE" } }),
        )
        .await;
    app.create_bill(
        &session,
        json!({ "name": "Phone", "amount": "80.5",
        "schedule": { "start": "2026-01-31", "frequency": "MONTHLY", "daysOfMonth": [15, -1],
                      "count": 9 } }),
    )
    .await;
    app.create_bill(
        &session,
        json!({ "name": "Groceries", "amount": "150",
        "schedule": { "start": "2026-01-03", "frequency": "WEEKLY", "until": "2026-09-30",
                      "weekend": "AFTER" } }),
    )
    .await;
    app.create_bill(
        &session,
        json!({ "name": "Insurance", "amount": "600", "category": "Car",
        "schedule": { "start": "2026-03-15", "frequency": "YEARLY", "weekend": "BEFORE" } }),
    )
    .await;
    app.create_bill(
        &session,
        json!({ "name": "Dentist", "amount": "220", "schedule": { "start": "2026-05-12" } }),
    )
    .await;
    let old = app
        .create_bill(
            &session,
            json!({ "name": "Old gym", "amount": "35",
            "schedule": { "start": "2026-01-07", "frequency": "MONTHLY" } }),
        )
        .await;
    let salary = app
        .create_payday(
            &session,
            json!({ "name": "Salary", "amount": "2400",
            "schedule": { "start": "2026-01-02", "frequency": "WEEKLY", "interval": 2 } }),
        )
        .await;
    app.create_payday(
        &session,
        json!({ "name": "Side job", "amount": "600",
        "schedule": { "start": "2026-01-15", "frequency": "MONTHLY", "weekend": "AFTER" } }),
    )
    .await;
    let token = Some(session.token.as_str());
    let change = "mutation($id: ID!, $d: Date!, $c: OccurrenceChange!) { setBillOccurrence(billId: $id, date: $d, change: $c) { id } }";
    for (date, change_to) in [
        ("2026-01-30", json!({ "amount": "1450" })),
        ("2026-02-27", json!({ "moveTo": "2026-02-25" })),
        ("2026-04-01", json!({ "skip": true })),
    ] {
        app.ok(
            token,
            change,
            json!({ "id": rent, "d": date, "c": change_to }),
        )
        .await;
    }
    app.ok(token, "mutation($id: ID!) { setPaydayOccurrence(paydayId: $id, date: \"2026-01-30\", change: { amount: \"2500\", moveTo: \"2026-01-29\" }) { id } }",
        json!({ "id": salary })).await;
    app.ok(
        token,
        "mutation($id: ID!) { updateBill(id: $id, patch: { archived: true }) { id } }",
        json!({ "id": old }),
    )
    .await;
    session
}

/// Every field of every type under `Forecast`, reached along every path, with aliases,
/// fragments of both kinds, directives, `__typename` and keys selected twice.
const RICH: &str = r#"
query Rich($withPlan: Boolean!, $noBills: Boolean!, $from: Date!, $to: Date!) {
  __typename
  f: forecast(from: "2026-01-01", until: "2026-12-31", startingBalance: "1000.00") {
    __typename
    ...Totals
    from until startingBalance dueBeforeNextPayday nextPayday totalIncome totalBills
    shortfallBeforeNextPayday planDueNow
    lowest: lowestBalance { __typename date balance }
    lowestBalance { date }
    lowestBalance { balance }
    balances { __typename date balance }
    days: balances { date }
    billsBeforeNextPayday { ...Occurrence }
    periods {
      __typename start end income setAside leftover endingBalance shortfall
      kind: __typename
      paydays { __typename date amount payday { ...PaydayAll } }
      bills @skip(if: $noBills) { ...Occurrence bill { name } }
      bills { date }
      other: bills @include(if: false) { date }
      ... on PayPeriod { leftover }
      ... { income }
      ... @include(if: $withPlan) {
        plan {
          __typename setAside safeToSpend
          contributions { __typename amount reserved bill { id name } }
          contributions { bill { ...BillAll } }
        }
      }
    }
    periods { end bills { amount } }
  }
}
fragment Totals on Forecast { totalIncome totalBills lowestBalance { date balance } }
fragment Occurrence on BillOccurrence {
  __typename date amount
  when: date
  bill { ...BillAll }
}
fragment BillAll on Bill {
  __typename id name amount category autopay notes archived createdAt updatedAt nextDue
  reserved reservedOn
  soon: occurrences(from: $from, to: $to)
  occurrences(from: "2026-01-01", to: "2026-01-31")
  schedule { ...ScheduleAll }
  exceptions { ...ExceptionAll }
}
fragment PaydayAll on Payday {
  __typename id name amount archived createdAt updatedAt nextDate
  occurrences(from: $from, to: $to)
  schedule { ...ScheduleAll }
  exceptions { ...ExceptionAll }
}
fragment ScheduleAll on Schedule {
  __typename start frequency interval daysOfMonth until count weekend
}
fragment ExceptionAll on OccurrenceException { __typename date skip amount moveTo }
"#;

/// The web app's forecast and dashboard documents.
const WEB_APP: &str = r#"
query Forecast($from: Date, $until: Date, $startingBalance: Money) {
  forecast(from: $from, until: $until, startingBalance: $startingBalance) {
    from until startingBalance dueBeforeNextPayday shortfallBeforeNextPayday nextPayday
    totalIncome totalBills
    lowestBalance { date balance }
    billsBeforeNextPayday { ...BillOccurrenceItem }
    periods { start end ...PeriodCard_Period }
    ...BalanceSeries_Forecast
  }
}
query Dashboard {
  forecast { from planDueNow periods { start ...PeriodCard_Period } }
  paydays { id }
  bills { id }
}
fragment BillOccurrenceItem on BillOccurrence {
  date amount bill { id name autopay category exceptions { date skip amount moveTo } }
}
fragment BalanceSeries_Forecast on Forecast {
  from startingBalance lowestBalance { date balance }
  billsBeforeNextPayday { date amount bill { name } }
  periods { start end }
  balances { date balance }
}
fragment PeriodCard_Period on PayPeriod {
  start end income setAside leftover endingBalance shortfall
  paydays { date amount payday { id name exceptions { date skip amount moveTo } } }
  bills { ...BillOccurrenceItem }
  plan { setAside safeToSpend contributions { amount reserved bill { id name amount nextDue } } }
}
"#;

/// `text` (JSON) written again with every object's keys in sorted order.
fn sorted(text: &str) -> String {
    fn sort(value: Value) -> Value {
        match value {
            Value::Object(fields) => {
                let mut fields: Vec<(String, Value)> = fields.into_iter().collect();
                fields.sort_by(|a, b| a.0.cmp(&b.0));
                Value::Object(fields.into_iter().map(|(k, v)| (k, sort(v))).collect())
            }
            Value::Array(items) => Value::Array(items.into_iter().map(sort).collect()),
            other => other,
        }
    }
    sort(serde_json::from_str(text).expect("json")).to_string()
}

struct Fixture {
    app: TestApp,
    session: Session,
    schema: AppSchema,
    viewer: Viewer,
}

async fn fixture(backend: Backend) -> Fixture {
    let app = spawn_app(backend).await;
    let session = household(&app).await;
    let user = app
        .store
        .user(session.id.parse().expect("an id"))
        .await
        .expect("read")
        .expect("a user");
    let schema = build_schema(
        app.store.clone(),
        AuthSettings {
            session_ttl: Duration::from_secs(60),
            cookie_secure: false,
            public_url: None,
        },
        true,
    );
    Fixture {
        app,
        session,
        schema,
        viewer: Viewer {
            user: Some(user),
            session: None,
        },
    }
}

impl Fixture {
    /// The response to `query` as JSON text, through the direct path or the reference path.
    async fn answer(
        &self,
        query: &str,
        operation: Option<&str>,
        variables: Value,
        generic: bool,
    ) -> String {
        let mut request = Request::new(query).variables(Variables::from_json(variables));
        if let Some(operation) = operation {
            request = request.operation_name(operation);
        }
        if generic {
            request = request.data(GenericExecution);
        }
        let store: Arc<dyn Store> = self.app.store.clone();
        let response = execute(
            &self.schema,
            &store,
            request,
            self.viewer.clone(),
            RequestMeta::default(),
            Duration::from_secs(60),
        )
        .await;
        String::from_utf8(response.json()).expect("the response is UTF-8")
    }

    /// serde_json's text of the response to `query` from the schema executed directly, without
    /// `graphql::execute` (so without the walk's JSON text: its `Value` tree, or the reference's).
    async fn tree(&self, query: &str, variables: Value, generic: bool) -> String {
        let mut request = Request::new(query).variables(Variables::from_json(variables));
        if generic {
            request = request.data(GenericExecution);
        }
        let store: Arc<dyn Store> = self.app.store.clone();
        let request = prepare_request(request, &store, self.viewer.clone(), RequestMeta::default());
        let response = self.schema.execute(request).await;
        serde_json::to_string(&response).expect("a response serialises")
    }

    /// The body the server sends for `query` over HTTP, as the household's owner.
    async fn over_http(&self, query: &str, operation: Option<&str>, variables: Value) -> String {
        let response = self
            .app
            .client
            .post(self.app.url("/graphql"))
            .bearer_auth(&self.session.token)
            .json(&json!({ "query": query, "operationName": operation, "variables": variables }))
            .send()
            .await
            .expect("the server answers");
        assert_eq!(response.status(), reqwest::StatusCode::OK);
        assert_eq!(
            response.headers()["content-type"],
            "application/graphql-response+json"
        );
        // The body goes out in pieces (the walk's text uncopied), still with its length.
        assert!(response.headers().get("transfer-encoding").is_none());
        let length = response.headers().get("content-length").cloned();
        let text = response.text().await.expect("a body");
        assert_eq!(
            length.as_ref().and_then(|v| v.to_str().ok()),
            Some(text.len().to_string().as_str()),
            "Content-Length"
        );
        text
    }

    /// Asserts both paths answer the same bytes, and returns them.
    async fn same(&self, query: &str, operation: Option<&str>, variables: Value) -> String {
        let direct = self
            .answer(query, operation, variables.clone(), false)
            .await;
        let generic = self.answer(query, operation, variables, true).await;
        assert!(
            direct == generic,
            "the direct path differs from the reference path\n direct: {}\ngeneric: {}",
            direct.get(..2000).unwrap_or(&direct),
            generic.get(..2000).unwrap_or(&generic)
        );
        direct
    }
}

crate::common::backend_tests! {
    fixture: Fixture = fixture;

    async fn every_field_alias_fragment_and_directive_answers_the_same_bytes(fx) {
        for (with_plan, no_bills) in [(true, false), (false, true)] {
            let vars = json!({ "withPlan": with_plan, "noBills": no_bills,
                               "from": "2026-02-01", "to": "2026-03-15" });
            let text = fx.same(RICH, None, vars).await;
            let body: Value = serde_json::from_str(&text).expect("json");
            assert!(body.get("errors").is_none(), "{text}");
            let f = &body["data"]["f"];
            let periods = f["periods"].as_array().expect("periods");
            assert!(periods.len() > 20, "{} periods", periods.len());
            let first_bill = periods
                .iter()
                .find_map(|p| p["bills"].as_array().and_then(|b| b.first()))
                .expect("a bill occurrence");
            assert!(first_bill["date"].is_string(), "{first_bill}");
            if !no_bills {
                assert_eq!(first_bill["__typename"], "BillOccurrence");
                assert!(first_bill["bill"]["schedule"]["weekend"].is_string(), "{first_bill}");
            }
            assert_eq!(periods[0]["kind"], "PayPeriod");
            assert!(periods[0].get("other").is_none());
            assert_eq!(periods[0].get("plan").is_some(), with_plan);
            assert_eq!(f["lowestBalance"].as_object().map(|o| o.len()), Some(2));
        }
    }

    async fn the_web_app_documents_answer_the_same_bytes(fx) {
        let vars = json!({ "from": "2026-01-01", "until": "2026-06-30" });
        let text = fx.same(WEB_APP, Some("Forecast"), vars).await;
        assert!(!text.contains("\"errors\""), "{text}");
        // Root fields that read the store land in the order their reads finish (async-graphql
        // resolves them concurrently, on either path), so each is compared on its own.
        let direct = fx.answer(WEB_APP, Some("Dashboard"), json!({}), false).await;
        let generic = fx.answer(WEB_APP, Some("Dashboard"), json!({}), true).await;
        let (direct, generic): (Value, Value) = (
            serde_json::from_str(&direct).expect("json"),
            serde_json::from_str(&generic).expect("json"),
        );
        assert!(direct.get("errors").is_none(), "{direct}");
        for field in ["forecast", "paydays", "bills"] {
            assert_eq!(
                direct["data"][field].to_string(),
                generic["data"][field].to_string(),
                "{field}"
            );
        }
    }

    async fn field_errors_keep_their_paths_and_siblings_on_both_paths(fx) {
        // A window over 1830 days and a malformed date variable: field errors deep in lists.
        let query = r#"query($to: Date!) { forecast(from: "2026-01-01", until: "2026-03-31") {
            totalBills
            periods { start bills { date bill { name occurrences(from: "2026-01-01", to: "2031-12-31") } } }
            billsBeforeNextPayday { bill { occurrences(from: "2026-01-01", to: $to) } }
            lowestBalance { date } } }"#;
        let text = fx.same(query, None, json!({ "to": "2026-02-01" })).await;
        let body: Value = serde_json::from_str(&text).expect("json");
        let error = &body["errors"][0];
        assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{text}");
        assert_eq!(error["path"][0], "forecast", "{text}");
        assert_eq!(error["path"][3], "bills", "{text}");
        assert!(body["data"]["forecast"]["periods"][0]["bills"][0]["bill"]["name"].is_string(), "{text}");
    }

    async fn a_failed_first_field_and_more_selection_sets_than_a_walk_remembers_answer_the_same_bytes(fx) {
        // The text walk writes an object by its selection set's layout, where each key carries
        // its comma: when the first field fails, the next one is written without it.
        let query = r#"{ forecast(from: "2026-01-01", until: "2026-03-31") {
            periods { bills { bill { occurrences(from: "2026-01-01", to: "2031-12-31") name id } date } } } }"#;
        let text = fx.same(query, None, json!({})).await;
        let body: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{text}");
        let bill = &body["data"]["forecast"]["periods"][0]["bills"][0]["bill"];
        assert!(bill["name"].is_string() && bill.get("occurrences").is_none(), "{text}");
        // Forty differently selected aliases: more layouts than a walk remembers, so the last
        // ones are written key by key, as every object was before layouts.
        let aliases: String = (0..40)
            .map(|i| format!("p{i}: periods {{ start k{i}: end }} "))
            .collect();
        let query = format!(
            r#"{{ forecast(from: "2026-01-01", until: "2026-03-31") {{ {aliases} }} }}"#
        );
        let text = fx.same(&query, None, json!({})).await;
        let body: Value = serde_json::from_str(&text).expect("json");
        assert!(body.get("errors").is_none(), "{text}");
        assert!(body["data"]["forecast"]["p39"][0]["k39"].is_string(), "{text}");
    }

    async fn an_entry_that_comes_again_under_the_same_selection_answers_the_same_bytes(fx) {
        // A bill or payday is written once per selection set and copied where it comes again
        // (drawing from the budget again what its lists drew): each set below meets the same
        // entries many times, one set from two places through a fragment, sets with lists and
        // arguments below beside sets of scalars.
        let query = r#"query($from: Date!, $to: Date!) {
          forecast(from: "2026-01-01", until: "2026-12-31") {
            billsBeforeNextPayday { ...Plain }
            periods {
              bills { ...Plain b: bill { name id } c: bill { id nextDue }
                      d: bill { __typename name occurrences(from: $from, to: $to) } }
              paydays { payday { __typename id name amount archived createdAt updatedAt } }
              plan { contributions { bill { id name } more: bill { id name amount } } }
            } } }
          fragment Plain on BillOccurrence { date bill { __typename id name amount category autopay
            notes archived createdAt updatedAt reserved reservedOn } }"#;
        let text = fx
            .same(query, None, json!({ "from": "2026-01-01", "to": "2026-02-28" }))
            .await;
        let body: Value = serde_json::from_str(&text).expect("json");
        assert!(body.get("errors").is_none(), "{text}");
        let bills = body["data"]["forecast"]["periods"]
            .as_array()
            .expect("periods")
            .iter()
            .flat_map(|p| p["bills"].as_array().expect("bills"))
            .filter(|o| o["bill"]["name"] == "Rent")
            .collect::<Vec<_>>();
        assert!(bills.len() > 5, "{text}");
        assert!(bills.iter().all(|o| o["bill"] == bills[0]["bill"]), "{text}");
        assert_eq!(bills[0]["bill"]["notes"], "to the landlord\non the 1st", "{text}");
        assert_eq!(bills[0]["d"]["occurrences"].as_array().map(Vec::len), Some(3), "{text}");
    }

    async fn the_forecast_goes_over_http_as_the_reference_paths_bytes(fx) {
        let vars = json!({ "from": "2026-01-01", "until": "2026-06-30" });
        let sent = fx.over_http(WEB_APP, Some("Forecast"), vars.clone()).await;
        let reference = fx.answer(WEB_APP, Some("Forecast"), vars, true).await;
        let body: Value = serde_json::from_str(&sent).expect("json");
        assert!(
            body["data"]["forecast"].is_object(),
            "the forecast must go out as an object, never as the marker's bytes: {}",
            sent.get(..300).unwrap_or(&sent)
        );
        assert!(sent == reference, "sent: {}\nreference: {}", sent.get(..2000).unwrap_or(&sent),
            reference.get(..2000).unwrap_or(&reference));
    }

    async fn a_schema_executed_directly_answers_the_walks_tree_with_the_same_bytes(fx) {
        let vars = json!({ "withPlan": true, "noBills": false,
                           "from": "2026-02-01", "to": "2026-03-15" });
        let tree = fx.tree(RICH, vars.clone(), false).await;
        let reference = fx.tree(RICH, vars.clone(), true).await;
        assert!(tree == reference, "tree: {}\nreference: {}", tree.get(..2000).unwrap_or(&tree),
            reference.get(..2000).unwrap_or(&reference));
        assert!(tree == fx.answer(RICH, None, vars, false).await);
    }

    async fn keys_selected_twice_merge_the_same_at_every_level(fx) {
        // Each selects a response key twice in some object, so that object is finished as a
        // tree while its siblings and parents stay text: first and last field, inside
        // fragments, in list items, objects and lists of objects merged, a scalar kept.
        let documents = [
            "{ forecast(from: \"2026-01-01\", until: \"2026-04-30\") { __typename __typename } }",
            "{ forecast(from: \"2026-01-01\", until: \"2026-04-30\") { totalBills periods { start } \
               totalBills periods { end bills { date } } nextPayday } }",
            "{ forecast(from: \"2026-01-01\", until: \"2026-04-30\") { periods { start \
               bills { date } bills { amount bill { name } } bills { bill { id } } } } }",
            "{ forecast(from: \"2026-01-01\", until: \"2026-04-30\") { periods { ...A ...B } \
               lowestBalance { date } } } \
             fragment A on PayPeriod { paydays { date } plan { setAside } } \
             fragment B on PayPeriod { paydays { payday { name schedule { start } } } \
               plan { contributions { amount } } paydays { payday { schedule { weekend } } } }",
            "{ forecast(from: \"2026-01-01\", until: \"2026-04-30\") { \
               billsBeforeNextPayday { bill { name } ... on BillOccurrence { bill { id name } } } \
               periods { plan { contributions { bill { name exceptions { date } } \
               bill { exceptions { amount moveTo skip } } } } } } }",
            "{ forecast(from: \"2026-01-01\", until: \"2026-04-30\") { \
               lowestBalance { date @skip(if: true) } lowestBalance { balance } \
               periods { plan { setAside @include(if: false) } end } } }",
        ];
        for document in documents {
            let text = fx.same(document, None, json!({})).await;
            assert!(!text.contains("\"errors\""), "{text}");
        }
        // The root key twice: async-graphql resolves the two concurrently and merges them
        // itself, in the order their store reads finish (on either path), so these are
        // compared with keys sorted; each field selected must be there.
        let documents = [
            ("{ forecast(from: \"2026-01-01\", until: \"2026-04-30\") { from periods { start } } \
               forecast(from: \"2026-01-01\", until: \"2026-04-30\") { until periods { end } } }",
             "forecast", ["from", "until"]),
            ("{ f: forecast(from: \"2026-01-01\", until: \"2026-04-30\") { from } ...Q \
               ... { f: forecast(from: \"2026-01-01\", until: \"2026-04-30\") { totalBills } } } \
             fragment Q on Query { f: forecast(from: \"2026-01-01\", until: \"2026-04-30\") { until } }",
             "f", ["from", "totalBills"]),
        ];
        for (document, key, fields) in documents {
            let direct = sorted(&fx.answer(document, None, json!({}), false).await);
            let generic = sorted(&fx.answer(document, None, json!({}), true).await);
            assert_eq!(direct, generic);
            let body: Value = serde_json::from_str(&direct).expect("json");
            for field in fields {
                assert!(body["data"][key][field].is_string(), "{field}: {direct}");
            }
        }
    }

    async fn errors_and_refusals_under_keys_selected_twice_answer_the_same_bytes(fx) {
        // Merged selections are written once; an error or a refused list below one would be
        // met once there and once per selection by async-graphql, so the object is written
        // again the way async-graphql merges. Each document errs somewhere under a merge.
        let documents = [
            // A list field's error under merged periods and bills, in every item.
            r#"{ forecast(from: "2026-01-01", until: "2026-04-30") {
                 periods { bills { bill { name occurrences(from: "2026-01-01", to: "2031-12-31") } } }
                 periods { start bills { date } } } }"#,
            // A scalar selected twice with the same arguments, failing: two errors each.
            r#"{ forecast(from: "2026-01-01", until: "2026-04-30") { billsBeforeNextPayday {
                 bill { o: occurrences(from: "2026-01-01", to: "2031-12-31") }
                 bill { o: occurrences(from: "2026-01-01", to: "2031-12-31") name } } } }"#,
            // The same key with different arguments: kept from the first, the second still runs.
            r#"{ forecast(from: "2026-01-01", until: "2026-04-30") { periods { bills { bill {
                 o: occurrences(from: "2026-01-01", to: "2026-01-31") } } }
                 periods { bills { bill {
                 o: occurrences(from: "2026-01-01", to: "2031-12-31") } } } } }"#,
            // An error after a merge has been written, in a sibling that is not merged.
            r#"{ forecast(from: "2026-01-01", until: "2026-04-30") { lowestBalance { date }
                 lowestBalance { balance } billsBeforeNextPayday { bill {
                 occurrences(from: "2026-01-01", to: "2031-12-31") } } } }"#,
        ];
        for document in documents {
            let text = fx.same(document, None, json!({})).await;
            let body: Value = serde_json::from_str(&text).expect("json");
            let errors = body["errors"].as_array().map_or(0, Vec::len);
            assert!(errors > 0 || document.contains("2026-01-31"), "{text}");
        }
        // Past the response budget only because each selection is counted.
        fx.app.create_bill(&fx.session, json!({ "name": "Coffee", "amount": "3.5",
            "schedule": { "start": "2026-01-01", "frequency": "DAILY" } })).await;
        let query = r#"{ forecast(from: "2026-01-01", until: "2030-12-31") {
            periods { ...O } periods { ...O } periods { ...O } periods { ...O } } }
          fragment O on PayPeriod { bills { date amount bill { id name amount category
            autopay notes archived createdAt updatedAt reserved reservedOn
            exceptions { date skip amount moveTo } } } }"#;
        let text = fx.same(query, None, json!({})).await;
        let body: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(body["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED", "{}",
            text.get(..500).unwrap_or(&text));
        // Once, it fits, and is written merged.
        let query = query.replace("periods { ...O } periods { ...O } periods { ...O } } }", "} }");
        let text = fx.same(&query, None, json!({})).await;
        assert!(!text.contains("\"errors\""), "{}", text.get(..500).unwrap_or(&text));
    }

    async fn empty_objects_lists_and_nulls_answer_the_same_bytes(fx) {
        // Three days without a payday: no next payday, no periods; objects with every field
        // skipped are null.
        let text = fx
            .same(
                "{ forecast(from: \"2026-01-03\", until: \"2026-01-05\") { nextPayday periods { start } \
                 billsBeforeNextPayday { date bill { category notes schedule { until count frequency \
                 daysOfMonth } exceptions { amount moveTo } } } \
                 lowestBalance { date @skip(if: true) } } }",
                None,
                json!({}),
            )
            .await;
        let body: Value = serde_json::from_str(&text).expect("json");
        let forecast = &body["data"]["forecast"];
        assert_eq!(forecast["nextPayday"], Value::Null, "{text}");
        assert_eq!(forecast["periods"], json!([]), "{text}");
        assert_eq!(forecast["lowestBalance"], Value::Null, "{text}");
        assert!(text.contains("\"category\":null"), "{text}");
    }

    async fn names_and_notes_of_every_kind_are_escaped_as_serde_json_escapes_them(fx) {
        let name = "Quote \" back\\slash \u{2028} caf\u{e9} \u{1F4B8} \u{10FFFF} </script>";
        let notes = "tab\there\r\nnew line \"quoted\" \\ \u{fffe}";
        fx.app.create_bill(&fx.session, json!({ "name": name, "amount": "12.34",
            "category": "'single' & <b>", "notes": notes,
            "schedule": { "start": "2026-01-02", "frequency": "WEEKLY" } })).await;
        let query = "{ forecast(from: \"2026-01-01\", until: \"2026-03-31\") { \
            billsBeforeNextPayday { bill { name category notes } } \
            periods { bills { bill { name notes } } plan { contributions { bill { name } } } } } }";
        let text = fx.same(query, None, json!({})).await;
        assert!(!text.contains("\"errors\""), "{text}");
        let body: Value = serde_json::from_str(&text).expect("json");
        let names: Vec<&str> = body["data"]["forecast"]["periods"]
            .as_array()
            .expect("periods")
            .iter()
            .flat_map(|p| p["bills"].as_array().into_iter().flatten())
            .filter_map(|b| b["bill"]["name"].as_str())
            .collect();
        assert!(names.contains(&name), "{names:?}");
        assert!(text.contains(r#"tab\there\r\nnew line \"quoted\" \\"#), "{text}");
    }

    async fn the_response_budget_refuses_the_same_list_on_both_paths(fx) {
        // Five years of a daily bill with every field, four times over: past 100,000 values.
        fx.app.create_bill(&fx.session, json!({ "name": "Coffee", "amount": "3.5",
            "schedule": { "start": "2026-01-01", "frequency": "DAILY" } })).await;
        let query = r#"query($from: Date!, $to: Date!) {
          forecast(from: "2026-01-01", until: "2030-12-31") {
            a: periods { bills { ...O } } b: periods { bills { ...O } }
            c: periods { bills { ...O } } d: periods { bills { ...O } } } }
          fragment O on BillOccurrence { date amount bill { id name amount category autopay notes
            schedule { start frequency interval daysOfMonth until count weekend }
            exceptions { date skip amount moveTo } occurrences(from: $from, to: $to) } }"#;
        let text = fx.same(query, None, json!({ "from": "2026-01-01", "to": "2026-01-10" })).await;
        let body: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(body["data"], Value::Null, "{}", text.get(..500).unwrap_or(&text));
        assert_eq!(body["errors"].as_array().map(Vec::len), Some(1), "{text}");
        assert_eq!(body["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED", "{text}");
        assert!(body["errors"][0]["path"].is_array(), "{text}");
    }

    async fn the_bill_and_payday_lists_answer_the_same_bytes(fx) {
        // Every field, aliases, fragments, directives, keys selected twice inside the items.
        let rich = r#"query($from: Date!, $to: Date!, $all: Boolean!) {
          bills(includeArchived: $all) {
            __typename ...BillAll
            name: name
            schedule { start } schedule { frequency }
            upcoming: occurrences(from: $from, to: $to) @include(if: $all)
            ... on Bill { exceptions { date } }
          } }
        fragment BillAll on Bill {
          __typename id name amount category autopay notes archived createdAt updatedAt nextDue
          reserved reservedOn occurrences(from: "2026-01-01", to: "2026-01-31")
          schedule { __typename start frequency interval daysOfMonth until count weekend }
          exceptions { __typename date skip amount moveTo }
        }"#;
        for all in [false, true] {
            let vars = json!({ "from": "2026-02-01", "to": "2026-03-15", "all": all });
            let text = fx.same(rich, None, vars).await;
            let body: Value = serde_json::from_str(&text).expect("json");
            assert!(body.get("errors").is_none(), "{text}");
            let bills = body["data"]["bills"].as_array().expect("a list");
            assert_eq!(bills.len(), if all { 6 } else { 5 }, "{text}");
            assert_eq!(bills[0]["__typename"], "Bill");
            // Both selections of `schedule` merged (a one-time bill's frequency is null).
            let schedule = bills[0]["schedule"].as_object().expect("a schedule");
            assert!(schedule["start"].is_string() && schedule.contains_key("frequency"), "{text}");
        }
        let paydays = r#"{ paydays(includeArchived: true) { __typename id name amount archived
            createdAt updatedAt nextDate occurrences(from: "2026-01-01", to: "2026-02-28")
            schedule { start frequency interval } exceptions { date skip amount moveTo }
            ... on Payday { id } } }"#;
        let text = fx.same(paydays, None, json!({})).await;
        assert!(text.contains(r#""__typename":"Payday""#), "{text}");
        // The same list selected twice at the root: async-graphql merges the two answers, so the
        // direct path answers it as a tree. Each selection reads the store, and the merge puts
        // first the keys of the one whose read finished first, on either path: so the keys are
        // compared in sorted order.
        let twice = r#"{ bills { id } ...More } fragment More on Query { bills { name amount } }"#;
        let direct = fx.answer(twice, None, json!({}), false).await;
        let generic = fx.answer(twice, None, json!({}), true).await;
        assert_eq!(sorted(&direct), sorted(&generic));
        assert!(direct.contains(r#""id":"#) && direct.contains(r#""amount":"#), "{direct}");
        // A field error in every item (a window over 1830 days): the first one, at its path.
        let failing = r#"{ bills { name occurrences(from: "2026-01-01", to: "2031-12-31") } }"#;
        let text = fx.same(failing, None, json!({})).await;
        let body: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(body["errors"][0]["extensions"]["code"], "BAD_USER_INPUT", "{text}");
        assert_eq!(body["errors"][0]["path"], json!(["bills", 0, "occurrences"]), "{text}");
        // And over HTTP: the list goes out as JSON, never as the marker's bytes.
        let sent = fx.over_http(rich, None, json!({ "from": "2026-02-01", "to": "2026-03-15", "all": true })).await;
        let body: Value = serde_json::from_str(&sent).expect("json");
        assert!(body["data"]["bills"][0]["id"].is_string(), "{}", sent.get(..300).unwrap_or(&sent));
    }

    async fn the_response_budget_refuses_the_same_bill_list_on_both_paths(fx) {
        // A daily bill's five years, 60 times over: past the 100,000 values a response may hold.
        fx.app.create_bill(&fx.session, json!({ "name": "Coffee", "amount": "3.5",
            "schedule": { "start": "2026-01-01", "frequency": "DAILY" } })).await;
        let aliases: String = (0..60)
            .map(|i| format!(r#" o{i}: occurrences(from: "2026-01-01", to: "2030-12-31")"#))
            .collect();
        let query = format!("{{ bills {{ name{aliases} }} }}");
        let text = fx.same(&query, None, json!({})).await;
        let body: Value = serde_json::from_str(&text).expect("json");
        assert_eq!(body["data"], Value::Null, "{}", text.get(..500).unwrap_or(&text));
        assert_eq!(body["errors"][0]["extensions"]["code"], "LIMIT_EXCEEDED", "{text}");
    }
}
