//! Accounts: validated emails, passwords, currencies and timezones, and the user record.

use super::holidays::Holidays;
use chrono::{DateTime, NaiveDate, Utc};
use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

use super::id::Id;
use super::money::Money;

/// An email address: trimmed, normalised (NFKC, case-folded, IDNA ASCII domain), at most 254
/// characters, text on both sides of the last `@`, nothing invisible. (Deliverability is not
/// checked: nothing is ever mailed.)
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

/// A password of 8 to 128 characters (any characters; never trimmed).
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

/// An ISO 4217 currency code such as `USD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency(String);

/// An IANA timezone such as `Europe/Berlin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timezone(chrono_tz::Tz);

/// Why an account field is invalid. The messages are shown to users.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// Not an email address.
    #[error("enter a valid email address (at most 254 characters)")]
    Email,
    /// Too short or too long.
    #[error("password must be 8 to 128 characters")]
    Password,
    /// Not an ISO 4217 code.
    #[error("currency must be an ISO 4217 code such as USD or EUR")]
    Currency,
    /// Not an IANA timezone.
    #[error("timezone must be an IANA name such as America/New_York or UTC")]
    Timezone,
}

impl TryFrom<&str> for Email {
    type Error = AccountError;

    /// Normalises so that addresses that look the same are the same account: Unicode NFKC with
    /// case folding (fullwidth `ａ` is `a`, `ANN` is `ann`), the domain in its one IDNA ASCII
    /// form (`münchen.de` and `xn--mnchen-3ya.de` are one domain). Refused: invisible
    /// characters (zero-width, bidi and other format characters, controls, spaces), a domain
    /// ending in a dot or with empty labels, more than 254 characters.
    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        let raw = raw.trim();
        // Measured before any work, so normalisation never runs on something huge.
        if raw.len() > 4 * 254 || raw.chars().any(invisible) {
            return Err(AccountError::Email);
        }
        let folded: String = raw
            .nfkc()
            .collect::<String>()
            .to_lowercase()
            .nfkc()
            .collect();
        let Some((local, domain)) = folded.rsplit_once('@') else {
            return Err(AccountError::Email);
        };
        let labels_ok = !domain.is_empty() && domain.split('.').all(|label| !label.is_empty());
        if local.is_empty() || local.contains('@') || !labels_ok || folded.chars().any(invisible) {
            return Err(AccountError::Email);
        }
        let domain = idna::domain_to_ascii_strict(domain).map_err(|_| AccountError::Email)?;
        let email = format!("{local}@{domain}");
        if email.chars().count() > 254 {
            return Err(AccountError::Email);
        }
        Ok(Email(email))
    }
}

/// Characters that show as nothing (or as something else): controls, white space, and the
/// Unicode format characters (zero-width spaces and joiners, bidi controls, soft hyphens, tags),
/// plus the invisible fillers and variation selectors that are not in that category.
fn invisible(c: char) -> bool {
    c.is_control()
        || c.is_whitespace()
        || c.general_category() == GeneralCategory::Format
        || matches!(
            c,
            '\u{034F}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FFA0}'
                | '\u{E0100}'..='\u{E01EF}'
        )
}

impl Email {
    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for Password {
    type Error = AccountError;

    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        if (8..=128).contains(&raw.chars().count()) {
            Ok(Password(raw.to_string()))
        } else {
            Err(AccountError::Password)
        }
    }
}

impl Password {
    /// The password itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// ISO 4217 active codes (2024 list), sorted for binary search.
const ISO_4217: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
    "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
    "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
    "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS",
    "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW",
    "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD",
    "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD", "NGN",
    "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
    "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS",
    "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD",
    "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED", "VES", "VND",
    "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

impl TryFrom<&str> for Currency {
    type Error = AccountError;

    /// Accepts any case (`usd`) and stores upper case.
    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        let code = raw.trim().to_ascii_uppercase();
        if ISO_4217.binary_search(&code.as_str()).is_ok() {
            Ok(Currency(code))
        } else {
            Err(AccountError::Currency)
        }
    }
}

impl Currency {
    /// The three-letter code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Currency {
    fn default() -> Self {
        Currency("USD".into())
    }
}

impl TryFrom<&str> for Timezone {
    type Error = AccountError;

    fn try_from(raw: &str) -> Result<Self, Self::Error> {
        raw.trim()
            .parse::<chrono_tz::Tz>()
            .map(Timezone)
            .map_err(|_| AccountError::Timezone)
    }
}

impl Timezone {
    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The calendar date at `now` in this timezone: what "today" means for the user.
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.0).date_naive()
    }
}

impl Default for Timezone {
    fn default() -> Self {
        Timezone(chrono_tz::UTC)
    }
}

/// A user as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct User {
    /// The user's id.
    pub id: Id,
    /// Unique, lower-case.
    pub email: Email,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Money is shown in this currency.
    pub currency: Currency,
    /// "Today" is today here.
    pub timezone: Timezone,
    /// What is in the account bills are paid from, as last recorded.
    pub balance: Money,
    /// The day `balance` was stated, as of its start.
    pub balance_on: NaiveDate,
    /// Which figure leads the app.
    pub plan_mode: PlanMode,
    /// The holiday calendar that bills and paydays move off (with a weekend rule).
    pub holidays: Holidays,
    /// When the account was made (millisecond precision).
    pub created_at: DateTime<Utc>,
}

