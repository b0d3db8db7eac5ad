import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { toDayNumber, type IsoDate } from '@/lib/dates';
import { toCents } from '@/lib/money';

export const BalanceSeriesFragment = graphql(`
  fragment BalanceSeries_Forecast on Forecast {
    balances {
      date
      balance
    }
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
  /** Every day of the walk, in order. */
  points: BalancePoint[];
  lowest: BalancePoint;
}

/**
 * The server's end-of-day balance for every day of the forecast (`balances`, from `from` to the
 * end of the last period), each day with the paydays and bills that made it. The walk itself is
 * the server's (DESIGN §1 Forecast step 5); this only joins its points with their names. The
 * lowest point is the server's `lowestBalance`, so the chart marks exactly what the numbers say.
 */
export function balanceSeries(ref: FragmentType<typeof BalanceSeriesFragment>): BalanceSeries {
  const forecast = getFragmentData(BalanceSeriesFragment, ref);
  const events = new Map<IsoDate, BalanceEvent[]>();
  const add = (date: IsoDate, name: string, cents: number) => events.set(date, [...(events.get(date) ?? []), { name, cents }]);
  // The server lists the bills before the first payday, then each period's paydays (on its first
  // day) and bills: on a payday, the income comes first, as the walk adds it first.
  for (const bill of forecast.billsBeforeNextPayday) add(bill.date, bill.bill.name, -toCents(bill.amount));
  for (const period of forecast.periods) {
    for (const payday of period.paydays) add(payday.date, payday.payday.name, toCents(payday.amount));
    for (const bill of period.bills) add(bill.date, bill.bill.name, -toCents(bill.amount));
  }
  const eventsOn = (date: IsoDate) => events.get(date) ?? [];
  const points = forecast.balances.map((p) => point(p.date, toCents(p.balance), eventsOn(p.date)));
  const lowest = point(forecast.lowestBalance.date, toCents(forecast.lowestBalance.balance), eventsOn(forecast.lowestBalance.date));
  return { points, lowest };
}

/** The days a table of the walk lists: the first and last, and every day something happens. */
export function eventfulPoints(series: BalanceSeries): BalancePoint[] {
  const last = series.points.length - 1;
  return series.points.filter((p, index) => index === 0 || index === last || p.events.length > 0);
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
