import { addDays } from '@/lib/dates';

/**
 * A forecast's `balances` as the server sends them: one end-of-day point for every day from `from`
 * through `through`, holding `starting` until the first date in `changes`, then each new balance
 * until the next. Test data written as the days it changes on, not a second balance walk.
 */
export function dailyBalances(from: string, through: string, starting: string, changes: Record<string, string>) {
  const points: { __typename: 'BalancePoint'; date: string; balance: string }[] = [];
  let balance = starting;
  for (let date = from; date <= through; date = addDays(date, 1)) {
    balance = changes[date] ?? balance;
    points.push({ __typename: 'BalancePoint', date, balance });
  }
  return points;
}