/// Which figure leads the app: what to set aside just in time for the bills before the next
/// paycheck, or the smoothed plan (envelopes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum PlanMode {
    /// The bills due before the next paycheck (the default).
    #[default]
    JustInTime,
    /// Big bills spread over the paychecks before them.
    Smoothed,
}

impl PlanMode {
    /// The stored and exported name.
    pub const fn as_str(self) -> &'static str {
        match self {
            PlanMode::JustInTime => "JUST_IN_TIME",
            PlanMode::Smoothed => "SMOOTHED",
        }
    }
}

impl std::str::FromStr for PlanMode {
    type Err = anyhow::Error;

    fn from_str(s: &str) -> anyhow::Result<Self> {
        match s {
            "JUST_IN_TIME" => Ok(PlanMode::JustInTime),
            "SMOOTHED" => Ok(PlanMode::Smoothed),
            other => anyhow::bail!("unknown plan mode {other:?}"),
        }
    }
}

/// A change to a user's settings; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SettingsChange {
    /// New currency.
    pub currency: Option<Currency>,
    /// New timezone.
    pub timezone: Option<Timezone>,
    /// New balance.
    pub balance: Option<Money>,
    /// The day the balance is stated for (set with every new balance).
    pub balance_on: Option<NaiveDate>,
    /// New plan mode.
    pub plan_mode: Option<PlanMode>,
    /// New holiday calendar.
    pub holidays: Option<Holidays>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        assert_eq!(
            Email::try_from("  Ann@Example.COM ").map(|e| e.0),
            Ok("ann@example.com".to_string())
        );
    }

    #[test]
    fn malformed_or_long_emails_are_rejected() {
        let long = format!("{}@example.com", "a".repeat(250));
        for bad in [
            "",
            "ann",
            "@example.com",
            "ann@",
            "a@b@c",
            "a nn@example.com",
            &long,
        ] {
            assert_eq!(Email::try_from(bad), Err(AccountError::Email), "{bad:?}");
        }
    }

    #[test]
    fn emails_that_look_the_same_are_the_same_email() -> Result<(), AccountError> {
        let plain = Email::try_from("ann@example.com")?;
        for lookalike in [
            "ＡＮＮ@ｅｘａｍｐｌｅ．ｃｏｍ",
            "Ann@Example.COM",
            " ann@example.com ",
        ] {
            assert_eq!(Email::try_from(lookalike)?, plain, "{lookalike}");
        }
        assert_eq!(
            Email::try_from("jürgen@München.de")?,
            Email::try_from("jürgen@xn--mnchen-3ya.de")?
        );
        assert_eq!(
            Email::try_from("jürgen@München.de")?.as_str(),
            "jürgen@xn--mnchen-3ya.de"
        );
        Ok(())
    }

    #[test]
    fn emails_with_invisible_characters_or_a_trailing_dot_are_refused() {
        for bad in [
            "ann\u{200B}@example.com",
            "ann@exam\u{200D}ple.com",
            "ann\u{00AD}@example.com",
            "ann\u{202E}@example.com",
            "ann\u{FEFF}@example.com",
            "ann@example.com.",
            "ann@example..com",
            "ann@.example.com",
            "ann\u{E0041}@example.com",
            "ann\u{FE0F}@example.com",
        ] {
            assert_eq!(Email::try_from(bad), Err(AccountError::Email), "{bad:?}");
        }
    }

    #[test]
    fn passwords_must_be_8_to_128_characters() {
        assert!(Password::try_from("12345678").is_ok());
        assert!(Password::try_from("é".repeat(128).as_str()).is_ok());
        assert_eq!(Password::try_from("1234567"), Err(AccountError::Password));
        assert_eq!(
            Password::try_from("x".repeat(129).as_str()),
            Err(AccountError::Password)
        );
    }

    #[test]
    fn currencies_are_iso_4217_codes() {
        assert!(
            ISO_4217.windows(2).all(|w| w[0] < w[1]),
            "list must stay sorted"
        );
        assert_eq!(Currency::try_from("eur").map(|c| c.0), Ok("EUR".into()));
        for bad in ["", "EURO", "XXX1", "ABC", "US"] {
            assert_eq!(
                Currency::try_from(bad),
                Err(AccountError::Currency),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn timezones_are_iana_names_and_decide_today() -> Result<(), AccountError> {
        let tokyo = Timezone::try_from("Asia/Tokyo")?;
        let la = Timezone::try_from("America/Los_Angeles")?;
        let now = DateTime::parse_from_rfc3339("2026-11-26T20:00:00Z")
            .map(|d| d.with_timezone(&Utc))
            .map_err(|_| AccountError::Timezone)?;
        assert_eq!(tokyo.today(now).to_string(), "2026-11-27");
        assert_eq!(la.today(now).to_string(), "2026-11-26");
        assert_eq!(
            Timezone::try_from("Mars/Olympus"),
            Err(AccountError::Timezone)
        );
        Ok(())
    }
}
