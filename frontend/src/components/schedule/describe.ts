import { formatDate, formatDay, formatMediumDate, parts, type IsoDate } from '@/lib/dates';
import { isWeekend, skippedDays, type Schedule } from './schedule';

/** 1 → "1st", 22 → "22nd", -1 → "last day". */
export function ordinalDay(day: number): string {
  if (day === -1) return 'last day';
  const tens = day % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][day % 10] ?? 'th');
  return `${day}${suffix}`;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function every(interval: number, unit: string): string {
  if (interval === 1) return `every ${unit}`;
  if (interval === 2) return `every other ${unit}`;
  return `every ${interval} ${unit}s`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The repeat rule alone, as a person says it: "Every other Friday", "The 10th, every 6 months",
 * "The 1st and 15th of every month", "Every year on Mar 15", "Once, on Mar 15, 2026".
 */
export function scheduleWords(schedule: Schedule, locale?: string): string {
  const { start, frequency, interval } = schedule;
  switch (frequency) {
    case null:
      return `Once, on ${formatMediumDate(start, locale)}`;
    case 'DAILY':
      return capitalise(every(interval, 'day'));
    case 'WEEKLY': {
      const weekday = formatDate(start, { weekday: 'long' }, locale);
      return interval <= 2 ? capitalise(every(interval, weekday)) : `Every ${interval} weeks on ${weekday}`;
    }
    case 'MONTHLY': {
      const days = monthDaysInWords(schedule);
      return interval === 1 ? `The ${days} of every month` : `The ${days}, ${every(interval, 'month')}`;
    }
    case 'YEARLY':
      return `${capitalise(every(interval, 'year'))} on ${formatDate(start, { month: 'short', day: 'numeric' }, locale)}`;
  }
}

/** "10th", "1st and 15th", "15th and last day": a monthly schedule's days in order. */
export function monthDaysInWords(schedule: Pick<Schedule, 'start' | 'daysOfMonth'>): string {
  const days = schedule.daysOfMonth.length > 0 ? schedule.daysOfMonth : [parts(schedule.start)[2]];
  const sorted = [...new Set(days)].sort((a, b) => (a === -1 ? 32 : a) - (b === -1 ? 32 : b));
  return list(sorted.map(ordinalDay));
}

/** A one-line, human summary of a schedule: "Every other Friday, from Jan 2, 2026". */
export function describeSchedule(schedule: Schedule, locale?: string): string {
  let text = scheduleWords(schedule, locale);
  if (schedule.frequency === null) return text + weekendText(schedule);
  text += `, from ${formatMediumDate(schedule.start, locale)}`;
  if (schedule.until !== null) text += ` until ${formatMediumDate(schedule.until, locale)}`;
  if (schedule.count !== null) text += `, ${schedule.count} ${schedule.count === 1 ? 'time' : 'times'}`;
  return text + weekendText(schedule);
}

function weekendText(schedule: Schedule): string {
  if (schedule.weekend === 'BEFORE') return '; weekends move to Friday';
  if (schedule.weekend === 'AFTER') return '; weekends move to Monday';
  return '';
}


/**
 * Why the business-day rule moved a date, and where to: "Mon, May 25 is Memorial Day → Fri, May 22",
 * "Sat, Jan 31 is a weekend day → Mon, Feb 2", "Sat, Jul 4 is Independence Day and Fri, Jul 3 is
 * Independence Day (observed) → Thu, Jul 2". Weekend days passed over on the way go unsaid, even
 * when they are holidays too (they would move anyway).
 */
export function moveWords(
  nominal: IsoDate,
  date: IsoDate,
  holidays: ReadonlyMap<IsoDate, string> = new Map(),
  locale?: string,
): string {
  const reasons = skippedDays(nominal, date, holidays)
    .filter((day, index) => index === 0 || (day.holiday !== null && !isWeekend(day.date)))
    .map((day) => `${formatDay(day.date, locale)} ${day.holiday === null ? 'is a weekend day' : `is ${day.holiday}`}`);
  return `${list(reasons)} → ${formatDay(date, locale)}`;
}
