import { graphql } from '@/gql';

/** Edits, archives and unarchives a payday. */
export const UpdatePaydayMutation = graphql(`
  mutation UpdatePayday($id: ID!, $patch: PaydayPatch!) {
    updatePayday(id: $id, patch: $patch) {
      id
      ...PaydayListItem_Payday
      ...PaydayForm_Payday
    }
  }
`);
