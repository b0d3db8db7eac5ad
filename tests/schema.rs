//! `schema/schema.graphql` is the API contract clients are generated from. It must equal the SDL
//! the code exports. To regenerate it after changing the schema:
//!
//! ```sh
//! UPDATE_SCHEMA=1 cargo test --test schema
//! ```

use std::path::Path;

#[test]
fn the_committed_schema_matches_the_code() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/schema.graphql");
    let generated = wisewallet::graphql::sdl();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).expect("schema/schema.graphql is writable");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/schema.graphql is stale. Regenerate it with `UPDATE_SCHEMA=1 cargo test --test schema` \
         (then regenerate the frontend's types with `npm run codegen` in frontend/)."
    );
}

#[test]
fn the_schema_has_the_contract_names_and_documents_every_field() {
    let sdl = wisewallet::graphql::sdl();
    for name in [
        "scalar Date",
        "scalar DateTime",
        "scalar Money",
        "enum Frequency",
        "enum WeekendRule",
        "type Query",
        "type Mutation",
        "type AuthPayload",
        "type User",
        "input SettingsInput",
        "type Schedule",
        "input ScheduleInput",
        "type Bill",
        "input BillInput",
        "input BillPatch",
        "type Payday",
        "input PaydayInput",
        "input PaydayPatch",
        "type Forecast",
        "type PayPeriod",
        "type BillOccurrence",
        "type PaydayOccurrence",
        "type BalancePoint",
    ] {
        assert!(sdl.contains(name), "missing {name}");
    }
    // Every type, field and enum value is preceded by a description block.
    let mut in_description = false;
    let mut documented = false;
    for line in sdl.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with("\"\"\"") {
            let one_line = trimmed.len() > 3 && trimmed.ends_with("\"\"\"");
            if !one_line {
                in_description = !in_description;
            }
            documented = !in_description;
            continue;
        }
        if in_description
            || trimmed.is_empty()
            || trimmed == "}"
            || trimmed.starts_with("schema")
            || trimmed.starts_with("query:")
            || trimmed.starts_with("mutation:")
            || trimmed.starts_with("directive")
        {
            continue;
        }
        assert!(documented, "undocumented: {trimmed}");
        documented = false;
    }
}
