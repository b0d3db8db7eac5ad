import { graphql } from '@/gql';

/** Everything the dashboard shows: the default forecast (today + 90 days) and what exists. */
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
