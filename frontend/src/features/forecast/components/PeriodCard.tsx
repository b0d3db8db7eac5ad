import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { useFormat } from '@/lib/viewer';
import { BillOccurrenceList } from './BillOccurrenceList';

export const PeriodCardFragment = graphql(`
  fragment PeriodCard_Period on PayPeriod {
    start
    end
    income
    setAside
    leftover
    endingBalance
    paydays {
      date
      amount
      payday {
        id
        name
      }
    }
    bills {
      ...BillOccurrenceItem
    }
  }
`);

/** One pay period: the paycheck, what to set aside from it, and (expandable) its bills. */
export function PeriodCard({
  period: periodRef,
  defaultOpen = false,
}: {
  period: FragmentType<typeof PeriodCardFragment>;
  defaultOpen?: boolean;
}) {
  const format = useFormat();
  const period = getFragmentData(PeriodCardFragment, periodRef);
  const negative = period.leftover.startsWith('-');
  const billCount = period.bills.length;
  return (
    <article className={`card period${negative ? ' period-short' : ''}`}>
      <header className="period-header">
        <h3>
          {format.day(period.start)} <span className="muted">– {format.day(period.end)}</span>
        </h3>
        <p className="period-income">{format.money(period.income)} in</p>
      </header>
      <dl className="figures">
        <div>
          <dt>Set aside</dt>
          <dd className="figure-strong">{format.money(period.setAside)}</dd>
        </div>
        <div>
          <dt>Leftover</dt>
          <dd className={negative ? 'negative' : undefined}>{format.money(period.leftover)}</dd>
        </div>
        <div>
          <dt>Ending balance</dt>
          <dd className={period.endingBalance.startsWith('-') ? 'negative' : undefined}>
            {format.money(period.endingBalance)}
          </dd>
        </div>
      </dl>
      {negative && <p className="warning-text">This paycheck does not cover its bills.</p>}
      <details open={defaultOpen}>
        <summary>
          {billCount === 0 ? 'No bills' : `${billCount} ${billCount === 1 ? 'bill' : 'bills'}`} ·{' '}
          {period.paydays.length} {period.paydays.length === 1 ? 'payday' : 'paydays'}
        </summary>
        <h4 className="visually-hidden">Paydays</h4>
        <ul className="rows">
          {period.paydays.map((p, index) => (
            <li key={`${p.payday.id}-${index}`} className="row row-income">
              <span className="row-date">{format.day(p.date)}</span>
              <span className="row-name">{p.payday.name}</span>
              <span className="row-amount">+{format.money(p.amount)}</span>
            </li>
          ))}
        </ul>
        <h4 className="visually-hidden">Bills</h4>
        <BillOccurrenceList occurrences={period.bills} emptyText="No bills due in this period." />
      </details>
    </article>
  );
}
