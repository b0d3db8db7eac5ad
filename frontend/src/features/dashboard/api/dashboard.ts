import { graphql } from '@/gql';

/**
 * Everything the dashboard shows: the default forecast (today + 90 days) and what exists.
 * `balances` (the day the headline and the period cards say the balance goes below zero) is one
 * point for every day from today to the end of the last period — 90 days plus at most one pay
 * interval, two response values a day — so the dashboard keeps the default window: a longer one
 * would charge the response budget for days this screen never shows.
 */
export const DashboardQuery = graphql(`
  query Dashboard {
    forecast {
      from
      until
      startingBalance
      dueBeforeNextPayday
      shortfallBeforeNextPayday
      planDueNow
      nextPayday
      billsBeforeNextPayday {
        ...BillOccurrenceItem
      }
      lowestBalance {
        date
        balance
      }
      balances {
        date
        balance
      }
      ...Headline_Forecast
      periods {
        start
        end
        ...Headline_Period
        ...PeriodCard_Period
      }
    }
    paydays {
      id
    }
    bills {
      id
    }
  }
`);
