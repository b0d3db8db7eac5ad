import { fromCents } from '@/lib/money';
import { useFormat } from '@/lib/viewer';
import { eventfulPoints, type BalanceEvent, type BalanceSeries } from './balanceSeries';

/** "Salary +$2,000.00, Rent −$1,400.00": what a day of the walk brings. */
export function describeEvents(events: readonly BalanceEvent[], money: (amount: string) => string): string {
  return events.map((e) => `${e.name} ${e.cents > 0 ? '+' : '−'}${money(fromCents(Math.abs(e.cents)))}`).join(', ');
}

/**
 * The chart's text alternative as a table (visually hidden, read by screen readers in place of
 * the drawing, which is aria-hidden): the first and last day and every day something happens —
 * the days in between hold the same balance as the one before.
 */
export function BalanceTable({ series, id }: { series: BalanceSeries; id?: string }) {
  const format = useFormat();
  // The wrapper hides it: a table cannot be shrunk to 1 px itself and would widen the page.
  return (
    <div className="visually-hidden">
      <table id={id} data-testid="balance-table">
        <caption>Balance at the end of each day something happens</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Balance</th>
            <th scope="col">What happens</th>
          </tr>
        </thead>
        <tbody>
          {eventfulPoints(series).map((p) => (
            <tr key={p.date}>
              <th scope="row">{format.longDate(p.date)}</th>
              <td>{format.money(fromCents(p.cents))}</td>
              <td>{p.events.length > 0 ? describeEvents(p.events, format.money) : 'Nothing'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
