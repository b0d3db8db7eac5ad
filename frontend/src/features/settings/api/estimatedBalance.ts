import { graphql } from '@/gql';

/** The stated balance walked to today with the paydays and bills in between (DESIGN §1). */
export const EstimatedBalanceQuery = graphql(`
  query EstimatedBalance {
    me {
      id
      estimatedBalance
    }
  }
`);
