import { graphql } from '@/gql';

export const CreatePaydayMutation = graphql(`
  mutation CreatePayday($input: PaydayInput!) {
    createPayday(input: $input) {
      id
      ...PaydayListItem_Payday
    }
  }
`);
