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
      bill {
        name
      }
    }
    periods {
      end
      endingBalance
      paydays {
        date
        amount
        payday {
          name
        }
      }
      bills {
        date
        amount
        bill {
          name
        }
      }
    }
  }
`);

/** A payday (`cents` > 0) or a bill (`cents` < 0) on a point's day. */
export interface BalanceEvent {
  name: string;
  cents: number;
}

export interface BalancePoint {
  /** Days since 1970-01-01: a numeric x axis keeps gaps between dates honest. */
  day: number;
  date: IsoDate;
  /** End-of-day balance in cents. */
  cents: number;
  /** What happened that day: paydays first, then bills (the walk's order). */
  events: BalanceEvent[];
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
  const changes = new Map<IsoDate, BalanceEvent[]>();
  const add = (date: IsoDate, name: string, cents: number) => changes.set(date, [...(changes.get(date) ?? []), { name, cents }]);
  for (const bill of forecast.billsBeforeNextPayday) add(bill.date, bill.bill.name, -toCents(bill.amount));
  for (const period of forecast.periods) {
    for (const payday of period.paydays) add(payday.date, payday.payday.name, toCents(payday.amount));
    for (const bill of period.bills) add(bill.date, bill.bill.name, -toCents(bill.amount));
  }
  let balance = toCents(forecast.startingBalance);
  const points: BalancePoint[] = [];
  const dates = [...changes.keys()].filter((date) => date >= forecast.from).sort();
  if (dates[0] !== forecast.from) points.push(point(forecast.from, balance));
  for (const date of dates) {
    // Income first, then bills, as the server walks a day.
    const events = [...(changes.get(date) ?? [])].sort((a, b) => Number(b.cents > 0) - Number(a.cents > 0));
    balance += events.reduce((sum, e) => sum + e.cents, 0);
    points.push(point(date, balance, events));
  }
  const lastEnd = forecast.periods[forecast.periods.length - 1]?.end;
  if (lastEnd && lastEnd > (points[points.length - 1]?.date ?? '')) points.push(point(lastEnd, balance));
  const lowestDate = forecast.lowestBalance.date;
  const lowest = point(
    lowestDate,
    toCents(forecast.lowestBalance.balance),
    points.find((p) => p.date === lowestDate)?.events ?? [],
  );
  return { points, lowest };
}

/**
 * Where the "Lowest" label goes: above the dot, unless the dot sits near an edge of the plot,
 * where a centred label would run over the y axis (left) or off the chart (right).
 */
export function lowestLabelPosition(series: BalanceSeries): 'top' | 'right' | 'left' {
  const first = series.points[0];
  const last = series.points[series.points.length - 1];
  if (!first || !last || last.day === first.day) return 'right';
  const at = (series.lowest.day - first.day) / (last.day - first.day);
  return at < 0.2 ? 'right' : at > 0.8 ? 'left' : 'top';
}

function point(date: IsoDate, cents: number, events: BalanceEvent[] = []): BalancePoint {
  return { day: toDayNumber(date), date, cents, events };
}
