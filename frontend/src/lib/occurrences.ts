/**
 * Occurrence exceptions (DESIGN §1): one date of a bill or payday skipped, given another amount,
 * or moved. An exception is keyed by the *scheduled* date; the server's `occurrences` and the
 * forecast already show the changed dates (a skipped one is gone, a moved one sits on `moveTo`).
 * These helpers map what the server shows back to the exception behind it.
 */
import { addDays, daysBetween, type IsoDate } from './dates';

export interface OccurrenceExceptionLike {
  /** The scheduled date it changes (the key). */
  date: IsoDate;
  skip: boolean;
  amount?: string | null;
  moveTo?: IsoDate | null;
}

/** The largest move the server accepts, in days either way. */
export const MAX_MOVE_DAYS = 31;

/** How the occurrence shown on `date` was changed, or null when it is as scheduled. */
export interface OccurrenceMark {
  /** The scheduled date it was moved from, when it was moved. */
  movedFrom: IsoDate | null;
  amountChanged: boolean;
}

/**
 * Marks the occurrence shown on `date` (in a forecast): moved onto this date, or kept on its
 * scheduled date with another amount.
 */
export function occurrenceMark(exceptions: readonly OccurrenceExceptionLike[], date: IsoDate): OccurrenceMark | null {
  const moved = exceptions.find((e) => !e.skip && e.moveTo === date);
  if (moved) return { movedFrom: moved.date, amountChanged: moved.amount != null };
  const repriced = exceptions.find((e) => !e.skip && e.date === date && !e.moveTo && e.amount != null);
  return repriced ? { movedFrom: null, amountChanged: true } : null;
}

/** What the occurrence shown on `date` costs (or pays): its changed amount, else the usual one. */
export function amountOn(exceptions: readonly OccurrenceExceptionLike[], date: IsoDate, usual: string): string {
  const changed = exceptions.find((e) => !e.skip && (e.moveTo ?? e.date) === date && e.amount != null);
  return changed?.amount ?? usual;
}

/** One line of a bill's or payday's upcoming dates, as the occurrence editor shows it. */
export interface OccurrenceRow {
  /** The scheduled date: the key the server knows the occurrence by. */
  scheduled: IsoDate;
  /** Where it falls now (`moveTo` when moved; the scheduled date when skipped). */
  date: IsoDate;
  /** What it costs (or pays) now. */
  amount: string;
  skipped: boolean;
  moved: boolean;
  amountChanged: boolean;
  /** The exception behind it, if any. */
  exception: OccurrenceExceptionLike | null;
}

/**
 * The next `limit` occurrences from the server's `occurrences(from, to)` (changes applied), with
 * the skipped ones of the window put back in place (the server no longer returns them, but a
 * person wants to see, and undo, what they skipped). Sorted by the date each falls on now.
 */
export function upcomingRows({
  occurrences,
  exceptions,
  amount,
  from,
  to,
  limit = 6,
}: {
  occurrences: readonly IsoDate[];
  exceptions: readonly OccurrenceExceptionLike[];
  amount: string;
  from: IsoDate;
  to: IsoDate;
  limit?: number;
}): OccurrenceRow[] {
  const used = new Set<OccurrenceExceptionLike>();
  const live: OccurrenceRow[] = [];
  for (const date of [...occurrences].sort()) {
    // Moved onto this date beats "scheduled on this date": the scheduled one may have moved away.
    const exception =
      exceptions.find((e) => !e.skip && e.moveTo === date && !used.has(e)) ??
      exceptions.find((e) => !e.skip && e.date === date && !e.moveTo && !used.has(e)) ??
      null;
    if (exception) used.add(exception);
    live.push({
      scheduled: exception?.date ?? date,
      date,
      amount: exception?.amount ?? amount,
      skipped: false,
      moved: !!exception?.moveTo,
      amountChanged: exception?.amount != null,
      exception,
    });
  }
  const shown = live.slice(0, limit);
  const last = shown.length === limit ? shown[shown.length - 1]!.date : to;
  const skipped: OccurrenceRow[] = exceptions
    .filter((e) => e.skip && e.date >= from && e.date <= last)
    .map((e) => ({
      scheduled: e.date,
      date: e.date,
      amount,
      skipped: true,
      moved: false,
      amountChanged: false,
      exception: e,
    }));
  return [...shown, ...skipped].sort((a, b) => a.date.localeCompare(b.date) || a.scheduled.localeCompare(b.scheduled));
}

/** What a change to one occurrence sends, or `clear` when it leaves the occurrence as scheduled. */
export type ChangePlan =
  | { kind: 'set'; change: { skip?: boolean; amount?: string; moveTo?: IsoDate } }
  | { kind: 'clear' }
  | { kind: 'none' };

/**
 * A new amount for one occurrence, keeping its move (setting an exception replaces it whole).
 * Back to the usual amount with no move left means clearing the exception.
 */
export function planAmountChange(row: OccurrenceRow, usualAmount: string, newAmount: string): ChangePlan {
  const moveTo = row.exception?.moveTo ?? undefined;
  if (newAmount === usualAmount) {
    if (!row.amountChanged) return { kind: 'none' };
    return moveTo ? { kind: 'set', change: { moveTo } } : { kind: 'clear' };
  }
  return { kind: 'set', change: { amount: newAmount, ...(moveTo ? { moveTo } : {}) } };
}

/** A new date for one occurrence, keeping its changed amount. Back to its own date un-moves it. */
export function planMove(row: OccurrenceRow, moveTo: IsoDate): ChangePlan {
  const amount = row.exception?.amount ?? undefined;
  if (moveTo === row.scheduled) {
    if (!row.moved) return { kind: 'none' };
    return amount ? { kind: 'set', change: { amount } } : { kind: 'clear' };
  }
  return { kind: 'set', change: { moveTo, ...(amount ? { amount } : {}) } };
}

/** The dates an occurrence may move to: at most 31 days either side of its scheduled date. */
export function moveRange(scheduled: IsoDate): { min: IsoDate; max: IsoDate } {
  return { min: addDays(scheduled, -MAX_MOVE_DAYS), max: addDays(scheduled, MAX_MOVE_DAYS) };
}

export function withinMoveRange(scheduled: IsoDate, date: IsoDate): boolean {
  return Math.abs(daysBetween(scheduled, date)) <= MAX_MOVE_DAYS;
}

/** The longest stretch "pause from … to …" covers at once, in days. */
export const MAX_PAUSE_DAYS = 366;

/**
 * The scheduled dates (exception keys) to skip so that nothing of an entry falls from `from` to
 * `to`: each date the server shows in that window (`occurrences(from, to)`, changes applied),
 * mapped back to the occurrence behind it — a moved one by its `moveTo`.
 */
export function datesToPause(occurrences: readonly IsoDate[], exceptions: readonly OccurrenceExceptionLike[]): IsoDate[] {
  const keys = occurrences.map((date) => exceptions.find((e) => !e.skip && e.moveTo === date)?.date ?? date);
  return [...new Set(keys)].sort();
}
