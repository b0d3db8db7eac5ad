import { Client, cacheExchange, fetchExchange, mapExchange } from '@urql/core';
import { env } from '@/lib/env';
import { hasCode } from './errors';

/**
 * Typenames each query depends on. urql's document cache drops a cached query when a mutation
 * returns one of these typenames (or names them in its own `additionalTypenames`), so lists and
 * the forecast refresh after every edit, even when they were empty before.
 */
export const DEPENDS_ON: Record<'bills' | 'paydays' | 'forecast', { additionalTypenames: string[] }> = {
  bills: { additionalTypenames: ['Bill'] },
  paydays: { additionalTypenames: ['Payday'] },
  forecast: { additionalTypenames: ['Bill', 'Payday', 'User'] },
};

export interface ClientOptions {
  url?: string;
  /** Called when the server says the session is gone (expired, revoked). */
  onUnauthenticated?: () => void;
}

/** The one GraphQL client: POST to /graphql with the session cookie. */
export function createGraphqlClient({ url = env.graphqlUrl, onUnauthenticated }: ClientOptions = {}): Client {
  return new Client({
    url,
    // Always POST: GET /graphql is GraphiQL on the server.
    preferGetMethod: false,
    fetchOptions: { credentials: 'include' },
    exchanges: [
      mapExchange({
        onError(error, operation) {
          if (operation.kind !== 'mutation' && hasCode(error, 'UNAUTHENTICATED')) onUnauthenticated?.();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
}
