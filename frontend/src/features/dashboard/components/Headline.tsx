import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EnvelopeList } from '@/features/forecast/components/EnvelopeList';
import { BillOccurrenceItemFragment, BillOccurrenceList } from '@/features/forecast/components/BillOccurrenceList';
import { belowZero, isPositive, namedBills, type BelowZero } from '@/features/forecast/components/PeriodCard';
import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { addDays } from '@/lib/dates';
import { fromCents, toCents } from '@/lib/money';
import { useFormat, useViewer } from '@/lib/viewer';

export const HeadlinePeriodFragment = graphql(`
  fragment Headline_Period on PayPeriod {
    start
    end
    income
    setAside
    shortfall
    bills {
      ...BillOccurrenceItem
    }
    plan {
      setAside
      contributions {
        ...EnvelopeList_Contribution
      }
    }
  }
`);

export const HeadlineForecastFragment = graphql(`
  fragment Headline_Forecast on Forecast {
    startingBalance
    dueBeforeNextPayday
    shortfallBeforeNextPayday
    nextPayday
    billsBeforeNextPayday {
      ...BillOccurrenceItem
    }
    balances {
      date
      balance
    }
  }
`);

type Format = ReturnType<typeof useFormat>;

/**
 * The answer to the question the app exists for, in plain words, with its reason underneath.
 *
 * - Short before the next payday (DESIGN §1 Forecast step 8): leads with the shortfall and the
 *   bill that causes it ("You're $667.82 short before your next payday — Rent $1,400.00 on Tue,
 *   Dec 1"), lists what is due, then what to do: cover the gap before that day, and set aside
 *   from the next paycheck what its bills need plus the gap it must refill.
 * - Short within the first pay period, even with its paycheck: the same, for that period.
 * - Otherwise the set-aside answer in the user's plan mode. Just in time: "Set aside $1,580.00
 *   from your Fri, Jan 30 paycheck for 2 bills due before Feb 13", those bills listed; smoothed:
 *   "Set aside $910.00 from your Fri, Jan 16 paycheck", with each bill's share and its envelope.
 *   The other mode's figure follows as a secondary line.
 *
 * A shortfall is only led with when the balance is known (`balanceKnown`): from a balance never
 * entered (0.00) it would be noise.
 */
