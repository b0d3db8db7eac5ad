import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { ErrorBanner } from '@/components/ErrorBanner';
import { FieldError } from '@/components/FieldError';
import { MoneyInput } from '@/components/MoneyInput';
import { SignOutButton } from '@/features/auth/components/SignOutButton';
import { toAppError, type AppError } from '@/lib/graphql/errors';
import { parseMoneyInput } from '@/lib/money';
import { currencySymbol, useFormat, useViewer } from '@/lib/viewer';
import { UpdateSettingsMutation } from '../api/updateSettings';

const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'CHF', 'JPY', 'INR', 'MXN', 'BRL', 'SEK', 'NOK', 'DKK', 'PLN', 'ZAR'];

function supported(key: 'currency' | 'timeZone', fallback: string[]): string[] {
  try {
    return Intl.supportedValuesOf(key);
  } catch {
    return fallback;
  }
}

/** /settings: currency, timezone, current balance — and signing out. */
export function SettingsPage() {
  const id = useId();
  const viewer = useViewer();
  const format = useFormat();
  const [currency, setCurrency] = useState(viewer.currency);
  const [timezone, setTimezone] = useState(viewer.timezone);
  const [balance, setBalance] = useState(viewer.balance);
  const [balanceError, setBalanceError] = useState<string>();
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const [{ fetching }, updateSettings] = useMutation(UpdateSettingsMutation);

  const currencies = useMemo(() => {
    const all = supported('currency', COMMON_CURRENCIES);
    return [...new Set([viewer.currency, ...all])].sort();
  }, [viewer.currency]);
  const timezones = useMemo(() => {
    const all = supported('timeZone', ['UTC']);
    return [...new Set(['UTC', viewer.timezone, ...all])].sort();
  }, [viewer.timezone]);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const currencyName = (code: string) => {
    try {
      return new Intl.DisplayNames(undefined, { type: 'currency' }).of(code) ?? code;
    } catch {
      return code;
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setError(null);
    const money = parseMoneyInput(balance);
    setBalanceError(money.ok ? undefined : money.error);
    if (!money.ok) return;
    const result = await updateSettings({ input: { currency, timezone, balance: money.value } });
    if (result.error) setError(toAppError(result.error));
    else {
      setBalance(result.data?.updateSettings.balance ?? money.value);
      setSaved(true);
    }
  };

  const balanceErrorId = balanceError ? `${id}-balance-error` : undefined;

  return (
    <div className="page page-form">
      <h1>Settings</h1>
      <form className="form" onSubmit={submit} noValidate>
        {error && <ErrorBanner error={error} title="Couldn’t save" />}
        <div className="card form-section">
          <div className="field">
            <label htmlFor={`${id}-balance`}>Current balance</label>
            <MoneyInput
              id={`${id}-balance`}
              currencySymbol={currencySymbol(currency)}
              value={balance}
              aria-invalid={!!balanceError}
              aria-describedby={[`${id}-balance-hint`, balanceErrorId].filter(Boolean).join(' ')}
              onChange={(e) => {
                setBalance(e.target.value);
                setSaved(false);
              }}
            />
            <p id={`${id}-balance-hint`} className="hint">
              What is in the account your bills are paid from, right now. Forecasts start from it.
            </p>
            <FieldError id={balanceErrorId} message={balanceError} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-currency`}>Currency</label>
            <select id={`${id}-currency`} value={currency} onChange={(e) => setCurrency(e.target.value)}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code} — {currencyName(code)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-timezone`}>Timezone</label>
            <select id={`${id}-timezone`} value={timezone} onChange={(e) => setTimezone(e.target.value)}>
              {timezones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
            <p className="hint">
              “Today” for your forecasts is today in this timezone.
              {browserZone && browserZone !== timezone && timezones.includes(browserZone) && (
                <>
                  {' '}
                  <button type="button" className="button-link" onClick={() => setTimezone(browserZone)}>
                    Use {browserZone.replaceAll('_', ' ')}
                  </button>
                </>
              )}
            </p>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={fetching}>
            {fetching ? 'Saving…' : 'Save settings'}
          </button>
          <p role="status" className="saved-note">
            {saved ? `Saved. Balance is ${format.money(balance)}.` : ''}
          </p>
        </div>
      </form>

      <section className="card account" aria-labelledby={`${id}-account`}>
        <h2 id={`${id}-account`}>Account</h2>
        <p>
          Signed in as <strong>{viewer.email}</strong>
        </p>
        <SignOutButton />
      </section>
    </div>
  );
}
