import { graphql } from '@/gql';

/** Deletes a bill for good; returns its id. */
export const DeleteBillMutation = graphql(`
  mutation DeleteBill($id: ID!) {
    deleteBill(id: $id)
  }
`);
