import type { CombinedError } from '@urql/core';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ErrorBanner } from '@/components/ErrorBanner';
import { Loading } from '@/components/Loading';
import { MoneyInput } from '@/components/MoneyInput';
import { formatDay, formatMonthDay, isIsoDate, type IsoDate } from '@/lib/dates';
import type { AppError } from '@/lib/graphql/errors';
import { formatMoney, parseMoneyInput } from '@/lib/money';
import {
  MAX_MOVE_DAYS,
  moveRange,
  planAmountChange,
  planMove,
  withinMoveRange,
  type ChangePlan,
  type OccurrenceRow,
} from '@/lib/occurrences';
import { currencySymbol } from '@/lib/viewer';

export interface OccurrenceChangeInput {
  skip?: boolean;
  amount?: string;
  moveTo?: IsoDate;
}

export interface OccurrenceEditorProps {
  /** The bill's or payday's name, for labels: "Rent". */
  name: string;
  /** The usual amount (the schedule's), to tell a changed amount from a restored one. */
  usualAmount: string;
  currency: string;
  /** The rows to show; undefined while loading. */
  rows: OccurrenceRow[] | undefined;
  loadError?: CombinedError;
  onRetry?: () => void;
  /** Days ahead the list covers, for the empty text. */
  days: number;
  onSet: (scheduled: IsoDate, change: OccurrenceChangeInput) => Promise<AppError | null>;
  onClear: (scheduled: IsoDate) => Promise<AppError | null>;
  /** The section's id, so the page can link to it. */
  id?: string;
}

type Action = 'skip' | 'amount' | 'move' | 'undo';
type Editing = { scheduled: IsoDate; mode: 'amount' | 'move' } | null;

/**
 * The next dates of one bill or payday, each with Skip / Change amount / Move, and Undo for a
 * changed one (DESIGN §1 "Occurrence exceptions"). Changes are saved at once; the server's
 * message for a refused change appears next to the control, and a live region confirms each one.
 */
