import { formatMoney, fromCents, parseMoneyInput, toCents } from './money';

describe('parseMoneyInput', () => {
  it.each([
    ['12', '12.00'],
    ['12.5', '12.50'],
    ['12.50', '12.50'],
    [' 1580 ', '1580.00'],
    ['-20', '-20.00'],
    ['0.07', '0.07'],
  ])('accepts %j as %j', (input, value) => {
    expect(parseMoneyInput(input)).toEqual({ ok: true, value });
  });

  it.each(['', '1e3', '12.345', '12,50', '$12', '.5', '12.', 'abc', '--1'])('rejects %j', (input) => {
    expect(parseMoneyInput(input).ok).toBe(false);
  });

  it('rejects zero, negative and too large amounts when a positive amount is required', () => {
    expect(parseMoneyInput('0', { positive: true }).ok).toBe(false);
    expect(parseMoneyInput('-5', { positive: true }).ok).toBe(false);
    expect(parseMoneyInput('1000000000.01', { positive: true }).ok).toBe(false);
    expect(parseMoneyInput('1000000000.00', { positive: true })).toEqual({ ok: true, value: '1000000000.00' });
  });
});

describe('cents', () => {
  it('converts money strings to integer cents and back without float error', () => {
    expect(toCents('0.10') + toCents('0.20')).toBe(30);
    expect(toCents('-20.5')).toBe(-2050);
    expect(fromCents(toCents('1234.5'))).toBe('1234.50');
    expect(fromCents(-5)).toBe('-0.05');
    expect(fromCents(0)).toBe('0.00');
  });
});

describe('formatMoney', () => {
  it('formats in the user currency from the exact decimal string', () => {
    expect(formatMoney('1580.00', 'USD', 'en-US')).toBe('$1,580.00');
    expect(formatMoney('-20.00', 'USD', 'en-US')).toBe('-$20.00');
    expect(formatMoney('1234.50', 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney('1000', 'JPY', 'en-US')).toBe('¥1,000');
  });

  it('keeps precision beyond what a float holds', () => {
    expect(formatMoney('90071992547409.93', 'USD', 'en-US')).toBe('$90,071,992,547,409.93');
  });

  it('still shows an amount when the currency code is unknown', () => {
    expect(formatMoney('5.00', 'not-a-code', 'en-US')).toBe('5.00 not-a-code');
  });
});
