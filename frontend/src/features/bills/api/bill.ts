import { graphql } from '@/gql';

/** One bill, to edit it (null when missing). */
export const BillQuery = graphql(`
  query Bill($id: ID!) {
    bill(id: $id) {
      id
      name
      ...BillForm_Bill
    }
  }
`);
