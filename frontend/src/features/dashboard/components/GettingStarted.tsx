import { Link } from 'react-router';

import { BALANCE_PATH } from '@/lib/onboarding';

/** First-run guide: a payday, then bills, then today's balance — and the headline appears. */
export function GettingStarted({
  hasPayday,
  hasBill,
  hasBalance,
}: {
  hasPayday: boolean;
  hasBill: boolean;
  hasBalance: boolean;
}) {
  return (
    <section className="card getting-started" aria-labelledby="getting-started-title">
      <h2 id="getting-started-title">Let’s find out what to set aside</h2>
      <p>Three steps and Wisewallet tells you how much of each paycheck your bills need.</p>
      <ol className="steps">
        <li className={hasPayday ? 'step-done' : undefined}>
          <span className="step-text">
            <strong>Add your payday</strong> — how much you’re paid, and when.
          </span>
          {hasPayday ? (
            <span className="badge badge-ok">Done</span>
          ) : (
            <Link className="button button-primary" to="/paydays/new">
              Add a payday
            </Link>
          )}
        </li>
        <li className={hasBill ? 'step-done' : undefined}>
          <span className="step-text">
            <strong>Add your bills</strong> — rent, phone, insurance…
          </span>
          {hasBill ? (
            <span className="badge badge-ok">Done</span>
          ) : (
            <Link className={`button${hasPayday ? ' button-primary' : ''}`} to="/bills/new">
              Add a bill
            </Link>
          )}
        </li>
        <li className={hasBalance ? 'step-done' : undefined}>
          <span className="step-text">
            <strong>Enter today’s balance</strong> — what’s in the account your bills come from.
          </span>
          {hasBalance ? (
            <span className="badge badge-ok">Done</span>
          ) : (
            <Link className={`button${hasPayday && hasBill ? ' button-primary' : ''}`} to={BALANCE_PATH}>
              Enter your balance
            </Link>
          )}
        </li>
      </ol>
    </section>
  );
}