export function OccurrenceEditor({
  name,
  usualAmount,
  currency,
  rows,
  loadError,
  onRetry,
  days,
  onSet,
  onClear,
  id: sectionId,
}: OccurrenceEditorProps) {
  const id = useId();
  const section = useRef<HTMLElement>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [busy, setBusy] = useState<IsoDate | null>(null);
  const [errors, setErrors] = useState<Record<IsoDate, string>>({});
  const [announcement, setAnnouncement] = useState('');
  // Where focus goes once the list shows the result of an action: the row re-renders when the
  // refetched dates arrive, so this is tried after every render until the control exists.
  const focusTarget = useRef<{ scheduled: IsoDate; action: Action } | null>(null);
  const setFocusTarget = (target: { scheduled: IsoDate; action: Action }) => {
    focusTarget.current = target;
  };
  useEffect(() => {
    const target = focusTarget.current;
    if (!target) return;
    const element = section.current?.querySelector<HTMLElement>(
      `[data-occurrence="${target.scheduled}"][data-action="${target.action}"]`,
    );
    if (element && !element.hasAttribute('disabled')) {
      element.focus();
      focusTarget.current = null;
    }
  });
  const clearError = (scheduled: IsoDate) => setErrors((all) => without(all, scheduled));

  /**
   * Saves one change. On success, announces `done` and moves focus to `focus` of that row; on
   * failure, shows the server's message by the control and returns focus to `origin` (a button
   * that was disabled while saving), if given.
   */
  const run = async (
    scheduled: IsoDate,
    plan: ChangePlan,
    done: string,
    focus: Action,
    origin?: Action,
  ): Promise<boolean> => {
    if (plan.kind === 'none') {
      setEditing(null);
      setFocusTarget({ scheduled, action: focus });
      return true;
    }
    setBusy(scheduled);
    clearError(scheduled);
    setAnnouncement('');
    const failure = plan.kind === 'clear' ? await onClear(scheduled) : await onSet(scheduled, plan.change);
    setBusy(null);
    if (failure) {
      setErrors((all) => ({ ...all, [scheduled]: failure.message }));
      if (origin) setFocusTarget({ scheduled, action: origin });
      return false;
    }
    setEditing(null);
    setAnnouncement(done);
    setFocusTarget({ scheduled, action: focus });
    return true;
  };

  const day = (date: IsoDate) => formatDay(date);
  const money = (amount: string) => formatMoney(amount, currency);

  return (
    <section ref={section} id={sectionId} className="card occurrences" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Upcoming dates</h2>
      <p className="hint">
        Skip one date, change its amount or move it, without changing the schedule. Changes are saved right away and
        show in your forecast.
      </p>
      {loadError && !rows ? (
        <ErrorBanner error={loadError} onRetry={onRetry} />
      ) : !rows ? (
        <Loading label="Loading the next dates…" />
      ) : rows.length === 0 ? (
        <p className="muted">No dates in the next {days} days.</p>
      ) : (
        <ul className="occurrence-list" aria-label={`Upcoming dates of ${name}`}>
          {rows.map((row, index) => {
            // Two or more skipped dates in a row read as a pause ("pause from … to …" makes them).
            const paused =
              row.skipped && (rows[index - 1]?.skipped === true || rows[index + 1]?.skipped === true);
            const errorId = errors[row.scheduled] ? `${id}-${row.scheduled}-error` : undefined;
            const isBusy = busy === row.scheduled;
            const open = editing?.scheduled === row.scheduled ? editing.mode : null;
            const control = (action: Action) => ({
              'data-occurrence': row.scheduled,
              'data-action': action,
              disabled: isBusy,
              'aria-describedby': errorId,
            });
            return (
              <li
                key={row.scheduled}
                className={`occurrence${row.skipped ? ' occurrence-skipped' : ''}${row.exception ? ' occurrence-changed' : ''}`}
              >
                <div className="occurrence-main">
                  <span className="occurrence-date">{day(row.date)}</span>
                  <span className="occurrence-amount">{row.skipped ? <s>{money(row.amount)}</s> : money(row.amount)}</span>
                  <span className="occurrence-badges">
                    {row.skipped && <span className="badge badge-skipped">{paused ? 'Paused' : 'Skipped'}</span>}
                    {row.moved && <span className="badge badge-changed">moved from {formatMonthDay(row.scheduled)}</span>}
                    {row.amountChanged && <span className="badge badge-changed">changed amount</span>}
                  </span>
                  {/* Undo sits with what it undoes; an open inline editor has its own Cancel. */}
                  {row.exception && open === null && (
                    <button
                      type="button"
                      className="button-small button-undo"
                      aria-label={row.skipped ? `Undo skipping ${day(row.scheduled)}` : `Undo changes to ${day(row.scheduled)}`}
                      {...control('undo')}
                      onClick={() =>
                        void run(row.scheduled, { kind: 'clear' }, `${day(row.scheduled)} is back as scheduled.`, 'skip', 'undo')
                      }
                    >
                      Undo
                    </button>
                  )}
                </div>
                {open === 'amount' ? (
                  <AmountForm
                    row={row}
                    currency={currency}
                    busy={isBusy}
                    serverError={errors[row.scheduled]}
                    onCancel={() => {
                      setEditing(null);
                      clearError(row.scheduled);
                      setFocusTarget({ scheduled: row.scheduled, action: 'amount' });
                    }}
                    onSave={(amount) =>
                      run(
                        row.scheduled,
                        planAmountChange(row, usualAmount, amount),
                        `${day(row.date)} is now ${money(amount)}.`,
                        'amount',
                      )
                    }
                  />
                ) : open === 'move' ? (
                  <MoveForm
                    row={row}
                    busy={isBusy}
                    serverError={errors[row.scheduled]}
                    onCancel={() => {
                      setEditing(null);
                      clearError(row.scheduled);
                      setFocusTarget({ scheduled: row.scheduled, action: 'move' });
                    }}
                    onSave={(moveTo) =>
                      run(
                        row.scheduled,
                        planMove(row, moveTo),
                        moveTo === row.scheduled
                          ? `${day(row.scheduled)} is back on its own date.`
                          : `${day(row.scheduled)} moved to ${day(moveTo)}.`,
                        'move',
                      )
                    }
                  />
                ) : (
                  <>
                    {(!row.skipped || isBusy) && (
                      <div className="button-row occurrence-actions">
                        {!row.skipped && (
                          <>
                            <button
                              type="button"
                              className="button-small"
                              aria-label={`Skip ${day(row.date)}`}
                              {...control('skip')}
                              onClick={() =>
                                void run(
                                  row.scheduled,
                                  { kind: 'set', change: { skip: true } },
                                  `Skipped ${day(row.date)}. Undo brings it back.`,
                                  'undo',
                                  'skip',
                                )
                              }
                            >
                              Skip
                            </button>
                            <button
                              type="button"
                              className="button-small"
                              aria-label={`Change amount for ${day(row.date)}`}
                              {...control('amount')}
                              onClick={() => {
                                clearError(row.scheduled);
                                setEditing({ scheduled: row.scheduled, mode: 'amount' });
                              }}
                            >
                              Change amount
                            </button>
                            <button
                              type="button"
                              className="button-small"
                              aria-label={`Move ${day(row.date)}`}
                              {...control('move')}
                              onClick={() => {
                                clearError(row.scheduled);
                                setEditing({ scheduled: row.scheduled, mode: 'move' });
                              }}
                            >
                              Move
                            </button>
                          </>
                        )}
                        {isBusy && <span className="muted occurrence-busy">Saving…</span>}
                      </div>
                    )}
                    {errorId && (
                      <p id={errorId} className="field-error" role="alert">
                        {errors[row.scheduled]}
                      </p>
                    )}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p role="status" aria-live="polite" className="saved-note occurrence-status">
        {announcement}
      </p>
    </section>
  );
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}

/** The inline forms open on purpose (a button press), so their field takes focus at once. */
function useFocusOnMount() {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return input;
}

function cancelOnEscape(onCancel: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };
}

/** "Change amount": the amount for this one date. */
function AmountForm({
  row,
  currency,
  busy,
  serverError,
  onSave,
  onCancel,
}: {
  row: OccurrenceRow;
  currency: string;
  busy: boolean;
  serverError: string | undefined;
  onSave: (amount: string) => Promise<boolean>;
  onCancel: () => void;
}) {
  const id = useId();
  const input = useFocusOnMount();
  const [value, setValue] = useState(row.amount);
  const [problem, setProblem] = useState<string>();
  const message = problem ?? serverError;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const money = parseMoneyInput(value, { positive: true });
    setProblem(money.ok ? undefined : money.error);
    if (money.ok) void onSave(money.value).then((ok) => {
      if (!ok) input.current?.focus();
    });
  };
  return (
    <form className="occurrence-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-amount`}>Amount for {formatDay(row.date)}</label>
        <MoneyInput
          id={`${id}-amount`}
          currencySymbol={currencySymbol(currency)}
          ref={input}
          value={value}
          onKeyDown={cancelOnEscape(onCancel)}
          aria-invalid={!!message}
          aria-describedby={message ? `${id}-error` : undefined}
          onChange={(e) => setValue(e.target.value)}
        />
        {message && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {message}
          </p>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="button-small button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save amount'}
        </button>
        <button type="button" className="button-small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** "Move": another date, at most 31 days either side of the scheduled one. */
function MoveForm({
  row,
  busy,
  serverError,
  onSave,
  onCancel,
}: {
  row: OccurrenceRow;
  busy: boolean;
  serverError: string | undefined;
  onSave: (moveTo: IsoDate) => Promise<boolean>;
  onCancel: () => void;
}) {
  const id = useId();
  const input = useFocusOnMount();
  const [value, setValue] = useState(row.date);
  const [problem, setProblem] = useState<string>();
  const { min, max } = moveRange(row.scheduled);
  const message = problem ?? serverError;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    let found: string | undefined;
    if (!isIsoDate(value)) found = 'Choose a date.';
    else if (!withinMoveRange(row.scheduled, value)) {
      found = `Choose a date within ${MAX_MOVE_DAYS} days of ${formatDay(row.scheduled)}.`;
    }
    setProblem(found);
    if (!found) void onSave(value).then((ok) => {
      if (!ok) input.current?.focus();
    });
  };
  return (
    <form className="occurrence-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-date`}>New date for {formatDay(row.scheduled)}</label>
        <input
          id={`${id}-date`}
          type="date"
          ref={input}
          value={value}
          onKeyDown={cancelOnEscape(onCancel)}
          min={min}
          max={max}
          aria-invalid={!!message}
          aria-describedby={[`${id}-hint`, message ? `${id}-error` : ''].filter(Boolean).join(' ')}
          onChange={(e) => setValue(e.target.value)}
        />
        <p id={`${id}-hint`} className="hint">
          Up to {MAX_MOVE_DAYS} days earlier or later. The weekend rule does not move it again.
        </p>
        {message && (
          <p id={`${id}-error`} className="field-error" role="alert">
            {message}
          </p>
        )}
      </div>
      <div className="button-row">
        <button type="submit" className="button-small button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save date'}
        </button>
        <button type="button" className="button-small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
