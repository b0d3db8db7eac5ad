import { useMutation } from 'urql';
import { itemHeadingId } from '@/components/ActionStatus';
import { ItemActions } from '@/components/ItemActions';
import { describeSchedule } from '@/components/schedule/describe';
import { scheduleFromSaved } from '@/components/schedule/draft';
import { ScheduleFieldsFragment } from '@/components/schedule/scheduleFields';
import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { toAppError } from '@/lib/graphql/errors';
import { useFormat } from '@/lib/viewer';
import { DeleteBillMutation } from '../api/deleteBill';
import { UpdateBillMutation } from '../api/updateBill';

export const BillListItemFragment = graphql(`
  fragment BillListItem_Bill on Bill {
    id
    name
    amount
    category
    autopay
    archived
    nextDue
    schedule {
      ...ScheduleFields
    }
  }
`);

export interface BillAction {
  action: 'archived' | 'unarchived' | 'deleted';
  id: string;
  name: string;
}

export function BillListItem({
  bill: billRef,
  onAction,
}: {
  bill: FragmentType<typeof BillListItemFragment>;
  onAction?: (done: BillAction) => void;
}) {
  const format = useFormat();
  const bill = getFragmentData(BillListItemFragment, billRef);
  const schedule = getFragmentData(ScheduleFieldsFragment, bill.schedule);
  const [, updateBill] = useMutation(UpdateBillMutation);
  const [, deleteBill] = useMutation(DeleteBillMutation);

  return (
    <li className={`card item${bill.archived ? ' item-archived' : ''}`}>
      <div className="item-main">
        <h2 className="item-name" id={itemHeadingId(bill.id)} tabIndex={-1}>
          {bill.name}
          {bill.archived && <span className="badge badge-paused">Paused — not in forecasts</span>}
          {bill.autopay && <span className="badge">autopay</span>}
        </h2>
        <p className="item-amount">{format.money(bill.amount)}</p>
      </div>
      <p className="item-schedule">{describeSchedule(scheduleFromSaved(schedule))}</p>
      {/* An archived bill is in no forecast, so a "next due" date would be a promise it won't keep. */}
      {(!bill.archived || bill.category) && (
        <p className="item-meta">
          {!bill.archived && (bill.nextDue ? <>Next due {format.day(bill.nextDue)}</> : <>No upcoming dates</>)}
          {!bill.archived && bill.category && <> · </>}
          {bill.category}
        </p>
      )}
      <ItemActions
        name={bill.name}
        kind="bill"
        archived={bill.archived}
        editTo={`/bills/${bill.id}`}
        onSetArchived={async (archived) => {
          const result = await updateBill({ id: bill.id, patch: { archived } });
          return result.error ? toAppError(result.error) : null;
        }}
        onDelete={async () => {
          const result = await deleteBill({ id: bill.id }, { additionalTypenames: ['Bill'] });
          return result.error ? toAppError(result.error) : null;
        }}
        onDone={(action) => onAction?.({ action, id: bill.id, name: bill.name })}
      />
    </li>
  );
}
