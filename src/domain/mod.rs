//! Pure rules: no I/O, no async. Everything a user sees is computed here from plain values,
//! and every input becomes one of these validated types before it reaches a store.

pub mod account;
pub mod balance;
mod day_sort;
pub mod entry;
pub mod forecast;
pub mod holidays;
pub mod id;
pub mod money;
pub mod occurrence;
pub mod plan;
pub mod schedule;
pub mod session;
#[cfg(test)]
mod test_support;
pub mod window;
