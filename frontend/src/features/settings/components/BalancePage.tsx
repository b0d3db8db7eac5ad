import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { FieldError } from '@/components/FieldError';
import { MoneyInput } from '@/components/MoneyInput';
import { useProblems, type Problems } from '@/components/form/problems';
import { SubmitRow } from '@/components/form/SubmitRow';
import { UnsavedChangesPrompt } from '@/components/form/unsaved';
import type { SettingsInput } from '@/gql/graphql';
import { toAppError, type AppError } from '@/lib/graphql/errors';
import { parseMoneyInput } from '@/lib/money';
import { browserTimezone, hasStatedBalance } from '@/lib/onboarding';
import { currencySymbol, useViewer } from '@/lib/viewer';
import { UpdateSettingsMutation } from '../api/updateSettings';

function zones(current: string[]): string[] {
  try {
    return [...new Set([...current, ...Intl.supportedValuesOf('timeZone')])].sort();
  } catch {
    return [...new Set(current)].sort();
  }
}

/**
 * /balance: first run, step 3 — "what is in your account today?". One amount, and the timezone
 * that decides what "today" is, prefilled from this device; both saved with one updateSettings.
 */
export function BalancePage() {
  const id = useId();
  const viewer = useViewer();
  const navigate = useNavigate();
  const stated = hasStatedBalance(viewer);
  const detected = browserTimezone();
  const [balance, setBalance] = useState(stated ? viewer.balance : '');
  // A new account is on UTC (the server's default): the device knows better.
  const [timezone, setTimezone] = useState(viewer.timezone === 'UTC' && detected ? detected : viewer.timezone);
  const [error, setError] = useState<AppError | null>(null);
  const [{ fetching }, updateSettings] = useMutation(UpdateSettingsMutation);
  const timezones = useMemo(() => zones(['UTC', viewer.timezone, ...(detected ? [detected] : [])]), [viewer.timezone, detected]);

  const check = (): Problems<'balance'> => {
    const money = parseMoneyInput(balance);
    return money.ok ? {} : { balance: money.error };
  };
  const { form, problems, validate, count } = useProblems(check);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const money = parseMoneyInput(balance);
    if (!validate() || !money.ok) return;
    // No balanceOn: the server states it for today, in the timezone sent alongside.
    const input: SettingsInput = { balance: money.value, timezone };
    const result = await updateSettings({ input });
    if (result.error) setError(toAppError(result.error));
    else navigate('/', { state: { flash: { kind: 'saved', id: viewer.id, name: 'your balance' } } });
  };

  const err = problems.balance ? `${id}-balance-error` : undefined;
  return (
    <div className="page page-form balance-step">
      <p className="back-link">
        <Link to="/">← Home</Link>
      </p>
      <h1>What’s in your account today?</h1>
      <p>
        The account your bills are paid from. Wisewallet starts your forecast from it, adds your paydays and takes off
        your bills as they come.
      </p>
      <form ref={form} className="form" onSubmit={submit} noValidate>
        <UnsavedChangesPrompt dirty={balance.trim() !== '' && !fetching} />
        <div className="card form-section">
          <div className="field">
            <label htmlFor={`${id}-balance`}>Balance today</label>
            <MoneyInput
              id={`${id}-balance`}
              currencySymbol={currencySymbol(viewer.currency)}
              value={balance}
              placeholder="0.00"
              aria-invalid={!!problems.balance}
              aria-describedby={[`${id}-balance-hint`, err].filter(Boolean).join(' ')}
              onChange={(e) => setBalance(e.target.value)}
            />
            <p id={`${id}-balance-hint`} className="hint">
              As your banking app shows it now, e.g. 1,400.50. Below zero? Put a minus in front.
            </p>
            <FieldError id={err} message={problems.balance} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-timezone`}>Your timezone</label>
            <select
              id={`${id}-timezone`}
              value={timezone}
              aria-describedby={`${id}-timezone-hint`}
              onChange={(e) => setTimezone(e.target.value)}
            >
              {timezones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
            <p id={`${id}-timezone-hint`} className="hint">
              {detected && timezone === detected ? 'From this device. ' : ''}It decides when “today” starts.
            </p>
          </div>
        </div>
        <SubmitRow label="Save balance" busy={fetching} problems={count} error={error} />
      </form>
    </div>
  );
}
