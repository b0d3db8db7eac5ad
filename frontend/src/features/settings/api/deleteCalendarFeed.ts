import { graphql } from '@/gql';

/** Revokes the private feed link: calendars subscribed to it stop updating. */
export const DeleteCalendarFeedMutation = graphql(`
  mutation DeleteCalendarFeed {
    deleteCalendarFeed
  }
`);
