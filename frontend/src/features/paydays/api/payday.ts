import { graphql } from '@/gql';

/** One payday, to edit it (null when missing). */
export const PaydayQuery = graphql(`
  query Payday($id: ID!) {
    payday(id: $id) {
      id
      name
      ...PaydayForm_Payday
    }
  }
`);
