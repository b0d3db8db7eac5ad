import { useId, useState, type FormEvent } from 'react';
import { useClient } from 'urql';
import { FieldError } from '@/components/FieldError';
import { useProblems, type Problems } from '@/components/form/problems';
import { OccurrenceExceptionFieldsFragment } from '@/components/occurrences/exceptionFields';
import { getFragmentData } from '@/gql';
import { daysBetween, isIsoDate } from '@/lib/dates';
import { toAppError } from '@/lib/graphql/errors';
import { datesToPause, MAX_PAUSE_DAYS } from '@/lib/occurrences';
import { useFormat } from '@/lib/viewer';
import { BillOccurrencesQuery } from '../api/billOccurrences';
import { pauseBillMutation, resumeBillMutation, type ManyOccurrencesResult, type ManyOccurrencesVariables } from '../api/pauseBill';

type Field = 'from' | 'to';

/**
 * "Pause from … to …" on a bill's page: every date of the bill in that stretch is skipped in one
 * step (one mutation), and Undo brings them all back. The dates then read "Paused" in the list
 * above; the forecast leaves them out.
 */
export function PauseBill({ billId, name }: { billId: string; name: string }) {
  const id = useId();
  const format = useFormat();
  const client = useClient();
  const [from, setFrom] = useState(format.today);
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState('');
  const [paused, setPaused] = useState<string[] | null>(null);

  const check = (): Problems<Field> => {
    const found: Problems<Field> = {};
    if (!isIsoDate(from)) found.from = 'Choose the first day of the pause.';
    if (!isIsoDate(to)) found.to = 'Choose the last day of the pause.';
    else if (isIsoDate(from) && to < from) found.to = 'Choose a day on or after the first one.';
    else if (isIsoDate(from) && daysBetween(from, to) > MAX_PAUSE_DAYS) found.to = 'Pause at most a year at a time.';
    return found;
  };
  const { form, problems, validate } = useProblems(check);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure('');
    if (!validate()) return;
    setBusy(true);
    const window = await client
      .query(BillOccurrencesQuery, { id: billId, from, to }, { requestPolicy: 'network-only' })
      .toPromise();
    const bill = window.data?.bill;
    if (window.error || !bill) {
      setBusy(false);
      setFailure(window.error ? toAppError(window.error).message : 'This bill no longer exists.');
      return;
    }
    const dates = datesToPause(bill.occurrences, getFragmentData(OccurrenceExceptionFieldsFragment, bill.exceptions));
    const range = `from ${format.day(from)} to ${format.day(to)}`;
    if (dates.length === 0) {
      setBusy(false);
      setPaused(null);
      setMessage(`Nothing of ${name} is due ${range}.`);
      return;
    }
    const { query, variables } = pauseBillMutation(billId, dates);
    const result = await client.mutation<ManyOccurrencesResult, ManyOccurrencesVariables>(query, variables).toPromise();
    setBusy(false);
    if (result.error) {
      setFailure(toAppError(result.error).message);
      return;
    }
    setPaused(dates);
    setMessage(`Paused ${name} ${range}: ${dates.length} ${dates.length === 1 ? 'date' : 'dates'} skipped.`);
  };

  const undo = async () => {
    if (!paused) return;
    setBusy(true);
    const { query, variables } = resumeBillMutation(billId, paused);
    const result = await client.mutation<ManyOccurrencesResult, ManyOccurrencesVariables>(query, variables).toPromise();
    setBusy(false);
    if (result.error) setFailure(toAppError(result.error).message);
    else {
      setPaused(null);
      setMessage(`${name} is back as scheduled.`);
    }
  };

  const err = (field: Field) => (problems[field] ? `${id}-${field}-error` : undefined);
  return (
    <section className="card form-section pause-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        Pause for a while
      </h2>
      <p className="hint" id={`${id}-hint`}>
        Gym closed for the summer, a subscription on hold? Every date of {name} in between is skipped and left out of your
        forecasts. Undo brings them back.
      </p>
      <form ref={form} onSubmit={submit} noValidate aria-describedby={`${id}-hint`}>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-from`}>Pause from</label>
            <input
              id={`${id}-from`}
              type="date"
              value={from}
              min={format.today}
              aria-invalid={!!problems.from}
              aria-describedby={err('from')}
              onChange={(e) => setFrom(e.target.value)}
            />
            <FieldError id={err('from')} message={problems.from} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-to`}>to</label>
            <input
              id={`${id}-to`}
              type="date"
              value={to}
              min={from || format.today}
              aria-invalid={!!problems.to}
              aria-describedby={err('to')}
              onChange={(e) => setTo(e.target.value)}
            />
            <FieldError id={err('to')} message={problems.to} />
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Working…' : `Pause ${name}`}
          </button>
          {failure && (
            <p className="form-message" role="alert">
              Couldn’t pause: {failure}
            </p>
          )}
        </div>
      </form>
      <div className="action-status" role="status" aria-live="polite">
        {message && <p>{message}</p>}
        {paused && (
          <button type="button" className="button-small" disabled={busy} onClick={() => void undo()} aria-label={`Undo pausing ${name}`}>
            Undo
          </button>
        )}
      </div>
    </section>
  );
}
