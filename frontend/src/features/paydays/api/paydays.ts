import { graphql } from '@/gql';

/** The user's paydays for the list screen. */
export const PaydaysQuery = graphql(`
  query Paydays($includeArchived: Boolean! = false) {
    paydays(includeArchived: $includeArchived) {
      id
      name
      amount
      nextDate
      archived
      ...PaydayListItem_Payday
    }
  }
`);
