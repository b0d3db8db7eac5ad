import type { IsoDate } from '@/lib/dates';
import {
  applyBusinessDayRule,
  applyWeekendRule,
  nominalDates,
  skippedDays,
  upcoming,
  validateSchedule,
  type Schedule,
} from './schedule';

const base: Schedule = {
  start: '2026-01-01',
  frequency: null,
  interval: 1,
  daysOfMonth: [],
  until: null,
  count: null,
  weekend: 'KEEP',
};
const schedule = (patch: Partial<Schedule>): Schedule => ({ ...base, ...patch });
const first = (s: Schedule, n: number) => {
  const dates: string[] = [];
  for (const date of nominalDates(s)) {
    dates.push(date);
    if (dates.length >= n) break;
  }
  return dates;
};
const next = (s: Schedule, from: IsoDate, n: number) => upcoming(s, from, n).map((o) => o.date);

describe('nominal dates', () => {
  it('a one-time schedule happens once, on its start', () => {
    expect(first(schedule({ start: '2026-05-05' }), 5)).toEqual(['2026-05-05']);
  });

  it('daily and weekly schedules step by their interval', () => {
    expect(first(schedule({ frequency: 'DAILY', interval: 3 }), 3)).toEqual(['2026-01-01', '2026-01-04', '2026-01-07']);
    expect(first(schedule({ start: '2026-01-02', frequency: 'WEEKLY', interval: 2 }), 3)).toEqual([
      '2026-01-02',
      '2026-01-16',
      '2026-01-30',
    ]);
  });

  it('a monthly anchor on the 31st falls on each month’s last day and never drifts', () => {
    expect(first(schedule({ start: '2026-01-31', frequency: 'MONTHLY' }), 4)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ]);
  });

  it('semi-monthly days include the last day (-1), sorted and counted once when they meet', () => {
    expect(first(schedule({ start: '2026-02-01', frequency: 'MONTHLY', daysOfMonth: [-1, 15] }), 4)).toEqual([
      '2026-02-15',
      '2026-02-28',
      '2026-03-15',
      '2026-03-31',
    ]);
    expect(first(schedule({ start: '2026-04-01', frequency: 'MONTHLY', daysOfMonth: [31, -1] }), 2)).toEqual([
      '2026-04-30',
      '2026-05-31',
    ]);
  });

  it('drops days of the first month that lie before the start', () => {
    expect(first(schedule({ start: '2026-01-20', frequency: 'MONTHLY', daysOfMonth: [1, 15] }), 2)).toEqual([
      '2026-02-01',
      '2026-02-15',
    ]);
  });

  it('every N months counts from the start month', () => {
    expect(first(schedule({ start: '2026-11-10', frequency: 'MONTHLY', interval: 3 }), 3)).toEqual([
      '2026-11-10',
      '2027-02-10',
      '2027-05-10',
    ]);
  });

  it('a yearly Feb 29 falls on Feb 28 in other years', () => {
    expect(first(schedule({ start: '2024-02-29', frequency: 'YEARLY' }), 5)).toEqual([
      '2024-02-29',
      '2025-02-28',
      '2026-02-28',
      '2027-02-28',
      '2028-02-29',
    ]);
  });

  it('until and count bound the nominal dates', () => {
    expect([...nominalDates(schedule({ frequency: 'WEEKLY', until: '2026-01-22' }))]).toEqual([
      '2026-01-01',
      '2026-01-08',
      '2026-01-15',
      '2026-01-22',
    ]);
    expect([...nominalDates(schedule({ frequency: 'MONTHLY', daysOfMonth: [1, 15], count: 3 }))]).toEqual([
      '2026-01-01',
      '2026-01-15',
      '2026-02-01',
    ]);
  });
});

describe('weekend rule', () => {
  it('moves Saturday and Sunday to the Friday before or the Monday after', () => {
    expect(applyWeekendRule('2026-01-31', 'BEFORE')).toBe('2026-01-30'); // Sat
    expect(applyWeekendRule('2026-02-01', 'BEFORE')).toBe('2026-01-30'); // Sun
    expect(applyWeekendRule('2026-01-31', 'AFTER')).toBe('2026-02-02');
    expect(applyWeekendRule('2026-02-01', 'AFTER')).toBe('2026-02-02');
    expect(applyWeekendRule('2026-02-01', 'KEEP')).toBe('2026-02-01');
    expect(applyWeekendRule('2026-02-02', 'BEFORE')).toBe('2026-02-02'); // Mon stays
  });

  it('bounds apply to nominal dates, today to shifted ones', () => {
    const s = schedule({ start: '2026-03-14', frequency: 'WEEKLY', count: 1, weekend: 'BEFORE' }); // Sat
    expect(next(s, '2026-03-13', 5)).toEqual(['2026-03-13']);
    expect(next(s, '2026-03-14', 5)).toEqual([]);
  });
});

