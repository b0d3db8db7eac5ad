import { graphql } from '@/gql';

/** Undoes the change to one pay date: it is back as scheduled. */
export const ClearPaydayOccurrenceMutation = graphql(`
  mutation ClearPaydayOccurrence($paydayId: ID!, $date: Date!) {
    clearPaydayOccurrence(paydayId: $paydayId, date: $date) {
      id
      nextDate
      exceptions {
        ...OccurrenceExceptionFields
      }
    }
  }
`);
