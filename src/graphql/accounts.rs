//! Accounts: `me`, `signUp`, `signIn`, `signOut`, `updateSettings`.

use anyhow::Context as _;
use async_graphql::{Context, InputObject, Object, SimpleObject};

use super::scalars::{Date, DateTime, PlanModeValue};
use super::{AuthSettings, RequestMeta, store, viewer};
use crate::auth::{Passwords, SESSION_COOKIE, Throttle, Viewer, new_session_token};
use crate::domain::account::{Currency, Email, Password, PlanMode, SettingsChange, Timezone, User};
use crate::domain::balance::estimated_balance;
use crate::domain::holidays::Holidays;
use crate::domain::id::Id;
use crate::domain::money::Money;
use crate::domain::session::Session;
use crate::domain::window::stated_on;
use crate::error::{AppError, AppResult};
use crate::store::now_millis;

/// What one `estimatedBalance` draws from the request's budget (at most 100 per request).
const ESTIMATE_COST: usize = 1000;

/// The one message for every failed sign-in, whatever the reason.
const BAD_CREDENTIALS: &str = "email or password is incorrect";

/// A Wisewallet account.
pub struct UserObject(pub User);

/// A Wisewallet account.
#[Object(name = "User")]
impl UserObject {
    /// The account's id.
    async fn id(&self) -> async_graphql::ID {
        super::scalars::to_id(self.0.id)
    }

    /// The sign-in email, lower-case.
    async fn email(&self) -> &str {
        self.0.email.as_str()
    }

    /// ISO 4217 code money is shown in.
    async fn currency(&self) -> &str {
        self.0.currency.as_str()
    }

    /// IANA timezone that decides what "today" is.
    async fn timezone(&self) -> &str {
        self.0.timezone.name()
    }

    /// What is in the account bills are paid from, as last recorded.
    async fn balance(&self) -> Money {
        self.0.balance
    }

    /// When the account was made.
    async fn created_at(&self) -> DateTime {
        DateTime(self.0.created_at)
    }

    /// The day `balance` was stated (as of its start).
    async fn balance_on(&self) -> Date {
        Date(self.0.balance_on)
    }

    /// `balance` walked from `balanceOn` to the start of `on` (default today): plus the pay
    /// dates, minus the bills in between (backwards when `on` is earlier; the stated balance as
    /// it is when they are more than 1830 days apart). Archived entries are left out and
    /// changed occurrences applied, as in the forecast.
    async fn estimated_balance(&self, ctx: &Context<'_>, on: Option<Date>) -> AppResult<Money> {
        let user = &self.0;
        let on = on.map_or_else(|| user.timezone.today(chrono::Utc::now()), |d| d.0);
        // A fixed share of the budget per call: the walk itself is capped, this caps the calls.
        super::budget::draw_list(ctx, ESTIMATE_COST)?;
        let (bills, paydays) = super::forecast::entries(ctx, user.id).await?;
        let (bills, paydays) = (
            super::forecast::flows(&bills),
            super::forecast::flows(&paydays),
        );
        Ok(estimated_balance(
            user.balance,
            user.balance_on,
            on,
            &bills,
            &paydays,
        )?)
    }

    /// Which figure leads the app: just in time, or smoothed by envelopes.
    async fn plan_mode(&self) -> PlanModeValue {
        self.0.plan_mode.into()
    }

    /// The holiday calendar bills and paydays move off: `NONE` (weekends only), `US`,
    /// `GB-ENG`, `CA`, `AU` or `DE`. With one, a weekend rule of `BEFORE` or `AFTER` moves a
    /// date that is a Saturday, a Sunday or a holiday to the nearest business day.
    async fn holidays(&self) -> &'static str {
        self.0.holidays.code()
    }

    /// Your private calendar link, if you made one (its `url` is shown only when it is made).
    async fn calendar_feed(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<Option<super::calendar::CalendarFeed>> {
        let created = store(ctx).calendar_feed(self.0.id).await?;
        Ok(created.map(super::calendar::CalendarFeed::existing))
    }
}

/// A signed-in session.
#[derive(SimpleObject)]
pub struct AuthPayload {
    /// Opaque session token: send it as `Authorization: Bearer <token>` (it is also set as an
    /// HttpOnly cookie).
    token: String,
    /// The signed-in user.
    user: UserObject,
}

/// Changes to settings; absent fields stay as they are.
#[derive(InputObject)]
pub struct SettingsInput {
    /// ISO 4217 code, e.g. "EUR".
    currency: Option<String>,
    /// IANA timezone, e.g. "Europe/Berlin".
    timezone: Option<String>,
    /// The account balance, as of the start of `balanceOn` (default today).
    balance: Option<Money>,
    /// The day the balance is stated for (within 1830 days of today; default today when
    /// `balance` is given).
    balance_on: Option<Date>,
    /// Which figure leads the app.
    plan_mode: Option<PlanModeValue>,
    /// The holiday calendar: `NONE`, `US`, `GB-ENG`, `CA`, `AU` or `DE`. Changing it moves
    /// dates; it changes nothing stored.
    holidays: Option<String>,
}

/// Account queries.
#[derive(Default)]
pub struct AccountQuery;

#[Object]
impl AccountQuery {
    /// The signed-in user, or null.
    async fn me(&self, ctx: &Context<'_>) -> Option<UserObject> {
        viewer(ctx).ok().cloned().map(UserObject)
    }
}

/// Account mutations.
#[derive(Default)]
pub struct AccountMutation;

