import { useMutation, useQuery } from 'urql';
import { OccurrenceExceptionFieldsFragment } from '@/components/occurrences/exceptionFields';
import { OccurrenceEditor } from '@/components/occurrences/OccurrenceEditor';
import { getFragmentData } from '@/gql';
import { addDays } from '@/lib/dates';
import { toAppError } from '@/lib/graphql/errors';
import { upcomingRows } from '@/lib/occurrences';
import { useFormat } from '@/lib/viewer';
import { ClearPaydayOccurrenceMutation } from '../api/clearPaydayOccurrence';
import { PaydayOccurrencesQuery } from '../api/paydayOccurrences';
import { SetPaydayOccurrenceMutation } from '../api/setPaydayOccurrence';

/** How far ahead a payday's page lists its dates. */
const OCCURRENCE_DAYS = 120;

/** The payday page's "Upcoming dates": the next ~6 dates, each can be skipped, paid another amount or moved. */
export function PaydayOccurrences({ paydayId, id }: { paydayId: string; id?: string }) {
  const format = useFormat();
  const from = format.today;
  const to = addDays(from, OCCURRENCE_DAYS);
  const [{ data, error }, refetch] = useQuery({ query: PaydayOccurrencesQuery, variables: { id: paydayId, from, to } });
  const [, setOccurrence] = useMutation(SetPaydayOccurrenceMutation);
  const [, clearOccurrence] = useMutation(ClearPaydayOccurrenceMutation);
  const payday = data?.payday;
  const rows = payday
    ? upcomingRows({
        occurrences: payday.occurrences,
        exceptions: getFragmentData(OccurrenceExceptionFieldsFragment, payday.exceptions),
        amount: payday.amount,
        from,
        to,
      })
    : undefined;

  if (data && !payday) return null;
  return (
    <OccurrenceEditor
      id={id}
      name={payday?.name ?? 'this payday'}
      usualAmount={payday?.amount ?? '0.00'}
      currency={format.currency}
      rows={rows}
      loadError={error}
      onRetry={() => refetch({ requestPolicy: 'network-only' })}
      days={OCCURRENCE_DAYS}
      onSet={async (date, change) => {
        const result = await setOccurrence({ paydayId, date, change });
        return result.error ? toAppError(result.error) : null;
      }}
      onClear={async (date) => {
        const result = await clearOccurrence({ paydayId, date });
        return result.error ? toAppError(result.error) : null;
      }}
    />
  );
}
