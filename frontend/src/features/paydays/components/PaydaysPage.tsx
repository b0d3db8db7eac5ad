import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { ActionStatus, itemHeadingId, useActionFeedback } from '@/components/ActionStatus';
import { ErrorBanner } from '@/components/ErrorBanner';
import { Loading } from '@/components/Loading';
import { SortControl, sortEntries, useSortKey } from '@/components/SortControl';
import { DEPENDS_ON } from '@/lib/graphql/client';
import { toAppError } from '@/lib/graphql/errors';
import { PaydaysQuery } from '../api/paydays';
import { UpdatePaydayMutation } from '../api/updatePayday';
import { PaydayListItem, type PaydayAction } from './PaydayListItem';

const HEADING_ID = 'paydays-heading';
const UNDO_ID = 'paydays-undo';

/** /paydays: every income schedule, with the actions to manage them, sortable, confirming each change. */
export function PaydaysPage() {
  const [includeArchived, setIncludeArchived] = useState(false);
  const [sort, setSort] = useSortKey();
  const [{ data, error, fetching }, refetch] = useQuery({
    query: PaydaysQuery,
    variables: { includeArchived },
    context: DEPENDS_ON.paydays,
  });
  const [, updatePayday] = useMutation(UpdatePaydayMutation);
  const { status, setStatus, focusLater } = useActionFeedback({ added: 'Added', saved: 'Saved changes to' });

  const onAction = useCallback(
    ({ action, id, name }: PaydayAction) => {
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
              const result = await updatePayday({ id, patch: { archived: false } });
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
    [setStatus, focusLater, updatePayday, includeArchived],
  );

  const paydays = data
    ? sortEntries(data.paydays, sort, (b) => ({ name: b.name, amount: b.amount, next: b.nextDate, archived: b.archived }))
    : [];

  return (
    <div className="page">
      <div className="page-header">
        <h1 id={HEADING_ID} tabIndex={-1}>
          Paydays
        </h1>
        <Link className="button button-primary" to="/paydays/new">
          Add a payday
        </Link>
      </div>
      <ActionStatus status={status} undoId={UNDO_ID} />
      <div className="list-tools">
        <label className="choice">
          <input type="checkbox" checked={includeArchived} onChange={(e) => setIncludeArchived(e.target.checked)} />
          Show archived paydays
        </label>
        {paydays.length > 1 && <SortControl value={sort} onChange={setSort} nextLabel="Next payday" />}
      </div>
      {error && !data ? (
        <ErrorBanner error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      ) : !data ? (
        <Loading label={fetching ? 'Loading paydays…' : undefined} />
      ) : paydays.length === 0 ? (
        <section className="card empty-state">
          <h2>{includeArchived ? 'No paydays at all yet' : 'No paydays yet'}</h2>
          <p>Add your paycheck — how much lands in your account and how often — to split your bills across paychecks.</p>
          <Link className="button button-primary" to="/paydays/new">
            Add your payday
          </Link>
        </section>
      ) : (
        <ul className="items" aria-label="Paydays">
          {paydays.map((payday) => (
            <PaydayListItem key={payday.id} payday={payday} onAction={onAction} />
          ))}
        </ul>
      )}
    </div>
  );
}
