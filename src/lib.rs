//! Wisewallet: how much must I set aside from this paycheck to cover every bill due before the
//! next one? A GraphQL API over MongoDB or an embedded SQLite file.
//!
//! A request walks [`http`] → [`graphql`] → [`store`] → [`domain`] and back.
//!
//! (The one-line comments below are a tour for readers of this file; each module's own
//! documentation is its inner `//!` text, where its links resolve.)

// Building the server and running it until a shutdown signal.
pub mod app;
// Passwords, session tokens, sign-in throttling, and the signed-in viewer.
pub mod auth;
// The private calendar feed, `GET /calendar/<token>.ics`.
pub mod calendar;
// The command line: `serve`, `healthcheck`, `export`, `import`.
pub mod cli;
// Environment variables → a typed, validated `Config`.
pub mod config;
// The accept loop: a cap on connections, header-read and idle timeouts, graceful shutdown.
pub mod connections;
// Pure rules: money, ids, accounts, sessions, bills and paydays, schedules, the forecast. No I/O.
pub mod domain;
// The edge: bounded request targets and request ids, security headers, early refusals.
pub mod edge;
// The one application error and its `extensions.code`.
pub mod error;
// The GraphiQL page, with pinned assets and its own Content-Security-Policy.
pub mod graphiql;
// The GraphQL schema: scalars, loaders, and one module per feature.
pub mod graphql;
// The router, tower layers, health checks and the static frontend.
pub mod http;
// The `Store` trait, its MongoDB and SQLite implementations (one file per record), the export.
pub mod store;
// Logging set-up.
pub mod telemetry;
