import { graphql } from '@/gql';

/** Everything needed to show or edit a saved schedule. */
export const ScheduleFieldsFragment = graphql(`
  fragment ScheduleFields on Schedule {
    start
    frequency
    interval
    daysOfMonth
    until
    count
    weekend
  }
`);
