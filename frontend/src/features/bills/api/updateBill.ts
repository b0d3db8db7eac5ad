import { graphql } from '@/gql';

/** Edits, archives and unarchives a bill. */
export const UpdateBillMutation = graphql(`
  mutation UpdateBill($id: ID!, $patch: BillPatch!) {
    updateBill(id: $id, patch: $patch) {
      id
      ...BillListItem_Bill
      ...BillForm_Bill
    }
  }
`);
