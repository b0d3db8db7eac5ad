import { graphql } from '@/gql';

/** Saves currency, timezone, plan mode, holiday calendar and/or the balance (with its date); returns the updated user. */
export const UpdateSettingsMutation = graphql(`
  mutation UpdateSettings($input: SettingsInput!) {
    updateSettings(input: $input) {
      id
      email
      currency
      timezone
      balance
      balanceOn
      planMode
      holidays
      createdAt
      estimatedBalance
    }
  }
`);
