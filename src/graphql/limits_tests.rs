use async_graphql::parser::parse_query;

use super::*;

fn nested(open: &str, close: &str, depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

fn measure(query: &str) -> Result<Measure, LimitError> {
    scan_nesting(query)?;
    let document = parse_query(query).expect("the test query parses");
    analyse(&document)
}

#[test]
fn nesting_is_refused_wherever_it_sits_before_parsing() {
    let deep = MAX_NESTING + 1;
    for query in [
        format!("{{ a(x: {}) }}", nested("[", "]", deep, "1")),
        format!("{{ a(x: {}) }}", nested("{b: ", "}", deep, "1")),
        format!("query($v: [Int] = {}) {{ a }}", nested("[", "]", deep, "1")),
        format!("{{ a @skip(if: {}) }}", nested("[", "]", deep, "true")),
        nested("{ a ", "}", deep, "b"),
        format!("{{ a(x: {}) }}", nested("[", "]", 2000, "1")),
    ] {
        assert_eq!(
            scan_nesting(&query),
            Err(LimitError::TooDeep),
            "{query:.60}"
        );
    }
}

#[test]
fn brackets_in_strings_and_comments_do_not_count() {
    let noise = "[".repeat(MAX_NESTING * 3);
    let query =
        format!("{{ a(x: \"{noise}\", y: \"\"\"{noise} \\\"\"\" {noise}\"\"\") # {noise}\n b }}");
    assert_eq!(scan_nesting(&query), Ok(()));
}

#[test]
fn real_queries_pass() -> Result<(), LimitError> {
    let forecast = "query F($from: Date) { forecast(from: $from) { periods { start bills { \
                    date amount bill { id name schedule { start daysOfMonth } } } } \
                    lowestBalance { date balance } } }";
    assert_eq!(measure(forecast)?.fields, 15);
    let introspection = include_str!("../../tests/api/introspection.graphql");
    assert!(measure(introspection)?.fields < MAX_FIELDS);
    Ok(())
}

/// `fragment F0 { a b }`, then each fragment spreading the previous one `fan` times.
fn fragment_bomb(levels: usize, fan: usize, leaf: &str) -> String {
    let mut query = format!("query {{ ...F{levels} }} fragment F0 on Query {{ {leaf} }}");
    for level in 1..=levels {
        let spreads = format!(" ...F{}", level - 1).repeat(fan);
        query.push_str(&format!(" fragment F{level} on Query {{ {spreads} }}"));
    }
    query
}

#[test]
fn fragment_fan_out_is_measured_in_linear_time_and_refused() {
    for (levels, fan, leaf) in [(26, 2, "__typename"), (16, 3, "me { id }"), (12, 4, "a b")] {
        let query = fragment_bomb(levels, fan, leaf);
        let started = std::time::Instant::now();
        let got = measure(&query);
        assert!(
            matches!(
                got,
                Err(LimitError::TooManyFields | LimitError::SpreadTooDeep)
            ),
            "{levels}×{fan}: {got:?}"
        );
        // Not a timing assertion on the happy path: 2^26 expansions would take minutes.
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}

#[test]
fn typename_and_aliases_count_as_fields() {
    let aliases: String = (0..=MAX_FIELDS)
        .map(|n| format!(" t{n}: __typename"))
        .collect();
    assert_eq!(
        measure(&format!("{{ {aliases} }}")),
        Err(LimitError::TooManyFields)
    );
    let fits: String = (0..MAX_FIELDS)
        .map(|n| format!(" t{n}: __typename"))
        .collect();
    assert!(measure(&format!("{{ {fits} }}")).is_ok());
}

#[test]
fn fragment_cycles_and_long_chains_are_refused() {
    let cycle = "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }";
    assert_eq!(measure(cycle), Err(LimitError::FragmentCycle));
    let chain = fragment_bomb(MAX_SPREAD_DEPTH + 2, 1, "a");
    assert_eq!(measure(&chain), Err(LimitError::SpreadTooDeep));
    assert!(measure(&fragment_bomb(MAX_SPREAD_DEPTH - 2, 1, "a")).is_ok());
}

#[test]
fn one_password_mutation_per_request() {
    let twice = "mutation { a: signIn(email: \"a\", password: \"b\") { token } \
                 b: signIn(email: \"a\", password: \"b\") { token } }";
    assert_eq!(measure(twice), Err(LimitError::PasswordFields));
    let hidden = "mutation { ...S ... on Mutation { signUp(email: \"a\", password: \"b\") { token } } } \
                  fragment S on Mutation { signIn(email: \"a\", password: \"b\") { token } }";
    assert_eq!(measure(hidden), Err(LimitError::PasswordFields));
    let once = "mutation { signIn(email: \"a\", password: \"b\") { token } }";
    assert!(measure(once).is_ok());
}

#[test]
fn deep_variables_are_refused() {
    let mut value = serde_json::json!(1);
    for _ in 0..=MAX_NESTING {
        value = serde_json::json!([value]);
    }
    assert_eq!(
        check_variables(&serde_json::json!({ "v": value })),
        Err(LimitError::VariablesTooDeep)
    );
    assert_eq!(
        check_variables(&serde_json::json!({ "v": [[1], {"a": [2]}] })),
        Ok(())
    );
}
