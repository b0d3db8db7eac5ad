import { graphql } from '@/gql';

/** A bill's dates in a window (changes applied) and its exceptions, for the occurrence editor. */
export const BillOccurrencesQuery = graphql(`
  query BillOccurrences($id: ID!, $from: Date!, $to: Date!) {
    bill(id: $id) {
      id
      name
      amount
      occurrences(from: $from, to: $to)
      exceptions {
        ...OccurrenceExceptionFields
      }
    }
  }
`);
