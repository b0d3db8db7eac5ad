import { graphql } from '@/gql';

/** Undoes the change to one occurrence of a bill: it is back as scheduled. */
export const ClearBillOccurrenceMutation = graphql(`
  mutation ClearBillOccurrence($billId: ID!, $date: Date!) {
    clearBillOccurrence(billId: $billId, date: $date) {
      id
      nextDue
      exceptions {
        ...OccurrenceExceptionFields
      }
    }
  }
`);
