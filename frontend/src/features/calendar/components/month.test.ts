import { addMonths, firstWeekday, keyTarget, lastDay, monthWeeks, parseMonth, shiftMonthKeepDay, weekdayDates } from './month';

describe('months', () => {
  it('reads a ?month= value, refusing anything else', () => {
    expect(parseMonth('2027-07')).toBe('2027-07');
    expect(parseMonth('2027-13')).toBeNull();
    expect(parseMonth('2027-7')).toBeNull();
    expect(parseMonth(null)).toBeNull();
  });

  it('steps across years and keeps the day where the month allows it', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(lastDay('2028-02')).toBe('2028-02-29');
    expect(shiftMonthKeepDay('2027-01-31', 1)).toBe('2027-02-28');
    expect(shiftMonthKeepDay('2027-03-15', -1)).toBe('2027-02-15');
  });

  it('lays a month out in weeks from Sunday (US) or Monday (England, Germany), padded with null', () => {
    // July 2027 starts on a Thursday and has 31 days.
    const sunday = monthWeeks('2027-07', 0);
    expect(sunday).toHaveLength(5);
    expect(sunday[0]).toEqual([null, null, null, null, '2027-07-01', '2027-07-02', '2027-07-03']);
    expect(sunday[4]).toEqual(['2027-07-25', '2027-07-26', '2027-07-27', '2027-07-28', '2027-07-29', '2027-07-30', '2027-07-31']);
    const monday = monthWeeks('2027-07', 1);
    expect(monday[0]).toEqual([null, null, null, '2027-07-01', '2027-07-02', '2027-07-03', '2027-07-04']);
    expect(monday.at(-1)).toEqual(['2027-07-26', '2027-07-27', '2027-07-28', '2027-07-29', '2027-07-30', '2027-07-31', null]);
    expect(firstWeekday('US')).toBe(0);
    expect(firstWeekday('DE')).toBe(1);
    expect(weekdayDates(1)[0]).toBe('2023-01-02'); // a Monday
  });
});

describe('keyboard moves in the grid', () => {
  const grid = { weekStartsOn: 0 as const, list: false };

  it('moves by a day with left/right and by a week with up/down, across the month edge', () => {
    expect(keyTarget('ArrowRight', '2027-07-02', grid)).toBe('2027-07-03');
    expect(keyTarget('ArrowLeft', '2027-07-01', grid)).toBe('2027-06-30');
    expect(keyTarget('ArrowDown', '2027-07-02', grid)).toBe('2027-07-09');
    expect(keyTarget('ArrowUp', '2027-07-02', grid)).toBe('2027-06-25');
  });

  it('goes to the start and end of the week with Home/End, within the month; with Ctrl to its ends', () => {
    expect(keyTarget('Home', '2027-07-14', grid)).toBe('2027-07-11'); // Wed → Sun
    expect(keyTarget('End', '2027-07-14', grid)).toBe('2027-07-17'); // → Sat
    expect(keyTarget('Home', '2027-07-02', grid)).toBe('2027-07-01'); // the week starts in June
    expect(keyTarget('Home', '2027-07-14', { ...grid, weekStartsOn: 1 })).toBe('2027-07-12'); // → Mon
    expect(keyTarget('Home', '2027-07-14', { ...grid, ctrl: true })).toBe('2027-07-01');
    expect(keyTarget('End', '2027-07-14', { ...grid, ctrl: true })).toBe('2027-07-31');
  });

  it('changes the month with Page Up/Down, keeping the day', () => {
    expect(keyTarget('PageDown', '2027-07-14', grid)).toBe('2027-08-14');
    expect(keyTarget('PageUp', '2027-03-31', grid)).toBe('2027-02-28');
  });

  it('in the phone list, moves a day with up/down and to the month’s ends with Home/End', () => {
    const list = { ...grid, list: true };
    expect(keyTarget('ArrowDown', '2027-07-14', list)).toBe('2027-07-15');
    expect(keyTarget('ArrowUp', '2027-07-14', list)).toBe('2027-07-13');
    expect(keyTarget('Home', '2027-07-14', list)).toBe('2027-07-01');
    expect(keyTarget('End', '2027-07-14', list)).toBe('2027-07-31');
  });

  it('leaves other keys alone', () => {
    expect(keyTarget('a', '2027-07-14', grid)).toBeNull();
    expect(keyTarget('Tab', '2027-07-14', grid)).toBeNull();
  });
});
