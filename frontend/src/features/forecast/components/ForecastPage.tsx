import { lazy, Suspense, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorBanner } from '@/components/ErrorBanner';
import { Loading } from '@/components/Loading';
import { DEPENDS_ON } from '@/lib/graphql/client';
import { useFormat } from '@/lib/viewer';
import { ForecastQuery } from '../api/forecast';
import { balanceSeries } from './balanceSeries';
import { BillOccurrenceList } from './BillOccurrenceList';
import { ForecastControls, type ForecastWindow } from './ForecastControls';
import { PeriodCard } from './PeriodCard';

const BalanceChart = lazy(() => import('./BalanceChart'));

/**
 * /forecast?from=&until=&balance=: every period, totals and the balance chart. Without a balance,
 * the server starts from the estimated balance on `from` (the stated one walked to that day).
 */
export function ForecastPage() {
  const format = useFormat();
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

  const apply = (next: ForecastWindow) => {
    const search = new URLSearchParams();
    if (next.from) search.set('from', next.from);
    if (next.until) search.set('until', next.until);
    if (next.startingBalance) search.set('balance', next.startingBalance);
    setParams(search);
  };

  return (
    <div className="page">
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
          <p className="muted" aria-live="polite">
            {format.longDate(forecast.from)} to {format.longDate(forecast.until)}, starting from{' '}
            {chosen.startingBalance ? '' : 'your estimated balance of '}
            {format.money(forecast.startingBalance)}
            {fetching && ' · updating…'}
          </p>
          <dl className="card figures figures-wide">
            <div>
              <dt>Income</dt>
              <dd>{format.money(forecast.totalIncome)}</dd>
            </div>
            <div>
              <dt>Bills</dt>
              <dd>{format.money(forecast.totalBills)}</dd>
            </div>
            <div>
              <dt>Lowest balance</dt>
              <dd className={forecast.lowestBalance.balance.startsWith('-') ? 'negative' : undefined}>
                {format.money(forecast.lowestBalance.balance)}
                <span className="figure-note">{format.day(forecast.lowestBalance.date)}</span>
              </dd>
            </div>
          </dl>

          <section className="card" aria-labelledby="chart-title">
            <h2 id="chart-title">Balance</h2>
            {series && series.points.length > 0 && (
              <Suspense fallback={<Loading label="Drawing the chart…" />}>
                <BalanceChart series={series} currency={format.currency} />
              </Suspense>
            )}
          </section>

          <section className="card" aria-labelledby="before-title">
            <h2 id="before-title">
              Before {forecast.nextPayday ? `the payday on ${format.day(forecast.nextPayday)}` : 'your next payday'}
            </h2>
            <p>
              Due from your balance: <strong>{format.money(forecast.dueBeforeNextPayday)}</strong>
            </p>
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
                  <PeriodCard key={period.start} period={period} />
                ))}
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}
