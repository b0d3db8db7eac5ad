/**
 * Money travels as a decimal string ("1234.50"): never a float. Inputs are validated with the
 * same rule the server applies; arithmetic (only needed for the chart) is done in integer cents.
 */

/** What the server accepts: an optional minus, digits, and at most two fraction digits. */
export const MONEY_PATTERN = /^-?\d+(\.\d{1,2})?$/;

/** Largest bill or payday amount the server accepts. */
export const MAX_AMOUNT_CENTS = 100_000_000_000;

export type MoneyParse = { ok: true; value: string } | { ok: false; error: string };

/** Parses what a person typed into a money field; on success `value` has two fraction digits. */
export function parseMoneyInput(input: string, options: { positive?: boolean } = {}): MoneyParse {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'Enter an amount.' };
  if (!MONEY_PATTERN.test(text)) {
    return { ok: false, error: 'Use digits with up to two decimals, like 1580 or 1580.50.' };
  }
  const cents = toCents(text);
  if (options.positive && cents <= 0) return { ok: false, error: 'The amount must be more than 0.' };
  if (options.positive && cents > MAX_AMOUNT_CENTS) {
    return { ok: false, error: 'The amount can be at most 1,000,000,000.00.' };
  }
  return { ok: true, value: fromCents(cents) };
}

/** "1234.5" → 123450. Throws on a string that is not money. */
export function toCents(amount: string): number {
  if (!MONEY_PATTERN.test(amount)) throw new RangeError(`not a money string: "${amount}"`);
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = amount.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -cents : cents;
}

/** 123450 → "1234.50". */
export function fromCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function moneyFormatter(currency: string, locale?: string): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      // An unknown currency code still shows the amount, followed by the code.
      formatter = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/**
 * Formats a Money string in the user's currency, e.g. ("1580.00", "USD") → "$1,580.00".
 * The string itself is handed to Intl (exact decimal), so no float rounding can creep in.
 */
export function formatMoney(amount: string, currency: string, locale?: string): string {
  const formatter = moneyFormatter(currency, locale);
  const text = formatter.format(amount as Intl.StringNumericLiteral);
  return formatter.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}
