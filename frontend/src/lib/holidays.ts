/**
 * Holiday calendars (DESIGN §1 "Business days and holidays"): the user's `holidays` setting is one
 * of these codes. With a calendar, a schedule's weekend rule skips its holidays too.
 */
import type { IsoDate } from './dates';

export interface HolidayCalendar {
  code: string;
  /** What the picker and the schedule editor say. */
  label: string;
}

/** Every code the server accepts, in the order the picker lists them. */
export const HOLIDAY_CALENDARS: readonly HolidayCalendar[] = [
  { code: 'NONE', label: 'None (weekends only)' },
  { code: 'US', label: 'United States' },
  { code: 'GB-ENG', label: 'England (UK)' },
  { code: 'CA', label: 'Canada' },
  { code: 'AU', label: 'Australia' },
  { code: 'DE', label: 'Germany' },
];

export const NO_CALENDAR = 'NONE';

/** "United States" for "US"; an unknown code is shown as it is. */
export function calendarLabel(code: string): string {
  return HOLIDAY_CALENDARS.find((c) => c.code === code)?.label ?? code;
}

export interface Holiday {
  date: IsoDate;
  name: string;
}

/** The server's list as a lookup by date (two holidays on one day read "A; B"). */
export function holidayMap(holidays: readonly Holiday[]): ReadonlyMap<IsoDate, string> {
  const map = new Map<IsoDate, string>();
  for (const h of holidays) map.set(h.date, map.has(h.date) ? `${map.get(h.date)}; ${h.name}` : h.name);
  return map;
}
