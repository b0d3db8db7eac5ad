import { dailyBalances } from './balances';

/**
 * Issue 12's case, shaped like the server's answer: $732.18 on Sun, Nov 29, Rent $1,400.00 due
 * Tue, Dec 1, paid $1,500.00 every other Friday from Dec 4. The balance ends Dec 1 at −$667.82.
 */
const bill = (id: string, name: string, amount: string, nextDue: string) => ({
  __typename: 'Bill' as const,
  id,
  name,
  autopay: false,
  category: null,
  amount,
  nextDue,
  exceptions: [] as never[],
});
export const rent = bill('b-rent', 'Rent', '1400.00', '2026-12-01');
export const electricity = bill('b-electricity', 'Electricity', '195.49', '2026-12-10');
const salary = { __typename: 'Payday' as const, id: 'p-salary', name: 'Paycheck', exceptions: [] as never[] };

export const occ = (b: typeof rent, date: string, amount = b.amount) => ({ __typename: 'BillOccurrence' as const, bill: b, date, amount });

export function period(p: {
  start: string;
  end: string;
  bills: ReturnType<typeof occ>[];
  endingBalance: string;
  shortfall?: string;
  income?: string;
}) {
  const income = p.income ?? '1500.00';
  const setAside = p.bills.reduce((sum, b) => sum + Number(b.amount), 0).toFixed(2);
  return {
    __typename: 'PayPeriod' as const,
    start: p.start,
    end: p.end,
    income,
    setAside,
    leftover: (Number(income) - Number(setAside)).toFixed(2),
    endingBalance: p.endingBalance,
    shortfall: p.shortfall ?? '0.00',
    paydays: [{ __typename: 'PaydayOccurrence' as const, payday: salary, date: p.start, amount: income }],
    bills: p.bills,
    plan: {
      __typename: 'PeriodPlan' as const,
      setAside,
      safeToSpend: (Number(income) - Number(setAside)).toFixed(2),
      contributions: [] as never[],
    },
  };
}

export const december = {
  __typename: 'Forecast' as const,
  from: '2026-11-29',
  until: '2026-12-28',
  startingBalance: '732.18',
  dueBeforeNextPayday: '1400.00',
  planDueNow: '1400.00',
  shortfallBeforeNextPayday: '667.82',
  nextPayday: '2026-12-04',
  billsBeforeNextPayday: [occ(rent, '2026-12-01')],
  totalIncome: '3000.00',
  totalBills: '1595.49',
  lowestBalance: { __typename: 'BalancePoint' as const, date: '2026-12-01', balance: '-667.82' },
  balances: dailyBalances('2026-11-29', '2026-12-31', '732.18', {
    '2026-12-01': '-667.82',
    '2026-12-04': '832.18',
    '2026-12-10': '636.69',
    '2026-12-18': '2136.69',
  }),
  periods: [
    period({ start: '2026-12-04', end: '2026-12-17', bills: [occ(electricity, '2026-12-10')], endingBalance: '636.69' }),
    period({ start: '2026-12-18', end: '2026-12-31', bills: [], endingBalance: '2136.69' }),
  ],
};

/** $100.00 on Nov 29 and nothing due before payday, but the Dec 4 paycheck of $1,000.00 meets Rent on Dec 8. */
export const shortInPeriod = {
  ...december,
  startingBalance: '100.00',
  dueBeforeNextPayday: '0.00',
  planDueNow: '0.00',
  shortfallBeforeNextPayday: '0.00',
  billsBeforeNextPayday: [],
  lowestBalance: { __typename: 'BalancePoint' as const, date: '2026-12-08', balance: '-300.00' },
  balances: dailyBalances('2026-11-29', '2026-12-31', '100.00', {
    '2026-12-04': '1100.00',
    '2026-12-08': '-300.00',
    '2026-12-18': '1200.00',
  }),
  periods: [
    period({
      start: '2026-12-04',
      end: '2026-12-17',
      income: '1000.00',
      bills: [occ(rent, '2026-12-08')],
      endingBalance: '-300.00',
      shortfall: '300.00',
    }),
    period({ start: '2026-12-18', end: '2026-12-31', bills: [], endingBalance: '1200.00' }),
  ],
};
