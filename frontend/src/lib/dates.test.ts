import {
  addDays,
  daysBetween,
  daysInMonth,
  formatDay,
  formatLongDate,
  formatMonthDay,
  fromDayNumber,
  isIsoDate,
  todayIn,
  toDayNumber,
  weekday,
} from './dates';

describe('calendar dates', () => {
  it('does day arithmetic across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(daysBetween('2026-01-10', '2026-03-31')).toBe(80);
    expect(fromDayNumber(toDayNumber('1999-12-31'))).toBe('1999-12-31');
  });

  it('knows weekdays and month lengths', () => {
    expect(weekday('2026-01-02')).toBe(5); // Friday
    expect(weekday('2026-03-15')).toBe(0); // Sunday
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
  });

  it('validates YYYY-MM-DD strings', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-3')).toBe(false);
    expect(isIsoDate('')).toBe(false);
  });

  it('formats dates in the reader locale without shifting them by timezone', () => {
    expect(formatDay('2026-01-30', 'en-US')).toBe('Fri, Jan 30');
    expect(formatMonthDay('2026-02-13', 'en-US')).toBe('Feb 13');
    expect(formatLongDate('2026-01-01', 'en-US')).toBe('Thu, Jan 1, 2026');
    expect(formatDay('2026-01-30', 'de-DE')).toBe('Fr., 30. Jan.');
  });

  it('tells today in the user timezone, not the machine one', () => {
    const instant = new Date('2026-01-30T03:00:00Z');
    expect(todayIn('UTC', instant)).toBe('2026-01-30');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2026-01-29');
    expect(todayIn('Asia/Tokyo', new Date('2026-01-29T16:00:00Z'))).toBe('2026-01-30');
    expect(todayIn('Not/AZone', instant)).toBe('2026-01-30');
  });
});
