/**
 * Calendar dates travel as "YYYY-MM-DD" strings. They are handled as day numbers (days since
 * 1970-01-01) and formatted in UTC, so no local timezone can ever shift a date by one.
 */

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** "2026-01-30" → [2026, 1, 30]. */
export function parts(date: IsoDate): [year: number, month: number, day: number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: "${date}"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function fromParts(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function toDayNumber(date: IsoDate): number {
  const [y, m, d] = parts(date);
  return Math.round(utc(y, m, d) / MS_PER_DAY);
}

export function fromDayNumber(day: number): IsoDate {
  const date = new Date(day * MS_PER_DAY);
  return fromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Whole days from `a` to `b` (positive when b is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function daysInMonth(year: number, month: number): number {
  return new Date(utc(year, month + 1, 0)).getUTCDate();
}

/** Today's date in an IANA timezone ("UTC" when the zone is unknown). */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
  }
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    Number(formatter.formatToParts(now).find((part) => part.type === type)?.value);
  return fromParts(get('year'), get('month'), get('day'));
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** Formats a calendar date in the reader's locale; the date never shifts. */
export function formatDate(date: IsoDate, options: Intl.DateTimeFormatOptions, locale?: string): string {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    dateFormatters.set(key, formatter);
  }
  const [y, m, d] = parts(date);
  return formatter.format(new Date(utc(y, m, d)));
}

/** "Fri, Jan 30" */
export const formatDay = (date: IsoDate, locale?: string) =>
  formatDate(date, { weekday: 'short', month: 'short', day: 'numeric' }, locale);

/** "Feb 13" */
export const formatMonthDay = (date: IsoDate, locale?: string) =>
  formatDate(date, { month: 'short', day: 'numeric' }, locale);

/** "Fri, Jan 30, 2026" */
export const formatLongDate = (date: IsoDate, locale?: string) =>
  formatDate(date, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }, locale);

/** "Jan 30, 2026" */
export const formatMediumDate = (date: IsoDate, locale?: string) =>
  formatDate(date, { month: 'short', day: 'numeric', year: 'numeric' }, locale);

function utc(year: number, month: number, day: number): number {
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}
