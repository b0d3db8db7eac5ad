//! Black-box API tests: the real server on port 0 over a fresh database, talked to over HTTP.
//! Tests declared with `backend_tests!` run once on MongoDB (FerretDB here) and once on SQLite.

#[path = "../common/mod.rs"]
mod common;
mod helpers;

mod accounts;
mod entries;
mod forecast;
mod hostile;
mod http;
mod loaders;
