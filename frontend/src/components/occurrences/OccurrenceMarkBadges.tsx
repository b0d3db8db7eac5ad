import { formatMonthDay, type IsoDate } from '@/lib/dates';
import { occurrenceMark, type OccurrenceExceptionLike } from '@/lib/occurrences';

/**
 * Badges on an occurrence the user changed: "moved from Feb 1" and/or "changed amount". Nothing
 * for an occurrence as scheduled.
 */
export function OccurrenceMarkBadges({
  exceptions,
  date,
}: {
  exceptions: readonly OccurrenceExceptionLike[];
  date: IsoDate;
}) {
  const mark = occurrenceMark(exceptions, date);
  if (!mark) return null;
  return (
    <>
      {mark.movedFrom && <span className="badge badge-changed">moved from {formatMonthDay(mark.movedFrom)}</span>}
      {mark.amountChanged && <span className="badge badge-changed">changed amount</span>}
    </>
  );
}