export function Headline({
  period: periodRef,
  forecast: forecastRef,
  balanceKnown,
}: {
  period: FragmentType<typeof HeadlinePeriodFragment> | undefined;
  forecast: FragmentType<typeof HeadlineForecastFragment>;
  balanceKnown: boolean;
}) {
  const format = useFormat();
  const { planMode } = useViewer();
  const period = periodRef ? getFragmentData(HeadlinePeriodFragment, periodRef) : undefined;
  const forecast = getFragmentData(HeadlineForecastFragment, forecastRef);
  const smoothed = planMode === 'SMOOTHED';

  if (balanceKnown && isPositive(forecast.shortfallBeforeNextPayday)) {
    const before = getFragmentData(BillOccurrenceItemFragment, forecast.billsBeforeNextPayday).map((b) => ({
      id: b.bill.id,
      date: b.date,
      name: b.bill.name,
      amount: b.amount,
    }));
    // From the first bill to the last: before the payday only bills move the balance, and a
    // balance already below zero on the first day (overdrawn) is named by the first bill it
    // cannot pay — the deadline that matters — not by today.
    const dates = before.map((b) => b.date).sort();
    const [first, last] = [dates[0], dates.at(-1)];
    const under = first && last ? belowZero(forecast.balances, first, last, before) : null;
    const payday = forecast.nextPayday ? ` your ${format.day(forecast.nextPayday)} paycheck` : ' your next payday';
    return (
      <>
        <h1 className="headline" data-testid="headline">
          You're <strong className="headline-amount">{format.money(forecast.shortfallBeforeNextPayday)}</strong> short before
          your next payday{under && <Cause under={under} format={format} />}
        </h1>
        <p className="headline-reason">
          Your balance of {format.money(forecast.startingBalance)} doesn't cover the {format.money(forecast.dueBeforeNextPayday)}{' '}
          due before{payday}:
        </p>
        <BillOccurrenceList
          occurrences={forecast.billsBeforeNextPayday}
          label="Due before your next payday"
          className="rows-hero"
        />
        <WhatToDo>
          {coverStep(forecast.shortfallBeforeNextPayday, under)}
          {period && refillStep(period, forecast.shortfallBeforeNextPayday)}
        </WhatToDo>
      </>
    );
  }

  if (!period) return null;
  const count = period.bills.length;
  const nextPayday = format.monthDay(addDays(period.end, 1));
  const paycheck = <strong>{format.day(period.start)}</strong>;
  const bills = `${count} ${count === 1 ? 'bill' : 'bills'}`;
  const smoothedIsZero = isZero(period.plan.setAside);
  const items = getFragmentData(BillOccurrenceItemFragment, period.bills);

  if (balanceKnown && isPositive(period.shortfall)) {
    const under = belowZero(
      forecast.balances,
      period.start,
      period.end,
      items.map((b) => ({ id: b.bill.id, date: b.date, name: b.bill.name, amount: b.amount })),
    );
    return (
      <>
        <h1 className="headline" data-testid="headline">
          Even with your {paycheck} paycheck, you're{' '}
          <strong className="headline-amount">{format.money(period.shortfall)}</strong> short before {nextPayday}
          {under && under.bills.length > 0 && <Cause under={under} format={format} />}
        </h1>
        <p className="headline-reason">
          Your balance and this paycheck of {format.money(period.income)} don't cover the {bills} due before {nextPayday}:
        </p>
        <BillOccurrenceList occurrences={period.bills} label="Due before the payday after" className="rows-hero" />
        <WhatToDo>
          {coverStep(period.shortfall, under)}
          <li>
            Set aside {format.money(smoothed ? period.plan.setAside : period.setAside)} from your {format.day(period.start)}{' '}
            paycheck for them.
          </li>
        </WhatToDo>
      </>
    );
  }

  if (smoothed) {
    return (
      <>
        <h1 className="headline" data-testid="headline">
          {smoothedIsZero ? (
            <>Nothing to set aside from your {paycheck} paycheck: your envelopes already cover what is coming</>
          ) : (
            <>
              Set aside <strong className="headline-amount">{format.money(period.plan.setAside)}</strong> from your{' '}
              {paycheck} paycheck
            </>
          )}
        </h1>
        <EnvelopeList
          contributions={period.plan.contributions}
          period={{ start: period.start, paid: items.map((b) => ({ billId: b.bill.id, date: b.date, amount: b.amount })) }}
          label="Into your envelopes from this paycheck"
          className="envelopes envelopes-hero"
        />
        <p className="headline-secondary" data-testid="headline-secondary">
          {count === 0
            ? `Just in time, nothing is due before ${nextPayday}.`
            : `Just in time: ${format.money(period.setAside)} for the ${bills} due before ${nextPayday}.`}
        </p>
      </>
    );
  }

  return (
    <>
      <h1 className="headline" data-testid="headline">
        {count === 0 ? (
          <>
            Nothing to set aside from your {paycheck} paycheck: no bills are due before {nextPayday}
          </>
        ) : (
          <>
            Set aside <strong className="headline-amount">{format.money(period.setAside)}</strong> from your {paycheck}{' '}
            paycheck for <strong>{bills}</strong> due before {nextPayday}
          </>
        )}
      </h1>
      {count > 0 && <BillOccurrenceList occurrences={period.bills} label="Bills this paycheck covers" className="rows-hero" />}
      {/* Worth a line only when smoothing would change the figure. */}
      {!smoothedIsZero && period.plan.setAside !== period.setAside && (
        <p className="headline-secondary" data-testid="headline-secondary">
          Smoothed: {format.money(period.plan.setAside)} from this paycheck would even out your big bills.
        </p>
      )}
    </>
  );

  /** Covering the gap: by the day the balance goes under; or moving the bill that takes it there. */
  function coverStep(amount: string, under: BelowZero | null) {
    const [only] = under?.bills ?? [];
    return (
      <li>
        Move {format.money(amount)} into this account{under ? ` before ${format.day(under.date)}` : ''}
        {under?.bills.length === 1 && only ? (
          <>
            {' '}
            — or move {only.name}’s date on <Link to={`/bills/${only.id}`}>its page</Link>.
          </>
        ) : (
          '.'
        )}
      </li>
    );
  }

  /** The next paycheck pays for its own bills and refills the gap. */
  function refillStep(p: NonNullable<typeof period>, gap: string) {
    const setAside = smoothed ? p.plan.setAside : p.setAside;
    const n = p.bills.length;
    const total = fromCents(toCents(setAside) + toCents(gap));
    const due = format.monthDay(addDays(p.end, 1));
    if (isZero(setAside)) {
      return (
        <li>
          Your {format.day(p.start)} paycheck must then refill the {format.money(gap)} gap; nothing else is due from it before{' '}
          {due}.
        </li>
      );
    }
    return (
      <li>
        From your {format.day(p.start)} paycheck, set aside {format.money(setAside)}{' '}
        {smoothed ? 'for your envelopes' : `for ${n === 1 ? 'the bill' : `the ${n} bills`} due before ${due}`}, plus{' '}
        {format.money(gap)} to refill the gap: <strong>{format.money(total)}</strong> in all.
      </li>
    );
  }
}

/** " — Rent $1,400.00 on Tue, Dec 1": what takes the balance below zero, and when. */
function Cause({ under, format }: { under: BelowZero; format: Format }) {
  return (
    <span className="headline-cause">
      {' — '}
      {namedBills(under.bills, format.money)} on {format.day(under.date)}
    </span>
  );
}

function WhatToDo({ children }: { children: ReactNode }) {
  return (
    <div className="what-to-do">
      <h2 className="what-to-do-title">What to do</h2>
      <ol>{children}</ol>
    </div>
  );
}

const isZero = (amount: string) => /^-?0+(\.0+)?$/.test(amount);
