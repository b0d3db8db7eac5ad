import { Link } from 'react-router';
import { useQuery } from 'urql';
import { ErrorBanner } from '@/components/ErrorBanner';
import { Loading } from '@/components/Loading';
import { BillOccurrenceList } from '@/features/forecast/components/BillOccurrenceList';
import { balanceEntered, isPositive, PeriodCard } from '@/features/forecast/components/PeriodCard';
import { DEPENDS_ON } from '@/lib/graphql/client';
import { fromCents, toCents } from '@/lib/money';
import { useFormat, useViewer } from '@/lib/viewer';
import { DashboardQuery } from '../api/dashboard';
import { hasStatedBalance } from '@/lib/onboarding';

import { GettingStarted } from './GettingStarted';
import { Headline } from './Headline';

const AT_A_GLANCE = 3;

export function DashboardPage() {
  const format = useFormat();
  const viewer = useViewer();
  const { planMode, balance } = viewer;
  const [{ data, error, fetching }, refetch] = useQuery({ query: DashboardQuery, context: DEPENDS_ON.forecast });

  if (error && !data) {
    return (
      <div className="page">
        <h1>Dashboard</h1>
        <ErrorBanner error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      </div>
    );
  }
  if (!data) return <Loading label={fetching ? 'Working out your next paycheck…' : undefined} />;

  const { forecast } = data;
  const [first, ...rest] = forecast.periods;
  const hasPayday = data.paydays.length > 0;
  const hasBill = data.bills.length > 0;
  // A balance never entered (0.00) gives no lowest point or shortfall worth showing.
  const balanceKnown = balanceEntered(balance);
  const lowestNegative = balanceKnown && forecast.lowestBalance.balance.startsWith('-');
  // Smoothed, the envelopes pay part of what is due now; only the rest comes from the balance.
  const smoothed = planMode === 'SMOOTHED';
  const dueNow = smoothed ? forecast.planDueNow : forecast.dueBeforeNextPayday;
  const coveredByEnvelopes = toCents(forecast.dueBeforeNextPayday) - toCents(forecast.planDueNow);

  return (
    <div className="page dashboard">
      {first || (balanceKnown && isPositive(forecast.shortfallBeforeNextPayday)) ? (
        <section className="hero" aria-label="This paycheck">
          <Headline period={first} forecast={forecast} balanceKnown={balanceKnown} />
          {!balanceKnown && isPositive(forecast.dueBeforeNextPayday) && (
            <p className="hero-note" data-testid="balance-missing-hero">
              <Link to="/settings">Enter your balance</Link> to see whether it covers the{' '}
              {format.money(forecast.dueBeforeNextPayday)} due before your next payday.
            </p>
          )}
          <p className="hero-sub">
            <Link to="/forecast">See the full forecast</Link>
          </p>
        </section>
      ) : (
        <section className="hero" aria-label="This paycheck">
          <h1 className="headline">{hasPayday ? 'No payday in the next 90 days' : 'Welcome to Wisewallet'}</h1>
        </section>
      )}

      {(!hasPayday || !hasBill || !hasStatedBalance(viewer)) && (
        <GettingStarted hasPayday={hasPayday} hasBill={hasBill} hasBalance={hasStatedBalance(viewer)} />
      )}

      <div className="grid-2">
        <section className="card" aria-labelledby="due-now-title">
          <h2 id="due-now-title">
            Due before {forecast.nextPayday ? `your next payday (${format.day(forecast.nextPayday)})` : 'your next payday'}
          </h2>
          <p className="figure-big" data-testid="due-before-next-payday">
            {format.money(dueNow)}
          </p>
          {smoothed && coveredByEnvelopes > 0 && (
            <p className="hint">
              Of {format.money(forecast.dueBeforeNextPayday)} due, your envelopes cover{' '}
              {format.money(fromCents(coveredByEnvelopes))}.
            </p>
          )}
          {balanceKnown ? (
            <p className="hint">Paid from your estimated balance of {format.money(forecast.startingBalance)}.</p>
          ) : (
            <p className="hint">
              Paid from your balance. <Link to="/settings">Enter it</Link> to see whether it covers them.
            </p>
          )}
          <BillOccurrenceList
            occurrences={forecast.billsBeforeNextPayday}
            emptyText="Nothing is due before your next payday."
          />
        </section>

        <section
          className={`card${lowestNegative ? ' card-warning' : ''}`}
          aria-labelledby="lowest-title"
          data-testid="lowest-balance"
        >
          <h2 id="lowest-title">Lowest balance ahead</h2>
          {!balanceKnown ? (
            <p data-testid="lowest-balance-missing">
              <Link to="/settings">Enter your balance</Link> to see your lowest point.
            </p>
          ) : (
            <>
              <p className={`figure-big${lowestNegative ? ' negative' : ''}`}>{format.money(forecast.lowestBalance.balance)}</p>
              <p>on {format.longDate(forecast.lowestBalance.date)}</p>
              {lowestNegative ? (
                <p className="warning-text" role="note">
                  ⚠ Your balance goes below zero. Move money in before then, or change a bill’s date.
                </p>
              ) : (
                <p className="hint">
                  Through {format.mediumDate(forecast.periods.at(-1)?.end ?? forecast.until)}, starting from your estimated
                  balance. Keep it current in{' '}
                  <Link to="/settings">Settings</Link>.
                </p>
              )}
            </>
          )}
        </section>
      </div>

      {first && (
        <section aria-labelledby="glance-title">
          <h2 id="glance-title">Next paychecks at a glance</h2>
          <div className="periods">
            {[first, ...rest].slice(0, AT_A_GLANCE).map((period) => (
              <PeriodCard key={period.start} period={period} balances={forecast.balances} balanceKnown={balanceKnown} />
            ))}
          </div>
        </section>
      )}
    </div>
  );
}
