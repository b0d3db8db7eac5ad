import { graphql } from '@/gql';

/**
 * Skips, re-prices or moves one pay date (replacing any earlier change to it). The returned
 * Payday makes every cached query that holds a payday (lists, forecast) refetch.
 */
export const SetPaydayOccurrenceMutation = graphql(`
  mutation SetPaydayOccurrence($paydayId: ID!, $date: Date!, $change: OccurrenceChange!) {
    setPaydayOccurrence(paydayId: $paydayId, date: $date, change: $change) {
      id
      nextDate
      exceptions {
        ...OccurrenceExceptionFields
      }
    }
  }
`);
