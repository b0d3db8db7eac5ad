//! The calendar: the viewer's holidays, and their private calendar feed (DESIGN §1 "Business
//! days and holidays", "Calendar feed").
//!
//! The feed itself is served outside GraphQL (`GET /calendar/<token>.ics`, see
//! [`crate::calendar`]); here a signed-in user makes, sees and revokes its link. The token is
//! 256 random bits, stored only as its SHA-256; the link is returned once, by
//! `createCalendarFeed`, and making a new one revokes the old.

use async_graphql::{Context, Object, SimpleObject};

use super::budget::draw_list;
use super::scalars::{Date, DateTime};
use super::{AuthSettings, RequestMeta, store, viewer};
use crate::auth::new_token;
use crate::domain::window::Window;
use crate::error::{AppError, AppResult};
use crate::store::now_millis;

/// A holiday in the viewer's calendar.
#[derive(SimpleObject)]
pub struct Holiday {
    /// The day.
    date: Date,
    /// Its name, as the `holidays` package for Python names it (German names for `DE`).
    name: &'static str,
}

/// A private calendar link (iCalendar) that any calendar app can subscribe to.
#[derive(SimpleObject)]
pub struct CalendarFeed {
    /// The link: only `createCalendarFeed` returns it (it is stored only as a hash), so it is
    /// null everywhere else. Anyone with it can read your bills and paydays.
    url: Option<String>,
    /// When the link was made.
    created_at: DateTime,
}

impl CalendarFeed {
    /// The feed of a user who has one, as `me.calendarFeed` shows it (without its link).
    pub fn existing(created_at: chrono::DateTime<chrono::Utc>) -> Self {
        CalendarFeed {
            url: None,
            created_at: DateTime(created_at),
        }
    }
}

/// Calendar queries.
#[derive(Default)]
pub struct CalendarQuery;

#[Object]
impl CalendarQuery {
    /// The holidays of your calendar (`User.holidays`) from `from` to `to`, both included (at
    /// most 1830 days apart), in date order; none with `NONE`.
    async fn holidays(&self, ctx: &Context<'_>, from: Date, to: Date) -> AppResult<Vec<Holiday>> {
        let user = viewer(ctx)?;
        let window = Window::new(from.0, to.0)?;
        let list = user.holidays.between(window.from(), window.to());
        draw_list(ctx, list.len())?;
        Ok(list
            .iter()
            .map(|h| Holiday {
                date: Date(h.date),
                name: h.name,
            })
            .collect())
    }
}

/// Calendar mutations.
#[derive(Default)]
pub struct CalendarMutation;

#[Object]
impl CalendarMutation {
    /// Makes a new private calendar link and returns it (the only time its `url` is shown);
    /// the previous link, if any, stops working.
    async fn create_calendar_feed(&self, ctx: &Context<'_>) -> AppResult<CalendarFeed> {
        let user = viewer(ctx)?;
        let base = public_base(ctx).ok_or_else(|| {
            AppError::bad_input(
                "the server does not know its public address: set PUBLIC_URL, or send a Host header",
            )
        })?;
        let (token, hash) = new_token();
        let created_at = now_millis();
        store(ctx)
            .replace_calendar_feed(user.id, &hash, created_at)
            .await?;
        Ok(CalendarFeed {
            url: Some(format!("{base}/calendar/{token}.ics")),
            created_at: DateTime(created_at),
        })
    }

    /// Revokes your calendar link; false when there was none.
    async fn delete_calendar_feed(&self, ctx: &Context<'_>) -> AppResult<bool> {
        let user = viewer(ctx)?;
        Ok(store(ctx).delete_calendar_feed(user.id).await?)
    }
}

/// Where links to this server start: `PUBLIC_URL`, else the request's scheme and `Host`.
fn public_base(ctx: &Context<'_>) -> Option<String> {
    if let Some(url) = ctx
        .data_opt::<AuthSettings>()
        .and_then(|s| s.public_url.clone())
    {
        return Some(url);
    }
    let meta = ctx.data_opt::<RequestMeta>()?;
    let scheme = if meta.https { "https" } else { "http" };
    meta.host.as_ref().map(|host| format!("{scheme}://{host}"))
}
