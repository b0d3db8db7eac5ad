import { useId, useState, type FormEvent } from 'react';
import { FieldError } from '@/components/FieldError';
import { MoneyInput } from '@/components/MoneyInput';
import { daysBetween, isIsoDate } from '@/lib/dates';
import { parseMoneyInput } from '@/lib/money';
import { currencySymbol } from '@/lib/viewer';

export interface ForecastWindow {
  from: string;
  until: string;
  startingBalance: string;
}

const MAX_DAYS = 1830;

/** The forecast's window and starting balance; empty fields use the server's defaults. */
export function ForecastControls({
  value,
  currency,
  onApply,
}: {
  value: ForecastWindow;
  currency: string;
  onApply: (window: ForecastWindow) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [problems, setProblems] = useState<Partial<ForecastWindow>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<ForecastWindow> = {};
    if (draft.from && !isIsoDate(draft.from)) found.from = 'Choose a date.';
    if (draft.until && !isIsoDate(draft.until)) found.until = 'Choose a date.';
    if (!found.from && !found.until && draft.from && draft.until) {
      const span = daysBetween(draft.from, draft.until);
      if (span < 0) found.until = 'The end must be on or after the start.';
      else if (span > MAX_DAYS) found.until = 'A forecast covers at most 1830 days (about 5 years).';
    }
    let startingBalance = draft.startingBalance.trim();
    if (startingBalance) {
      const money = parseMoneyInput(startingBalance);
      if (money.ok) startingBalance = money.value;
      else found.startingBalance = money.error;
    }
    setProblems(found);
    if (Object.keys(found).length === 0) onApply({ ...draft, startingBalance });
  };

  const err = (field: keyof ForecastWindow) => (problems[field] ? `${id}-${field}-error` : undefined);

  return (
    <form className="card forecast-controls" onSubmit={submit} noValidate aria-label="Forecast window">
      <div className="field">
        <label htmlFor={`${id}-from`}>From</label>
        <input
          id={`${id}-from`}
          type="date"
          value={draft.from}
          aria-invalid={!!problems.from}
          aria-describedby={err('from')}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <FieldError id={err('from')} message={problems.from} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-until`}>Until</label>
        <input
          id={`${id}-until`}
          type="date"
          value={draft.until}
          aria-invalid={!!problems.until}
          aria-describedby={err('until')}
          onChange={(e) => setDraft({ ...draft, until: e.target.value })}
        />
        <FieldError id={err('until')} message={problems.until} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-balance`}>Starting balance</label>
        <MoneyInput
          id={`${id}-balance`}
          currencySymbol={currencySymbol(currency)}
          value={draft.startingBalance}
          placeholder="Estimated"
          aria-invalid={!!problems.startingBalance}
          aria-describedby={err('startingBalance')}
          onChange={(e) => setDraft({ ...draft, startingBalance: e.target.value })}
        />
        <FieldError id={err('startingBalance')} message={problems.startingBalance} />
      </div>
      <div className="forecast-controls-actions">
        <button type="submit" className="button-primary">
          Update
        </button>
        <button
          type="button"
          onClick={() => {
            const reset = { from: '', until: '', startingBalance: '' };
            setDraft(reset);
            setProblems({});
            onApply(reset);
          }}
        >
          Reset
        </button>
      </div>
    </form>
  );
}
