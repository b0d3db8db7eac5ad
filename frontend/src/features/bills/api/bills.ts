import { graphql } from '@/gql';

/** The user's bills for the list screen. */
export const BillsQuery = graphql(`
  query Bills($includeArchived: Boolean! = false) {
    bills(includeArchived: $includeArchived) {
      id
      name
      amount
      nextDue
      archived
      ...BillListItem_Bill
    }
  }
`);
