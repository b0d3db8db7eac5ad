import { formatDate, formatMediumDate, parts } from '@/lib/dates';
import type { Schedule } from './schedule';

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
  return interval === 1 ? `Every ${unit}` : `Every ${interval} ${unit}s`;
}

/** A one-line, human summary of a schedule: "Every 2 weeks on Friday, from Jan 2, 2026". */
export function describeSchedule(schedule: Schedule, locale?: string): string {
  const { start, frequency, interval } = schedule;
  let text: string;
  switch (frequency) {
    case null:
      return `Once, on ${formatMediumDate(start, locale)}${weekendText(schedule)}`;
    case 'DAILY':
      text = every(interval, 'day');
      break;
    case 'WEEKLY':
      text = `${every(interval, 'week')} on ${formatDate(start, { weekday: 'long' }, locale)}`;
      break;
    case 'MONTHLY': {
      const days = schedule.daysOfMonth.length > 0 ? schedule.daysOfMonth : [parts(start)[2]];
      const sorted = [...days].sort((a, b) => (a === -1 ? 32 : a) - (b === -1 ? 32 : b));
      text = `${every(interval, 'month')} on the ${list(sorted.map(ordinalDay))}`;
      break;
    }
    case 'YEARLY':
      text = `${every(interval, 'year')} on ${formatDate(start, { month: 'short', day: 'numeric' }, locale)}`;
      break;
  }
  text += `, from ${formatMediumDate(start, locale)}`;
  if (schedule.until !== null) text += ` until ${formatMediumDate(schedule.until, locale)}`;
  if (schedule.count !== null) text += `, ${schedule.count} ${schedule.count === 1 ? 'time' : 'times'}`;
  return text + weekendText(schedule);
}

function weekendText(schedule: Schedule): string {
  if (schedule.weekend === 'BEFORE') return '; weekends move to Friday';
  if (schedule.weekend === 'AFTER') return '; weekends move to Monday';
  return '';
}

