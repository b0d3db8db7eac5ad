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
import type { BillInput } from '@/gql/graphql';
import type { AppError } from '@/lib/graphql/errors';
import { isIsoDate } from '@/lib/dates';
import { parseMoneyInput, toCents } from '@/lib/money';
import { currencySymbol, useFormat, useViewer } from '@/lib/viewer';

export const BillFormFragment = graphql(`
  fragment BillForm_Bill on Bill {
    id
    name
    amount
    category
    autopay
    notes
    archived
    reserved
    reservedOn
    schedule {
      ...ScheduleFields
    }
  }
`);

type Problems = ProblemsOf<'name' | 'amount' | 'category' | 'notes' | 'schedule' | 'reserved' | 'reservedOn'>;

/**
 * The bill's values as they will be sent; optional texts are "" when empty. `reserved` and
 * `reservedOn` (the envelope) are there only when the person set or changed them.
 */
export interface BillValues extends Omit<BillInput, 'category' | 'notes' | 'autopay' | 'reserved' | 'reservedOn'> {
  category: string;
  notes: string;
  autopay: boolean;
  reserved?: string;
  reservedOn?: string;
}

export function BillForm({
  bill: billRef,
  onSubmit,
  submitLabel,
  busy,
  error,
}: {
  bill?: FragmentType<typeof BillFormFragment>;
  onSubmit: (values: BillValues) => void;
  submitLabel: string;
  busy: boolean;
  error: AppError | null;
}) {
  const id = useId();
  const format = useFormat();
  const { holidays: calendar } = useViewer();
  const holidays = usePreviewHolidays(calendar, format.today);
  const bill = getFragmentData(BillFormFragment, billRef);
  const saved = bill ? getFragmentData(ScheduleFieldsFragment, bill.schedule) : null;
  const [name, setName] = useState(bill?.name ?? '');
  const [amount, setAmount] = useState(bill?.amount ?? '');
  const [category, setCategory] = useState(bill?.category ?? '');
  const [autopay, setAutopay] = useState(bill?.autopay ?? false);
  const [notes, setNotes] = useState(bill?.notes ?? '');
  const [schedule, setSchedule] = useState<ScheduleDraft>(() =>
    saved ? draftFromSchedule(saved) : newDraft(format.today, 'MONTHLY'),
  );
  // The envelope: what is already put aside for this bill, as of a day. Changing the amount
  // restates it for today unless the person picks the day themselves.
  const [reserved, setReserved] = useState(bill?.reserved ?? '');
  const [reservedOn, setReservedOn] = useState(bill?.reservedOn ?? format.today);
  const [reservedOnTouched, setReservedOnTouched] = useState(false);
  // What the form held when it opened: anything else is an unsaved change worth asking about.
  const snapshot = JSON.stringify([name, amount, category, autopay, notes, schedule, reserved, reservedOn]);
  const [initial] = useState(snapshot);

  /** The envelope fields to send: none when untouched (the server keeps, or defaults, them). */
  const readEnvelope = ():
    | { ok: true; values: { reserved?: string; reservedOn?: string } }
    | { ok: false; problems: Problems } => {
    const problems: Problems = {};
    const text = reserved.trim() === '' ? '0' : reserved;
    const money = parseMoneyInput(text);
    if (!money.ok) problems.reserved = money.error;
    else if (toCents(money.value) < 0) problems.reserved = 'The envelope can’t hold less than 0.';
    if (!isIsoDate(reservedOn)) problems.reservedOn = 'Choose a date.';
    else if (reservedOn > format.today) problems.reservedOn = 'Choose today or an earlier day.';
    if (!money.ok || Object.keys(problems).length > 0) return { ok: false, problems };
    const savedCents = bill ? toCents(bill.reserved) : 0;
    const savedOn = bill?.reservedOn ?? format.today;
    const changed = toCents(money.value) !== savedCents || reservedOn !== savedOn;
    return { ok: true, values: changed ? { reserved: money.value, reservedOn } : {} };
  };

  const check = (): Problems => {
    const found: Problems = {};
    const trimmedName = name.trim();
    if (trimmedName.length === 0) found.name = 'Give the bill a name.';
    else if (trimmedName.length > 100) found.name = 'Use at most 100 characters.';
    const money = parseMoneyInput(amount, { positive: true });
    if (!money.ok) found.amount = money.error;
    if (category.trim().length > 50) found.category = 'Use at most 50 characters.';
    if (notes.length > 2000) found.notes = 'Use at most 2000 characters.';
    if (!readDraft(schedule).ok) found.schedule = 'Check the schedule.';
    const envelope = readEnvelope();
    if (!envelope.ok) Object.assign(found, envelope.problems);
    return found;
  };
  const { form, problems, validate, count } = useProblems(check);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const money = parseMoneyInput(amount, { positive: true });
    const draft = readDraft(schedule);
    const envelope = readEnvelope();
    if (!validate() || !money.ok || !draft.ok || !envelope.ok) return;
    onSubmit({
      name: name.trim(),
      amount: money.value,
      category: category.trim(),
      autopay,
      notes: notes.trim(),
      schedule: toScheduleInput(draft.schedule),
      ...envelope.values,
    });
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
            placeholder="Rent"
            aria-invalid={!!problems.name}
            aria-describedby={err('name')}
            onChange={(e) => setName(e.target.value)}
          />
          <FieldError id={err('name')} message={problems.name} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-amount`}>Amount</label>
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
            If it varies, enter the highest usual amount.
          </p>
          <FieldError id={err('amount')} message={problems.amount} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-category`}>
              Category <span className="optional">(optional)</span>
            </label>
            <input
              id={`${id}-category`}
              value={category}
              maxLength={50}
              placeholder="Housing"
              aria-invalid={!!problems.category}
              aria-describedby={err('category')}
              onChange={(e) => setCategory(e.target.value)}
            />
            <FieldError id={err('category')} message={problems.category} />
          </div>
          <label className="choice choice-inline">
            <input type="checkbox" checked={autopay} onChange={(e) => setAutopay(e.target.checked)} />
            Paid automatically (autopay)
          </label>
        </div>
      </div>

      <div className="card form-section">
        <ScheduleEditor
          value={schedule}
          onChange={setSchedule}
          today={format.today}
          verb="due"
          showErrors={!!problems.schedule}
          holidays={holidays}
        />
        <FieldError id={err('schedule')} message={problems.schedule} />
      </div>

      <div className="card">
        <fieldset className="form-section envelope-fields">
          <legend>
            Envelope <span className="optional">(optional)</span>
          </legend>
          <p className="hint" id={`${id}-envelope-hint`}>
            Money you have already put aside for this bill. The smoothed plan tops it up from each paycheck before the bill
            is due.
          </p>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-reserved`}>Already set aside</label>
              <MoneyInput
                id={`${id}-reserved`}
                currencySymbol={currencySymbol(format.currency)}
                value={reserved}
                placeholder="0.00"
                aria-invalid={!!problems.reserved}
                aria-describedby={[`${id}-envelope-hint`, err('reserved')].filter(Boolean).join(' ')}
                onChange={(e) => {
                  setReserved(e.target.value);
                  if (!reservedOnTouched) setReservedOn(format.today);
                }}
              />
              <FieldError id={err('reserved')} message={problems.reserved} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-reserved-on`}>As of</label>
              <input
                id={`${id}-reserved-on`}
                type="date"
                value={reservedOn}
                max={format.today}
                aria-invalid={!!problems.reservedOn}
                aria-describedby={err('reservedOn')}
                onChange={(e) => {
                  setReservedOn(e.target.value);
                  setReservedOnTouched(true);
                }}
              />
              <FieldError id={err('reservedOn')} message={problems.reservedOn} />
            </div>
          </div>
        </fieldset>
      </div>

      <div className="card form-section">
        <div className="field">
          <label htmlFor={`${id}-notes`}>
            Notes <span className="optional">(optional)</span>
          </label>
          <textarea
            id={`${id}-notes`}
            value={notes}
            rows={3}
            maxLength={2000}
            aria-invalid={!!problems.notes}
            aria-describedby={err('notes')}
            onChange={(e) => setNotes(e.target.value)}
          />
          <FieldError id={err('notes')} message={problems.notes} />
        </div>
      </div>

      <SubmitRow label={submitLabel} busy={busy} problems={count} error={error} />
    </form>
  );
}
