//! The GraphQL API: schema construction, SDL export, running one request, and one module per
//! feature.
//!
//! A request passes these limits, cheapest first, each before the work it protects
//! (tested in `tests/api/http.rs` and `tests/api/hostile.rs`):
//! 1. bracket nesting ≤ [`limits::MAX_NESTING`] in the text and the variables, before parsing;
//! 2. ≤ [`limits::MAX_FIELDS`] field selections once fragments are expanded (`__typename` and
//!    aliases count), fragment chains ≤ [`limits::MAX_SPREAD_DEPTH`], one `signUp`/`signIn`
//!    per request — measured on the parsed document before validation;
//! 3. async-graphql's own: depth [`MAX_DEPTH`] (the forecast query is 6 deep, GraphiQL's
//!    introspection query 13), complexity [`MAX_COMPLEXITY`], recursion [`MAX_RECURSION`];
//! 4. during execution, the response budget ([`budget`]): list items × selected fields, and
//!    the request's deadline.
//!
//! A document that passed 1 and 2 is kept by its text ([`documents`]), so the same text later
//! skips its parse (limits 1 and 3 still run on every request), and the same text with the
//! same variables and operation name, once it passed every validation rule, is validated
//! again only as far as 3 needs ([`AppSchema`]).
//!
//! Introspection is on unless `INTROSPECTION=false`; with it off, validation errors do not
//! suggest field names either.
//!
//! [`execute`] answers with an [`Answer`]: the response, whose forecast may already be JSON
//! text (see [`direct`]), so it is written with [`Answer::json`] and never by serde directly.

pub mod accounts;
pub mod budget;
pub mod calendar;
pub mod direct;
pub mod documents;
pub mod entries;
pub mod forecast;
pub mod limits;
pub mod loaders;
pub mod scalars;
pub mod schedule;

use std::sync::Arc;
use std::time::Duration;

use async_graphql::{
    Context, EmptySubscription, MergedObject, SDLExportOptions, Schema, ServerError, ValidationMode,
};

use crate::auth::{Limits, Passwords, Throttle, Viewer};
use crate::domain::account::User;
use crate::domain::holidays::Holidays;
use crate::error::{AppError, AppResult, label_uncoded_errors};
use crate::store::Store;

/// Deepest selection allowed.
pub const MAX_DEPTH: usize = 16;
/// Most fields one query may select.
pub const MAX_COMPLEXITY: usize = 2000;
/// Deepest nesting the parser accepts.
pub const MAX_RECURSION: usize = 32;

/// Every query.
#[derive(MergedObject, Default)]
pub struct Query(
    accounts::AccountQuery,
    entries::BillQuery,
    entries::PaydayQuery,
    forecast::ForecastQuery,
    calendar::CalendarQuery,
);

/// Every mutation.
#[derive(MergedObject, Default)]
pub struct Mutation(
    accounts::AccountMutation,
    entries::BillMutation,
    entries::PaydayMutation,
    calendar::CalendarMutation,
);

/// The schema's type, as async-graphql builds it.
pub type QuerySchema = Schema<Query, Mutation, EmptySubscription>;

/// The schema, built twice over the same types and the same data (store, settings, sign-in
/// throttle, password pool): once validating requests with every rule, and once in
/// async-graphql's fast mode, which only measures them (depth, complexity, fragment cycles).
/// [`execute`] runs a request on the second only when the same text, variables and operation
/// name passed the first before ([`documents`]). It dereferences to the first, so executing
/// it directly (as tests do) validates in full.
#[derive(Clone)]
pub struct AppSchema {
    strict: QuerySchema,
    measured: QuerySchema,
}

impl std::ops::Deref for AppSchema {
    type Target = QuerySchema;

    fn deref(&self) -> &QuerySchema {
        &self.strict
    }
}

/// Settings resolvers need that come from configuration.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// How long a session lasts.
    pub session_ttl: std::time::Duration,
    /// Always send the cookie `Secure`.
    pub cookie_secure: bool,
    /// Where the API is reached (`PUBLIC_URL`), for links it hands out.
    pub public_url: Option<String>,
}

