import { graphql } from '@/gql';

/** A payday's dates in a window (changes applied) and its exceptions, for the occurrence editor. */
export const PaydayOccurrencesQuery = graphql(`
  query PaydayOccurrences($id: ID!, $from: Date!, $to: Date!) {
    payday(id: $id) {
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
