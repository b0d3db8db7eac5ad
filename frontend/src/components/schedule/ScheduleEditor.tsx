import { useId } from 'react';
import { FieldError } from '@/components/FieldError';
import { formatLongDate, type IsoDate } from '@/lib/dates';
import { calendarLabel } from '@/lib/holidays';
import { moveWords, ordinalDay, scheduleWords } from './describe';
import { readDraft, startDay, type Ends, type Repeat, type ScheduleDraft } from './draft';
import type { PreviewHolidays } from './holidays';
import { upcoming, type WeekendRule } from './schedule';

const REPEATS: { value: Repeat; label: string; unit: string }[] = [
  { value: 'ONCE', label: 'Does not repeat (one time)', unit: '' },
  { value: 'DAILY', label: 'Daily', unit: 'day(s)' },
  { value: 'WEEKLY', label: 'Weekly', unit: 'week(s)' },
  { value: 'MONTHLY', label: 'Monthly', unit: 'month(s)' },
  { value: 'YEARLY', label: 'Yearly', unit: 'year(s)' },
];

const WEEKEND: { value: WeekendRule; label: string; withHolidays: string }[] = [
  { value: 'KEEP', label: 'Keep the date', withHolidays: 'Keep the date' },
  { value: 'BEFORE', label: 'Move to the Friday before', withHolidays: 'Move to the business day before' },
  { value: 'AFTER', label: 'Move to the Monday after', withHolidays: 'Move to the business day after' },
];

const NO_HOLIDAYS: ReadonlyMap<IsoDate, string> = new Map();

const DAY_CHOICES = [...Array.from({ length: 31 }, (_, i) => i + 1), -1];
const PRESETS: { label: string; days: number[] }[] = [
  { label: '1st & 15th', days: [1, 15] },
  { label: '15th & last day', days: [15, -1] },
];

export interface ScheduleEditorProps {
  value: ScheduleDraft;
  onChange: (draft: ScheduleDraft) => void;
  /** Today in the user's timezone: the preview starts here. */
  today: IsoDate;
  /** Words for what is scheduled: "due" (bills) or "paid" (paydays). */
  verb?: string;
  previewCount?: number;
  /** The start date's label when the schedule repeats (default "First date"). */
  startLabel?: string;
  /** Show every error, also of fields not typed in yet (after a submit). */
  showErrors?: boolean;
  /** The user's holiday calendar (`usePreviewHolidays`); absent: weekends only. */
  holidays?: PreviewHolidays;
}

