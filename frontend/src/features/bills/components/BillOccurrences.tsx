import { useMutation, useQuery } from 'urql';
import { OccurrenceExceptionFieldsFragment } from '@/components/occurrences/exceptionFields';
import { OccurrenceEditor } from '@/components/occurrences/OccurrenceEditor';
import { getFragmentData } from '@/gql';
import { addDays } from '@/lib/dates';
import { toAppError } from '@/lib/graphql/errors';
import { upcomingRows } from '@/lib/occurrences';
import { useFormat } from '@/lib/viewer';
import { BillOccurrencesQuery } from '../api/billOccurrences';
import { ClearBillOccurrenceMutation } from '../api/clearBillOccurrence';
import { SetBillOccurrenceMutation } from '../api/setBillOccurrence';

/** How far ahead a bill's page lists its dates. */
const OCCURRENCE_DAYS = 120;

/** The bill page's "Upcoming dates": the next ~6 dates, each can be skipped, re-priced or moved. */
export function BillOccurrences({ billId, id }: { billId: string; id?: string }) {
  const format = useFormat();
  const from = format.today;
  const to = addDays(from, OCCURRENCE_DAYS);
  const [{ data, error }, refetch] = useQuery({ query: BillOccurrencesQuery, variables: { id: billId, from, to } });
  const [, setOccurrence] = useMutation(SetBillOccurrenceMutation);
  const [, clearOccurrence] = useMutation(ClearBillOccurrenceMutation);
  const bill = data?.bill;
  const rows = bill
    ? upcomingRows({
        occurrences: bill.occurrences,
        exceptions: getFragmentData(OccurrenceExceptionFieldsFragment, bill.exceptions),
        amount: bill.amount,
        from,
        to,
      })
    : undefined;

  if (data && !bill) return null;
  return (
    <OccurrenceEditor
      id={id}
      name={bill?.name ?? 'this bill'}
      usualAmount={bill?.amount ?? '0.00'}
      currency={format.currency}
      rows={rows}
      loadError={error}
      onRetry={() => refetch({ requestPolicy: 'network-only' })}
      days={OCCURRENCE_DAYS}
      onSet={async (date, change) => {
        const result = await setOccurrence({ billId, date, change });
        return result.error ? toAppError(result.error) : null;
      }}
      onClear={async (date) => {
        const result = await clearOccurrence({ billId, date });
        return result.error ? toAppError(result.error) : null;
      }}
    />
  );
}
