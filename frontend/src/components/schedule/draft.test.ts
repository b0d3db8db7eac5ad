import { describeSchedule, moveWords, ordinalDay, scheduleWords } from './describe';
import { draftFromSchedule, newDraft, readDraft, scheduleFromSaved, toScheduleInput } from './draft';

describe('schedule drafts', () => {
  it('a new draft reads as a monthly schedule on the start day', () => {
    const result = readDraft(newDraft('2026-01-30'));
    expect(result).toEqual({
      ok: true,
      schedule: {
        start: '2026-01-30',
        frequency: 'MONTHLY',
        interval: 1,
        daysOfMonth: [],
        until: null,
        count: null,
        weekend: 'KEEP',
      },
    });
  });

  it('one-time drafts ignore interval and ends', () => {
    const result = readDraft({ ...newDraft('2026-01-30', 'ONCE'), interval: 'x', ends: 'COUNT', count: '' });
    expect(result.ok && toScheduleInput(result.schedule)).toEqual({
      start: '2026-01-30',
      frequency: null,
      interval: 1,
      daysOfMonth: null,
      until: null,
      count: null,
      weekend: 'KEEP',
    });
  });

  it('chosen days, an end date and the weekend rule reach the input', () => {
    const draft = {
      ...newDraft('2026-01-01'),
      monthDays: 'CHOSEN' as const,
      daysOfMonth: [15, -1],
      ends: 'UNTIL' as const,
      until: '2026-12-31',
      weekend: 'BEFORE' as const,
    };
    const result = readDraft(draft);
    expect(result.ok && toScheduleInput(result.schedule)).toMatchObject({
      daysOfMonth: [15, -1],
      until: '2026-12-31',
      count: null,
      weekend: 'BEFORE',
    });
  });

  it('explains what is wrong, field by field', () => {
    expect(readDraft({ ...newDraft(''), repeat: 'DAILY' })).toMatchObject({ ok: false, errors: { start: expect.any(String) } });
    expect(readDraft({ ...newDraft('2026-01-01'), interval: '1.5' })).toMatchObject({
      ok: false,
      errors: { interval: expect.any(String) },
    });
    expect(readDraft({ ...newDraft('2026-01-01'), ends: 'COUNT', count: '' })).toMatchObject({
      ok: false,
      errors: { count: expect.any(String) },
    });
    expect(readDraft({ ...newDraft('2026-01-01'), monthDays: 'CHOSEN', daysOfMonth: [] })).toMatchObject({
      ok: false,
      errors: { daysOfMonth: expect.any(String) },
    });
  });

  it('a saved monthly schedule on its start day opens as "the day of the first date"', () => {
    const draft = draftFromSchedule({ start: '2026-01-31', frequency: 'MONTHLY', interval: 1, daysOfMonth: [31], weekend: 'KEEP' });
    expect(draft.monthDays).toBe('START');
    expect(draftFromSchedule({ start: '2026-01-31', frequency: 'MONTHLY', interval: 1, daysOfMonth: [-1], weekend: 'KEEP' }).monthDays).toBe(
      'CHOSEN',
    );
  });

  it('a saved schedule round-trips through the editor', () => {
    const saved = {
      start: '2026-01-01',
      frequency: 'MONTHLY' as const,
      interval: 1,
      daysOfMonth: [1, 15],
      until: null,
      count: 24,
      weekend: 'AFTER' as const,
    };
    const result = readDraft(draftFromSchedule(saved));
    expect(result.ok && result.schedule).toEqual(scheduleFromSaved(saved));
  });
});

describe('describeSchedule', () => {
  const s = scheduleFromSaved({ start: '2026-01-02', frequency: 'WEEKLY', interval: 2, daysOfMonth: [], weekend: 'KEEP' });

  it('says a schedule in words', () => {
    expect(describeSchedule(s, 'en-US')).toBe('Every other Friday, from Jan 2, 2026');
    expect(describeSchedule({ ...s, frequency: 'MONTHLY', interval: 1, daysOfMonth: [-1, 15], count: 12 }, 'en-US')).toBe(
      'The 15th and last day of every month, from Jan 2, 2026, 12 times',
    );
    expect(describeSchedule({ ...s, frequency: null, weekend: 'BEFORE' }, 'en-US')).toBe(
      'Once, on Jan 2, 2026; weekends move to Friday',
    );
    expect(describeSchedule({ ...s, frequency: 'YEARLY', interval: 1, until: '2030-01-02' }, 'en-US')).toBe(
      'Every year on Jan 2, from Jan 2, 2026 until Jan 2, 2030',
    );
  });

  it('reads a repeat rule back the way a person says it', () => {
    expect(scheduleWords(s, 'en-US')).toBe('Every other Friday');
    expect(scheduleWords({ ...s, interval: 1 }, 'en-US')).toBe('Every Friday');
    expect(scheduleWords({ ...s, interval: 3 }, 'en-US')).toBe('Every 3 weeks on Friday');
    const monthly = { ...s, start: '2026-01-10', frequency: 'MONTHLY' as const };
    expect(scheduleWords({ ...monthly, interval: 6 }, 'en-US')).toBe('The 10th, every 6 months');
    expect(scheduleWords({ ...monthly, interval: 1 }, 'en-US')).toBe('The 10th of every month');
    expect(scheduleWords({ ...monthly, interval: 2, daysOfMonth: [15, 1] }, 'en-US')).toBe('The 1st and 15th, every other month');
    expect(scheduleWords({ ...s, frequency: 'DAILY', interval: 2 }, 'en-US')).toBe('Every other day');
    expect(scheduleWords({ ...s, frequency: 'YEARLY', interval: 1 }, 'en-US')).toBe('Every year on Jan 2');
  });

  it('writes ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31, -1].map(ordinalDay)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '31st',
      'last day',
    ]);
  });
});

describe('moveWords', () => {
  const us = new Map([
    ['2026-05-25', 'Memorial Day'],
    ['2026-07-03', 'Independence Day (observed)'],
    ['2026-07-04', 'Independence Day'],
  ]);

  it('names the holiday a date moved off, and where it went', () => {
    expect(moveWords('2026-05-25', '2026-05-22', us, 'en-US')).toBe('Mon, May 25 is Memorial Day → Fri, May 22');
  });

  it('says a weekend day is one, without a calendar', () => {
    expect(moveWords('2026-01-31', '2026-02-02', undefined, 'en-US')).toBe('Sat, Jan 31 is a weekend day → Mon, Feb 2');
  });

  it('names every holiday passed over, not the weekend days between', () => {
    expect(moveWords('2026-07-04', '2026-07-02', us, 'en-US')).toBe(
      'Sat, Jul 4 is Independence Day and Fri, Jul 3 is Independence Day (observed) → Thu, Jul 2',
    );
  });
});
