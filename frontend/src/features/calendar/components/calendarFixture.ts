import { dailyBalances } from '@/test/balances';

/**
 * July 2027 as the server answers `CalendarMonth` for a US user with $100.00: Rent $1,500.00 on
 * Thu Jul 1 (the balance goes below zero), Salary $2,000.00 on Fri Jul 2 (moved there from the
 * observed Independence Day, Mon Jul 5), Phone $80.00 on Thu Jul 15, Salary again on Jul 16 and 30.
 */
const bill = (id: string, name: string, date: string, amount: string, autopay = false) => ({
  __typename: 'BillOccurrence' as const,
  date,
  amount,
  bill: { __typename: 'Bill' as const, id, name, autopay },
});
const pay = (date: string) => ({
  __typename: 'PaydayOccurrence' as const,
  date,
  amount: '2000.00',
  payday: { __typename: 'Payday' as const, id: 'p-salary', name: 'Salary' },
});

export const july2027 = {
  forecast: {
    __typename: 'Forecast' as const,
    from: '2027-07-01',
    until: '2027-07-31',
    startingBalance: '100.00',
    balances: dailyBalances('2027-07-01', '2027-08-12', '-1400.00', {
      '2027-07-02': '600.00',
      '2027-07-15': '520.00',
      '2027-07-16': '2520.00',
      '2027-07-30': '4520.00',
    }),
    billsBeforeNextPayday: [bill('b-rent', 'Rent', '2027-07-01', '1500.00')],
    periods: [
      { __typename: 'PayPeriod' as const, start: '2027-07-02', paydays: [pay('2027-07-02')], bills: [bill('b-phone', 'Phone', '2027-07-15', '80.00', true)] },
      { __typename: 'PayPeriod' as const, start: '2027-07-16', paydays: [pay('2027-07-16')], bills: [] },
      { __typename: 'PayPeriod' as const, start: '2027-07-30', paydays: [pay('2027-07-30')], bills: [] },
    ],
  },
  holidays: [
    { __typename: 'Holiday' as const, date: '2027-07-04', name: 'Independence Day' },
    { __typename: 'Holiday' as const, date: '2027-07-05', name: 'Independence Day (observed)' },
  ],
};
