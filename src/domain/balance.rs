//! The estimated balance: the balance a user stated, walked to another day by their paydays and
//! bills (DESIGN §1 "Estimated balance").
//!
//! `balance` is what the user stated as of the *start* of `balance_on`. On a later day `on`, the
//! estimate adds every payday occurrence and subtracts every bill occurrence from `balance_on`
//! to the day before `on`; on an earlier day it walks backwards over `on` to the day before
//! `balance_on` with the signs reversed (what was paid is given back, what was received is
//! taken away), so walking there and back gives the stated balance again. More than
//! [`MAX_DAYS`] days apart, the stated balance is returned as it is. Archived entries are left
//! out and exceptions are applied, as in the forecast; the forecast's default
//! `startingBalance` is `estimated_balance(…, on: from, …)`.
//!
//! The walk only sums effective occurrences, one entry at a time, without collecting them: its
//! cost is the number of occurrences in at most 1830 days, and its memory is constant. Like
//! the forecast, it walks at most [`MAX_OCCURRENCES`] of them and is refused
//! ([`ForecastError::TooLarge`]) past that, so a hostile request cannot make it walk millions.

use chrono::NaiveDate;

use super::forecast::{Flow, ForecastError, MAX_OCCURRENCES};
use super::money::Money;
use super::occurrence::effective;

/// Farther apart than this many days, the stated balance is used as it is.
pub const MAX_DAYS: i64 = 1830;

/// The balance at the start of `on`, from `balance` stated at the start of `balance_on`.
pub fn estimated_balance(
    balance: Money,
    balance_on: NaiveDate,
    on: NaiveDate,
    bills: &[Flow<'_>],
    paydays: &[Flow<'_>],
) -> Result<Money, ForecastError> {
    let days = (on - balance_on).num_days();
    if days == 0 || days.abs() > MAX_DAYS {
        return Ok(balance);
    }
    let (first, last) = if days > 0 {
        (balance_on, on.pred_opt().unwrap_or(on))
    } else {
        (on, balance_on.pred_opt().unwrap_or(balance_on))
    };
    let mut allowance = MAX_OCCURRENCES;
    let mut total = |flows: &[Flow<'_>]| -> Result<Money, ForecastError> {
        let mut sum = Money::ZERO;
        for flow in flows.iter().filter(|flow| !flow.archived) {
            for (_, amount) in effective(flow.schedule, flow.amount, flow.exceptions, first, last) {
                allowance = allowance.checked_sub(1).ok_or(ForecastError::TooLarge)?;
                sum = sum.checked_add(amount)?;
            }
        }
        Ok(sum)
    };
    let net = total(paydays)?.checked_sub(total(bills)?)?;
    Ok(if days > 0 {
        balance.checked_add(net)?
    } else {
        balance.checked_sub(net)?
    })
}

#[cfg(test)]
#[path = "balance_tests.rs"]
mod tests;
