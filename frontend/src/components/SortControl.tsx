import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { toCents } from '@/lib/money';

export type SortKey = 'next' | 'name' | 'amount';

const OPTIONS: { value: SortKey; label: string }[] = [
  { value: 'next', label: 'Next date' },
  { value: 'name', label: 'Name' },
  { value: 'amount', label: 'Amount (highest first)' },
];

export interface Sortable {
  name: string;
  amount: string;
  /** The next due (or pay) date; null when none is coming. */
  next: string | null | undefined;
  archived: boolean;
}

/**
 * Orders bills or paydays. By next date (the default: what a person checks on payday): soonest
 * first, then those with no date coming, archived ones last; ties by name.
 */
export function sortEntries<T>(items: readonly T[], key: SortKey, read: (item: T) => Sortable): T[] {
  const byName = (a: Sortable, b: Sortable) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
  const compare = (x: T, y: T) => {
    const a = read(x);
    const b = read(y);
    if (a.archived !== b.archived) return a.archived ? 1 : -1;
    if (key === 'name') return byName(a, b);
    if (key === 'amount') return toCents(b.amount) - toCents(a.amount) || byName(a, b);
    if (!a.next !== !b.next) return a.next ? -1 : 1;
    return (a.next ?? '').localeCompare(b.next ?? '') || byName(a, b);
  };
  return [...items].sort(compare);
}

/** The list's sort order, kept in the address (`?sort=name`) so Back and a reload keep it. */
export function useSortKey(): [SortKey, (key: SortKey) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('sort');
  const key: SortKey = raw === 'name' || raw === 'amount' ? raw : 'next';
  const set = (next: SortKey) =>
    setParams(
      (current) => {
        const copy = new URLSearchParams(current);
        if (next === 'next') copy.delete('sort');
        else copy.set('sort', next);
        return copy;
      },
      { replace: true },
    );
  return [key, set];
}

export function SortControl({ value, onChange, nextLabel }: { value: SortKey; onChange: (key: SortKey) => void; nextLabel: string }) {
  const id = useId();
  return (
    <div className="sort-field">
      <label htmlFor={id}>Sort by</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as SortKey)}>
        {OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.value === 'next' ? nextLabel : o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
