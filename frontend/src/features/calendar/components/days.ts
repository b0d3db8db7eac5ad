import { getFragmentData, graphql, type FragmentType } from '@/gql';
import type { IsoDate } from '@/lib/dates';
import { toCents } from '@/lib/money';

export const CalendarBillFragment = graphql(`
  fragment CalendarDay_BillOccurrence on BillOccurrence {
    date
    amount
    bill {
      id
      name
      autopay
    }
  }
`);

export const CalendarPaydayFragment = graphql(`
  fragment CalendarDay_PaydayOccurrence on PaydayOccurrence {
    date
    amount
    payday {
      id
      name
    }
  }
`);

export interface CalendarItem {
  id: string;
  name: string;
  amount: string;
}

/** Everything one day of the calendar shows. */
export interface CalendarDay {
  date: IsoDate;
  holidays: string[];
  paydays: CalendarItem[];
  bills: (CalendarItem & { autopay: boolean })[];
  /** End-of-day balance, from the forecast's `balances`; null outside the walk. */
  balance: string | null;
}

type BillRef = FragmentType<typeof CalendarBillFragment>;
type PaydayRef = FragmentType<typeof CalendarPaydayFragment>;

export interface CalendarMonthData {
  forecast: {
    balances: readonly { date: IsoDate; balance: string }[];
    billsBeforeNextPayday: readonly BillRef[];
    periods: readonly { paydays: readonly PaydayRef[]; bills: readonly BillRef[] }[];
  };
  holidays: readonly { date: IsoDate; name: string }[];
}

/**
 * The server's month — occurrences (already moved by the business-day rule), balances, holidays —
 * as one entry per day from `from` to `to`, in the server's order (bills by date, name, id).
 */
export function calendarDays(data: CalendarMonthData, from: IsoDate, to: IsoDate): Map<IsoDate, CalendarDay> {
  const days = new Map<IsoDate, CalendarDay>();
  const day = (date: IsoDate): CalendarDay | undefined => {
    if (date < from || date > to) return undefined;
    let entry = days.get(date);
    if (!entry) {
      entry = { date, holidays: [], paydays: [], bills: [], balance: null };
      days.set(date, entry);
    }
    return entry;
  };
  const addBill = (ref: BillRef) => {
    const o = getFragmentData(CalendarBillFragment, ref);
    day(o.date)?.bills.push({ id: o.bill.id, name: o.bill.name, amount: o.amount, autopay: o.bill.autopay });
  };
  for (const point of data.forecast.balances) {
    const entry = day(point.date);
    if (entry) entry.balance = point.balance;
  }
  for (const holiday of data.holidays) day(holiday.date)?.holidays.push(holiday.name);
  data.forecast.billsBeforeNextPayday.forEach(addBill);
  for (const period of data.forecast.periods) {
    for (const ref of period.paydays) {
      const o = getFragmentData(CalendarPaydayFragment, ref);
      day(o.date)?.paydays.push({ id: o.payday.id, name: o.payday.name, amount: o.amount });
    }
    period.bills.forEach(addBill);
  }
  return days;
}

export const isBelowZero = (day: Pick<CalendarDay, 'balance'> | undefined): boolean =>
  !!day?.balance && toCents(day.balance) < 0;

/** Whether anything happens on the day (a holiday counts). */
export const isEventful = (day: CalendarDay | undefined): boolean =>
  !!day && day.holidays.length + day.paydays.length + day.bills.length > 0;
