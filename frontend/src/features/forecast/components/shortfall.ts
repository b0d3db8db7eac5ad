import type { IsoDate } from '@/lib/dates';
import { toCents } from '@/lib/money';

/** One day of the server's balance walk (`Forecast.balances`): the balance at the end of `date`. */
export interface BalancePoint {
  date: IsoDate;
  balance: string;
}

/** A bill due on a day, named for a sentence and linked by its id. */
export interface DayBill {
  id: string;
  date: IsoDate;
  name: string;
  amount: string;
}

export interface BelowZero {
  /** The first day whose end-of-day balance is below zero. */
  date: IsoDate;
  /** The bills of that day (what pushed the balance under), in the order given. */
  bills: DayBill[];
}

/**
 * The first day from `from` through `through` (both included) whose end-of-day balance is below
 * zero; exactly zero is not. It is looked up in `Forecast.balances`, the walk the server computes
 * `lowestBalance` and the shortfalls from, so the words never disagree with the figures. `null`
 * when no day of that stretch is below zero.
 */
export function firstDayBelowZero(balances: readonly BalancePoint[], from: IsoDate, through: IsoDate): IsoDate | null {
  return balances.find((p) => p.date >= from && p.date <= through && toCents(p.balance) < 0)?.date ?? null;
}

/**
 * The first day from `from` through `through` that ends below zero, with the bills due on it: the
 * day the person runs out, i.e. the deadline for covering the shortfall. `null` when none does.
 */
export function belowZero(
  balances: readonly BalancePoint[],
  from: IsoDate,
  through: IsoDate,
  bills: readonly DayBill[],
): BelowZero | null {
  const date = firstDayBelowZero(balances, from, through);
  return date === null ? null : { date, bills: bills.filter((b) => b.date === date) };
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
export function namedBills(bills: readonly DayBill[], money: (amount: string) => string): string {
  const named = (b: DayBill) => `${b.name} ${money(b.amount)}`;
  const [first, second, ...rest] = bills;
  if (!first) return '';
  if (!second) return named(first);
  if (rest.length === 0) return `${named(first)} and ${named(second)}`;
  return `${named(first)} and ${bills.length - 1} other bills`;
}
