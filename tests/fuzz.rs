//! Fuzzing the whole request path without a server: generated GraphQL documents (valid and
//! not: any field at any depth, aliases, arguments of every kind, nested values, directives,
//! fragments that spread each other, inline fragments) and generated variables go through
//! `graphql::execute` — the limits, the parser, validation and the resolvers — over a real
//! SQLite store with a signed-in viewer who has bills and paydays.
//!
//! A panic anywhere, a response without a code on an error, a response text (`Answer::json`,
//! where the forecast is written by the direct walk) that differs from serde_json's text of the
//! same response as a `Value` tree, or a request that spends more than [`CPU_BUDGET`] of
//! process CPU time fails the test. (`cargo fuzz` needs nightly; this is
//! proptest, so it runs on stable in the normal suite.)

use std::sync::Arc;
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use wisewallet::auth::{Passwords, Viewer};
use wisewallet::domain::account::{Currency, Email, Password, Timezone, User};
use wisewallet::domain::id::Id;
use wisewallet::domain::money::Money;
use wisewallet::graphql::{Answer, AppSchema, AuthSettings, RequestMeta, build_schema, execute};
use wisewallet::store::{Store, now_millis};

/// Process CPU time one generated request may use (debug build, all threads).
const CPU_BUDGET: Duration = Duration::from_secs(2);

const FIELDS: &[&str] = &[
    "me",
    "bills",
    "paydays",
    "forecast",
    "bill",
    "payday",
    "__typename",
    "__schema",
    "__type",
    "id",
    "name",
    "amount",
    "schedule",
    "start",
    "frequency",
    "interval",
    "daysOfMonth",
    "until",
    "count",
    "weekend",
    "occurrences",
    "nextDue",
    "nextDate",
    "periods",
    "end",
    "income",
    "setAside",
    "leftover",
    "endingBalance",
    "date",
    "balance",
    "lowestBalance",
    "totalIncome",
    "totalBills",
    "billsBeforeNextPayday",
    "types",
    "fields",
    "ofType",
    "kind",
    "email",
    "signUp",
    "signIn",
    "signOut",
    "createBill",
    "updateBill",
    "deleteBill",
    "token",
    "user",
    "nope",
];

const ARGUMENTS: &[&str] = &[
    "id",
    "from",
    "to",
    "until",
    "startingBalance",
    "includeArchived",
    "input",
    "patch",
    "email",
    "password",
    "if",
    "name",
];

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| format!("{n:?}")),
        Just("\"2026-01-10\"".to_string()),
        Just("\"9999-12-31\"".to_string()),
        Just("\"0001-01-01\"".to_string()),
        Just("\"12.50\"".to_string()),
        Just("\"-1e9\"".to_string()),
        Just("\"0123456789abcdef01234567\"".to_string()),
        Just("true".to_string()),
        Just("null".to_string()),
        Just("MONTHLY".to_string()),
        Just("$v".to_string()),
        "[a-zA-Z0-9 ]{0,12}".prop_map(|s| format!("\"{s}\"")),
    ]
}

fn value() -> impl Strategy<Value = String> {
    scalar().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec((prop::sample::select(ARGUMENTS), inner), 0..4).prop_map(|v| {
                let fields: Vec<String> = v.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!("{{{}}}", fields.join(", "))
            }),
        ]
    })
}

/// Deep nesting the limits must refuse, placed where the parser recurses.
fn deep_value() -> impl Strategy<Value = String> {
    (30usize..3000, any::<bool>()).prop_map(|(depth, list)| {
        if list {
            format!("{}1{}", "[".repeat(depth), "]".repeat(depth))
        } else {
            format!("{}1{}", "{a: ".repeat(depth), "}".repeat(depth))
        }
    })
}

