import type { IsoDate } from '@/lib/dates';
import { toCents } from '@/lib/money';

/** Money coming in (`cents` > 0, a payday) or going out (`cents` < 0, a bill) on one day. */
export interface DayEvent {
  /** The bill's or payday's id, when known (to link to it). */
  id?: string;
  date: IsoDate;
  name: string;
  cents: number;
}

export interface BelowZero {
  /** The first day whose end-of-day balance is below zero. */
  date: IsoDate;
  /** The bills of that day (what pushed the balance under), in the order given. */
  bills: DayEvent[];
  /** Bills after that day within the walk: they deepen the gap. */
  laterBills: number;
}

/**
 * Walks the balance day by day as DESIGN §1 Forecast step 5 does (a day's income first, then its
 * bills) and returns the first day it ends below zero, with that day's bills: the day the person
 * runs out, i.e. the deadline for covering the shortfall. `null` when it never does.
 */
export function firstDayBelowZero(startCents: number, events: readonly DayEvent[]): BelowZero | null {
  const byDate = new Map<IsoDate, DayEvent[]>();
  for (const event of events) byDate.set(event.date, [...(byDate.get(event.date) ?? []), event]);
  const dates = [...byDate.keys()].sort();
  let balance = startCents;
  for (const [index, date] of dates.entries()) {
    const day = byDate.get(date) ?? [];
    balance += day.reduce((sum, e) => sum + e.cents, 0);
    if (balance < 0) {
      const laterBills = dates.slice(index + 1).reduce((n, d) => n + (byDate.get(d) ?? []).filter((e) => e.cents < 0).length, 0);
      return { date, bills: day.filter((e) => e.cents < 0), laterBills };
    }
  }
  return null;
}

/** True for a positive Money amount ("0.00", "-3.00" and a missing one are not). */
export function isPositive(amount: string | null | undefined): boolean {
  return !!amount && toCents(amount) > 0;
}

/**
 * Whether the user has told us their balance. The server defaults it to 0.00 and has no "never
 * set" flag, so 0.00 reads as not entered: a shortfall or low point computed from it is noise.
 */
export function balanceEntered(balance: string | null | undefined): boolean {
  return !!balance && toCents(balance) !== 0;
}

/**
 * "Rent $1,400.00", "Rent $1,400.00 and Phone $80.00", "Rent $1,400.00 and 2 other bills" — the
 * bills of the day the balance goes under, for a headline.
 */
export function namedBills(bills: readonly DayEvent[], money: (cents: number) => string): string {
  const named = (e: DayEvent) => `${e.name} ${money(-e.cents)}`;
  const [first, second, ...rest] = bills;
  if (!first) return '';
  if (!second) return named(first);
  if (rest.length === 0) return `${named(first)} and ${named(second)}`;
  return `${named(first)} and ${bills.length - 1} other bills`;
}

interface Dated {
  id?: string;
  date: IsoDate;
  amount: string;
  name: string;
}

/**
 * The first day a pay period's balance goes below zero. The period opens with its ending balance
 * with its income and bills undone (a period's paydays all fall on its first day, and `setAside`
 * is the sum of its bills, DESIGN §1 Forecast steps 2 and 4).
 */
export function periodBelowZero(period: {
  endingBalance: string;
  income: string;
  setAside: string;
  paydays: readonly Dated[];
  bills: readonly Dated[];
}): BelowZero | null {
  const opening = toCents(period.endingBalance) - toCents(period.income) + toCents(period.setAside);
  return firstDayBelowZero(opening, [
    ...period.paydays.map((p) => ({ date: p.date, name: p.name, cents: toCents(p.amount) })),
    ...period.bills.map((b) => ({ id: b.id, date: b.date, name: b.name, cents: -toCents(b.amount) })),
  ]);
}