/// Facts about the HTTP request a resolver may need.
#[derive(Debug, Clone, Default)]
pub struct RequestMeta {
    /// The client reached us over HTTPS (directly or via a proxy that says so).
    pub https: bool,
    /// The client's address, when known (the TCP peer, or what a trusted proxy says).
    pub client: Option<std::net::IpAddr>,
    /// The request's `Host` header, when it is a plain host name or address with an optional
    /// port (links fall back to it without `PUBLIC_URL`).
    pub host: Option<String>,
}

/// Builds the schema with its limits, serving from `store`.
pub fn build_schema(
    store: Arc<dyn Store>,
    settings: AuthSettings,
    introspection: bool,
) -> AppSchema {
    build_schema_with(store, settings, introspection, Limits::default())
}

/// Builds the schema with its limits and these sign-in throttle limits.
pub fn build_schema_with(
    store: Arc<dyn Store>,
    settings: AuthSettings,
    introspection: bool,
    throttle: Limits,
) -> AppSchema {
    // One of each, shared by both schemas: the throttle's counts and the hashing pool must be
    // the same whichever schema a request runs on.
    let throttle = Throttle::new(throttle, store.clone());
    let passwords = Passwords::default();
    let build = |mode: ValidationMode| {
        let mut builder = Schema::build(Query::default(), Mutation::default(), EmptySubscription)
            .data(throttle.clone())
            .data(store.clone())
            .data(settings.clone())
            .data(passwords.clone())
            .limit_depth(MAX_DEPTH)
            .limit_complexity(MAX_COMPLEXITY)
            .limit_recursive_depth(MAX_RECURSION)
            .validation_mode(mode);
        if !introspection {
            // "Did you mean …" would list field names that introspection is meant to hide.
            builder = builder.disable_introspection().disable_suggestions();
        }
        builder.finish()
    };
    AppSchema {
        strict: build(ValidationMode::Strict),
        measured: build(ValidationMode::Fast),
    }
}

/// Runs one request within every limit (see the module docs) and labels every error with a
/// code. `time` is how long it may take; work still running then stops at its next check.
pub async fn execute(
    schema: &AppSchema,
    store: &Arc<dyn Store>,
    request: async_graphql::Request,
    viewer: Viewer,
    meta: RequestMeta,
    time: Duration,
) -> Answer {
    Answer(execute_response(schema, store, request, viewer, meta, time).await)
}

/// [`execute`]'s response, markers and all.
async fn execute_response(
    schema: &AppSchema,
    store: &Arc<dyn Store>,
    mut request: async_graphql::Request,
    viewer: Viewer,
    meta: RequestMeta,
    time: Duration,
) -> async_graphql::Response {
    if let Err(refusal) = limits::scan_nesting(&request.query) {
        return refused(&refusal);
    }
    // A text parsed before passed the limits then: its copy needs neither parse nor measure.
    // If these variables and operation name passed validation with it too, every rule would
    // pass again: only async-graphql's measures run.
    let key = documents::validation_key(&request);
    let mut validated = false;
    if let Some(hit) = documents::DOCUMENTS.get(&request.query, key.as_deref()) {
        validated = hit.validated;
        request.set_parsed_query(hit.document);
    } else {
        let document = match async_graphql::parser::parse_query(&request.query) {
            Ok(document) => document,
            Err(error) => {
                let error = ServerError::from(error);
                return labelled(async_graphql::Response::from_errors(vec![error]));
            }
        };
        if let Err(refusal) = limits::analyse(&document) {
            return refused(&refusal);
        }
        documents::DOCUMENTS.keep(&request.query, &document);
        request.set_parsed_query(document);
    }
    // Kept only for a request not yet known to pass validation, to say so once it has.
    let unvalidated = key
        .filter(|_| !validated)
        .map(|key| (request.query.clone(), key));
    let request = prepare_request(request, store, viewer, meta)
        .data(budget::Budget::new(time))
        .data(direct::JsonText);
    let mut response = if validated {
        schema.measured.execute(request).await
    } else {
        schema.strict.execute(request).await
    };
    // A request that failed validation (or never reached it) has no data at all; one that has
    // data was executed, so it passed.
    if let Some((text, key)) = unvalidated
        && response.data != async_graphql::Value::Null
    {
        documents::DOCUMENTS.validated(&text, &key);
    }
    if let Some(over) = response
        .errors
        .iter()
        .position(|e| has_code(e, LIMIT_EXCEEDED))
    {
        // One clear error instead of a partial response with one error per refused list.
        response = async_graphql::Response::from_errors(vec![response.errors.swap_remove(over)]);
    }
    labelled(response)
}

