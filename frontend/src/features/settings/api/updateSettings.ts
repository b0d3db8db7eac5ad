import { graphql } from '@/gql';

/** Saves currency, timezone and/or current balance; returns the updated user. */
export const UpdateSettingsMutation = graphql(`
  mutation UpdateSettings($input: SettingsInput!) {
    updateSettings(input: $input) {
      id
      email
      currency
      timezone
      balance
    }
  }
`);
