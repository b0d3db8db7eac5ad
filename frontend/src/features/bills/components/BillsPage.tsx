import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ActionStatus, itemHeadingId, useActionFeedback } from '@/components/ActionStatus';
import { ErrorBanner } from '@/components/ErrorBanner';
import { Loading } from '@/components/Loading';
import { SortControl, sortEntries, useSortKey } from '@/components/SortControl';
import { DEPENDS_ON } from '@/lib/graphql/client';
import { toAppError } from '@/lib/graphql/errors';
import { BillsQuery } from '../api/bills';
import { UpdateBillMutation } from '../api/updateBill';
import { BillListItem, type BillAction } from './BillListItem';

const HEADING_ID = 'bills-heading';
const UNDO_ID = 'bills-undo';

/** /bills: every bill, with the actions to manage them, sortable, confirming each change. */
export function BillsPage() {
  const [includeArchived, setIncludeArchived] = useState(false);
  const [sort, setSort] = useSortKey();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: BillsQuery,
    variables: { includeArchived },
    context: DEPENDS_ON.bills,
  });
  const [, updateBill] = useMutation(UpdateBillMutation);
  const { status, setStatus, focusLater } = useActionFeedback({ added: 'Added', saved: 'Saved changes to' });

  const onAction = useCallback(
    ({ action, id, name }: BillAction) => {
      if (action === 'deleted') {
        setStatus({ text: `Deleted ${name}.` });
        focusLater(HEADING_ID);
      } else if (action === 'unarchived') {
        setStatus({ text: `${name} is back in your forecasts.` });
        focusLater(itemHeadingId(id));
      } else {
        setStatus({
          text: `Archived ${name}: paused, not in forecasts.`,
          undo: {
            label: `Undo archiving ${name}`,
            run: async () => {
              const result = await updateBill({ id, patch: { archived: false } });
              if (result.error) setStatus({ text: `Couldn’t bring ${name} back: ${toAppError(result.error).message}` });
              else {
                setStatus({ text: `${name} is back in your forecasts.` });
                focusLater(itemHeadingId(id));
              }
            },
          },
        });
        // Still listed when archived ones are shown; otherwise Undo is the thing to reach for.
        focusLater(includeArchived ? itemHeadingId(id) : UNDO_ID);
      }
    },
    [setStatus, focusLater, updateBill, includeArchived],
  );

  const bills = data
    ? sortEntries(data.bills, sort, (b) => ({ name: b.name, amount: b.amount, next: b.nextDue, archived: b.archived }))
    : [];

  return (
    <div className="page">
      <div className="page-header">
        <h1 id={HEADING_ID} tabIndex={-1}>
          Bills
        </h1>
        <Link className="button button-primary" to="/bills/new">
          Add a bill
        </Link>
      </div>
      <ActionStatus status={status} undoId={UNDO_ID} />
      <div className="list-tools">
        <label className="choice">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
          Show archived bills
        </label>
        {bills.length > 1 && <SortControl value={sort} onChange={setSort} nextLabel="Next due date" />}
      </div>
      {error && !data ? (
        <ErrorBanner error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <Loading label={fetching ? 'Loading bills…' : undefined} />
      ) : bills.length === 0 ? (
        <section className="card empty-state">
          <h2>{includeArchived ? 'No bills at all yet' : 'No bills yet'}</h2>
          <p>Add the bills you pay from this account — rent, phone, insurance, subscriptions — and when they are due.</p>
          <Link className="button button-primary" to="/bills/new">
            Add your first bill
          </Link>
        </section>
      ) : (
        <ul className="items" aria-label="Bills">
          {bills.map((bill) => (
            <BillListItem key={bill.id} bill={bill} onAction={onAction} />
          ))}
        </ul>
      )}
    </div>
  );
}
