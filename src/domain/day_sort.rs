//! A stable sort of dated items by day, for the forecast: a counting sort over the days of a
//! known span, linear where a comparison sort of many interleaved per-flow runs dominated the
//! whole forecast.

use chrono::{Datelike, NaiveDate};

/// A copy of `items` (each dated from `from` to `to` by `date_of`) sorted by date, keeping the
/// order of items within a day.
///
/// Falls back to a comparison sort when the days far outnumber the items (a last period that
/// runs years past `until`).
pub(super) fn stable_sort_by_date<T: Clone>(
    items: &[T],
    from: NaiveDate,
    to: NaiveDate,
    date_of: impl Fn(&T) -> NaiveDate,
) -> Vec<T> {
    let days = usize::try_from((to - from).num_days()).map_or(usize::MAX, |d| d + 1);
    if items.is_empty() || days > items.len().saturating_mul(4).max(4096) {
        let mut sorted = items.to_vec();
        sorted.sort_by_key(|item| date_of(item));
        return sorted;
    }
    let offsets = DayOffsets::new(from, to);
    // next_slot[d] is where the next item of day d goes.
    let mut next_slot = vec![0usize; days + 1];
    for item in items {
        next_slot[offsets.of(date_of(item)) + 1] += 1;
    }
    for day in 1..=days {
        next_slot[day] += next_slot[day - 1];
    }
    let mut sorted = items.to_vec();
    for item in items {
        let slot = &mut next_slot[offsets.of(date_of(item))];
        sorted[*slot] = item.clone();
        *slot += 1;
    }
    sorted
}

/// Days since `from`, computed from a date's year and ordinal (stored fields in chrono) and a
/// table of year starts: much cheaper than a day count from the epoch per item.
struct DayOffsets {
    first_year: i32,
    /// For each year from `from`'s on: the offset of its day with ordinal 0 (Jan 1 is 1).
    year_base: Vec<i64>,
}

impl DayOffsets {
    fn new(from: NaiveDate, to: NaiveDate) -> Self {
        let mut base = -i64::from(from.ordinal());
        let year_base = (from.year()..=to.year())
            .map(|year| {
                let this = base;
                base += if NaiveDate::from_ymd_opt(year, 2, 29).is_some() {
                    366
                } else {
                    365
                };
                this
            })
            .collect();
        DayOffsets {
            first_year: from.year(),
            year_base,
        }
    }

    /// The offset of `date`, which must lie from `from` to `to`.
    fn of(&self, date: NaiveDate) -> usize {
        let year = (date.year() - self.first_year) as usize;
        (self.year_base[year] + i64::from(date.ordinal())) as usize
    }
}

#[cfg(test)]
mod tests {
    use chrono::Days;

    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().expect("a valid test date")
    }

    #[test]
    fn items_are_sorted_by_day_and_keep_their_order_within_a_day_across_leap_years() {
        let (from, to) = (date("2027-12-30"), date("2028-03-02"));
        let items: Vec<(NaiveDate, usize)> = (0..200)
            .map(|i| (from + Days::new((i * 37 % 64) as u64), i))
            .collect();
        let mut expected = items.clone();
        expected.sort_by_key(|&(day, _)| day);

        let sorted = stable_sort_by_date(&items, from, to, |&(day, _)| day);

        assert_eq!(sorted, expected);
    }

    #[test]
    fn a_span_far_longer_than_the_items_falls_back_to_a_comparison_sort() {
        let (from, to) = (date("2026-01-01"), date("2040-01-01"));
        let items = vec![(to, 0), (from, 1), (to, 2), (from, 3)];

        let sorted = stable_sort_by_date(&items, from, to, |&(day, _)| day);

        assert_eq!(sorted, vec![(from, 1), (from, 3), (to, 0), (to, 2)]);
    }
}
