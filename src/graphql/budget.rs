//! The per-request response budget: list items × the fields selected on each.
//!
//! Complexity counts the fields a query *names*; it cannot see how long the lists are, so
//! `bills { __typename a1: __typename … }` over 1,000 bills, or a five-year forecast over
//! 1,000 daily bills, stays cheap by that count and still asks for hundreds of megabytes. So
//! every resolver that returns a list draws `items × (1 + fields selected below it)` from one
//! [`Budget`] per request *before* it builds the items, and the request is refused with
//! `LIMIT_EXCEEDED` when the budget runs out — in milliseconds, since nothing big was built.
//! Nested lists draw again for their own items, so the count errs on the generous side.
//!
//! The budget also carries the request's deadline: long work checks [`Budget::check`] in its
//! loops, so a request stops when its time is up instead of running on after the HTTP layer
//! has already answered 408.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use async_graphql::parser::types::Field;
use async_graphql::{Context, Positioned, SelectionField};

use crate::error::{AppError, AppResult};

/// Values (list items × selected fields) one response may hold. The household forecast over a
/// year is about 3,000; a bill list of 1,000 bills with every field about 20,000.
pub const MAX_RESPONSE_VALUES: u64 = 100_000;

/// How many list fields' counts of selected fields a [`Budget`] remembers. A document has a
/// few list fields and a forecast draws for them hundreds of times (every period's bills);
/// past this many, the count is made afresh each time, as it was before it was remembered.
const REMEMBERED_FIELDS: usize = 16;

/// A budget as it was at one moment ([`Budget::spent`]).
#[derive(Debug, Clone, Copy)]
pub struct Spent {
    remaining: u64,
    exceeded: bool,
}

/// One request's allowance of response values and time.
#[derive(Debug)]
pub struct Budget {
    remaining: AtomicU64,
    deadline: Instant,
    exceeded: AtomicBool,
    /// [`selected_below`] of the list fields drawn for so far, by the field's address in the
    /// request's document. The document does not change or move while the request runs, and
    /// the count depends on the field's node alone (fragments expanded, with `@skip` and
    /// `@include` already applied), so a field counted once keeps its count.
    counted: Mutex<Vec<(usize, u64)>>,
}

impl Budget {
    /// A full budget with `time` to spend.
    pub fn new(time: Duration) -> Self {
        Budget {
            remaining: AtomicU64::new(MAX_RESPONSE_VALUES),
            deadline: Instant::now() + time,
            exceeded: AtomicBool::new(false),
            counted: Mutex::new(Vec::new()),
        }
    }

    /// The fields selected below the list field `ctx` is at ([`selected_below`]), counted
    /// once per field and request.
    fn selected_below(&self, ctx: &Context<'_>) -> u64 {
        let at = std::ptr::from_ref::<Positioned<Field>>(ctx.item) as usize;
        let counted = || self.counted.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(&(_, count)) = counted().iter().find(|&&(field, _)| field == at) {
            return count;
        }
        let count = selected_below(ctx.field());
        let mut remembered = counted();
        if remembered.len() < REMEMBERED_FIELDS {
            remembered.push((at, count));
        }
        count
    }

    /// Draws `values` from the budget; once it is overdrawn or the deadline has passed, this
    /// and every later call fail.
    pub fn draw(&self, values: u64) -> AppResult<()> {
        let drawn = self
            .remaining
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(values)
            });
        if drawn.is_err() {
            self.remaining.store(0, Ordering::Relaxed);
            return Err(self.refuse());
        }
        self.check()
    }

    /// Draws `values` when that many are left and the request has time, and says whether it
    /// did; otherwise changes nothing (the caller then does the work that would have drawn
    /// them, which fails where it fails).
    pub fn draw_if_left(&self, values: u64) -> bool {
        if self.check().is_err() {
            return false;
        }
        self.remaining
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                left.checked_sub(values)
            })
            .is_ok()
    }

    /// The values left to draw.
    pub fn remaining(&self) -> u64 {
        self.remaining.load(Ordering::Relaxed)
    }

    /// What is left now, to [`restore`](Self::restore) after work that is then done again.
    pub fn spent(&self) -> Spent {
        Spent {
            remaining: self.remaining(),
            exceeded: self.exceeded.load(Ordering::Relaxed),
        }
    }

    /// Puts the budget back as it was at `spent` (the deadline stays).
    pub fn restore(&self, spent: Spent) {
        self.remaining.store(spent.remaining, Ordering::Relaxed);
        self.exceeded.store(spent.exceeded, Ordering::Relaxed);
    }

    /// Fails once the deadline has passed (or the budget was exceeded before).
    pub fn check(&self) -> AppResult<()> {
        if self.exceeded.load(Ordering::Relaxed) || Instant::now() > self.deadline {
            return Err(self.refuse());
        }
        Ok(())
    }

    /// Whether the request ran out of budget or time.
    pub fn is_exceeded(&self) -> bool {
        self.exceeded.load(Ordering::Relaxed)
    }

    fn refuse(&self) -> AppError {
        self.exceeded.store(true, Ordering::Relaxed);
        AppError::LimitExceeded(format!(
            "the response would be too large or take too long: ask for fewer items, fewer \
             fields or a shorter window (at most {MAX_RESPONSE_VALUES} list values per request)"
        ))
    }
}

