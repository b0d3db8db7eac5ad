import { useId, useState, type FormEvent } from 'react';
import { FieldError } from '@/components/FieldError';
import { useProblems, type Problems as ProblemsOf } from '@/components/form/problems';
import { SubmitRow } from '@/components/form/SubmitRow';
import { UnsavedChangesPrompt } from '@/components/form/unsaved';
import { MoneyInput } from '@/components/MoneyInput';
import { draftFromSchedule, newDraft, readDraft, toScheduleInput, type ScheduleDraft } from '@/components/schedule/draft';
import { usePreviewHolidays } from '@/components/schedule/holidays';
import { ScheduleEditor } from '@/components/schedule/ScheduleEditor';
import { ScheduleFieldsFragment } from '@/components/schedule/scheduleFields';
import { getFragmentData, graphql, type FragmentType } from '@/gql';
import type { PaydayInput } from '@/gql/graphql';
import type { AppError } from '@/lib/graphql/errors';
import { parseMoneyInput } from '@/lib/money';
import { currencySymbol, useFormat, useViewer } from '@/lib/viewer';

export const PaydayFormFragment = graphql(`
  fragment PaydayForm_Payday on Payday {
    id
    name
    amount
    archived
    schedule {
      ...ScheduleFields
    }
  }
`);

type Problems = ProblemsOf<'name' | 'amount' | 'schedule'>;

export function PaydayForm({
  payday: paydayRef,
  onSubmit,
  submitLabel,
  busy,
  error,
}: {
  payday?: FragmentType<typeof PaydayFormFragment>;
  onSubmit: (values: PaydayInput) => void;
  submitLabel: string;
  busy: boolean;
  error: AppError | null;
}) {
  const id = useId();
  const format = useFormat();
  const { holidays: calendar } = useViewer();
  const holidays = usePreviewHolidays(calendar, format.today);
  const payday = getFragmentData(PaydayFormFragment, paydayRef);
  const saved = payday ? getFragmentData(ScheduleFieldsFragment, payday.schedule) : null;
  const [name, setName] = useState(payday?.name ?? '');
  const [amount, setAmount] = useState(payday?.amount ?? '');
  const [schedule, setSchedule] = useState<ScheduleDraft>(() =>
    saved ? draftFromSchedule(saved) : { ...newDraft(format.today, 'WEEKLY'), interval: '2' },
  );
  const snapshot = JSON.stringify([name, amount, schedule]);
  const [initial] = useState(snapshot);

  const check = (): Problems => {
    const found: Problems = {};
    const trimmedName = name.trim();
    if (trimmedName.length === 0) found.name = 'Give the payday a name, like “Acme salary”.';
    else if (trimmedName.length > 100) found.name = 'Use at most 100 characters.';
    const money = parseMoneyInput(amount, { positive: true });
    if (!money.ok) found.amount = money.error;
    if (!readDraft(schedule).ok) found.schedule = 'Check the schedule.';
    return found;
  };
  const { form, problems, validate, count } = useProblems(check);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const money = parseMoneyInput(amount, { positive: true });
    const draft = readDraft(schedule);
    if (!validate() || !money.ok || !draft.ok) return;
    onSubmit({ name: name.trim(), amount: money.value, schedule: toScheduleInput(draft.schedule) });
  };

  const err = (field: keyof Problems) => (problems[field] ? `${id}-${field}-error` : undefined);

  return (
    <form ref={form} className="form" onSubmit={submit} noValidate>
      <UnsavedChangesPrompt dirty={snapshot !== initial && !busy} />
      <div className="card form-section">
        <div className="field">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            value={name}
            required
            maxLength={100}
            placeholder="Acme salary"
            aria-invalid={!!problems.name}
            aria-describedby={err('name')}
            onChange={(e) => setName(e.target.value)}
          />
          <FieldError id={err('name')} message={problems.name} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-amount`}>Net pay</label>
          <MoneyInput
            id={`${id}-amount`}
            currencySymbol={currencySymbol(format.currency)}
            value={amount}
            required
            placeholder="0.00"
            aria-invalid={!!problems.amount}
            aria-describedby={[`${id}-amount-hint`, err('amount')].filter(Boolean).join(' ')}
            onChange={(e) => setAmount(e.target.value)}
          />
          <p id={`${id}-amount-hint`} className="hint">
            What lands in your account, after tax.
          </p>
          <FieldError id={err('amount')} message={problems.amount} />
        </div>
      </div>
      <div className="card form-section">
        <ScheduleEditor
          value={schedule}
          onChange={setSchedule}
          today={format.today}
          verb="paid"
          startLabel="One of your paydays (e.g. the next one)"
          showErrors={!!problems.schedule}
          holidays={holidays}
        />
        <FieldError id={err('schedule')} message={problems.schedule} />
      </div>
      <SubmitRow label={submitLabel} busy={busy} problems={count} error={error} />
    </form>
  );
}
