import { graphql } from '@/gql';

/**
 * Skips, re-prices or moves one occurrence of a bill (replacing any earlier change to it). The
 * returned Bill makes every cached query that holds a bill (lists, forecast) refetch.
 */
export const SetBillOccurrenceMutation = graphql(`
  mutation SetBillOccurrence($billId: ID!, $date: Date!, $change: OccurrenceChange!) {
    setBillOccurrence(billId: $billId, date: $date, change: $change) {
      id
      nextDue
      exceptions {
        ...OccurrenceExceptionFields
      }
    }
  }
`);
