import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '@/gql';
import { addDays, type IsoDate } from '@/lib/dates';
import { holidayMap, NO_CALENDAR } from '@/lib/holidays';

/** The viewer's holidays over the preview's window (server limit: 1830 days). */
export const ScheduleHolidaysQuery = graphql(`
  query ScheduleHolidays($from: Date!, $to: Date!) {
    holidays(from: $from, to: $to) {
      date
      name
    }
  }
`);

/**
 * The window one request covers: two weeks back (a BEFORE rule can move a date from just after
 * today to just before it) and about five years ahead, enough for five yearly dates. One fixed
 * window per day, so typing in the editor never refetches; a date past it moves for weekends only.
 */
export const previewHolidayWindow = (today: IsoDate) => ({ from: addDays(today, -14), to: addDays(today, 1815) });

/** What the schedule editor knows about the user's holiday calendar. */
export interface PreviewHolidays {
  /** The calendar code (`me.holidays`), e.g. "US". */
  calendar: string;
  byDate: ReadonlyMap<IsoDate, string>;
  status: 'loading' | 'ready' | 'error';
}

/**
 * Fetches the holidays the schedule preview moves dates for; undefined without a calendar (the
 * plain weekend rule then needs none).
 */
export function usePreviewHolidays(calendar: string, today: IsoDate): PreviewHolidays | undefined {
  const none = calendar === NO_CALENDAR;
  const [{ data, error }] = useQuery({
    query: ScheduleHolidaysQuery,
    variables: previewHolidayWindow(today),
    pause: none,
    // The list follows the user's calendar setting.
    context: useMemo(() => ({ additionalTypenames: ['User'] }), []),
  });
  const byDate = useMemo(() => holidayMap(data?.holidays ?? []), [data]);
  if (none) return undefined;
  return { calendar, byDate, status: data ? 'ready' : error ? 'error' : 'loading' };
}
