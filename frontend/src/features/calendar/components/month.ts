/**
 * The calendar's month arithmetic and keyboard moves, as pure functions of dates (`YYYY-MM-DD`
 * strings, as everywhere in the app) and months (`YYYY-MM`).
 */
import { addDays, daysInMonth, fromParts, parts, weekday, type IsoDate } from '@/lib/dates';

/** "2027-07". */
export type YearMonth = string;

const YEAR_MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A `?month=` value, or null when it is not a month. */
export function parseMonth(text: string | null | undefined): YearMonth | null {
  return text && YEAR_MONTH.test(text) ? text : null;
}

export const monthOf = (date: IsoDate): YearMonth => date.slice(0, 7);

export const firstDay = (month: YearMonth): IsoDate => `${month}-01`;

export function lastDay(month: YearMonth): IsoDate {
  const [y, m] = parts(firstDay(month));
  return fromParts(y, m, daysInMonth(y, m));
}

export function addMonths(month: YearMonth, count: number): YearMonth {
  const [y, m] = parts(firstDay(month));
  const index = y * 12 + (m - 1) + count;
  return fromParts(Math.floor(index / 12), (index % 12) + 1, 1).slice(0, 7);
}

/** The same day `count` months away, on that month's last day when it is shorter (Jan 31 → Feb 28). */
export function shiftMonthKeepDay(date: IsoDate, count: number): IsoDate {
  const target = addMonths(monthOf(date), count);
  const [y, m] = parts(firstDay(target));
  return fromParts(y, m, Math.min(parts(date)[2], daysInMonth(y, m)));
}

/**
 * The first day of a week: Monday where the holiday calendar's country counts weeks that way
 * (England, Australia, Germany), else Sunday (United States, Canada, and without a calendar).
 */
export function firstWeekday(calendar: string): 0 | 1 {
  return calendar === 'GB-ENG' || calendar === 'AU' || calendar === 'DE' ? 1 : 0;
}

/** The month as weeks of 7 cells; null pads the days of the months around it. */
export function monthWeeks(month: YearMonth, weekStartsOn: 0 | 1): (IsoDate | null)[][] {
  const first = firstDay(month);
  const last = lastDay(month);
  const lead = (weekday(first) - weekStartsOn + 7) % 7;
  const weeks: (IsoDate | null)[][] = [];
  let week: (IsoDate | null)[] = Array.from({ length: lead }, () => null);
  for (let date = first; date <= last; date = addDays(date, 1)) {
    week.push(date);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  return weeks;
}

/** The seven weekdays in column order, as dates of one week (for their names). */
export function weekdayDates(weekStartsOn: 0 | 1): IsoDate[] {
  // 2023-01-01 was a Sunday.
  return Array.from({ length: 7 }, (_, i) => addDays('2023-01-01', weekStartsOn + i));
}

export interface KeyOptions {
  weekStartsOn: 0 | 1;
  /** Phone width: the month is one list of days, so up and down move by a day. */
  list: boolean;
  ctrl?: boolean;
}

/**
 * Where a key moves the focus from `date` in the grid (null: the key is not the grid's). Arrows
 * move by a day (up/down: a week; a day in the list), Home/End to the start/end of the week
 * (with Ctrl, or in the list: of the month), Page Up/Down by a month (same day, or the month's
 * last); a move past the month's edge shows the next or previous month.
 */
export function keyTarget(key: string, date: IsoDate, options: KeyOptions): IsoDate | null {
  const week = options.list ? 1 : 7;
  const startOfWeek = addDays(date, -((weekday(date) - options.weekStartsOn + 7) % 7));
  const toMonthEdge = options.ctrl || options.list;
  switch (key) {
    case 'ArrowLeft':
      return addDays(date, -1);
    case 'ArrowRight':
      return addDays(date, 1);
    case 'ArrowUp':
      return addDays(date, -week);
    case 'ArrowDown':
      return addDays(date, week);
    case 'Home':
      return toMonthEdge ? firstDay(monthOf(date)) : maxDate(startOfWeek, firstDay(monthOf(date)));
    case 'End':
      return toMonthEdge ? lastDay(monthOf(date)) : minDate(addDays(startOfWeek, 6), lastDay(monthOf(date)));
    case 'PageUp':
      return shiftMonthKeepDay(date, -1);
    case 'PageDown':
      return shiftMonthKeepDay(date, 1);
    default:
      return null;
  }
}

const maxDate = (a: IsoDate, b: IsoDate) => (a > b ? a : b);
const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b);
