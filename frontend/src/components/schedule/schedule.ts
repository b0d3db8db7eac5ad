/**
 * A small TypeScript port of DESIGN §1 "Schedule", used to preview occurrences while a schedule is
 * being typed (before it is saved). The server stays the authority; this mirrors its rules:
 *
 * - one-time: `start`; DAILY/WEEKLY: `start + k·interval` days/weeks;
 * - MONTHLY: every `interval` months from start's month, on each of `daysOfMonth` (default: start's
 *   day; -1 = last day; a day past the month's end falls on its last day; dates before `start`
 *   dropped; equal dates counted once); YEARLY: start's month/day every `interval` years (Feb 29 →
 *   Feb 28);
 * - `until` / `count` bound the nominal dates, in order;
 * - then the weekend rule moves Saturday/Sunday to the Friday before or the Monday after — with a
 *   holiday calendar, a Saturday, Sunday or holiday to the business day before or after.
 */
import { addDays, daysInMonth, fromParts, parts, weekday, type IsoDate } from '@/lib/dates';

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
export type WeekendRule = 'KEEP' | 'BEFORE' | 'AFTER';

export interface Schedule {
  start: IsoDate;
  frequency: Frequency | null;
  interval: number;
  /** MONTHLY only; empty means "the day of start". */
  daysOfMonth: readonly number[];
  until: IsoDate | null;
  count: number | null;
  weekend: WeekendRule;
}

/** Safety net for pathological inputs (e.g. daily since the year 1000). */
const MAX_NOMINAL = 1_000_000;

/** The nominal dates of a schedule, in order, bounded by `until` and `count` (maybe endless). */
export function* nominalDates(schedule: Schedule): Generator<IsoDate> {
  const { start, frequency, until, count } = schedule;
  const interval = Math.max(1, Math.trunc(schedule.interval));
  let produced = 0;
  for (const date of unbounded(start, frequency, interval, schedule.daysOfMonth)) {
    if (until !== null && date > until) return;
    if (count !== null && produced >= count) return;
    if (produced >= MAX_NOMINAL) return;
    produced += 1;
    yield date;
  }
}

function* unbounded(
  start: IsoDate,
  frequency: Frequency | null,
  interval: number,
  daysOfMonth: readonly number[],
): Generator<IsoDate> {
  const [year, month, day] = parts(start);
  switch (frequency) {
    case null:
      yield start;
      return;
    case 'DAILY':
    case 'WEEKLY': {
      const step = frequency === 'DAILY' ? interval : 7 * interval;
      for (let k = 0; ; k += 1) yield addDays(start, k * step);
    }
    case 'MONTHLY': {
      const days = daysOfMonth.length > 0 ? daysOfMonth : [day];
      for (let k = 0; ; k += 1) {
        const index = year * 12 + (month - 1) + k * interval;
        const y = Math.floor(index / 12);
        const m = (index % 12) + 1;
        const last = daysInMonth(y, m);
        const dates = [...new Set(days.map((d) => fromParts(y, m, d === -1 ? last : Math.min(d, last))))]
          .filter((date) => date >= start)
          .sort();
        yield* dates;
      }
    }
    case 'YEARLY':
      for (let k = 0; ; k += 1) {
        const y = year + k * interval;
        yield fromParts(y, month, Math.min(day, daysInMonth(y, month)));
      }
  }
}

/** No holiday calendar: only weekends move. */
const NO_HOLIDAYS: ReadonlyMap<IsoDate, string> = new Map();

/** Saturday or Sunday. */
export const isWeekend = (date: IsoDate): boolean => weekday(date) === 0 || weekday(date) === 6;

/** How far the rule looks for a business day: no calendar has a month of holidays in a row. */
const MAX_SHIFT_DAYS = 31;

/**
 * The business-day rule (DESIGN §1 "Business days and holidays"): a Saturday, a Sunday or a
 * holiday moves to the nearest earlier (BEFORE) or later (AFTER) day that is none of those; KEEP
 * never moves. Without holidays it is the plain weekend rule (Saturday → Friday or Monday).
 */
