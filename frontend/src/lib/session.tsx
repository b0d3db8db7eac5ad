import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Provider, type Client } from 'urql';
import { createGraphqlClient, type ClientOptions } from '@/lib/graphql/client';

interface Session {
  /**
   * Starts over with a fresh GraphQL client (and so an empty cache): after signing in, signing out,
   * or when the server says the session is gone. Nothing of one user's data outlives their session.
   */
  resetSession: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({
  children,
  createClient = createGraphqlClient,
}: {
  children: ReactNode;
  createClient?: (options: ClientOptions) => Client;
}) {
  // Each generation gets its own client; bumping it starts over with an empty cache.
  const [generation, setGeneration] = useState(0);
  const resetSession = useCallback(() => setGeneration((g) => g + 1), []);
  const client = useMemo(
    () => createSessionClient(createClient, resetSession),
    // `generation` is the reason to build a new client.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [createClient, resetSession, generation],
  );
  const session = useMemo(() => ({ resetSession }), [resetSession]);
  return (
    <SessionContext.Provider value={session}>
      <Provider value={client}>{children}</Provider>
    </SessionContext.Provider>
  );
}

/** A client that asks for one reset the first time the server says the session is gone. */
function createSessionClient(createClient: (options: ClientOptions) => Client, reset: () => void): Client {
  let signalled = false;
  return createClient({
    onUnauthenticated: () => {
      if (signalled) return;
      signalled = true;
      reset();
    },
  });
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
