import { EnvelopeList } from '@/features/forecast/components/EnvelopeList';
import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { addDays } from '@/lib/dates';
import { useFormat, useViewer } from '@/lib/viewer';

export const HeadlinePeriodFragment = graphql(`
  fragment Headline_Period on PayPeriod {
    start
    end
    setAside
    bills {
      date
      amount
      bill {
        id
      }
    }
    plan {
      setAside
      contributions {
        ...EnvelopeList_Contribution
      }
    }
  }
`);

/**
 * The answer to the question the app exists for, from the first pay period of the forecast, in
 * the user's plan mode. Just in time: "Set aside $1,580.00 from your Fri, Jan 30 paycheck for
 * 2 bills due before Feb 13". Smoothed: "Set aside $910.00 from your Fri, Jan 16 paycheck", with
 * each bill's share and its envelope. The other mode's figure follows as a secondary line.
 */
export function Headline({ period: periodRef }: { period: FragmentType<typeof HeadlinePeriodFragment> }) {
  const format = useFormat();
  const { planMode } = useViewer();
  const period = getFragmentData(HeadlinePeriodFragment, periodRef);
  const count = period.bills.length;
  const nextPayday = format.monthDay(addDays(period.end, 1));
  const paycheck = <strong>{format.day(period.start)}</strong>;
  const bills = `${count} ${count === 1 ? 'bill' : 'bills'}`;
  const smoothedIsZero = isZero(period.plan.setAside);

  if (planMode === 'SMOOTHED') {
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
          period={{ start: period.start, paid: period.bills.map((b) => ({ billId: b.bill.id, date: b.date, amount: b.amount })) }}
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
      {/* Worth a line only when smoothing would change the figure. */}
      {!smoothedIsZero && period.plan.setAside !== period.setAside && (
        <p className="headline-secondary" data-testid="headline-secondary">
          Smoothed: {format.money(period.plan.setAside)} from this paycheck would even out your big bills.
        </p>
      )}
    </>
  );
}

const isZero = (amount: string) => /^-?0+(\.0+)?$/.test(amount);
