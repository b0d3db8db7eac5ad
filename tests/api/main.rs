//! Black-box API tests: the real server on port 0 over a fresh database, talked to over HTTP.
//! Tests declared with `common::backend_tests!` run once on MongoDB (FerretDB here) and once on
//! SQLite: those whose outcome depends on the store. Tests of what is refused before any store
//! work (malformed scalars and inputs, limits, transport rules) run once, on SQLite: parity
//! between the stores is the contract suite's job (`tests/store_contract.rs`).

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod accounts;
mod calendar;
mod connections;
mod counting;
mod direct;
mod entries;
mod forecast;
mod hostile;
mod http;
mod loaders;
mod plan;
mod readiness;
mod transport;
