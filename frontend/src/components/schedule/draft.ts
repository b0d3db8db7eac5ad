/**
 * The schedule editor's form state: strings as typed, turned into a `Schedule` (or errors) on
 * every keystroke so the preview can follow along.
 */
import { isIsoDate, parts, type IsoDate } from '@/lib/dates';
import { validateSchedule, type Frequency, type Schedule, type ScheduleErrors, type WeekendRule } from './schedule';

export type Repeat = 'ONCE' | Frequency;
export type Ends = 'NEVER' | 'UNTIL' | 'COUNT';

export interface ScheduleDraft {
  start: string;
  repeat: Repeat;
  interval: string;
  /** MONTHLY: on the day of `start`, or on the chosen days. */
  monthDays: 'START' | 'CHOSEN';
  daysOfMonth: number[];
  weekend: WeekendRule;
  ends: Ends;
  until: string;
  count: string;
}

export function newDraft(start: IsoDate, repeat: Repeat = 'MONTHLY'): ScheduleDraft {
  return {
    start,
    repeat,
    interval: '1',
    monthDays: 'START',
    // Empty until "Specific days" is chosen, which then starts from the day of `start`.
    daysOfMonth: [],
    weekend: 'KEEP',
    ends: 'NEVER',
    until: '',
    count: '',
  };
}

/** The wire shape of a saved schedule (the `Schedule` GraphQL type). */
export interface SavedSchedule {
  start: string;
  frequency?: Frequency | null;
  interval: number;
  daysOfMonth: readonly number[];
  until?: string | null;
  count?: number | null;
  weekend: WeekendRule;
}

export function draftFromSchedule(saved: SavedSchedule): ScheduleDraft {
  const frequency = saved.frequency ?? null;
  // The server stores the default ("the day of start") as [that day]; show it as the default.
  const onStartDay =
    saved.daysOfMonth.length === 0 ||
    (saved.daysOfMonth.length === 1 && isIsoDate(saved.start) && saved.daysOfMonth[0] === parts(saved.start)[2]);
  const chosen = frequency === 'MONTHLY' && !onStartDay;
  return {
    start: saved.start,
    repeat: frequency ?? 'ONCE',
    interval: String(saved.interval),
    monthDays: chosen ? 'CHOSEN' : 'START',
    daysOfMonth: chosen ? [...saved.daysOfMonth] : [],
    weekend: saved.weekend,
    ends: saved.until ? 'UNTIL' : saved.count ? 'COUNT' : 'NEVER',
    until: saved.until ?? '',
    count: saved.count ? String(saved.count) : '',
  };
}

export type DraftResult = { ok: true; schedule: Schedule } | { ok: false; errors: ScheduleErrors };

const WHOLE = /^\d+$/;

/** Reads the draft; the errors are keyed by field, worded for people. */
export function readDraft(draft: ScheduleDraft): DraftResult {
  const errors: ScheduleErrors = {};
  if (!isIsoDate(draft.start)) errors.start = 'Choose a start date.';
  const once = draft.repeat === 'ONCE';
  const interval = once ? 1 : WHOLE.test(draft.interval.trim()) ? Number(draft.interval) : NaN;
  const until = !once && draft.ends === 'UNTIL' ? draft.until : null;
  if (until !== null && !isIsoDate(until)) errors.until = 'Choose an end date.';
  const count = !once && draft.ends === 'COUNT' ? (WHOLE.test(draft.count.trim()) ? Number(draft.count) : NaN) : null;
  const daysOfMonth = draft.repeat === 'MONTHLY' && draft.monthDays === 'CHOSEN' ? [...new Set(draft.daysOfMonth)] : [];
  if (draft.repeat === 'MONTHLY' && draft.monthDays === 'CHOSEN' && daysOfMonth.length === 0) {
    errors.daysOfMonth = 'Choose at least one day.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const schedule: Schedule = {
    start: draft.start,
    frequency: draft.repeat === 'ONCE' ? null : draft.repeat,
    interval,
    daysOfMonth,
    until,
    count,
    weekend: draft.weekend,
  };
  const invalid = validateSchedule(schedule);
  return Object.keys(invalid).length > 0 ? { ok: false, errors: invalid } : { ok: true, schedule };
}

/** The `ScheduleInput` sent to the server. */
export function toScheduleInput(schedule: Schedule) {
  return {
    start: schedule.start,
    frequency: schedule.frequency,
    interval: schedule.interval,
    daysOfMonth: schedule.daysOfMonth.length > 0 ? [...schedule.daysOfMonth] : null,
    until: schedule.until,
    count: schedule.count,
    weekend: schedule.weekend,
  };
}

/** The day-of-month of a valid start date, for labels ("the 30th"). */
export function startDay(draft: ScheduleDraft): number | null {
  return isIsoDate(draft.start) ? parts(draft.start)[2] : null;
}

/** A saved schedule (as the server returns it) as a `Schedule` for describing or previewing. */
export function scheduleFromSaved(saved: SavedSchedule): Schedule {
  return {
    start: saved.start,
    frequency: saved.frequency ?? null,
    interval: saved.interval,
    daysOfMonth: saved.daysOfMonth,
    until: saved.until ?? null,
    count: saved.count ?? null,
    weekend: saved.weekend,
  };
}
