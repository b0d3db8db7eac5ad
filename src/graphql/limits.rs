//! Limits on a GraphQL document that hold *before* async-graphql parses or validates it.
//!
//! Every request may come from an attacker, and the expensive steps of a GraphQL server run
//! before any resolver: parsing, then validation (which walks every fragment spread inline).
//! So each step is bounded before it starts, in time linear in the document:
//!
//! 1. [`scan_nesting`]: a single pass over the text counts bracket nesting (`{`, `[`, `(`),
//!    skipping strings and comments, and refuses more than [`MAX_NESTING`]. async-graphql's
//!    parser is recursive descent with no depth limit on *values*: about 2,000 nested lists or
//!    input objects in an argument, a variable default or a directive argument overflow the
//!    stack and abort the process (async-graphql-parser 7.2.1, `parse_value` →
//!    `parse_list_value`/`parse_object_value`; `limit_recursive_depth` only runs after parsing
//!    and only looks at selection sets). Reported upstream as: "parser: deeply nested list or
//!    object values overflow the stack; please bound value nesting like selection nesting".
//!    Variables arrive as JSON and are held to the same depth by [`check_variables`].
//! 2. [`analyse`]: on the parsed document, the *expanded* number of field selections of each
//!    operation — every field, `__typename` and alias counted, every fragment spread counted
//!    as the size of its fragment — computed with one memoised size per fragment, so a chain
//!    of fragments that each spread the previous one twice (2^26 selections in ~1 KB) is
//!    measured in a few microseconds and refused, instead of being walked by the validator.
//!    Fragment cycles and spread chains deeper than [`MAX_SPREAD_DEPTH`] are refused too.
//! 3. Also in [`analyse`]: at most one `signUp`/`signIn` per request, since each costs a
//!    deliberately slow password hash.
//!
//! What a response may *contain* (list items × selected fields) is bounded during execution by
//! [`super::budget`].

use std::collections::HashMap;

use async_graphql::parser::types::{ExecutableDocument, OperationType, Selection, SelectionSet};
use async_graphql::{Name, Positioned};

/// Deepest bracket nesting (`{`, `[`, `(` together) a document may have. The deepest real
/// query (GraphiQL's introspection query) nests 13; selections are limited to depth 16.
pub const MAX_NESTING: usize = 40;
/// Most field selections one operation may expand to, `__typename` and aliases included.
pub const MAX_FIELDS: usize = 2000;
/// Most field selections the whole document may expand to (every operation and fragment, as
/// the validator visits them all).
pub const MAX_DOCUMENT_FIELDS: usize = 4 * MAX_FIELDS;
/// Longest chain of fragments spreading fragments.
pub const MAX_SPREAD_DEPTH: usize = 16;
/// Root mutation fields that hash a password; one per request.
const PASSWORD_FIELDS: [&str; 2] = ["signUp", "signIn"];

/// Why a document was refused before it was parsed or validated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LimitError {
    /// Brackets nested too deeply.
    #[error("the query nests brackets more than {MAX_NESTING} deep")]
    TooDeep,
    /// Variables nested too deeply.
    #[error("the variables nest more than {MAX_NESTING} deep")]
    VariablesTooDeep,
    /// An operation expands to too many fields.
    #[error(
        "the query selects more than {MAX_FIELDS} fields once its fragments are expanded \
         (every field, alias and __typename counts)"
    )]
    TooManyFields,
    /// Fragments spread each other in a loop (invalid GraphQL).
    #[error("fragments may not spread each other in a cycle")]
    FragmentCycle,
    /// A chain of fragments spreading fragments is too long.
    #[error("fragments may not spread each other more than {MAX_SPREAD_DEPTH} deep")]
    SpreadTooDeep,
    /// Two password operations in one request.
    #[error("sign up or sign in at most once per request")]
    PasswordFields,
}

