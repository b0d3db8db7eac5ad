import { graphql } from '@/gql';

/** Everything the dashboard shows: the default forecast (today + 90 days) and what exists. */
export const DashboardQuery = graphql(`
  query Dashboard {
    forecast {
      from
      until
      startingBalance
      dueBeforeNextPayday
      planDueNow
      nextPayday
      billsBeforeNextPayday {
        ...BillOccurrenceItem
      }
      lowestBalance {
        date
        balance
      }
      periods {
        start
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
