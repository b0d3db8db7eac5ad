import { july2027 } from './calendarFixture';
import { calendarDays, isBelowZero, isEventful } from './days';

describe('calendarDays', () => {
  const days = calendarDays(july2027 as never, '2027-07-01', '2027-07-31');

  it('puts each bill, payday, holiday and end-of-day balance on its day, within the month only', () => {
    expect(days.get('2027-07-01')).toEqual({
      date: '2027-07-01',
      holidays: [],
      paydays: [],
      bills: [{ id: 'b-rent', name: 'Rent', amount: '1500.00', autopay: false }],
      balance: '-1400.00',
    });
    expect(days.get('2027-07-02')?.paydays).toEqual([{ id: 'p-salary', name: 'Salary', amount: '2000.00' }]);
    expect(days.get('2027-07-05')).toMatchObject({ holidays: ['Independence Day (observed)'], paydays: [], balance: '600.00' });
    expect(days.get('2027-07-15')?.bills.map((b) => b.name)).toEqual(['Phone']);
    expect(days.has('2027-08-01')).toBe(false);
    expect(days.size).toBe(31);
  });

  it('tells days below zero and days with something in them', () => {
    expect(isBelowZero(days.get('2027-07-01'))).toBe(true);
    expect(isBelowZero(days.get('2027-07-02'))).toBe(false);
    expect(isEventful(days.get('2027-07-04'))).toBe(true);
    expect(isEventful(days.get('2027-07-06'))).toBe(false);
  });
});
