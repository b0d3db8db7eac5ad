import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { toDayNumber, type IsoDate } from '@/lib/dates';
import { toCents } from '@/lib/money';

export const BalanceSeriesFragment = graphql(`
  fragment BalanceSeries_Forecast on Forecast {
    from
    startingBalance
    lowestBalance {
      date
      balance
    }
    billsBeforeNextPayday {
      date
      amount
    }
    periods {
      end
      endingBalance
      paydays {
        date
        amount
      }
      bills {
        date
        amount
      }
    }
  }
`);

export interface BalancePoint {
  /** Days since 1970-01-01: a numeric x axis keeps gaps between dates honest. */
  day: number;
  date: IsoDate;
  /** End-of-day balance in cents. */
  cents: number;
}

export interface BalanceSeries {
  points: BalancePoint[];
  lowest: BalancePoint;
}

/**
 * The end-of-day balance on every day something happens, from `from` to the end of the last
 * period (DESIGN §1 Forecast step 5: income first, then bills, day by day). The lowest point is the
 * server's `lowestBalance`, so the chart marks exactly what the numbers say.
 */
export function balanceSeries(ref: FragmentType<typeof BalanceSeriesFragment>): BalanceSeries {
  const forecast = getFragmentData(BalanceSeriesFragment, ref);
  const changes = new Map<IsoDate, number>();
  const add = (date: IsoDate, cents: number) => changes.set(date, (changes.get(date) ?? 0) + cents);
  for (const bill of forecast.billsBeforeNextPayday) add(bill.date, -toCents(bill.amount));
  for (const period of forecast.periods) {
    for (const payday of period.paydays) add(payday.date, toCents(payday.amount));
    for (const bill of period.bills) add(bill.date, -toCents(bill.amount));
  }
  let balance = toCents(forecast.startingBalance);
  const points: BalancePoint[] = [];
  const dates = [...changes.keys()].filter((date) => date >= forecast.from).sort();
  if (dates[0] !== forecast.from) points.push(point(forecast.from, balance));
  for (const date of dates) {
    balance += changes.get(date) ?? 0;
    points.push(point(date, balance));
  }
  const lastEnd = forecast.periods[forecast.periods.length - 1]?.end;
  if (lastEnd && lastEnd > (points[points.length - 1]?.date ?? '')) points.push(point(lastEnd, balance));
  const lowest = point(forecast.lowestBalance.date, toCents(forecast.lowestBalance.balance));
  return { points, lowest };
}

function point(date: IsoDate, cents: number): BalancePoint {
  return { day: toDayNumber(date), date, cents };
}
