import { graphql } from '@/gql';

/** Creates an account and signs in (the server sets the session cookie). */
export const SignUpMutation = graphql(`
  mutation SignUp($email: String!, $password: String!) {
    signUp(email: $email, password: $password) {
      user {
        id
        email
      }
    }
  }
`);