fn session_cookie(ctx: &Context<'_>, token: &str, max_age_secs: u64) -> String {
    let settings = ctx.data_unchecked::<AuthSettings>();
    let https = ctx.data_opt::<RequestMeta>().is_some_and(|m| m.https);
    let secure = if settings.cookie_secure || https {
        "; Secure"
    } else {
        ""
    };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Strict{secure}"
    )
}

async fn start_session(ctx: &Context<'_>, user: User) -> AppResult<AuthPayload> {
    let settings = ctx.data_unchecked::<AuthSettings>();
    let (token, key) = new_session_token(user.id);
    let now = now_millis();
    let ttl = chrono::Duration::from_std(settings.session_ttl).context("the session TTL")?;
    store(ctx)
        .create_session(&Session {
            token_hash: key.hash,
            user_id: user.id,
            created_at: now,
            expires_at: now + ttl,
        })
        .await?;
    ctx.append_http_header(
        "Set-Cookie",
        session_cookie(ctx, &token, settings.session_ttl.as_secs()),
    );
    Ok(AuthPayload {
        token,
        user: UserObject(user),
    })
}

/// Reserves a sign-in or sign-up attempt for the request's client address (and, for a
/// sign-in, the email), or refuses it with `RATE_LIMITED`.
async fn throttle(ctx: &Context<'_>, email: Option<&Email>) -> AppResult<()> {
    let address = ctx.data_opt::<RequestMeta>().and_then(|m| m.client);
    Ok(ctx
        .data_unchecked::<Throttle>()
        .reserve(address, email)
        .await?)
}

#[Object]
impl AccountMutation {
    /// Creates an account (email ≤ 254 characters, password 8–128) and signs it in.
    /// An email that is taken is `CONFLICT`.
    async fn sign_up(
        &self,
        ctx: &Context<'_>,
        email: String,
        password: String,
    ) -> AppResult<AuthPayload> {
        let email = Email::try_from(email.as_str())?;
        let password = Password::try_from(password.as_str())?;
        throttle(ctx, None).await?;
        let password_hash = ctx.data_unchecked::<Passwords>().hash(&password).await?;
        let user = User {
            id: Id::generate(),
            email,
            password_hash,
            currency: Currency::default(),
            timezone: Timezone::default(),
            balance: Money::ZERO,
            balance_on: Timezone::default().today(chrono::Utc::now()),
            plan_mode: PlanMode::default(),
            holidays: Holidays::default(),
            created_at: now_millis(),
        };
        store(ctx).create_user(&user).await?;
        start_session(ctx, user).await
    }

    /// Signs in. A wrong password and an unknown email give the same `UNAUTHENTICATED` error;
    /// after 5 failures for one email in 15 minutes, too many attempts from one address, or
    /// when the server is busy hashing, it is `RATE_LIMITED`.
    async fn sign_in(
        &self,
        ctx: &Context<'_>,
        email: String,
        password: String,
    ) -> AppResult<AuthPayload> {
        let Ok(email) = Email::try_from(email.as_str()) else {
            throttle(ctx, None).await?;
            return Err(AppError::Unauthenticated(BAD_CREDENTIALS));
        };
        // The attempt is counted before the password is checked, so concurrent guesses cannot
        // pass the limit together; a success gives it back.
        throttle(ctx, Some(&email)).await?;
        let user = store(ctx).user_by_email(&email).await?;
        let matches = ctx
            .data_unchecked::<Passwords>()
            .verify(&password, user.as_ref().map(|u| u.password_hash.as_str()))
            .await?;
        match user {
            Some(user) if matches => {
                ctx.data_unchecked::<Throttle>().succeeded(&email).await?;
                start_session(ctx, user).await
            }
            _ => Err(AppError::Unauthenticated(BAD_CREDENTIALS)),
        }
    }

    /// Ends this session: its token stops working and the cookie is cleared.
    async fn sign_out(&self, ctx: &Context<'_>) -> AppResult<bool> {
        viewer(ctx)?;
        if let Some(key) = ctx.data_opt::<Viewer>().and_then(|v| v.session.as_ref()) {
            store(ctx).delete_session(key).await?;
        }
        ctx.append_http_header("Set-Cookie", session_cookie(ctx, "", 0));
        Ok(true)
    }

    /// Changes currency (ISO 4217), timezone (IANA), balance (stated for `balanceOn`, default
    /// today; within 1830 days of today) or plan mode.
    async fn update_settings(
        &self,
        ctx: &Context<'_>,
        input: SettingsInput,
    ) -> AppResult<UserObject> {
        let user = viewer(ctx)?;
        let timezone = input
            .timezone
            .as_deref()
            .map(Timezone::try_from)
            .transpose()?;
        let today = timezone.unwrap_or(user.timezone).today(chrono::Utc::now());
        let balance_on = match (input.balance, input.balance_on) {
            (_, Some(day)) => Some(stated_on(day.0, today)?),
            (Some(_), None) => Some(today),
            (None, None) => None,
        };
        let change = SettingsChange {
            currency: input
                .currency
                .as_deref()
                .map(Currency::try_from)
                .transpose()?,
            timezone,
            balance: input.balance,
            balance_on,
            plan_mode: input.plan_mode.map(Into::into),
            holidays: input
                .holidays
                .as_deref()
                .map(str::parse::<Holidays>)
                .transpose()?,
        };
        store(ctx)
            .update_settings(user.id, &change)
            .await?
            .map(UserObject)
            .ok_or(AppError::unauthenticated())
    }
}
