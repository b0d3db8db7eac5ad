//! Helpers shared by the domain's tests: dates and money from text, and bills and paydays that
//! own what a [`Flow`] borrows.

use chrono::NaiveDate;

use super::entry::Amount;
use super::forecast::Flow;
use super::id::Id;
use super::money::Money;
use super::occurrence::{Change, Exceptions};
use super::plan::Envelope;
use super::schedule::{Frequency, Schedule, ScheduleParts, WeekendRule};
use super::window::Window;

pub(crate) fn date(text: &str) -> NaiveDate {
    text.parse().expect("a valid test date")
}

pub(crate) fn money(text: &str) -> Money {
    text.parse().expect("a valid test amount")
}

pub(crate) fn window(from: &str, until: &str) -> Window {
    Window::new(date(from), date(until)).expect("a valid test window")
}

pub(crate) fn id(n: u16) -> Id {
    let [high, low] = n.to_be_bytes();
    Id::from_bytes([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, high, low])
}

pub(crate) fn every(start: &str, frequency: Option<Frequency>, interval: i64) -> ScheduleParts {
    ScheduleParts {
        start: date(start),
        frequency,
        interval,
        days_of_month: None,
        until: None,
        count: None,
        weekend: WeekendRule::Keep,
    }
}

pub(crate) fn monthly(start: &str) -> ScheduleParts {
    every(start, Some(Frequency::Monthly), 1)
}

pub(crate) fn once(start: &str) -> ScheduleParts {
    every(start, None, 1)
}

/// A bill or payday owning what a [`Flow`] borrows.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub id: Id,
    pub name: String,
    pub amount: Money,
    pub schedule: Schedule,
    pub exceptions: Exceptions,
    pub envelope: Envelope,
    pub archived: bool,
}

impl Item {
    /// An item with an empty envelope stated on 2000-01-01 (long before any test's window: the
    /// plan starts 1830 days before `from`).
    pub(crate) fn new(n: u16, name: &str, amount: &str, parts: ScheduleParts) -> Item {
        Item {
            id: id(n),
            name: name.to_string(),
            amount: money(amount),
            schedule: Schedule::try_from(parts).expect("a valid test schedule"),
            exceptions: Exceptions::new(),
            envelope: Envelope::empty(date("2000-01-01")),
            archived: false,
        }
    }

    pub(crate) fn archived(self) -> Item {
        Item {
            archived: true,
            ..self
        }
    }

    pub(crate) fn reserved(self, reserved: &str, on: &str) -> Item {
        Item {
            envelope: Envelope::new(money(reserved), date(on)).expect("a valid test envelope"),
            ..self
        }
    }

    pub(crate) fn change(mut self, on: &str, change: Change) -> Item {
        self.exceptions
            .set(&self.schedule, date(on), change)
            .expect("a valid test exception");
        self
    }

    pub(crate) fn skip(self, on: &str) -> Item {
        self.change(on, Change::Skip)
    }

    pub(crate) fn costing(self, on: &str, amount: &str) -> Item {
        let amount = Amount::try_from(money(amount)).expect("a valid test amount");
        self.change(
            on,
            Change::Adjust {
                amount: Some(amount),
                move_to: None,
            },
        )
    }

    pub(crate) fn moved(self, on: &str, to: &str) -> Item {
        self.change(
            on,
            Change::Adjust {
                amount: None,
                move_to: Some(date(to)),
            },
        )
    }

    pub(crate) fn flow(&self) -> Flow<'_> {
        Flow {
            id: self.id,
            name: &self.name,
            amount: self.amount,
            schedule: &self.schedule,
            exceptions: &self.exceptions,
            envelope: self.envelope,
            archived: self.archived,
        }
    }
}

pub(crate) fn flows(items: &[Item]) -> Vec<Flow<'_>> {
    items.iter().map(Item::flow).collect()
}

/// DESIGN §1's household: Salary 2000.00 every 2 weeks from Fri 2026-01-02; Rent 1500.00
/// monthly from 2026-01-01; Phone 80.00 monthly from 2026-01-31; Insurance 600.00 yearly from
/// 2026-03-15 with `weekend: BEFORE`. Returns (bills, paydays), bills as Rent, Phone, Insurance.
pub(crate) fn design_household() -> (Vec<Item>, Vec<Item>) {
    let salary = Item::new(
        1,
        "Salary",
        "2000.00",
        every("2026-01-02", Some(Frequency::Weekly), 2),
    );
    let rent = Item::new(2, "Rent", "1500.00", monthly("2026-01-01"));
    let phone = Item::new(3, "Phone", "80.00", monthly("2026-01-31"));
    let insurance = Item::new(
        4,
        "Insurance",
        "600.00",
        ScheduleParts {
            weekend: WeekendRule::Before,
            ..every("2026-03-15", Some(Frequency::Yearly), 1)
        },
    );
    (vec![rent, phone, insurance], vec![salary])
}
