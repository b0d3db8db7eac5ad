import { dailyBalances } from '@/test/balances';
import { december, shortInPeriod } from '@/test/december';
import { belowZero, firstDayBelowZero, namedBills } from './shortfall';

describe('firstDayBelowZero', () => {
  it('finds the first day before the next payday whose balance ends below zero', () => {
    expect(firstDayBelowZero(december.balances, '2026-11-29', '2026-12-03')).toBe('2026-12-01');
  });

  it('finds the first day within a pay period whose balance ends below zero', () => {
    expect(firstDayBelowZero(shortInPeriod.balances, '2026-12-04', '2026-12-17')).toBe('2026-12-08');
  });

  it('finds none when every day of the stretch ends at or above zero', () => {
    expect(firstDayBelowZero(december.balances, '2026-12-04', '2026-12-17')).toBeNull();
  });

  it('looks only at the days asked for, not a low day before or after them', () => {
    expect(firstDayBelowZero(shortInPeriod.balances, '2026-12-18', '2026-12-31')).toBeNull();
    expect(firstDayBelowZero(shortInPeriod.balances, '2026-11-29', '2026-12-07')).toBeNull();
    expect(firstDayBelowZero(december.balances, '2026-12-02', '2026-12-03')).toBe('2026-12-02');
  });

  it('does not count a balance of exactly zero as below it', () => {
    const balances = dailyBalances('2026-12-01', '2026-12-05', '50.00', { '2026-12-02': '0.00', '2026-12-04': '-0.01' });
    expect(firstDayBelowZero(balances, '2026-12-01', '2026-12-03')).toBeNull();
    expect(firstDayBelowZero(balances, '2026-12-01', '2026-12-05')).toBe('2026-12-04');
  });

  it('finds none outside the walk', () => {
    expect(firstDayBelowZero(december.balances, '2027-01-01', '2027-01-31')).toBeNull();
    expect(firstDayBelowZero([], '2026-11-29', '2026-12-31')).toBeNull();
  });
});

describe('belowZero', () => {
  const rent = { id: 'b-rent', date: '2026-12-08', name: 'Rent', amount: '1400.00' };
  const gym = { id: 'b-gym', date: '2026-12-08', name: 'Gym', amount: '30.00' };
  const phone = { id: 'b-phone', date: '2026-12-12', name: 'Phone', amount: '80.00' };

  it('gives that day with the bills due on it, in the order given', () => {
    expect(belowZero(shortInPeriod.balances, '2026-12-04', '2026-12-17', [phone, rent, gym])).toEqual({
      date: '2026-12-08',
      bills: [rent, gym],
    });
  });

  it('gives the day with no bills when the balance is still under after a paycheck', () => {
    const balances = dailyBalances('2026-12-01', '2026-12-17', '-900.00', { '2026-12-04': '-400.00' });
    expect(belowZero(balances, '2026-12-04', '2026-12-17', [phone])).toEqual({ date: '2026-12-04', bills: [] });
  });

  it('gives nothing when the balance stays at or above zero', () => {
    expect(belowZero(december.balances, '2026-12-04', '2026-12-17', [phone])).toBeNull();
  });
});

describe('namedBills', () => {
  const bill = (name: string, amount: string) => ({ id: name, date: '2026-12-01', name, amount });
  const money = (amount: string) => `$${amount}`;

  it('names one, two, or the first and how many others', () => {
    expect(namedBills([], money)).toBe('');
    expect(namedBills([bill('Rent', '1400.00')], money)).toBe('Rent $1400.00');
    expect(namedBills([bill('Rent', '1400.00'), bill('Phone', '80.00')], money)).toBe('Rent $1400.00 and Phone $80.00');
    expect(namedBills([bill('Rent', '1400.00'), bill('Phone', '80.00'), bill('Gym', '30.00')], money)).toBe(
      'Rent $1400.00 and 2 other bills',
    );
  });
});
