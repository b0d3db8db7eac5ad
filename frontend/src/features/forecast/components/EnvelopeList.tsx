import { OccurrenceExceptionFieldsFragment } from '@/components/occurrences/exceptionFields';
import { getFragmentData, graphql, type FragmentType } from '@/gql';
import type { IsoDate } from '@/lib/dates';
import { fromCents, toCents } from '@/lib/money';
import { amountOn, type OccurrenceExceptionLike } from '@/lib/occurrences';
import { useFormat } from '@/lib/viewer';

export const EnvelopeListFragment = graphql(`
  fragment EnvelopeList_Contribution on Contribution {
    amount
    reserved
    bill {
      id
      name
      amount
      nextDue
      exceptions {
        ...OccurrenceExceptionFields
      }
    }
  }
`);

/** A bill occurrence of the same period: the bill paid from its envelope within it. */
export interface PaidInPeriod {
  billId: string;
  date: IsoDate;
  amount: string;
}

export interface EnvelopeLine {
  billId: string;
  name: string;
  contribution: string;
  /** The envelope after this paycheck's share (before the bill is paid, when it falls in the period). */
  filled: string;
  /** What the envelope is filling up for. */
  target: string;
  due: IsoDate | null;
}

/**
 * One line per contribution: "Insurance $120.00 → $240.00 of $600.00, due Mar 13".
 *
 * The server's `reserved` is the envelope after the period's bills are paid, so for a bill due
 * within the period it would read "→ $0.00". A person expects to see the envelope full on the day
 * it pays the bill, so there the line adds the period's occurrences back and shows their date.
 * Otherwise the target is the bill's next amount (a changed one when its next date was re-priced)
 * and `nextDue` (left out when that is before the period).
 */
export function envelopeLines(
  contributions: readonly {
    amount: string;
    reserved: string;
    bill: {
      id: string;
      name: string;
      amount: string;
      nextDue?: IsoDate | null;
      exceptions?: readonly OccurrenceExceptionLike[];
    };
  }[],
  period: { start: IsoDate; paid: readonly PaidInPeriod[] },
): EnvelopeLine[] {
  return contributions.map((c) => {
    const paid = period.paid.filter((p) => p.billId === c.bill.id);
    if (paid.length > 0) {
      const target = paid.reduce((sum, p) => sum + toCents(p.amount), 0);
      return {
        billId: c.bill.id,
        name: c.bill.name,
        contribution: c.amount,
        filled: fromCents(toCents(c.reserved) + target),
        target: fromCents(target),
        due: paid.map((p) => p.date).sort()[0] ?? null,
      };
    }
    const nextDue = c.bill.nextDue ?? null;
    return {
      billId: c.bill.id,
      name: c.bill.name,
      contribution: c.amount,
      filled: c.reserved,
      target: nextDue ? amountOn(c.bill.exceptions ?? [], nextDue, c.bill.amount) : c.bill.amount,
      due: nextDue && nextDue >= period.start ? nextDue : null,
    };
  });
}

/** Each bill's share of one paycheck, and how full its envelope gets. */
export function EnvelopeList({
  contributions: refs,
  period,
  label = 'Envelopes',
  className = 'envelopes',
}: {
  contributions: readonly FragmentType<typeof EnvelopeListFragment>[];
  period: { start: IsoDate; paid: readonly PaidInPeriod[] };
  label?: string;
  className?: string;
}) {
  const format = useFormat();
  const lines = envelopeLines(
    getFragmentData(EnvelopeListFragment, refs).map((c) => ({
      ...c,
      bill: { ...c.bill, exceptions: getFragmentData(OccurrenceExceptionFieldsFragment, c.bill.exceptions) },
    })),
    period,
  );
  if (lines.length === 0) return null;
  return (
    <ul className={className} aria-label={label}>
      {lines.map((line) => (
        <li key={line.billId} className="envelope">
          <span className="envelope-name">{line.name}</span>{' '}
          <strong className="envelope-amount">{format.money(line.contribution)}</strong>{' '}
          <span className="envelope-fill">
            → {format.money(line.filled)} of {format.money(line.target)}
            {line.due && <>, due {format.monthDay(line.due)}</>}
          </span>
        </li>
      ))}
    </ul>
  );
}
