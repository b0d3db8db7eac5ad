import {
  amountOn,
  moveRange,
  occurrenceMark,
  planAmountChange,
  planMove,
  upcomingRows,
  withinMoveRange,
  type OccurrenceExceptionLike,
} from './occurrences';
import { datesToPause } from './occurrences';

const ex = (patch: Partial<OccurrenceExceptionLike> & { date: string }): OccurrenceExceptionLike => ({
  skip: false,
  amount: null,
  moveTo: null,
  ...patch,
});

describe('occurrenceMark', () => {
  it('marks an occurrence moved onto a date, with the date it came from', () => {
    const exceptions = [ex({ date: '2026-02-01', moveTo: '2026-01-30' })];
    expect(occurrenceMark(exceptions, '2026-01-30')).toEqual({ movedFrom: '2026-02-01', amountChanged: false });
    expect(occurrenceMark(exceptions, '2026-02-01')).toBeNull();
  });

  it('marks an occurrence kept on its date with another amount', () => {
    expect(occurrenceMark([ex({ date: '2026-03-01', amount: '1550.00' })], '2026-03-01')).toEqual({
      movedFrom: null,
      amountChanged: true,
    });
  });

  it('leaves unchanged and skipped dates unmarked', () => {
    const exceptions = [ex({ date: '2026-02-28', skip: true })];
    expect(occurrenceMark(exceptions, '2026-02-28')).toBeNull();
    expect(occurrenceMark([], '2026-02-28')).toBeNull();
  });
});

describe('amountOn', () => {
  it('reads a changed amount on the date the occurrence now falls, else the usual one', () => {
    const exceptions = [ex({ date: '2026-03-01', amount: '1550.00', moveTo: '2026-02-27' }), ex({ date: '2026-04-01', skip: true })];
    expect(amountOn(exceptions, '2026-02-27', '1500.00')).toBe('1550.00');
    expect(amountOn(exceptions, '2026-03-01', '1500.00')).toBe('1500.00');
    expect(amountOn(exceptions, '2026-05-01', '1500.00')).toBe('1500.00');
  });
});

describe('upcomingRows', () => {
  const window = { from: '2026-01-10', to: '2026-05-10', amount: '1500.00' };

  it('maps moved and re-priced dates back to their scheduled date', () => {
    const rows = upcomingRows({
      ...window,
      occurrences: ['2026-01-30', '2026-03-01', '2026-04-01'],
      exceptions: [ex({ date: '2026-02-01', moveTo: '2026-01-30' }), ex({ date: '2026-03-01', amount: '1550.00' })],
    });
    expect(rows.map((r) => [r.scheduled, r.date, r.amount, r.moved, r.amountChanged])).toEqual([
      ['2026-02-01', '2026-01-30', '1500.00', true, false],
      ['2026-03-01', '2026-03-01', '1550.00', false, true],
      ['2026-04-01', '2026-04-01', '1500.00', false, false],
    ]);
    expect(rows[2]?.exception).toBeNull();
  });

  it('puts skipped dates of the window back in place, and stops after the limit', () => {
    const occurrences = ['2026-01-16', '2026-01-23', '2026-02-06', '2026-02-13'];
    const rows = upcomingRows({
      ...window,
      occurrences,
      limit: 3,
      exceptions: [ex({ date: '2026-01-30', skip: true }), ex({ date: '2026-02-20', skip: true }), ex({ date: '2025-12-01', skip: true })],
    });
    expect(rows.map((r) => `${r.date}${r.skipped ? ' skipped' : ''}`)).toEqual([
      '2026-01-16',
      '2026-01-23',
      '2026-01-30 skipped',
      '2026-02-06',
    ]);
  });

  it('shows every skipped date of the window when fewer dates than the limit remain', () => {
    const rows = upcomingRows({ ...window, occurrences: [], exceptions: [ex({ date: '2026-05-01', skip: true })] });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ scheduled: '2026-05-01', skipped: true, amount: '1500.00' });
  });
});

describe('planning a change', () => {
  const row = upcomingRows({
    from: '2026-01-10',
    to: '2026-05-10',
    amount: '1500.00',
    occurrences: ['2026-01-30', '2026-03-01'],
    exceptions: [ex({ date: '2026-02-01', moveTo: '2026-01-30' }), ex({ date: '2026-03-01', amount: '1550.00' })],
  });
  const [moved, repriced] = row as [(typeof row)[0], (typeof row)[0]];

  it('keeps the move when the amount changes, and the amount when it moves', () => {
    expect(planAmountChange(moved, '1500.00', '1400.00')).toEqual({
      kind: 'set',
      change: { amount: '1400.00', moveTo: '2026-01-30' },
    });
    expect(planMove(repriced, '2026-02-27')).toEqual({ kind: 'set', change: { moveTo: '2026-02-27', amount: '1550.00' } });
  });

  it('clears the exception when the change brings the occurrence back to its schedule', () => {
    expect(planAmountChange(repriced, '1500.00', '1500.00')).toEqual({ kind: 'clear' });
    expect(planMove(moved, '2026-02-01')).toEqual({ kind: 'clear' });
  });

  it('does nothing when nothing changes', () => {
    expect(planAmountChange(moved, '1500.00', '1500.00')).toEqual({ kind: 'none' });
    expect(planMove(repriced, '2026-03-01')).toEqual({ kind: 'none' });
  });

  it('allows moves of at most 31 days either way', () => {
    expect(moveRange('2026-02-01')).toEqual({ min: '2026-01-01', max: '2026-03-04' });
    expect(withinMoveRange('2026-02-01', '2026-03-04')).toBe(true);
    expect(withinMoveRange('2026-02-01', '2026-03-05')).toBe(false);
  });
});

describe('datesToPause', () => {
  it('skips every date shown in the window, a moved one by its scheduled date', () => {
    const moved = { date: '2026-08-01', skip: false, amount: null, moveTo: '2026-07-30' };
    expect(datesToPause(['2026-07-01', '2026-07-30'], [moved])).toEqual(['2026-07-01', '2026-08-01']);
  });
});
