import { lazy, Suspense, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorBanner } from '@/components/ErrorBanner';
import { Loading } from '@/components/Loading';
import type { IsoDate } from '@/lib/dates';
import { DEPENDS_ON } from '@/lib/graphql/client';
import { fromCents } from '@/lib/money';
import { useFormat, useViewer } from '@/lib/viewer';
import { ForecastQuery } from '../api/forecast';
import { balanceSeries, type BalanceEvent } from './balanceSeries';
import { BalanceTable, describeEvents } from './BalanceTable';
import { BillOccurrenceList } from './BillOccurrenceList';
import { ForecastControls, type ForecastWindow } from './ForecastControls';
import { PeriodCard } from './PeriodCard';
import { balanceEntered, isPositive } from './shortfall';

const BalanceChart = lazy(() => import('./BalanceChart'));

/**
 * /forecast?from=&until=&balance=: every period, totals and the balance chart. Without a balance,
 * the server starts from the estimated balance on `from` (the stated one walked to that day).
 * Everything on it covers the same stretch: from `from` through the end of the last pay period
 * (which may lie after `until`, as every period is complete), and says so.
 */
export function ForecastPage() {
  const format = useFormat();
  const viewer = useViewer();
  const [params, setParams] = useSearchParams();
  const chosen: ForecastWindow = {
    from: params.get('from') ?? '',
    until: params.get('until') ?? '',
    startingBalance: params.get('balance') ?? '',
  };
  const variables = {
    from: chosen.from || null,
    until: chosen.until || null,
    startingBalance: chosen.startingBalance || null,
  };
  const [{ data, error, fetching }, refetch] = useQuery({ query: ForecastQuery, variables, context: DEPENDS_ON.forecast });
  const forecast = data?.forecast;
  const series = useMemo(() => (forecast ? balanceSeries(forecast) : null), [forecast]);
  // A balance typed here counts, even 0.00; otherwise the stated one, unless it was never entered.
  const balanceKnown = chosen.startingBalance !== '' || balanceEntered(viewer.balance);

  // Within one year "Thu, Apr 9" is enough; across a new year the year is said ("Thu, Mar 11, 2027").
  const sameYear = forecast ? forecast.from.slice(0, 4) === through(forecast).slice(0, 4) : true;
  const date = (day: IsoDate) => (sameYear ? format.day(day) : format.longDate(day));
  /** "Sat, Jan 10 through Thu, Apr 9 — the end of the last pay period." */
  const spanText = (from: IsoDate, end: IsoDate, until: IsoDate) =>
    end === until ? `${date(from)} through ${date(end)}.` : `${date(from)} through ${date(end)} — the end of the last pay period.`;

  const apply = (next: ForecastWindow) => {
    const search = new URLSearchParams();
    if (next.from) search.set('from', next.from);
    if (next.until) search.set('until', next.until);
    if (next.startingBalance) search.set('balance', next.startingBalance);
    setParams(search);
  };

  return (
    <div className="page forecast">
      <h1>Forecast</h1>
      <ForecastControls
        // Re-seed the form when the URL changes or the server tells us its default window.
        key={`${params.toString()}|${forecast?.from ?? ''}|${forecast?.until ?? ''}`}
        value={{
          from: chosen.from || forecast?.from || '',
          until: chosen.until || forecast?.until || '',
          startingBalance: chosen.startingBalance,
        }}
        currency={format.currency}
        onApply={apply}
      />
      {error && <ErrorBanner error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      {!forecast ? (
        !error && <Loading label={fetching ? 'Forecasting…' : undefined} />
      ) : (
        <>
          <p className="forecast-span" aria-live="polite" data-testid="forecast-span">
            {spanText(forecast.from, through(forecast), forecast.until)}
            {' Starting from '}
            {chosen.startingBalance ? '' : 'your estimated balance of '}
            {format.money(forecast.startingBalance)}.{fetching && ' Updating…'}
          </p>
          {!balanceKnown && (
            <p className="notice" data-testid="balance-missing">
              <Link to="/settings">Enter your balance</Link> to see your lowest point; until then these figures start from{' '}
              {format.money(forecast.startingBalance)}.
            </p>
          )}
          <section className="card" aria-labelledby="totals-title">
            <h2 id="totals-title">Totals through {date(through(forecast))}</h2>
            <dl className="figures figures-wide">
              <div>
                <dt>Income</dt>
                <dd>{format.money(forecast.totalIncome)}</dd>
              </div>
              <div>
                <dt>Bills</dt>
                <dd>{format.money(forecast.totalBills)}</dd>
              </div>
              {balanceKnown && (
                <div>
                  <dt>Lowest balance</dt>
                  <dd className={forecast.lowestBalance.balance.startsWith('-') ? 'negative' : undefined}>
                    {format.money(forecast.lowestBalance.balance)}
                    <span className="figure-note">{format.day(forecast.lowestBalance.date)}</span>
                  </dd>
                </div>
              )}
            </dl>
          </section>

          <section className="card" aria-labelledby="chart-title">
            <h2 id="chart-title">Balance</h2>
            <figure className="chart-figure">
              <figcaption>
                Your balance at the end of each day through {date(through(forecast))}, if you spend nothing beyond these
                bills.
              </figcaption>
              {series && series.points.length > 0 && (
                <>
                  <Suspense fallback={<Loading label="Drawing the chart…" />}>
                    <BalanceChart series={series} currency={format.currency} />
                  </Suspense>
                  <p className={`chart-low${series.lowest.cents < 0 ? ' negative' : ''}`} data-testid="chart-low">
                    <strong>Lowest: {format.money(fromCents(series.lowest.cents))}</strong> on {format.day(series.lowest.date)}
                    {lowestBills(series.lowest.events).length > 0 &&
                      ` — after ${describeEvents(lowestBills(series.lowest.events), format.money).replaceAll('−', '')}`}
                  </p>
                  <BalanceTable series={series} />
                </>
              )}
            </figure>
          </section>

          <section className="card" aria-labelledby="before-title">
            <h2 id="before-title">
              Before {forecast.nextPayday ? `the payday on ${format.day(forecast.nextPayday)}` : 'your next payday'}
            </h2>
            <p>
              Due from your balance: <strong>{format.money(forecast.dueBeforeNextPayday)}</strong>
            </p>
            {balanceKnown && isPositive(forecast.shortfallBeforeNextPayday) && (
              <p className="warning-text" data-testid="forecast-shortfall">
                Your balance is {format.money(forecast.shortfallBeforeNextPayday)} short of it.
              </p>
            )}
            <BillOccurrenceList occurrences={forecast.billsBeforeNextPayday} emptyText="Nothing is due." />
          </section>

          <section aria-labelledby="periods-title">
            <h2 id="periods-title">Pay periods</h2>
            {forecast.periods.length === 0 ? (
              <div className="card empty-state">
                <p>No payday falls in this window.</p>
                <Link className="button button-primary" to="/paydays/new">
                  Add a payday
                </Link>
              </div>
            ) : (
              <div className="periods">
                {forecast.periods.map((period) => (
                  <PeriodCard key={period.start} period={period} balances={forecast.balances} balanceKnown={balanceKnown} />
                ))}
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}

/** The last day the forecast covers: the end of its last pay period, else `until`. */
function through(forecast: { until: IsoDate; periods: readonly { end: IsoDate }[] }): IsoDate {
  return forecast.periods[forecast.periods.length - 1]?.end ?? forecast.until;
}

/** The bills of the low point's day (its paydays, if any, came in first). */
const lowestBills = (events: readonly BalanceEvent[]) => events.filter((e) => e.cents < 0);
