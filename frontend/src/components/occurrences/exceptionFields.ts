import { graphql } from '@/gql';

/** One changed occurrence of a bill or payday, as the occurrence editor and the forecast read it. */
export const OccurrenceExceptionFieldsFragment = graphql(`
  fragment OccurrenceExceptionFields on OccurrenceException {
    date
    skip
    amount
    moveTo
  }
`);