impl LimitError {
    /// The `extensions.code` clients get: limits are `LIMIT_EXCEEDED`; a fragment cycle (never
    /// valid GraphQL) and a second password operation are plain bad requests.
    pub fn code(&self) -> &'static str {
        match self {
            LimitError::FragmentCycle | LimitError::PasswordFields => "BAD_USER_INPUT",
            _ => "LIMIT_EXCEEDED",
        }
    }
}

/// Refuses a document whose brackets nest deeper than [`MAX_NESTING`], in one pass over the
/// bytes. Brackets inside strings, block strings and comments do not count; unbalanced
/// brackets are left for the parser to report.
pub fn scan_nesting(query: &str) -> Result<(), LimitError> {
    let bytes = query.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                i += 3;
                while i < bytes.len() && !bytes[i..].starts_with(b"\"\"\"") {
                    // `\"""` is an escaped triple quote inside a block string.
                    i += if bytes[i..].starts_with(b"\\\"\"\"") {
                        4
                    } else {
                        1
                    };
                }
                i += 2;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(LimitError::TooDeep);
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

/// Refuses variables nested deeper than [`MAX_NESTING`] (lists and objects together).
pub fn check_variables(variables: &serde_json::Value) -> Result<(), LimitError> {
    // Iterative, so the check itself cannot run out of stack.
    let mut stack = vec![(variables, 0usize)];
    while let Some((value, depth)) = stack.pop() {
        if depth > MAX_NESTING {
            return Err(LimitError::VariablesTooDeep);
        }
        match value {
            serde_json::Value::Array(items) => {
                stack.extend(items.iter().map(|item| (item, depth + 1)));
            }
            serde_json::Value::Object(fields) => {
                stack.extend(fields.values().map(|item| (item, depth + 1)));
            }
            _ => {}
        }
    }
    Ok(())
}

/// What [`analyse`] measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    /// The largest expanded field count of any operation.
    pub fields: usize,
}

/// Measures a parsed document (see the module docs) and refuses it when over a limit.
pub fn analyse(document: &ExecutableDocument) -> Result<Measure, LimitError> {
    let fragments = fragment_sizes(document)?;
    let mut largest = 0usize;
    let mut total = fragments
        .values()
        .fold(0usize, |sum, f| sum.saturating_add(f.size));
    for (_, operation) in document.operations.iter() {
        let size = expanded(&operation.node.selection_set.node, &fragments, 0)?.size;
        largest = largest.max(size);
        total = total.saturating_add(size);
    }
    if largest > MAX_FIELDS || total > MAX_DOCUMENT_FIELDS {
        return Err(LimitError::TooManyFields);
    }
    // Only now, with the expansion known to be small, are root fragments walked.
    for (_, operation) in document.operations.iter() {
        if operation.node.ty == OperationType::Mutation
            && password_fields(&operation.node.selection_set.node, document, 0) > 1
        {
            return Err(LimitError::PasswordFields);
        }
    }
    Ok(Measure { fields: largest })
}

/// A selection set's expanded field count and the longest spread chain inside it.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    size: usize,
    spread_depth: usize,
}