/// The response to one request, as [`execute`] answers it: async-graphql's response whose data
/// may hold the forecast already written as JSON text, in a marker (see [`direct`]). Not
/// `Serialize` on purpose: serde would write a marker as an array of numbers.
#[derive(Debug)]
pub struct Answer(async_graphql::Response);

/// A response without markers (any response async-graphql makes itself) as an answer.
impl From<async_graphql::Response> for Answer {
    fn from(response: async_graphql::Response) -> Self {
        Answer(response)
    }
}

impl Answer {
    /// The response's JSON text in one buffer: the bytes [`Answer::pieces`] sends.
    pub fn json(&self) -> Vec<u8> {
        direct::response_json(&self.0)
    }

    /// [`Answer::json`]'s text in pieces, the forecast's text among them as the walk wrote it
    /// (not copied into one buffer): what the HTTP handler sends.
    pub fn pieces(&self) -> Vec<bytes::Bytes> {
        direct::response_pieces(&self.0)
    }

    /// The response with every marker parsed back into a `Value`, for looking at its data.
    pub fn into_response(mut self) -> async_graphql::Response {
        direct::resolve_markers(&mut self.0.data);
        self.0
    }

    /// No error at all.
    pub fn is_ok(&self) -> bool {
        self.0.is_ok()
    }

    /// The errors, in the order they were recorded.
    pub fn errors(&self) -> &[ServerError] {
        &self.0.errors
    }

    /// The response's cache control (sent only when there is no error).
    pub fn cache_control(&self) -> async_graphql::CacheControl {
        self.0.cache_control
    }

    /// Headers resolvers added to the HTTP response.
    pub fn http_headers(&self) -> &axum::http::HeaderMap {
        &self.0.http_headers
    }
}

const LIMIT_EXCEEDED: &str = "LIMIT_EXCEEDED";

fn has_code(error: &ServerError, code: &str) -> bool {
    error
        .extensions
        .as_ref()
        .and_then(|extensions| extensions.get("code"))
        .is_some_and(|value| *value == async_graphql::Value::from(code))
}

fn labelled(mut response: async_graphql::Response) -> async_graphql::Response {
    label_uncoded_errors(&mut response.errors);
    response
}

/// The response to a document refused before parsing or validation.
fn refused(refusal: &limits::LimitError) -> async_graphql::Response {
    let mut error = ServerError::new(refusal.to_string(), None);
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", refusal.code());
    async_graphql::Response::from_errors(vec![error])
}

/// The schema's SDL, sorted, with descriptions: the contract in `schema/schema.graphql`.
pub fn sdl() -> String {
    Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .finish()
        .sdl_with_options(
            SDLExportOptions::new()
                .sorted_fields()
                .sorted_arguments()
                .sorted_enum_items(),
        )
}

/// Adds to `request` what resolvers need to know about who asks: the viewer, the HTTP facts,
/// and — for a signed-in viewer — fresh DataLoaders scoped to them.
pub fn prepare_request(
    request: async_graphql::Request,
    store: &Arc<dyn Store>,
    viewer: Viewer,
    meta: RequestMeta,
) -> async_graphql::Request {
    let mut request = request.data(meta);
    if let Some(user) = &viewer.user {
        let (bills, paydays) = loaders::for_owner(store, user.id, user.holidays);
        request = request.data(bills).data(paydays);
    }
    request.data(viewer)
}

/// The store.
pub(crate) fn store<'a>(ctx: &Context<'a>) -> &'a Arc<dyn Store> {
    ctx.data_unchecked::<Arc<dyn Store>>()
}

/// The viewer's holiday calendar ([`Holidays::None`] for nobody): every entry read for them is
/// seen through it ([`Entry::with_holidays`](crate::domain::entry::Entry::with_holidays)).
pub(crate) fn holidays(ctx: &Context<'_>) -> Holidays {
    viewer(ctx).map_or(Holidays::None, |user| user.holidays)
}

/// The signed-in user, or `UNAUTHENTICATED`.
pub(crate) fn viewer<'a>(ctx: &Context<'a>) -> AppResult<&'a User> {
    ctx.data_opt::<Viewer>()
        .and_then(|v| v.user.as_ref())
        .ok_or_else(AppError::unauthenticated)
}
