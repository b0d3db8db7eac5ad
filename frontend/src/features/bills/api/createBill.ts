import { graphql } from '@/gql';

export const CreateBillMutation = graphql(`
  mutation CreateBill($input: BillInput!) {
    createBill(input: $input) {
      id
      ...BillListItem_Bill
    }
  }
`);
