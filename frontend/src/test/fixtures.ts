/** Test data shaped like the server's responses (DESIGN §1's worked example). */
import { dailyBalances } from './balances';

export const viewer = {
  __typename: 'User' as const,
  id: '65a000000000000000000001',
  email: 'ada@example.com',
  currency: 'USD',
  timezone: 'UTC',
  balance: '500.00',
  balanceOn: '2026-01-10',
  planMode: 'JUST_IN_TIME' as 'JUST_IN_TIME' | 'SMOOTHED',
  holidays: 'NONE',
  calendarFeed: null as { __typename: 'CalendarFeed'; createdAt: string } | null,
  createdAt: '2026-01-02T08:00:00Z',
};

/** One changed occurrence, as the server sends it. */
export const exception = (patch: { date: string; skip?: boolean; amount?: string | null; moveTo?: string | null }) => ({
  __typename: 'OccurrenceException' as const,
  skip: false,
  amount: null,
  moveTo: null,
  ...patch,
});

const bill = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'Bill' as const,
  id,
  name,
  autopay: false,
  category: null,
  exceptions: [] as ReturnType<typeof exception>[],
  ...extra,
});
const salary = { __typename: 'Payday' as const, id: '65a0000000000000000000f1', name: 'Salary', exceptions: [] as ReturnType<typeof exception>[] };
// As seen from 2026-01-10 (next due dates).
export const rent = bill('65a0000000000000000000b1', 'Rent', { category: 'Housing', amount: '1500.00', nextDue: '2026-02-01' });
export const phone = bill('65a0000000000000000000b2', 'Phone', { autopay: true, amount: '80.00', nextDue: '2026-01-31' });
export const insurance = bill('65a0000000000000000000b3', 'Insurance', { amount: '600.00', nextDue: '2026-03-13' });

const contribution = (b: typeof rent, amount: string, reserved: string) => ({
  __typename: 'Contribution' as const,
  bill: b,
  amount,
  reserved,
});
/** DESIGN's plan example (envelopes stated 0.00 on 2026-01-10): 910.00 a paycheck, then 813.08. */
const plan = (setAside: string, contributions: ReturnType<typeof contribution>[]) => ({
  __typename: 'PeriodPlan' as const,
  setAside,
  safeToSpend: (2000 - Number(setAside)).toFixed(2),
  contributions,
});
const plans = [
  plan('910.00', [contribution(insurance, '120.00', '120.00'), contribution(phone, '40.00', '40.00'), contribution(rent, '750.00', '750.00')]),
  plan('910.00', [contribution(insurance, '120.00', '240.00'), contribution(phone, '40.00', '0.00'), contribution(rent, '750.00', '0.00')]),
  plan('910.00', [contribution(insurance, '120.00', '360.00'), contribution(phone, '40.00', '40.00'), contribution(rent, '750.00', '750.00')]),
  plan('910.00', [contribution(insurance, '120.00', '480.00'), contribution(phone, '40.00', '0.00'), contribution(rent, '750.00', '0.00')]),
  plan('910.00', [contribution(insurance, '120.00', '0.00'), contribution(phone, '40.00', '40.00'), contribution(rent, '750.00', '750.00')]),
  plan('813.08', [contribution(insurance, '23.08', '23.08'), contribution(phone, '40.00', '0.00'), contribution(rent, '750.00', '0.00')]),
];

const occ = (b: typeof rent, date: string, amount: string) => ({ __typename: 'BillOccurrence' as const, bill: b, date, amount });
const pay = (date: string) => ({ __typename: 'PaydayOccurrence' as const, payday: salary, date, amount: '2000.00' });
const period = (
  start: string,
  end: string,
  bills: ReturnType<typeof occ>[],
  setAside: string,
  leftover: string,
  endingBalance: string,
  index: number,
) => ({
  __typename: 'PayPeriod' as const,
  start,
  end,
  income: '2000.00',
  paydays: [pay(start)],
  bills,
  setAside,
  leftover,
  endingBalance,
  plan: plans[index]!,
});

/** Forecast from 2026-01-10 to 2026-03-31, starting balance 500.00. */
export const forecast = {
  __typename: 'Forecast' as const,
  from: '2026-01-10',
  until: '2026-03-31',
  startingBalance: '500.00',
  dueBeforeNextPayday: '0.00',
  planDueNow: '0.00',
  nextPayday: '2026-01-16',
  billsBeforeNextPayday: [] as ReturnType<typeof occ>[],
  totalIncome: '12000.00',
  totalBills: '5340.00',
  lowestBalance: { __typename: 'BalancePoint' as const, date: '2026-01-10', balance: '500.00' },
  balances: dailyBalances('2026-01-10', '2026-04-09', '500.00', {
    '2026-01-16': '2500.00',
    '2026-01-30': '4500.00',
    '2026-01-31': '4420.00',
    '2026-02-01': '2920.00',
    '2026-02-13': '4920.00',
    '2026-02-27': '6920.00',
    '2026-02-28': '6840.00',
    '2026-03-01': '5340.00',
    '2026-03-13': '6740.00',
    '2026-03-27': '8740.00',
    '2026-03-31': '8660.00',
    '2026-04-01': '7160.00',
  }),
  periods: [
    period('2026-01-16', '2026-01-29', [], '0.00', '2000.00', '2500.00', 0),
    period('2026-01-30', '2026-02-12', [occ(phone, '2026-01-31', '80.00'), occ(rent, '2026-02-01', '1500.00')], '1580.00', '420.00', '2920.00', 1),
    period('2026-02-13', '2026-02-26', [], '0.00', '2000.00', '4920.00', 2),
    period('2026-02-27', '2026-03-12', [occ(phone, '2026-02-28', '80.00'), occ(rent, '2026-03-01', '1500.00')], '1580.00', '420.00', '5340.00', 3),
    period('2026-03-13', '2026-03-26', [occ(insurance, '2026-03-13', '600.00')], '600.00', '1400.00', '6740.00', 4),
    period('2026-03-27', '2026-04-09', [occ(phone, '2026-03-31', '80.00'), occ(rent, '2026-04-01', '1500.00')], '1580.00', '420.00', '7160.00', 5),
  ],
};

/** The same forecast seen from 2026-01-20: the first period is the Jan 30 paycheck. */
export const forecastFromJan20 = {
  ...forecast,
  from: '2026-01-20',
  balances: forecast.balances.filter((p) => p.date >= '2026-01-20'),
  nextPayday: '2026-01-30',
  periods: forecast.periods.slice(1),
};

export const schedule = (patch: Record<string, unknown> = {}) => ({
  __typename: 'Schedule' as const,
  start: '2026-01-01',
  frequency: 'MONTHLY',
  interval: 1,
  daysOfMonth: [] as number[],
  until: null,
  count: null,
  weekend: 'KEEP',
  ...patch,
});

export const billRecord = (patch: Record<string, unknown> = {}) => ({
  ...rent,
  amount: '1500.00',
  notes: null,
  archived: false,
  nextDue: '2026-02-01',
  reserved: '0.00',
  reservedOn: '2026-01-10',
  schedule: schedule(),
  ...patch,
});

export const paydayRecord = (patch: Record<string, unknown> = {}) => ({
  ...salary,
  name: 'Acme salary',
  amount: '2000.00',
  archived: false,
  nextDate: '2026-01-16',
  schedule: schedule({ start: '2026-01-02', frequency: 'WEEKLY', interval: 2 }),
  ...patch,
});