/** Edits every schedule option of DESIGN §1 and previews the next dates as you type. */
export function ScheduleEditor({
  value,
  onChange,
  today,
  verb = 'due',
  previewCount = 5,
  startLabel = 'First date',
  showErrors = false,
  holidays,
}: ScheduleEditorProps) {
  const id = useId();
  const set = (patch: Partial<ScheduleDraft>) => onChange({ ...value, ...patch });
  const result = readDraft(value);
  const allErrors = result.ok ? {} : result.errors;
  // An end date or count nobody has typed yet is not an error to shout about: "On a date" just
  // opened its field. The preview says what it waits for, and a submit shows the error.
  const errors = { ...allErrors };
  if (!showErrors && value.until === '') delete errors.until;
  if (!showErrors && value.count === '') delete errors.count;
  const waiting = !result.ok && Object.keys(errors).length === 0;
  const once = value.repeat === 'ONCE';
  const unit = REPEATS.find((r) => r.value === value.repeat)?.unit ?? '';
  const day = startDay(value);
  const interval = Number(value.interval) || 1;
  const holidayDates = holidays?.byDate ?? NO_HOLIDAYS;
  const preview = result.ok ? upcoming(result.schedule, today, previewCount, holidayDates) : [];
  const errorId = (field: keyof typeof errors) => (errors[field] ? `${id}-${field}-error` : undefined);

  const setDay = (index: number, dayValue: number) =>
    set({ daysOfMonth: value.daysOfMonth.map((d, i) => (i === index ? dayValue : d)) });

  return (
    <fieldset className="schedule-editor">
      <legend>Schedule</legend>

      <div className="field">
        <label htmlFor={`${id}-start`}>{once ? 'Date' : startLabel}</label>
        <input
          id={`${id}-start`}
          type="date"
          required
          value={value.start}
          aria-invalid={!!errors.start}
          aria-describedby={errorId('start')}
          onChange={(e) => set({ start: e.target.value })}
        />
        <FieldError id={errorId('start')} message={errors.start} />
      </div>

      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-repeat`}>Repeats</label>
          <select id={`${id}-repeat`} value={value.repeat} onChange={(e) => set({ repeat: e.target.value as Repeat })}>
            {REPEATS.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        {!once && (
          <div className="field field-narrow">
            <label htmlFor={`${id}-interval`}>Every</label>
            <div className="input-with-suffix">
              <input
                id={`${id}-interval`}
                type="number"
                inputMode="numeric"
                min={1}
                max={999}
                value={value.interval}
                aria-invalid={!!errors.interval}
                aria-describedby={[`${id}-interval-unit`, errorId('interval')].filter(Boolean).join(' ')}
                onChange={(e) => set({ interval: e.target.value })}
              />
              <span id={`${id}-interval-unit`}>{unit}</span>
            </div>
            <FieldError id={errorId('interval')} message={errors.interval} />
          </div>
        )}
      </div>

      {value.repeat === 'MONTHLY' && (
        <fieldset className="subfieldset">
          <legend>On</legend>
          <label className="choice">
            <input
              type="radio"
              name={`${id}-monthdays`}
              checked={value.monthDays === 'START'}
              onChange={() => set({ monthDays: 'START' })}
            />
            {!day
              ? 'The same day as the start, each month'
              : interval > 1
                ? `The ${ordinalDay(day)}, every ${interval} months`
                : `The ${ordinalDay(day)} of each month`}
          </label>
          <label className="choice">
            <input
              type="radio"
              name={`${id}-monthdays`}
              checked={value.monthDays === 'CHOSEN'}
              // Starts from the bill's own day ("the 10th"), so adding "and the 25th" is one step.
              onChange={() =>
                set({ monthDays: 'CHOSEN', daysOfMonth: value.daysOfMonth.length > 0 ? value.daysOfMonth : [day ?? 1] })
              }
            />
            Specific days (e.g. twice a month)
          </label>
          {value.monthDays === 'CHOSEN' && (
            <div className="month-days" aria-describedby={errorId('daysOfMonth')}>
              {value.daysOfMonth.map((d, index) => (
                <div className="month-day" key={index}>
                  <label htmlFor={`${id}-day-${index}`} className="visually-hidden">
                    Day {index + 1}
                  </label>
                  <select id={`${id}-day-${index}`} value={d} onChange={(e) => setDay(index, Number(e.target.value))}>
                    {DAY_CHOICES.map((choice) => (
                      <option key={choice} value={choice}>
                        {choice === -1 ? 'Last day' : ordinalDay(choice)}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    className="button-icon"
                    aria-label={`Remove day ${index + 1}`}
                    disabled={value.daysOfMonth.length <= 1}
                    onClick={() => set({ daysOfMonth: value.daysOfMonth.filter((_, i) => i !== index) })}
                  >
                    ×
                  </button>
                </div>
              ))}
              <div className="button-row">
                <button
                  type="button"
                  className="button-small"
                  disabled={value.daysOfMonth.length >= 4}
                  onClick={() => set({ daysOfMonth: [...value.daysOfMonth, nextDay(value.daysOfMonth)] })}
                >
                  Add a day
                </button>
                {PRESETS.map((preset) => (
                  <button
                    key={preset.label}
                    type="button"
                    className="button-small"
                    onClick={() => set({ daysOfMonth: preset.days })}
                  >
                    {preset.label}
                  </button>
                ))}
              </div>
              <FieldError id={errorId('daysOfMonth')} message={errors.daysOfMonth} />
            </div>
          )}
        </fieldset>
      )}

      <div className="field">
        <label htmlFor={`${id}-weekend`}>{holidays ? 'If it falls on a weekend or a holiday' : 'If it falls on a weekend'}</label>
        <select
          id={`${id}-weekend`}
          value={value.weekend}
          aria-describedby={holidays ? `${id}-weekend-hint` : undefined}
          onChange={(e) => set({ weekend: e.target.value as WeekendRule })}
        >
          {WEEKEND.map((w) => (
            <option key={w.value} value={w.value}>
              {holidays ? w.withHolidays : w.label}
            </option>
          ))}
        </select>
        {holidays && (
          <p id={`${id}-weekend-hint`} className="hint">
            Holidays: {calendarLabel(holidays.calendar)} (change it in Settings).
            {holidays.status === 'error' && ' They could not be loaded, so the dates below move for weekends only.'}
          </p>
        )}
      </div>

      {!once && (
        <fieldset className="subfieldset">
          <legend>Ends</legend>
          {(['NEVER', 'UNTIL', 'COUNT'] as Ends[]).map((ends) => (
            <div className="choice-with-input" key={ends}>
              <label className="choice">
                <input
                  type="radio"
                  name={`${id}-ends`}
                  checked={value.ends === ends}
                  onChange={() => set({ ends })}
                />
                {ends === 'NEVER' ? 'Never' : ends === 'UNTIL' ? 'On a date' : 'After a number of times'}
              </label>
              {ends === 'UNTIL' && value.ends === 'UNTIL' && (
                <div className="field">
                  <label htmlFor={`${id}-until`}>Last date</label>
                  <input
                    id={`${id}-until`}
                    type="date"
                    value={value.until}
                    min={value.start || undefined}
                    aria-invalid={!!errors.until}
                    aria-describedby={errorId('until')}
                    onChange={(e) => set({ until: e.target.value })}
                  />
                  <FieldError id={errorId('until')} message={errors.until} />
                </div>
              )}
              {ends === 'COUNT' && value.ends === 'COUNT' && (
                <div className="field field-narrow">
                  <label htmlFor={`${id}-count`}>Times</label>
                  <input
                    id={`${id}-count`}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={10000}
                    value={value.count}
                    aria-invalid={!!errors.count}
                    aria-describedby={errorId('count')}
                    onChange={(e) => set({ count: e.target.value })}
                  />
                  <FieldError id={errorId('count')} message={errors.count} />
                </div>
              )}
            </div>
          ))}
        </fieldset>
      )}

      <section className="schedule-preview" aria-labelledby={`${id}-preview`} aria-live="polite">
        <h2 id={`${id}-preview`} className="preview-title">
          Next dates {verb}
        </h2>
        {result.ok && <p className="preview-words">{scheduleWords(result.schedule)}</p>}
        {waiting ? (
          <p className="muted">{value.ends === 'UNTIL' ? 'Choose the last date to see the dates.' : 'Say how many times to see the dates.'}</p>
        ) : !result.ok ? (
          <p className="muted">Fix the schedule above to see its dates.</p>
        ) : preview.length === 0 ? (
          <p className="muted">No dates from today on.</p>
        ) : (
          <ol className="preview-list">
            {preview.map((o, index) => (
              <li key={`${o.date}-${index}`}>
                {formatLongDate(o.date)}
                {o.nominal !== o.date && (
                  <>
                    <span className="visually-hidden">: </span>
                    <span className="preview-move">{moveWords(o.nominal, o.date, holidayDates)}</span>
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
        {holidays?.status === 'loading' && result.ok && preview.length > 0 && (
          <p className="muted">Checking {calendarLabel(holidays.calendar)} holidays…</p>
        )}
      </section>
    </fieldset>
  );
}

/** The day "Add a day" offers: about half a month after the last one (10th → 25th), else the last day. */
function nextDay(days: readonly number[]): number {
  const last = days[days.length - 1] ?? 1;
  const candidate = last === -1 ? 15 : ((last + 14) % 30) + 1;
  return days.includes(candidate) ? (days.includes(-1) ? 1 : -1) : candidate;
}
