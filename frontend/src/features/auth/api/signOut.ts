import { graphql } from '@/gql';

/** Revokes the session on the server (and clears its cookie). */
export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);
