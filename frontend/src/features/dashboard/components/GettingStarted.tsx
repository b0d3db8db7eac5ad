import { Link } from 'react-router';

/** First-run guide: a payday, then bills, and the headline appears. */
export function GettingStarted({ hasPayday, hasBill }: { hasPayday: boolean; hasBill: boolean }) {
  return (
    <section className="card getting-started" aria-labelledby="getting-started-title">
      <h2 id="getting-started-title">Let’s find out what to set aside</h2>
      <p>Two steps and Wisewallet tells you how much of each paycheck your bills need.</p>
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
      </ol>
    </section>
  );
}