/// The expanded size of every fragment, each computed once: fragments are taken in an order
/// where every fragment comes after the ones it spreads (a cycle has no such order).
fn fragment_sizes(document: &ExecutableDocument) -> Result<HashMap<&Name, Size>, LimitError> {
    let spreads: HashMap<&Name, Vec<&Name>> = document
        .fragments
        .iter()
        .map(|(name, fragment)| {
            let mut names = Vec::new();
            spread_names(&fragment.node.selection_set.node, &mut names);
            (name, names)
        })
        .collect();
    // Kahn's algorithm over "spreads": a fragment is ready once everything it spreads is sized.
    let mut waiting: HashMap<&Name, usize> = HashMap::new();
    let mut spread_by: HashMap<&Name, Vec<&Name>> = HashMap::new();
    for (name, targets) in &spreads {
        let known: Vec<&Name> = targets
            .iter()
            .copied()
            .filter(|target| document.fragments.contains_key(*target))
            .collect();
        waiting.insert(name, known.len());
        for target in known {
            spread_by.entry(target).or_default().push(name);
        }
    }
    let mut ready: Vec<&Name> = waiting
        .iter()
        .filter(|(_, count)| **count == 0)
        .map(|(name, _)| *name)
        .collect();
    let mut sizes = HashMap::with_capacity(document.fragments.len());
    while let Some(name) = ready.pop() {
        let fragment = &document.fragments[name];
        let size = expanded(&fragment.node.selection_set.node, &sizes, 0)?;
        if size.spread_depth > MAX_SPREAD_DEPTH {
            return Err(LimitError::SpreadTooDeep);
        }
        sizes.insert(name, size);
        for parent in spread_by.get(name).into_iter().flatten() {
            if let Some(count) = waiting.get_mut(parent) {
                *count -= 1;
                if *count == 0 {
                    ready.push(parent);
                }
            }
        }
    }
    if sizes.len() < document.fragments.len() {
        return Err(LimitError::FragmentCycle);
    }
    Ok(sizes)
}

/// The names a selection set spreads directly (not through other fragments).
fn spread_names<'d>(set: &'d SelectionSet, names: &mut Vec<&'d Name>) {
    for selection in &set.items {
        match &selection.node {
            Selection::Field(field) => spread_names(&field.node.selection_set.node, names),
            Selection::FragmentSpread(spread) => names.push(&spread.node.fragment_name.node),
            Selection::InlineFragment(inline) => {
                spread_names(&inline.node.selection_set.node, names);
            }
        }
    }
}

/// The expanded size of `set`, with every fragment it spreads already in `fragments` (an
/// unknown fragment counts 0: validation reports it). Recursion follows the text's nesting
/// only, which [`scan_nesting`] bounded.
fn expanded(
    set: &SelectionSet,
    fragments: &HashMap<&Name, Size>,
    nesting: usize,
) -> Result<Size, LimitError> {
    if nesting > MAX_NESTING {
        return Err(LimitError::TooDeep);
    }
    let mut total = Size::default();
    for selection in &set.items {
        let inner = match &selection.node {
            Selection::Field(field) => {
                let inner = expanded(&field.node.selection_set.node, fragments, nesting + 1)?;
                Size {
                    size: inner.size.saturating_add(1),
                    ..inner
                }
            }
            Selection::InlineFragment(inline) => {
                expanded(&inline.node.selection_set.node, fragments, nesting + 1)?
            }
            Selection::FragmentSpread(spread) => fragments
                .get(&spread.node.fragment_name.node)
                .map(|size| Size {
                    spread_depth: size.spread_depth + 1,
                    ..*size
                })
                .unwrap_or_default(),
        };
        total.size = total.size.saturating_add(inner.size);
        total.spread_depth = total.spread_depth.max(inner.spread_depth);
    }
    Ok(total)
}

/// How many root fields of a mutation hash a password, through fragments at the root.
fn password_fields(
    set: &SelectionSet,
    document: &ExecutableDocument,
    spread_depth: usize,
) -> usize {
    if spread_depth > MAX_SPREAD_DEPTH {
        return 0;
    }
    set.items
        .iter()
        .map(|selection| match &selection.node {
            Selection::Field(field) => {
                usize::from(PASSWORD_FIELDS.contains(&field.node.name.node.as_str()))
            }
            Selection::InlineFragment(inline) => {
                password_fields(&inline.node.selection_set.node, document, spread_depth)
            }
            Selection::FragmentSpread(spread) => document
                .fragments
                .get(&spread.node.fragment_name.node)
                .map_or(0, |fragment: &Positioned<_>| {
                    password_fields(
                        &fragment.node.selection_set.node,
                        document,
                        spread_depth + 1,
                    )
                }),
        })
        .fold(0, usize::saturating_add)
}

#[cfg(test)]
#[path = "limits_tests.rs"]
mod tests;
