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

  it.each([
    ['$1,400', '1400.00'],
    ['1,400.50', '1400.50'],
    ['$65', '65.00'],
    ['$ 65.5', '65.50'],
    ['-$20', '-20.00'],
    ['1,000,000', '1000000.00'],
    ['1,00,000', '100000.00'],
    ['15,49', '15.49'],
    ['12.', '12.00'],
    ['.5', '0.50'],
    ['USD 12', '12.00'],
  ])('accepts %j, as people type it, as %j', (input, value) => {
    expect(parseMoneyInput(input, { locale: 'en-US' })).toEqual({ ok: true, value });
  });

  it.each([
    ['15,49', '15.49'],
    ['1.400,50', '1400.50'],
    ['1.400', '1400.00'],
    ['1400,5 €', '1400.50'],
  ])('in a locale with a decimal comma (de-DE) accepts %j as %j', (input, value) => {
    expect(parseMoneyInput(input, { locale: 'de-DE' })).toEqual({ ok: true, value });
  });

  it('reads "1 400,50" with the no-break space fr-FR groups with', () => {
    expect(parseMoneyInput('1\u202f400,50', { locale: 'fr-FR' })).toEqual({ ok: true, value: '1400.50' });
  });

  it('refuses a third decimal rather than guessing, and says so', () => {
    expect(parseMoneyInput('12.345', { locale: 'en-US' })).toEqual({ ok: false, error: 'Use at most two decimals (cents).' });
    expect(parseMoneyInput('1,400', { locale: 'de-DE' }).ok).toBe(false);
  });

  it('gives an example in the reader’s own notation', () => {
    expect(parseMoneyInput('abc', { locale: 'de-DE' })).toEqual({ ok: false, error: 'Enter an amount like 1.580,50.' });
    expect(parseMoneyInput('abc', { locale: 'en-US' })).toEqual({ ok: false, error: 'Enter an amount like 1,580.50.' });
  });

  it.each(['', '1e3', '1,4,00', '12,3456', 'abc', '--1', '1.2.3,4,5', '$', '12-'])('rejects %j', (input) => {
    expect(parseMoneyInput(input, { locale: 'en-US' }).ok).toBe(false);
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
