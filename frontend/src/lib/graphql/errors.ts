import type { CombinedError } from '@urql/core';

/** The `extensions.code` values the server promises (DESIGN §2), plus our own NETWORK. */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL_SERVER_ERROR'
  | 'NETWORK';

export interface AppError {
  code: ErrorCode;
  /** A sentence fit to show to the user as it is. */
  message: string;
}

const KNOWN = new Set<string>([
  'UNAUTHENTICATED',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
]);

export const NETWORK_MESSAGE = "Can't reach Wisewallet right now. Check your connection and try again.";

/** Turns an urql error into the one error the UI shows: the server's message and its code. */
export function toAppError(error: CombinedError): AppError {
  const first = error.graphQLErrors[0];
  if (first) {
    const raw = first.extensions?.code;
    const code = typeof raw === 'string' && KNOWN.has(raw) ? (raw as ErrorCode) : 'INTERNAL_SERVER_ERROR';
    const text = first.message.trim();
    // Shown as a sentence: the server's messages may start in lower case.
    const message = text ? text[0]!.toUpperCase() + text.slice(1) : 'Something went wrong. Please try again.';
    return { code, message };
  }
  return { code: 'NETWORK', message: NETWORK_MESSAGE };
}

export function hasCode(error: CombinedError | undefined, code: ErrorCode): boolean {
  return !!error?.graphQLErrors.some((e) => e.extensions?.code === code);
}
