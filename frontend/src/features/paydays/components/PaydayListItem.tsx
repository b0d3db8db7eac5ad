import { useMutation } from 'urql';
import { itemHeadingId } from '@/components/ActionStatus';
import { ItemActions } from '@/components/ItemActions';
import { describeSchedule } from '@/components/schedule/describe';
import { scheduleFromSaved } from '@/components/schedule/draft';
import { ScheduleFieldsFragment } from '@/components/schedule/scheduleFields';
import { getFragmentData, graphql, type FragmentType } from '@/gql';
import { toAppError } from '@/lib/graphql/errors';
import { useFormat } from '@/lib/viewer';
import { DeletePaydayMutation } from '../api/deletePayday';
import { UpdatePaydayMutation } from '../api/updatePayday';

export const PaydayListItemFragment = graphql(`
  fragment PaydayListItem_Payday on Payday {
    id
    name
    amount
    archived
    nextDate
    schedule {
      ...ScheduleFields
    }
  }
`);

export interface PaydayAction {
  action: 'archived' | 'unarchived' | 'deleted';
  id: string;
  name: string;
}

export function PaydayListItem({
  payday: paydayRef,
  onAction,
}: {
  payday: FragmentType<typeof PaydayListItemFragment>;
  onAction?: (done: PaydayAction) => void;
}) {
  const format = useFormat();
  const payday = getFragmentData(PaydayListItemFragment, paydayRef);
  const schedule = getFragmentData(ScheduleFieldsFragment, payday.schedule);
  const [, updatePayday] = useMutation(UpdatePaydayMutation);
  const [, deletePayday] = useMutation(DeletePaydayMutation);

  return (
    <li className={`card item${payday.archived ? ' item-archived' : ''}`}>
      <div className="item-main">
        <h2 className="item-name" id={itemHeadingId(payday.id)} tabIndex={-1}>
          {payday.name}
          {payday.archived && <span className="badge badge-paused">Paused — not in forecasts</span>}
        </h2>
        <p className="item-amount item-amount-income">{format.money(payday.amount)}</p>
      </div>
      <p className="item-schedule">{describeSchedule(scheduleFromSaved(schedule))}</p>
      {!payday.archived && (
        <p className="item-meta">{payday.nextDate ? <>Next payday {format.day(payday.nextDate)}</> : <>No upcoming dates</>}</p>
      )}
      <ItemActions
        name={payday.name}
        kind="payday"
        archived={payday.archived}
        editTo={`/paydays/${payday.id}`}
        onSetArchived={async (archived) => {
          const result = await updatePayday({ id: payday.id, patch: { archived } });
          return result.error ? toAppError(result.error) : null;
        }}
        onDelete={async () => {
          const result = await deletePayday({ id: payday.id }, { additionalTypenames: ['Payday'] });
          return result.error ? toAppError(result.error) : null;
        }}
        onDone={(action) => onAction?.({ action, id: payday.id, name: payday.name })}
      />
    </li>
  );
}
