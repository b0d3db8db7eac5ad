import { OccurrenceExceptionFieldsFragment } from '@/components/occurrences/exceptionFields';
import { OccurrenceMarkBadges } from '@/components/occurrences/OccurrenceMarkBadges';
import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { addDays } from '@/lib/dates';
import { useFormat, useViewer } from '@/lib/viewer';
import { BillOccurrenceItemFragment, BillOccurrenceList } from './BillOccurrenceList';
import { EnvelopeList } from './EnvelopeList';
import { belowZero, isPositive, namedBills, type BalancePoint } from './shortfall';

// The dashboard may import this file (not the rest of the forecast feature): it reads the
// shortfall helpers through it, so both screens word a shortfall the same way.
export { balanceEntered, belowZero, isPositive, namedBills, type BelowZero } from './shortfall';

export const PeriodCardFragment = graphql(`
  fragment PeriodCard_Period on PayPeriod {
    start
    end
    income
    setAside
    leftover
    endingBalance
    shortfall
    paydays {
      date
      amount
      payday {
        id
        name
        exceptions {
          ...OccurrenceExceptionFields
        }
      }
    }
    bills {
      ...BillOccurrenceItem
    }
    plan {
      setAside
      safeToSpend
      contributions {
        ...EnvelopeList_Contribution
      }
    }
  }
`);

/**
 * One pay period: the paycheck, what to set aside from it in the user's plan mode (the other
 * mode's figure underneath), a shortfall in words (how much, from which day, which bills), and
 * (expandable) its paydays, bills and envelope contributions. The day it runs short is read from
 * the forecast's `balances` (a period cannot select its forecast's fields, so the page passes
 * them). Without a known balance (`balanceKnown` false: the user never entered one) the
 * balance-based figures are left out rather than computed from 0.00.
 */
export function PeriodCard({
  period: periodRef,
  balances,
  defaultOpen = false,
  balanceKnown = true,
}: {
  period: FragmentType<typeof PeriodCardFragment>;
  balances: readonly BalancePoint[];
  defaultOpen?: boolean;
  balanceKnown?: boolean;
}) {
  const format = useFormat();
  const { planMode } = useViewer();
  const period = getFragmentData(PeriodCardFragment, periodRef);
  const smoothed = planMode === 'SMOOTHED';
  const setAside = smoothed ? period.plan.setAside : period.setAside;
  const left = smoothed ? period.plan.safeToSpend : period.leftover;
  const negative = left.startsWith('-');
  const billCount = period.bills.length;
  const bills = getFragmentData(BillOccurrenceItemFragment, period.bills);
  const short = balanceKnown && isPositive(period.shortfall);
  const under = short
    ? belowZero(
        balances,
        period.start,
        period.end,
        bills.map((b) => ({ id: b.bill.id, date: b.date, name: b.bill.name, amount: b.amount })),
      )
    : null;
  return (
    <article className={`card period${negative || short ? ' period-short' : ''}`}>
      <header className="period-header">
        <h3>
          {format.day(period.start)} <span className="muted">– {format.day(period.end)}</span>
        </h3>
        <p className="period-income">{format.money(period.income)} in</p>
      </header>
      {short && (
        <p className="period-shortfall" data-testid="period-shortfall">
          <strong>
            {format.money(period.shortfall)} short before {format.monthDay(addDays(period.end, 1))}
          </strong>
          {!under
            ? '.'
            : under.bills.length > 0
              ? `: your balance goes below zero on ${format.day(under.date)}, with ${namedBills(under.bills, format.money)}.`
              : `: your balance is still below zero after this paycheck, on ${format.day(under.date)}.`}{' '}
          Add {format.money(period.shortfall)} to your account before then, or move a bill.
        </p>
      )}
      <dl className="figures">
        <div>
          <dt>Set aside</dt>
          <dd className="figure-strong">{format.money(setAside)}</dd>
        </div>
        <div>
          <dt>{smoothed ? 'Safe to spend' : 'Leftover'}</dt>
          <dd className={negative ? 'negative' : undefined}>{format.money(left)}</dd>
        </div>
        {balanceKnown && (
          <div>
            <dt>Ending balance</dt>
            <dd className={period.endingBalance.startsWith('-') ? 'negative' : undefined}>
              {format.money(period.endingBalance)}
            </dd>
          </div>
        )}
      </dl>
      <p className="period-alt">
        {smoothed ? `Just in time: ${format.money(period.setAside)}` : `Smoothed: ${format.money(period.plan.setAside)}`}
      </p>
      {negative && !short && (
        <p className="warning-text">
          This paycheck does not cover its bills{balanceKnown ? '; your balance makes up the rest' : ''}.
        </p>
      )}
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
              <span className="row-name">
                {p.payday.name}
                <OccurrenceMarkBadges
                  exceptions={getFragmentData(OccurrenceExceptionFieldsFragment, p.payday.exceptions)}
                  date={p.date}
                />
              </span>
              <span className="row-amount">+{format.money(p.amount)}</span>
            </li>
          ))}
        </ul>
        <h4 className="visually-hidden">Bills</h4>
        <BillOccurrenceList occurrences={period.bills} emptyText="No bills due in this period." />
        {smoothed && period.plan.contributions.length > 0 && (
          <>
            <h4 className="envelopes-title">Into envelopes</h4>
            <EnvelopeList
              contributions={period.plan.contributions}
              period={{ start: period.start, paid: bills.map((b) => ({ billId: b.bill.id, date: b.date, amount: b.amount })) }}
            />
          </>
        )}
      </details>
    </article>
  );
}
