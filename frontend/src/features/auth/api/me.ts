import { graphql } from '../../../gql';

/** The signed-in user, or null: the app's source of truth for "am I signed in?". */
export const MeQuery = graphql(`
  query Me {
    me {
      id
      email
      currency
      timezone
      balance
      balanceOn
      planMode
      holidays
      calendarFeed {
        createdAt
      }
      createdAt
    }
  }
`);
