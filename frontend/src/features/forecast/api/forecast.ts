import { graphql } from '@/gql';

/** The full forecast for a window (server defaults: today, +90 days, the user's balance). */
export const ForecastQuery = graphql(`
  query Forecast($from: Date, $until: Date, $startingBalance: Money) {
    forecast(from: $from, until: $until, startingBalance: $startingBalance) {
      from
      until
      startingBalance
      dueBeforeNextPayday
      shortfallBeforeNextPayday
      nextPayday
      totalIncome
      totalBills
      lowestBalance {
        date
        balance
      }
      balances {
        date
        balance
      }
      billsBeforeNextPayday {
        ...BillOccurrenceItem
      }
      periods {
        start
        end
        ...PeriodCard_Period
      }
      ...BalanceSeries_Forecast
    }
  }
`);