/// Draws `items` × (1 + the fields selected under the current field) from the request's
/// budget. Call it in a list resolver before building the items. Without a budget in the
/// request (a schema executed directly, as in unit tests) nothing is limited.
pub fn draw_list(ctx: &Context<'_>, items: usize) -> AppResult<()> {
    let Some(budget) = ctx.data_opt::<Budget>() else {
        return Ok(());
    };
    budget.check()?;
    let per_item = 1 + budget.selected_below(ctx);
    budget.draw(
        u64::try_from(items)
            .unwrap_or(u64::MAX)
            .saturating_mul(per_item),
    )
}

/// Fails once the request's time is up; long loops call it.
pub fn check(ctx: &Context<'_>) -> AppResult<()> {
    ctx.data_opt::<Budget>().map_or(Ok(()), Budget::check)
}

/// Every field selected below `field`, fragments expanded (`__typename` and aliases count).
/// The document was measured before execution, so this walk is small.
fn selected_below(field: SelectionField<'_>) -> u64 {
    field
        .selection_set()
        .map(|child| 1 + selected_below(child))
        .fold(0, u64::saturating_add)
}

#[cfg(test)]
mod tests {
    use super::*;
    use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema};

    struct Item;

    #[Object]
    impl Item {
        async fn a(&self) -> i32 {
            1
        }
        async fn b(&self) -> i32 {
            2
        }
        async fn sub(&self, ctx: &Context<'_>, n: usize) -> async_graphql::Result<Vec<Item>> {
            draw_list(ctx, n)?;
            Ok((0..n).map(|_| Item).collect())
        }
    }

    struct Query;

    #[Object]
    impl Query {
        async fn items(&self, ctx: &Context<'_>, n: usize) -> async_graphql::Result<Vec<Item>> {
            draw_list(ctx, n)?;
            Ok((0..n).map(|_| Item).collect())
        }
    }

    /// Whether `query` runs within a budget of `values`.
    async fn fits(query: &str, values: u64) -> bool {
        let schema = Schema::new(Query, EmptyMutation, EmptySubscription);
        let budget = Budget::new(Duration::from_secs(60));
        budget.remaining.store(values, Ordering::Relaxed);
        let response = schema
            .execute(async_graphql::Request::new(query).data(budget))
            .await;
        response.errors.is_empty()
    }

    /// The least budget `query` runs within.
    async fn drawn(query: &str) -> u64 {
        let (mut low, mut high) = (0, 10_000);
        while low < high {
            let mid = (low + high) / 2;
            if fits(query, mid).await {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        low
    }

    #[tokio::test]
    async fn a_list_field_drawn_for_again_draws_what_it_drew_the_first_time() {
        // items: 3 × (1 + a, sub, sub.a, sub.b); each item's sub: 2 × (1 + a, b).
        let nested = "{ items(n: 3) { a sub(n: 2) { a b } } }";
        assert_eq!(drawn(nested).await, 3 * 5 + 3 * (2 * 3));
        let fragments =
            "{ items(n: 3) { ...F } } fragment F on Item { a sub(n: 2) { ... on Item { a b } } }";
        assert_eq!(drawn(fragments).await, 3 * 5 + 3 * (2 * 3));
        // More list fields than are remembered: each still draws its own count.
        let many: String = (0..REMEMBERED_FIELDS + 4)
            .map(|i| {
                let fields = " a".repeat(i % 3 + 1);
                format!(" l{i}: items(n: 2) {{ {fields} }}")
            })
            .collect();
        let expected: u64 = (0..REMEMBERED_FIELDS + 4)
            .map(|i| 2 * (1 + (i % 3 + 1)) as u64)
            .sum();
        assert_eq!(drawn(&format!("{{ {many} }}")).await, expected);
    }

    #[test]
    fn drawing_past_the_budget_fails_and_keeps_failing() {
        let budget = Budget::new(Duration::from_secs(60));
        assert!(budget.draw(MAX_RESPONSE_VALUES - 1).is_ok());
        assert!(budget.draw(2).is_err());
        assert!(budget.is_exceeded());
        assert!(budget.draw(0).is_err(), "an exceeded budget stays exceeded");
    }

    #[test]
    fn a_passed_deadline_fails_every_check() {
        let budget = Budget::new(Duration::ZERO);
        std::thread::sleep(Duration::from_millis(2));
        assert!(budget.check().is_err());
        assert!(budget.draw(1).is_err());
    }
}
