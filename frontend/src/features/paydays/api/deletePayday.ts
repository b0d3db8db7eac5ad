import { graphql } from '@/gql';

/** Deletes a payday for good; returns its id. */
export const DeletePaydayMutation = graphql(`
  mutation DeletePayday($id: ID!) {
    deletePayday(id: $id)
  }
`);
