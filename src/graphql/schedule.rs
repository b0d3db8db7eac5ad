//! The `Schedule` type and `ScheduleInput`.

use async_graphql::resolver_utils::enum_value;
use async_graphql::{Context, InputObject, Object, ServerResult, Value};

use super::direct::{DirectObject, Items, Out, Walk};
use super::scalars::{Date, Frequency, WeekendRule};
use crate::domain::schedule::{self, ScheduleParts};
use crate::error::{AppError, AppResult};

/// When a bill or payday occurs. Dates are nominal dates shifted by `weekend`.
pub struct Schedule<'a>(pub &'a schedule::Schedule);

/// When a bill or payday occurs. Dates are nominal dates shifted by `weekend`.
#[Object]
impl Schedule<'_> {
    /// The first possible date, and the anchor every later date is counted from.
    async fn start(&self) -> Date {
        Date(self.0.start())
    }

    /// How often it repeats; null means once, on `start`.
    async fn frequency(&self) -> Option<Frequency> {
        self.0.frequency().map(Into::into)
    }

    /// Every N days, weeks, months or years (WEEKLY with 2 is biweekly).
    async fn interval(&self) -> i32 {
        self.0.interval() as i32
    }

    /// MONTHLY only: the days of the month (1–31, -1 = last day); empty otherwise.
    async fn days_of_month(&self) -> Vec<i32> {
        self.0.days_of_month().to_vec()
    }

    /// The last possible nominal date (inclusive), if any.
    async fn until(&self) -> Option<Date> {
        self.0.until().map(Date)
    }

    /// How many nominal occurrences there are, if limited.
    async fn count(&self) -> Option<i32> {
        self.0.count().map(|c| c as i32)
    }

    /// Where a Saturday or Sunday date moves.
    async fn weekend(&self) -> WeekendRule {
        self.0.weekend().into()
    }
}

impl DirectObject for Schedule<'_> {
    const NAME: &'static str = "Schedule";
    const FIELDS: &'static [&'static str] = &[
        "start",
        "frequency",
        "interval",
        "daysOfMonth",
        "until",
        "count",
        "weekend",
    ];

    fn field(&self, ctx: &Context<'_>, _: &Walk<'_>, out: &mut Out<'_>) -> ServerResult<()> {
        let s = self.0;
        match ctx.item.node.name.node.as_str() {
            "start" => out.put(s.start()),
            "frequency" => out.put(s.frequency().map(|f| enum_value(Frequency::from(f)))),
            "interval" => out.put(s.interval() as i32),
            "daysOfMonth" => out.put(Items(s.days_of_month().iter().copied())),
            "until" => out.put(s.until()),
            "count" => out.put(s.count().map(|c| c as i32)),
            "weekend" => out.put(enum_value(WeekendRule::from(s.weekend()))),
            _ => out.put(Value::Null),
        }
        Ok(())
    }
}

/// When a bill or payday occurs.
#[derive(InputObject, Clone)]
pub struct ScheduleInput {
    /// The first possible date, and the anchor.
    pub start: Date,
    /// How often it repeats; null or absent means once, on `start`.
    pub frequency: Option<Frequency>,
    /// Every N days, weeks, months or years: 1 to 999.
    #[graphql(default = 1)]
    pub interval: i32,
    /// MONTHLY only: 1 to 4 days, each 1–31 or -1 for the last day. Default: the day of `start`.
    pub days_of_month: Option<Vec<i32>>,
    /// The last possible nominal date (inclusive). Not together with `count`.
    pub until: Option<Date>,
    /// How many nominal occurrences (1 to 10000). Not together with `until`.
    pub count: Option<i32>,
    /// Where a Saturday or Sunday date moves.
    #[graphql(default)]
    pub weekend: WeekendRule,
}

impl TryFrom<ScheduleInput> for schedule::Schedule {
    type Error = AppError;

    fn try_from(input: ScheduleInput) -> AppResult<Self> {
        let parts = ScheduleParts {
            start: input.start.0,
            frequency: input.frequency.map(Into::into),
            interval: input.interval.into(),
            days_of_month: input
                .days_of_month
                .map(|days| days.into_iter().map(i64::from).collect()),
            until: input.until.map(|d| d.0),
            count: input.count.map(i64::from),
            weekend: input.weekend.into(),
        };
        Ok(schedule::Schedule::try_from(parts)?)
    }
}
