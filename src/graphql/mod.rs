//! The GraphQL API: schema construction, SDL export, and one module per feature.
//!
//! Limits (tested in `tests/api/http.rs`):
//! - depth [`MAX_DEPTH`]: deeper than any real query (the forecast query is 6 deep) but enough
//!   for GraphiQL's introspection query;
//! - complexity [`MAX_COMPLEXITY`]: each field costs 1, so a query may select at most that many
//!   fields, aliases included;
//! - recursion [`MAX_RECURSION`]: nesting of selection sets and fragments while parsing;
//! - introspection: on unless `INTROSPECTION=false`.

pub mod accounts;
pub mod entries;
pub mod forecast;
pub mod loaders;
pub mod scalars;
pub mod schedule;

use std::sync::Arc;

use async_graphql::{Context, EmptySubscription, MergedObject, SDLExportOptions, Schema};

use crate::auth::{Passwords, Throttle, Viewer};
use crate::domain::account::User;
use crate::error::{AppError, AppResult};
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
);

/// Every mutation.
#[derive(MergedObject, Default)]
pub struct Mutation(
    accounts::AccountMutation,
    entries::BillMutation,
    entries::PaydayMutation,
);

/// The schema type.
pub type AppSchema = Schema<Query, Mutation, EmptySubscription>;

/// Settings resolvers need that come from configuration.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// How long a session lasts.
    pub session_ttl: std::time::Duration,
    /// Always send the cookie `Secure`.
    pub cookie_secure: bool,
}

/// Facts about the HTTP request a resolver may need.
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestMeta {
    /// The client reached us over HTTPS (directly or via a proxy that says so).
    pub https: bool,
}

/// Builds the schema with its limits, serving from `store`.
pub fn build_schema(
    store: Arc<dyn Store>,
    settings: AuthSettings,
    introspection: bool,
) -> AppSchema {
    let mut builder = Schema::build(Query::default(), Mutation::default(), EmptySubscription)
        .data(store)
        .data(settings)
        .data(Passwords::default())
        .data(Throttle::default())
        .limit_depth(MAX_DEPTH)
        .limit_complexity(MAX_COMPLEXITY)
        .limit_recursive_depth(MAX_RECURSION);
    if !introspection {
        builder = builder.disable_introspection();
    }
    builder.finish()
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
        let (bills, paydays) = loaders::for_owner(store, user.id);
        request = request.data(bills).data(paydays);
    }
    request.data(viewer)
}

/// The store.
pub(crate) fn store<'a>(ctx: &Context<'a>) -> &'a Arc<dyn Store> {
    ctx.data_unchecked::<Arc<dyn Store>>()
}

/// The signed-in user, or `UNAUTHENTICATED`.
pub(crate) fn viewer<'a>(ctx: &Context<'a>) -> AppResult<&'a User> {
    ctx.data_opt::<Viewer>()
        .and_then(|v| v.user.as_ref())
        .ok_or_else(AppError::unauthenticated)
}