export function applyBusinessDayRule(
  date: IsoDate,
  rule: WeekendRule,
  holidays: ReadonlyMap<IsoDate, string> = NO_HOLIDAYS,
): IsoDate {
  if (rule === 'KEEP') return date;
  const step = rule === 'BEFORE' ? -1 : 1;
  let day = date;
  for (let i = 0; i < MAX_SHIFT_DAYS && (isWeekend(day) || holidays.has(day)); i += 1) day = addDays(day, step);
  return day;
}

/** Moves a weekend date by the rule: Saturday/Sunday → Friday before (BEFORE) or Monday after (AFTER). */
export function applyWeekendRule(date: IsoDate, rule: WeekendRule): IsoDate {
  return applyBusinessDayRule(date, rule);
}

/** Why a date was moved: each day it passed over, with the holiday's name (null: a weekend day). */
export interface SkippedDay {
  date: IsoDate;
  holiday: string | null;
}

/** The days between the scheduled date (included) and where the rule moved it (excluded). */
export function skippedDays(nominal: IsoDate, date: IsoDate, holidays: ReadonlyMap<IsoDate, string> = NO_HOLIDAYS): SkippedDay[] {
  const result: SkippedDay[] = [];
  const step = date < nominal ? -1 : 1;
  for (let day = nominal; day !== date && result.length <= MAX_SHIFT_DAYS; day = addDays(day, step)) {
    result.push({ date: day, holiday: holidays.get(day) ?? null });
  }
  return result;
}

/** One previewed occurrence: its date and, when the rule moved it, the nominal date. */
export interface PreviewOccurrence {
  date: IsoDate;
  nominal: IsoDate;
}

/**
 * The next `limit` occurrences on or after `from`, moved by the business-day rule with
 * `holidays` (the user's calendar; none: weekends only).
 */
export function upcoming(
  schedule: Schedule,
  from: IsoDate,
  limit: number,
  holidays: ReadonlyMap<IsoDate, string> = NO_HOLIDAYS,
): PreviewOccurrence[] {
  const result: PreviewOccurrence[] = [];
  if (limit <= 0) return result;
  for (const nominal of nominalDates(schedule)) {
    const date = applyBusinessDayRule(nominal, schedule.weekend, holidays);
    if (date < from) continue;
    result.push({ date, nominal });
    if (result.length >= limit) break;
  }
  return result;
}

export type ScheduleErrors = Partial<Record<'start' | 'interval' | 'daysOfMonth' | 'until' | 'count', string>>;

/** The server's validation rules, so the form can say what is wrong before saving. */
export function validateSchedule(schedule: Schedule): ScheduleErrors {
  const errors: ScheduleErrors = {};
  if (!Number.isInteger(schedule.interval) || schedule.interval < 1 || schedule.interval > 999) {
    errors.interval = 'Use a whole number from 1 to 999.';
  }
  if (schedule.daysOfMonth.length > 0) {
    if (schedule.frequency !== 'MONTHLY') errors.daysOfMonth = 'Days of the month only apply to monthly schedules.';
    else if (schedule.daysOfMonth.length > 4) errors.daysOfMonth = 'Choose at most 4 days.';
    else if (schedule.daysOfMonth.some((d) => !Number.isInteger(d) || d === 0 || d < -1 || d > 31)) {
      errors.daysOfMonth = 'Days are 1 to 31, or the last day.';
    }
  }
  if (schedule.until !== null && schedule.count !== null) errors.count = 'End on a date or after a count, not both.';
  if (schedule.until !== null && schedule.until < schedule.start) errors.until = 'The end date must be on or after the start.';
  if (schedule.count !== null && (!Number.isInteger(schedule.count) || schedule.count < 1 || schedule.count > 10000)) {
    errors.count = 'Use a whole number from 1 to 10000.';
  }
  return errors;
}
