/**
 * Money travels as a decimal string ("1234.50"): never a float. Inputs are validated with the
 * same rule the server applies; arithmetic (only needed for the chart) is done in integer cents.
 */

/** What the server accepts: an optional minus, digits, and at most two fraction digits. */
export const MONEY_PATTERN = /^-?\d+(\.\d{1,2})?$/;

/** Largest bill or payday amount the server accepts. */
export const MAX_AMOUNT_CENTS = 100_000_000_000;

export type MoneyParse = { ok: true; value: string } | { ok: false; error: string };

/** The reader's decimal separator: "." in en-US, "," in de-DE or fr-FR. */
export function decimalSeparator(locale?: string): string {
  try {
    return new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  } catch {
    return '.';
  }
}

/** "1,580.50" in en-US, "1.580,50" in de-DE: how an example amount is written for this reader. */
function example(locale?: string): string {
  try {
    return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(1580.5);
  } catch {
    return '1,580.50';
  }
}

/**
 * Reads an amount the way people type it — "$1,400", "1,400.50", "$65", "15,49" (decimal comma),
 * "1.400,50" (de-DE), "1 400,50" (fr-FR), "-20" — into the server's strict Money string with
 * two fraction digits ("1400.00"). The server stays strict; only the web app is forgiving.
 *
 * Separators: when both "." and "," appear, the last one is the decimal point. When only one
 * kind appears once, it is the decimal point if 1–2 digits follow it; with exactly 3 digits
 * after it, it groups thousands unless it is the reader's own decimal separator (then "1,400" in
 * de-DE is 1.4 with a third decimal, which is refused rather than guessed). Repeated, it groups.
 */
export function parseMoneyInput(input: string, options: { positive?: boolean; locale?: string } = {}): MoneyParse {
  const invalid: MoneyParse = { ok: false, error: `Enter an amount like ${example(options.locale)}.` };
  // Spaces (incl. the no-break spaces Intl puts in "1 400,50"), currency symbols and codes, and
  // the apostrophes Swiss German groups with ("1'400.50") carry no value.
  let text = input
    .replace(/[\s\u00a0\u202f'’]/g, '')
    .replace(/\p{Sc}/gu, '')
    .replace(/^[A-Za-z]{3}(?=[-−\d.,])|(?<=[\d.,])[A-Za-z]{3}$/, '');
  if (text === '') return { ok: false, error: 'Enter an amount.' };
  let negative = false;
  if (/^[-−]/.test(text)) {
    negative = true;
    text = text.slice(1);
  }
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return invalid;

  const lastDot = text.lastIndexOf('.');
  const lastComma = text.lastIndexOf(',');
  let decimal: string | null;
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? '.' : ',';
  else if (lastDot < 0 && lastComma < 0) decimal = null;
  else {
    const sep = lastDot >= 0 ? '.' : ',';
    const count = text.split(sep).length - 1;
    const after = text.length - text.lastIndexOf(sep) - 1;
    decimal = count > 1 ? null : after === 3 && sep !== decimalSeparator(options.locale) ? null : sep;
  }
  const [wholeText = '', fraction = '', ...rest] = decimal ? text.split(decimal) : [text];
  if (rest.length > 0 || /[.,]/.test(fraction)) return invalid;
  if (fraction.length > 2) return { ok: false, error: 'Use at most two decimals (cents).' };
  // Grouped thousands: "1,400", "1.400.000", and lakhs ("1,00,000"): groups of 2–3, the last of 3.
  const groups = wholeText.split(/[.,]/);
  if (groups.length > 1) {
    const [head = '', ...tail] = groups;
    if (!/^\d{1,3}$/.test(head) || tail.some((g) => !/^\d{2,3}$/.test(g)) || tail[tail.length - 1]?.length !== 3) {
      return invalid;
    }
  }
  const whole = groups.join('').replace(/^0+(?=\d)/, '') || '0';
  if (whole.length > 13) return invalid;
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  const signed = negative ? -cents : cents;
  if (options.positive && signed <= 0) return { ok: false, error: 'The amount must be more than 0.' };
  if (options.positive && signed > MAX_AMOUNT_CENTS) {
    return { ok: false, error: 'The amount can be at most 1,000,000,000.00.' };
  }
  return { ok: true, value: fromCents(signed) };
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
