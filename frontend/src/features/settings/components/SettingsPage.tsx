import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { FieldError } from '@/components/FieldError';
import { useProblems, type Problems as ProblemsOf } from '@/components/form/problems';
import { SubmitRow } from '@/components/form/SubmitRow';
import { UnsavedChangesPrompt } from '@/components/form/unsaved';
import { MoneyInput } from '@/components/MoneyInput';
import { SignOutButton } from '@/features/auth/components/SignOutButton';
import type { PlanMode, SettingsInput } from '@/gql/graphql';
import { isIsoDate, parts } from '@/lib/dates';
import { HOLIDAY_CALENDARS } from '@/lib/holidays';
import { DEPENDS_ON } from '@/lib/graphql/client';
import { toAppError, type AppError } from '@/lib/graphql/errors';
import { parseMoneyInput, toCents } from '@/lib/money';
import { BALANCE_PATH, hasStatedBalance } from '@/lib/onboarding';
import { currencySymbol, useFormat, useViewer } from '@/lib/viewer';
import { EstimatedBalanceQuery } from '../api/estimatedBalance';
import { UpdateSettingsMutation } from '../api/updateSettings';
import { CalendarFeedSection } from './CalendarFeedSection';

const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'NZD', 'CHF', 'JPY', 'INR', 'MXN', 'BRL', 'SEK', 'NOK', 'DKK', 'PLN', 'ZAR'];

const PLAN_MODES: { value: PlanMode; title: string; text: string }[] = [
  {
    value: 'JUST_IN_TIME',
    title: 'Just in time',
    text: 'Each paycheck covers the bills due before the next one. Simple, but big bills make some paychecks lumpy.',
  },
  {
    value: 'SMOOTHED',
    title: 'Smoothed (envelopes)',
    text: 'Big bills are spread over the paychecks before them, so each paycheck sets aside about the same.',
  },
];

function supported(key: 'currency' | 'timeZone', fallback: string[]): string[] {
  try {
    return Intl.supportedValuesOf(key);
  } catch {
    return fallback;
  }
}

type Problems = ProblemsOf<'balance' | 'balanceOn'>;

/**
 * /settings: the balance (with its date and today's estimate), plan mode, currency, timezone, holiday
 * calendar; the private calendar feed; signing out.
 */
