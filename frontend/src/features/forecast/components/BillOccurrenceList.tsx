import { OccurrenceExceptionFieldsFragment } from '@/components/occurrences/exceptionFields';
import { OccurrenceMarkBadges } from '@/components/occurrences/OccurrenceMarkBadges';
import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { useFormat } from '@/lib/viewer';

export const BillOccurrenceItemFragment = graphql(`
  fragment BillOccurrenceItem on BillOccurrence {
    date
    amount
    bill {
      id
      name
      autopay
      category
      exceptions {
        ...OccurrenceExceptionFields
      }
    }
  }
`);

/** Bill occurrences as a list of "date · name · amount" rows; changed ones are marked. */
export function BillOccurrenceList({
  occurrences,
  emptyText = 'No bills.',
  label,
  className,
}: {
  occurrences: readonly FragmentType<typeof BillOccurrenceItemFragment>[];
  emptyText?: string;
  /** The list's accessible name, when it stands on its own (the dashboard's headline). */
  label?: string;
  className?: string;
}) {
  const format = useFormat();
  const items = getFragmentData(BillOccurrenceItemFragment, occurrences);
  if (items.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <ul className={className ? `rows ${className}` : 'rows'} aria-label={label}>
      {items.map((o, index) => (
        <li key={`${o.bill.id}-${o.date}-${index}`} className="row">
          <span className="row-date">{format.day(o.date)}</span>
          <span className="row-name">
            {o.bill.name}
            {o.bill.autopay && <span className="badge">autopay</span>}
            <OccurrenceMarkBadges
              exceptions={getFragmentData(OccurrenceExceptionFieldsFragment, o.bill.exceptions)}
              date={o.date}
            />
          </span>
          <span className="row-amount">{format.money(o.amount)}</span>
        </li>
      ))}
    </ul>
  );
}
