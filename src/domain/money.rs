//! Money as integer minor units (cents). Never a float.
//!
//! On the wire money is a decimal string: output always has exactly two fraction digits
//! (`"1234.50"`, `"-20.00"`); input accepts an optional leading `-`, digits, and 0–2 fraction
//! digits (`"12"`, `"12.5"`, `"12.50"`). Everything else — floats, exponents, spaces, `+` — is
//! rejected. Arithmetic is checked: an overflow is an error, never a wrap.

use std::fmt;
use std::str::FromStr;

/// An amount of money in minor units (cents) of the user's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(i64);

/// The largest amount a bill or payday may have: 1,000,000,000.00.
pub const MAX_AMOUNT: Money = Money(100_000_000_000);

/// Why a string is not money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// The text is not a plain decimal with at most two fraction digits.
    #[error("money must be a decimal string like \"12.50\" (at most two fraction digits)")]
    Malformed,
    /// The number does not fit.
    #[error("amount is too large")]
    TooLarge,
}

/// A sum that left the range of `i64` cents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("money arithmetic overflowed")]
pub struct MoneyOverflow;

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(0);

    /// From a number of cents.
    pub const fn from_cents(cents: i64) -> Self {
        Money(cents)
    }

    /// The number of cents.
    pub const fn cents(self) -> i64 {
        self.0
    }

    /// `self + other`, or an error on overflow.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyOverflow> {
        self.0.checked_add(other.0).map(Money).ok_or(MoneyOverflow)
    }

    /// `self - other`, or an error on overflow.
    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyOverflow> {
        self.0.checked_sub(other.0).map(Money).ok_or(MoneyOverflow)
    }

    /// The sum of many amounts, or an error on overflow.
    pub fn checked_sum(amounts: impl IntoIterator<Item = Money>) -> Result<Money, MoneyOverflow> {
        amounts
            .into_iter()
            .try_fold(Money::ZERO, |acc, m| acc.checked_add(m))
    }

    /// Whether this is a valid bill or payday amount: > 0 and ≤ [`MAX_AMOUNT`].
    pub fn is_valid_amount(self) -> bool {
        self.0 > 0 && self <= MAX_AMOUNT
    }
}

impl FromStr for Money {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (negative, unsigned) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (whole, fraction) = match unsigned.split_once('.') {
            Some((w, f)) => (w, Some(f)),
            None => (unsigned, None),
        };
        let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(whole) {
            return Err(MoneyError::Malformed);
        }
        let fraction_cents = match fraction {
            None => 0,
            Some(f) if all_digits(f) && f.len() <= 2 => {
                let value: i64 = f.parse().map_err(|_| MoneyError::Malformed)?;
                if f.len() == 1 { value * 10 } else { value }
            }
            Some(_) => return Err(MoneyError::Malformed),
        };
        let whole: i64 =
            whole
                .trim_start_matches('0')
                .parse()
                .or_else(|e: std::num::ParseIntError| match e.kind() {
                    std::num::IntErrorKind::Empty => Ok(0),
                    _ => Err(MoneyError::TooLarge),
                })?;
        let cents = whole
            .checked_mul(100)
            .and_then(|c| c.checked_add(fraction_cents))
            .ok_or(MoneyError::TooLarge)?;
        Ok(Money(if negative { -cents } else { cents }))
    }
}

/// An amount's text (`1234.50`, `-0.05`) in a buffer on the stack: a response or a feed
/// formats thousands of amounts, and `write!` with integer formatting was a tenth of a
/// calendar feed's CPU.
#[derive(Clone, Copy)]
pub struct MoneyText {
    // i64::MIN: a sign, 17 digits, the point and 2 more.
    bytes: [u8; 24],
    at: usize,
}

impl MoneyText {
    /// The text's bytes (ASCII digits, `.` and maybe a leading `-`).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[self.at..]
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(self.as_bytes()).expect("digits, a point and a sign are ASCII")
    }
}

impl Money {
    /// The amount as the wire writes it, with two fraction digits.
    pub fn text(self) -> MoneyText {
        let mut text = MoneyText {
            bytes: [0u8; 24],
            at: 24,
        };
        let mut put = |byte: u8| {
            text.at -= 1;
            text.bytes[text.at] = byte;
        };
        let abs = self.0.unsigned_abs();
        let (mut whole, cents) = (abs / 100, abs % 100);
        put(b'0' + (cents % 10) as u8);
        put(b'0' + (cents / 10) as u8);
        put(b'.');
        loop {
            put(b'0' + (whole % 10) as u8);
            whole /= 10;
            if whole == 0 {
                break;
            }
        }
        if self.0 < 0 {
            put(b'-');
        }
        text
    }
}

impl fmt::Display for Money {
    /// `1234.50`, `-0.05` ([`Money::text`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Money, MoneyError> {
        s.parse()
    }

    #[test]
    fn accepts_zero_one_or_two_fraction_digits() {
        assert_eq!(parse("12"), Ok(Money(1200)));
        assert_eq!(parse("12.5"), Ok(Money(1250)));
        assert_eq!(parse("12.50"), Ok(Money(1250)));
        assert_eq!(parse("0.07"), Ok(Money(7)));
        assert_eq!(parse("-20"), Ok(Money(-2000)));
        assert_eq!(parse("007.10"), Ok(Money(710)));
        assert_eq!(parse("1000000000.00"), Ok(MAX_AMOUNT));
    }

    #[test]
    fn rejects_everything_that_is_not_a_plain_decimal() {
        for bad in [
            "", "-", ".", "12.", ".5", "12.345", "1e3", " 12", "12 ", "+12", "--1", "1,000",
            "12.5a", "0x10", "NaN", "inf", "１２", "12.-5",
        ] {
            assert_eq!(parse(bad), Err(MoneyError::Malformed), "{bad:?}");
        }
    }

    #[test]
    fn rejects_numbers_that_overflow() {
        assert_eq!(parse("92233720368547758.08"), Err(MoneyError::TooLarge));
        assert_eq!(parse("99999999999999999999999"), Err(MoneyError::TooLarge));
    }

    #[test]
    fn formats_with_exactly_two_fraction_digits() {
        assert_eq!(Money(123450).to_string(), "1234.50");
        assert_eq!(Money(-2000).to_string(), "-20.00");
        assert_eq!(Money(-5).to_string(), "-0.05");
        assert_eq!(Money(0).to_string(), "0.00");
        assert_eq!(Money(i64::MIN).to_string(), "-92233720368547758.08");
    }

    #[test]
    fn formatting_then_parsing_round_trips() {
        for cents in [0, 1, -1, 99, 100, 123456789, -987654321, i64::MAX] {
            assert_eq!(parse(&Money(cents).to_string()), Ok(Money(cents)));
        }
    }

    #[test]
    fn valid_amounts_are_positive_and_at_most_one_billion() {
        assert!(Money(1).is_valid_amount());
        assert!(MAX_AMOUNT.is_valid_amount());
        assert!(!Money(0).is_valid_amount());
        assert!(!Money(-1).is_valid_amount());
        assert!(!Money(MAX_AMOUNT.0 + 1).is_valid_amount());
    }

    #[test]
    fn sums_are_checked() {
        assert_eq!(
            Money::checked_sum([Money(1), Money(2), Money(3)]),
            Ok(Money(6))
        );
        assert_eq!(Money(i64::MAX).checked_add(Money(1)), Err(MoneyOverflow));
        assert_eq!(Money(i64::MIN).checked_sub(Money(1)), Err(MoneyOverflow));
    }
}
