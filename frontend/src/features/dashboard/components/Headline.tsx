import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { addDays } from '@/lib/dates';
import { useFormat } from '@/lib/viewer';

export const HeadlinePeriodFragment = graphql(`
  fragment Headline_Period on PayPeriod {
    start
    end
    setAside
    bills {
      date
    }
  }
`);

/**
 * The answer to the question the app exists for, from the first pay period of the forecast:
 * "Set aside $1,580.00 from your Fri, Jan 30 paycheck for 2 bills due before Feb 13".
 */
export function Headline({ period: periodRef }: { period: FragmentType<typeof HeadlinePeriodFragment> }) {
  const format = useFormat();
  const period = getFragmentData(HeadlinePeriodFragment, periodRef);
  const count = period.bills.length;
  const nextPayday = format.monthDay(addDays(period.end, 1));
  return (
    <h1 className="headline" data-testid="headline">
      {count === 0 ? (
        <>
          Nothing to set aside from your <strong>{format.day(period.start)}</strong> paycheck: no bills are due before{' '}
          {nextPayday}
        </>
      ) : (
        <>
          Set aside <strong className="headline-amount">{format.money(period.setAside)}</strong> from your{' '}
          <strong>{format.day(period.start)}</strong> paycheck for{' '}
          <strong>
            {count} {count === 1 ? 'bill' : 'bills'}
          </strong>{' '}
          due before {nextPayday}
        </>
      )}
    </h1>
  );
}
