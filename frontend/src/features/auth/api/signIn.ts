import { graphql } from '@/gql';

/** Signs in; the server also sets the HttpOnly session cookie the app relies on. */
export const SignInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      user {
        id
        email
      }
    }
  }
`);