export function SettingsPage() {
  const id = useId();
  const viewer = useViewer();
  const format = useFormat();
  const [currency, setCurrency] = useState(viewer.currency);
  const [timezone, setTimezone] = useState(viewer.timezone);
  const [planMode, setPlanMode] = useState<PlanMode>(viewer.planMode);
  const [holidays, setHolidays] = useState(viewer.holidays);
  const [balance, setBalance] = useState(viewer.balance);
  // The day the balance is stated for. Typing a new balance restates it for today, unless the
  // person picks the day themselves; left empty, the server takes today too.
  const [balanceOn, setBalanceOn] = useState(viewer.balanceOn);
  const [balanceOnTouched, setBalanceOnTouched] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const [{ fetching }, updateSettings] = useMutation(UpdateSettingsMutation);
  const [estimate] = useQuery({ query: EstimatedBalanceQuery, context: DEPENDS_ON.forecast });
  const estimatedToday = estimate.data?.me?.estimatedBalance;

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
  // "Sat, Jan 10"; with the year when it is not this year's.
  const statedDay = (date: string) =>
    parts(date)[0] === parts(format.today)[0] ? format.day(date) : format.longDate(date);

  const check = (): Problems => {
    const found: Problems = {};
    const money = parseMoneyInput(balance);
    if (!money.ok) found.balance = money.error;
    const on = balanceOn.trim();
    if (on && !isIsoDate(on)) found.balanceOn = 'Choose a date.';
    else if (on > format.today) found.balanceOn = 'Choose today or an earlier day.';
    return found;
  };
  const { form, problems, validate, count } = useProblems(check);
  // Unsaved: anything differs from what the server holds (after a save, the form holds that).
  const dirty =
    !saved &&
    (currency !== viewer.currency ||
      timezone !== viewer.timezone ||
      planMode !== viewer.planMode ||
      holidays !== viewer.holidays ||
      balance !== viewer.balance ||
      balanceOn !== viewer.balanceOn);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setError(null);
    const money = parseMoneyInput(balance);
    const on = balanceOn.trim();
    if (!validate() || !money.ok) return;

    const input: SettingsInput = { currency, timezone };
    if (planMode !== viewer.planMode) input.planMode = planMode;
    if (holidays !== viewer.holidays) input.holidays = holidays;
    // The balance is sent only when it or its day changed: sending it restates it (and, without
    // a date, for today), which would throw away the walk from the day it was stated.
    const balanceChanged = toCents(money.value) !== toCents(viewer.balance) || (on || format.today) !== viewer.balanceOn;
    if (balanceChanged) {
      input.balance = money.value;
      if (on && on !== format.today) input.balanceOn = on;
    }
    const result = await updateSettings({ input });
    if (result.error) setError(toAppError(result.error));
    else {
      const user = result.data?.updateSettings;
      setBalance(user?.balance ?? money.value);
      setBalanceOn(user?.balanceOn ?? (on || format.today));
      setBalanceOnTouched(false);
      setSaved(true);
    }
  };

  const err = (field: keyof Problems) => (problems[field] ? `${id}-${field}-error` : undefined);

  return (
    <div className="page page-form">
      <h1>Settings</h1>
      {!hasStatedBalance(viewer) && (
        <p className="card">
          New here? <Link to={BALANCE_PATH}>Enter today’s balance</Link> — with your timezone from this device — and your
          forecast starts from it.
        </p>
      )}
      <form ref={form} className="form" onSubmit={submit} noValidate>
        <UnsavedChangesPrompt dirty={dirty && !fetching} />
        <div className="card form-section">
          <h2 className="section-title">Balance</h2>
          <p className="balance-summary" data-testid="balance-summary">
            <span data-testid="stated-balance">
              {format.money(viewer.balance)} on {statedDay(viewer.balanceOn)}
            </span>
            <span className="visually-hidden">, </span>
            <span data-testid="estimated-balance">
              estimated today: {estimatedToday ? format.money(estimatedToday) : '…'}
            </span>
          </p>
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-balance`}>Current balance</label>
              <MoneyInput
                id={`${id}-balance`}
                currencySymbol={currencySymbol(currency)}
                value={balance}
                aria-invalid={!!problems.balance}
                aria-describedby={[`${id}-balance-hint`, err('balance')].filter(Boolean).join(' ')}
                onChange={(e) => {
                  setBalance(e.target.value);
                  if (!balanceOnTouched) setBalanceOn(format.today);
                  setSaved(false);
                }}
              />
              <FieldError id={err('balance')} message={problems.balance} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-balance-on`}>As of</label>
              <input
                id={`${id}-balance-on`}
                type="date"
                value={balanceOn}
                max={format.today}
                aria-invalid={!!problems.balanceOn}
                aria-describedby={[`${id}-balance-hint`, err('balanceOn')].filter(Boolean).join(' ')}
                onChange={(e) => {
                  setBalanceOn(e.target.value);
                  setBalanceOnTouched(true);
                  setSaved(false);
                }}
              />
              <FieldError id={err('balanceOn')} message={problems.balanceOn} />
            </div>
          </div>
          <p id={`${id}-balance-hint`} className="hint">
            What was in the account your bills are paid from at the start of that day (empty: today). Wisewallet
            adds your paydays and takes off your bills since then to estimate today’s balance; forecasts start from
            it.
          </p>
        </div>

        <div className="card">
          <fieldset className="form-section plan-modes">
            <legend className="section-title">What to set aside from each paycheck</legend>
            {PLAN_MODES.map((mode) => (
              <div key={mode.value} className="choice choice-card">
                <input
                  id={`${id}-plan-${mode.value}`}
                  type="radio"
                  name={`${id}-plan-mode`}
                  value={mode.value}
                  checked={planMode === mode.value}
                  aria-describedby={`${id}-plan-${mode.value}-text`}
                  onChange={() => {
                    setPlanMode(mode.value);
                    setSaved(false);
                  }}
                />
                <div>
                  <label htmlFor={`${id}-plan-${mode.value}`} className="choice-title">
                    {mode.title}
                  </label>
                  <p id={`${id}-plan-${mode.value}-text`} className="hint">
                    {mode.text}
                  </p>
                </div>
              </div>
            ))}
          </fieldset>
        </div>

        <div className="card form-section">
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
          <div className="field">
            <label htmlFor={`${id}-holidays`}>Holiday calendar</label>
            <select
              id={`${id}-holidays`}
              value={holidays}
              aria-describedby={`${id}-holidays-hint`}
              onChange={(e) => {
                setHolidays(e.target.value);
                setSaved(false);
              }}
            >
              {HOLIDAY_CALENDARS.map((calendar) => (
                <option key={calendar.code} value={calendar.code}>
                  {calendar.label}
                </option>
              ))}
            </select>
            <p id={`${id}-holidays-hint`} className="hint">
              Bills and paydays set to move off weekends also move off these public holidays (to the business day
              before or after), and the calendar marks them.
            </p>
          </div>
        </div>
        <SubmitRow
          label="Save settings"
          busy={fetching}
          problems={count}
          error={error}
          status={saved ? `Saved. Balance is ${format.money(balance)}.` : ''}
        />
      </form>

      <CalendarFeedSection />

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
