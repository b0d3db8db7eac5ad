import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { hasCode, NETWORK_MESSAGE, toAppError } from './errors';

const graphQLError = (message: string, code?: string) =>
  new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: code ? { code } : {} })] });

describe('toAppError', () => {
  it('keeps the server’s message and extensions.code, as a sentence', () => {
    expect(toAppError(graphQLError('email or password is incorrect', 'UNAUTHENTICATED'))).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'Email or password is incorrect',
    });
    expect(toAppError(graphQLError('That email is taken.', 'CONFLICT')).code).toBe('CONFLICT');
    expect(toAppError(graphQLError('Slow down.', 'RATE_LIMITED')).code).toBe('RATE_LIMITED');
  });

  it('treats an unknown or missing code as an internal error', () => {
    expect(toAppError(graphQLError('boom')).code).toBe('INTERNAL_SERVER_ERROR');
    expect(toAppError(graphQLError('boom', 'SOMETHING_ELSE')).code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('explains a network failure in plain words', () => {
    expect(toAppError(new CombinedError({ networkError: new Error('fetch failed') }))).toEqual({
      code: 'NETWORK',
      message: NETWORK_MESSAGE,
    });
  });

  it('finds a code among several errors', () => {
    const error = new CombinedError({
      graphQLErrors: [new GraphQLError('a'), new GraphQLError('sign in first', { extensions: { code: 'UNAUTHENTICATED' } })],
    });
    expect(hasCode(error, 'UNAUTHENTICATED')).toBe(true);
    expect(hasCode(error, 'NOT_FOUND')).toBe(false);
    expect(hasCode(undefined, 'NOT_FOUND')).toBe(false);
  });
});
