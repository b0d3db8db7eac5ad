import { graphql } from '@/gql';

/** A new private feed link (the only time its url is sent); the previous link stops working. */
export const CreateCalendarFeedMutation = graphql(`
  mutation CreateCalendarFeed {
    createCalendarFeed {
      url
      createdAt
    }
  }
`);
