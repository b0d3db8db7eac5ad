import { graphql } from '@/gql';

/**
 * One month of the calendar: the forecast over it (its occurrences, already moved by the business-day
 * rule, and the end-of-day balance of every day) and the viewer's holidays in it.
 */
export const CalendarMonthQuery = graphql(`
  query CalendarMonth($from: Date!, $until: Date!) {
    forecast(from: $from, until: $until) {
      from
      until
      startingBalance
      balances {
        date
        balance
      }
      billsBeforeNextPayday {
        ...CalendarDay_BillOccurrence
      }
      periods {
        start
        paydays {
          ...CalendarDay_PaydayOccurrence
        }
        bills {
          ...CalendarDay_BillOccurrence
        }
      }
    }
    holidays(from: $from, to: $until) {
      date
      name
    }
  }
`);