/// One field, without a selection set: `alias: name(args) @directive`.
fn leaf() -> impl Strategy<Value = String> {
    (
        prop::option::of("[a-z]{1,3}"),
        prop::sample::select(FIELDS),
        prop::collection::vec(
            (
                prop::sample::select(ARGUMENTS),
                prop_oneof![30 => value(), 1 => deep_value()],
            ),
            0..3,
        ),
        prop::option::weighted(
            0.2,
            prop_oneof![
                Just("@skip(if: true)".to_string()),
                Just("@include(if: $v)".to_string()),
                value().prop_map(|v| format!("@include(if: {v})")),
            ],
        ),
    )
        .prop_map(|(alias, name, args, directive)| {
            let alias = alias.map(|a| format!("{a}: ")).unwrap_or_default();
            let args = if args.is_empty() {
                String::new()
            } else {
                let args: Vec<String> =
                    args.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!("({})", args.join(", "))
            };
            format!("{alias}{name}{args} {}", directive.unwrap_or_default())
        })
}

/// A selection: a field (with a selection set or not), an inline fragment, a fragment spread,
/// or a field repeated under many aliases.
fn field() -> impl Strategy<Value = String> {
    leaf().prop_recursive(6, 80, 5, |inner| {
        prop_oneof![
            (leaf(), prop::collection::vec(inner.clone(), 1..5))
                .prop_map(|(head, children)| format!("{head} {{ {} }}", children.join(" "))),
            prop::collection::vec(inner, 1..4)
                .prop_map(|children| format!("... on Query {{ {} }}", children.join(" "))),
            (0u8..6).prop_map(|n| format!("...F{n}")),
            (prop::sample::select(FIELDS), 1usize..400).prop_map(|(name, n)| {
                (0..n)
                    .map(|i| format!("x{i}: {name}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
        ]
    })
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["query", "mutation", "query($v: Boolean = true)", ""]),
        prop::collection::vec(field(), 1..6),
        prop::collection::vec(
            (0u8..6, prop::collection::vec(field(), 1..4), 1usize..4),
            0..6,
        ),
    )
        .prop_map(|(operation, fields, fragments)| {
            let mut document = format!("{operation} {{ {} }}", fields.join(" "));
            for (n, fields, fan) in fragments {
                let body = format!("{} ", fields.join(" ")).repeat(fan);
                document.push_str(&format!(" fragment F{n} on Query {{ {body} }}"));
            }
            document
        })
}

fn date() -> impl Strategy<Value = String> + Clone {
    prop_oneof![
        (2000i32..2040, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| format!("\"{y:04}-{m:02}-{d:02}\"")),
        Just("\"0001-01-01\"".to_string()),
        Just("\"9999-12-31\"".to_string()),
        Just("\"9999-12-01\"".to_string()),
        Just("\"2026-02-30\"".to_string()),
    ]
}

/// Documents made of real fields with real arguments (random values), so that resolvers, the
/// forecast and the budget run, not only the validator.
fn real_document() -> impl Strategy<Value = String> {
    let occurrences =
        (date(), date()).prop_map(|(a, b)| format!("occurrences(from: {a}, to: {b})"));
    let entry = prop::collection::vec(
        prop_oneof![
            Just("id".to_string()),
            Just("name".to_string()),
            Just("amount".to_string()),
            Just("__typename".to_string()),
            Just(
                "schedule { start frequency interval daysOfMonth until count weekend }".to_string()
            ),
            occurrences,
            Just("nextDue".to_string()),
            Just("exceptions { date skip amount moveTo }".to_string()),
            Just("reserved reservedOn".to_string()),
        ],
        1..6,
    )
    .prop_map(|fields| fields.join(" "));
    let forecast = (
        prop::option::of(date()),
        prop::option::of(date()),
        prop::option::of(prop_oneof![Just("\"0\""), Just("\"-99999999.99\""), Just("\"500\"")]),
        prop::collection::vec(
            prop_oneof![
                Just("totalBills totalIncome dueBeforeNextPayday nextPayday"),
                Just("lowestBalance { date balance }"),
                Just("billsBeforeNextPayday { date amount bill { name } }"),
                Just("periods { start end income setAside leftover endingBalance bills { date amount bill { id name } } paydays { date payday { name } } }"),
                Just("planDueNow shortfallBeforeNextPayday periods { shortfall plan { setAside safeToSpend contributions { amount reserved bill { name } } } }"),
            ],
            1..4,
        ),
    )
        .prop_map(|(from, until, balance, fields)| {
            let args: Vec<String> = [
                from.map(|d| format!("from: {d}")),
                until.map(|d| format!("until: {d}")),
                balance.map(|b| format!("startingBalance: {b}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            let args = if args.is_empty() { String::new() } else { format!("({})", args.join(", ")) };
            format!("forecast{args} {{ {} }}", fields.join(" "))
        });
    let root = prop_oneof![
        entry
            .clone()
            .prop_map(|f| format!("bills(includeArchived: true) {{ {f} }}")),
        entry.prop_map(|f| format!("paydays {{ {f} }}")),
        forecast,
        Just("me { id email currency timezone balance createdAt }".to_string()),
        date().prop_map(|d| format!("me {{ balanceOn planMode estimatedBalance(on: {d}) }}")),
        Just("bill(id: \"0123456789abcdef01234567\") { id }".to_string()),
    ];
    (prop::collection::vec(root, 1..4), 1usize..40, any::<bool>()).prop_map(
        |(roots, aliases, fragment)| {
            let body: String = (0..aliases)
                .map(|i| {
                    roots
                        .iter()
                        .enumerate()
                        .map(|(j, r)| format!(" a{i}x{j}: {r}"))
                        .collect::<String>()
                })
                .collect();
            if fragment {
                format!("query {{ ...Q }} fragment Q on Query {{ {body} }}")
            } else {
                format!("{{ {body} }}")
            }
        },
    )
}

fn variables() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-z0-9\\-]{0,10}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(8, 64, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map("[a-z]{1,3}", inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
    .prop_map(|v| serde_json::json!({ "v": v }))
}

/// User plus system CPU time of this process so far.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat");
    // Fields after the command name (which is in parentheses and may hold spaces).
    let after = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 =
        fields[11].parse::<u64>().unwrap_or(0) + fields[12].parse::<u64>().unwrap_or(0);
    // Linux reports CPU time in clock ticks of 1/100 s (USER_HZ).
    Duration::from_millis(ticks * 10)
}

struct Harness {
    runtime: tokio::runtime::Runtime,
    schema: AppSchema,
    store: Arc<dyn Store>,
    viewer: Viewer,
    outcomes: std::sync::Mutex<std::collections::BTreeMap<String, usize>>,
    _dir: tempfile::TempDir,
}

fn harness() -> Harness {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (store, user) = runtime.block_on(async {
        let url = wisewallet::config::DatabaseUrl::Sqlite(dir.path().join("fuzz.db"));
        let store = wisewallet::store::connect(&url)
            .await
            .expect("a SQLite store");
        let hash = Passwords::default()
            .hash(&Password::try_from("correct horse battery").expect("a password"))
            .await
            .expect("a hash");
        let user = User {
            id: Id::generate(),
            email: Email::try_from("fuzz@example.com").expect("an email"),
            password_hash: hash,
            currency: Currency::default(),
            timezone: Timezone::default(),
            balance: Money::from_cents(50_000),
            balance_on: "2026-01-10".parse().expect("a date"),
            plan_mode: wisewallet::domain::account::PlanMode::default(),
            holidays: wisewallet::domain::holidays::Holidays::default(),
            created_at: now_millis(),
        };
        store.create_user(&user).await.expect("a user");
        (store, user)
    });
    let schema = build_schema(
        store.clone(),
        AuthSettings {
            session_ttl: Duration::from_secs(3600),
            cookie_secure: false,
            public_url: None,
        },
        true,
    );
    let viewer = Viewer {
        user: Some(user),
        session: None,
    };
    let harness = Harness {
        runtime,
        schema,
        store,
        viewer,
        outcomes: Default::default(),
        _dir: dir,
    };
    // Bills and paydays, so that lists and the forecast have something to expand.
    let setup = "mutation { \
        a: createBill(input: {name: \"Rent\", amount: \"1500\", schedule: {start: \"2026-01-01\", frequency: MONTHLY}}) { id } \
        b: createBill(input: {name: \"Coffee\", amount: \"3\", schedule: {start: \"2026-01-01\", frequency: DAILY}}) { id } \
        c: createPayday(input: {name: \"Salary\", amount: \"2000\", schedule: {start: \"2026-01-02\", frequency: WEEKLY, interval: 2}}) { id } }";
    let response = harness.run(setup, serde_json::json!({})).into_response();
    assert!(response.errors.is_empty(), "{:?}", response.errors);
    harness
}

impl Harness {
    fn run(&self, query: &str, variables: serde_json::Value) -> Answer {
        let request = async_graphql::Request::new(query)
            .variables(async_graphql::Variables::from_json(variables));
        self.runtime.block_on(execute(
            &self.schema,
            &self.store,
            request,
            self.viewer.clone(),
            RequestMeta::default(),
            Duration::from_secs(10),
        ))
    }

    fn check(&self, query: &str, variables: serde_json::Value) -> Result<(), TestCaseError> {
        if let Err(refusal) = wisewallet::graphql::limits::check_variables(&variables) {
            // The HTTP layer refuses these before a Request is built.
            prop_assert!(!refusal.to_string().is_empty());
            return Ok(());
        }
        let before = cpu_time();
        let answer = self.run(query, variables);
        let spent = cpu_time().saturating_sub(before);
        prop_assert!(spent <= CPU_BUDGET, "{spent:?} of CPU for {query:.300}");
        let text = answer.json();
        let response = answer.into_response();
        let tree_text = serde_json::to_vec(&response).expect("a response serialises");
        prop_assert!(
            text == tree_text,
            "the response text differs from its tree's for {query:.300}\n text: {:.600}\n tree: {:.600}",
            String::from_utf8_lossy(&text),
            String::from_utf8_lossy(&tree_text)
        );
        for error in &response.errors {
            let code = error.extensions.as_ref().and_then(|e| e.get("code"));
            prop_assert!(code.is_some(), "an error without a code: {error:?}");
        }
        let outcome = match response.errors.first() {
            None => "executed".to_string(),
            Some(e) if !matches!(response.data, async_graphql::Value::Null) => {
                format!(
                    "partial {}",
                    e.extensions
                        .as_ref()
                        .and_then(|x| x.get("code"))
                        .map(ToString::to_string)
                        .unwrap_or_default()
                )
            }
            Some(e) if e.message.starts_with(" -->") => {
                if std::env::var("FUZZ_SHOW").is_ok() {
                    println!("PARSE {}\n{query:.400}\n", e.message);
                }
                "parse error".to_string()
            }
            Some(e) => e.message.chars().take(28).collect(),
        };
        *self
            .outcomes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry(outcome)
            .or_default() += 1;
        Ok(())
    }
}

#[test]
fn generated_documents_never_panic_and_stay_within_a_cpu_budget() {
    let harness = harness();
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(500);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(
            &(prop_oneof![document(), real_document()], variables()),
            |(query, variables)| harness.check(&query, variables),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let outcomes = harness.outcomes.lock().unwrap_or_else(|p| p.into_inner());
    println!("outcomes of {cases} generated requests: {outcomes:#?}");
}

#[test]
fn known_attacks_stay_within_the_cpu_budget() {
    let harness = harness();
    let mut bomb = String::from("query { ...F26 } fragment F0 on Query { __typename }");
    for level in 1..=26 {
        bomb.push_str(&format!(
            " fragment F{level} on Query {{ ...F{0} ...F{0} }}",
            level - 1
        ));
    }
    let typenames: String = (0..1999).map(|i| format!(" t{i}: __typename")).collect();
    for query in [
        bomb,
        format!("{{ bill(id: {}1{}) {{ id }} }}", "[".repeat(5000), "]".repeat(5000)),
        format!("{{ bills {{ {typenames} }} }}"),
        "{ forecast(from: \"2026-01-01\", until: \"2030-12-31\") { periods { bills { date bill { name } } } } }".to_string(),
        "{ bills { a: occurrences(from: \"2026-01-01\", to: \"2031-01-01\") b: occurrences(from: \"2026-01-01\", to: \"2031-01-01\") } }".to_string(),
    ] {
        harness
            .check(&query, serde_json::json!({}))
            .unwrap_or_else(|e| panic!("{e}"));
    }
}