describe('business-day rule (a holiday calendar)', () => {
  // US 2026: Memorial Day Mon May 25; Independence Day Sat Jul 4, observed Fri Jul 3.
  // US 2027: Independence Day Sun Jul 4, observed Mon Jul 5.
  const us = new Map([
    ['2026-05-25', 'Memorial Day'],
    ['2026-07-03', 'Independence Day (observed)'],
    ['2026-07-04', 'Independence Day'],
    ['2027-07-04', 'Independence Day'],
    ['2027-07-05', 'Independence Day (observed)'],
  ]);

  it('moves a holiday to the business day before, past the weekend', () => {
    expect(applyBusinessDayRule('2026-05-25', 'BEFORE', us)).toBe('2026-05-22');
    expect(applyBusinessDayRule('2027-07-05', 'BEFORE', us)).toBe('2027-07-02');
  });

  it('moves a holiday to the business day after', () => {
    expect(applyBusinessDayRule('2026-05-25', 'AFTER', us)).toBe('2026-05-26');
    expect(applyBusinessDayRule('2027-07-04', 'AFTER', us)).toBe('2027-07-06');
  });

  it('skips a holiday next to a weekend: Sat Jul 4 BEFORE passes the observed Friday', () => {
    expect(applyBusinessDayRule('2026-07-04', 'BEFORE', us)).toBe('2026-07-02');
    expect(applyBusinessDayRule('2026-07-03', 'AFTER', us)).toBe('2026-07-06');
  });

  it('never moves with KEEP, and leaves business days alone', () => {
    expect(applyBusinessDayRule('2026-05-25', 'KEEP', us)).toBe('2026-05-25');
    expect(applyBusinessDayRule('2026-05-26', 'BEFORE', us)).toBe('2026-05-26');
  });

  it('without holidays is exactly the weekend rule', () => {
    for (const date of ['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']) {
      for (const rule of ['KEEP', 'BEFORE', 'AFTER'] as const) {
        expect(applyBusinessDayRule(date, rule, new Map())).toBe(applyWeekendRule(date, rule));
      }
    }
  });

  it('lists the days a move passed over, with the holidays named', () => {
    expect(skippedDays('2026-05-25', '2026-05-22', us)).toEqual([
      { date: '2026-05-25', holiday: 'Memorial Day' },
      { date: '2026-05-24', holiday: null },
      { date: '2026-05-23', holiday: null },
    ]);
    expect(skippedDays('2026-05-26', '2026-05-26', us)).toEqual([]);
  });

  it('previews a payday on an observed holiday on the business day before', () => {
    const s = schedule({ start: '2027-07-05', frequency: null, weekend: 'BEFORE' });
    expect(upcoming(s, '2026-11-29', 5, us)).toEqual([{ date: '2027-07-02', nominal: '2027-07-05' }]);
    expect(upcoming(s, '2026-11-29', 5)).toEqual([{ date: '2027-07-05', nominal: '2027-07-05' }]);
  });
});

describe('the worked example of DESIGN §1', () => {
  // DESIGN's window runs from 2026-01-10 to 2026-04-09; each list below is all of a schedule's dates in it.
  const from = '2026-01-10';
  it('salary every 2 weeks from Fri 2026-01-02', () => {
    const salary = schedule({ start: '2026-01-02', frequency: 'WEEKLY', interval: 2 });
    expect(next(salary, from, 6)).toEqual([
      '2026-01-16',
      '2026-01-30',
      '2026-02-13',
      '2026-02-27',
      '2026-03-13',
      '2026-03-27',
    ]);
  });

  it('rent, phone and insurance', () => {
    expect(next(schedule({ frequency: 'MONTHLY' }), from, 3)).toEqual([
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
    ]);
    expect(next(schedule({ start: '2026-01-31', frequency: 'MONTHLY' }), from, 3)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
    ]);
    const insurance = schedule({ start: '2026-03-15', frequency: 'YEARLY', weekend: 'BEFORE' });
    expect(next(insurance, from, 1)).toEqual(['2026-03-13']);
  });
});

describe('preview', () => {
  it('lists the next occurrences from today, saying which ones the weekend rule moved', () => {
    const s = schedule({ start: '2026-01-31', frequency: 'MONTHLY', weekend: 'AFTER' });
    expect(upcoming(s, '2026-02-01', 3)).toEqual([
      { date: '2026-02-02', nominal: '2026-01-31' },
      { date: '2026-03-02', nominal: '2026-02-28' },
      { date: '2026-03-31', nominal: '2026-03-31' },
    ]);
  });

  it('is empty when the schedule ended before today', () => {
    expect(next(schedule({ frequency: 'DAILY', count: 3 }), '2026-02-01', 5)).toEqual([]);
    expect(next(schedule({ start: '2025-01-01' }), '2026-01-01', 5)).toEqual([]);
  });

  it('copes with a long history before today', () => {
    expect(next(schedule({ start: '1990-01-01', frequency: 'DAILY' }), '2026-01-01', 2)).toEqual([
      '2026-01-01',
      '2026-01-02',
    ]);
  });
});

describe('validateSchedule', () => {
  it('accepts a valid schedule', () => {
    expect(validateSchedule(schedule({ frequency: 'MONTHLY', daysOfMonth: [1, 15], count: 12 }))).toEqual({});
  });

  it('reports each rule the server enforces', () => {
    expect(validateSchedule(schedule({ frequency: 'DAILY', interval: 0 })).interval).toBeDefined();
    expect(validateSchedule(schedule({ frequency: 'DAILY', interval: 1000 })).interval).toBeDefined();
    expect(validateSchedule(schedule({ frequency: 'WEEKLY', daysOfMonth: [1] })).daysOfMonth).toBeDefined();
    expect(validateSchedule(schedule({ frequency: 'MONTHLY', daysOfMonth: [1, 2, 3, 4, 5] })).daysOfMonth).toBeDefined();
    expect(validateSchedule(schedule({ frequency: 'MONTHLY', daysOfMonth: [0] })).daysOfMonth).toBeDefined();
    expect(validateSchedule(schedule({ frequency: 'DAILY', until: '2025-12-31' })).until).toBeDefined();
    expect(validateSchedule(schedule({ frequency: 'DAILY', count: 0 })).count).toBeDefined();
    expect(validateSchedule(schedule({ frequency: 'DAILY', count: 10001 })).count).toBeDefined();
    expect(validateSchedule(schedule({ frequency: 'DAILY', count: 2, until: '2026-02-01' })).count).toBeDefined();
  });
});
