import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { graphql, HttpResponse } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { routes } from '@/app/routes';
import { createGraphqlClient, type ClientOptions } from '@/lib/graphql/client';
import { SessionProvider } from '@/lib/session';
import { viewer } from './fixtures';
import { server } from './server';

export const TEST_GRAPHQL_URL = 'http://localhost/graphql';

const createTestClient = (options: ClientOptions) => createGraphqlClient({ ...options, url: TEST_GRAPHQL_URL });

/**
 * Renders the whole app (real routes, real client) at `path`, with MSW answering GraphQL.
 * Signed in as `viewer` (with `as` changed, e.g. `{ planMode: 'SMOOTHED' }`) unless `signedIn: false`.
 */
export function renderApp(
  path: string,
  { signedIn = true, as = {} }: { signedIn?: boolean; as?: Partial<typeof viewer> } = {},
) {
  const me = signedIn ? { ...viewer, ...as } : null;
  server.use(graphql.query('Me', () => HttpResponse.json({ data: { me } })));
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const user = userEvent.setup();
  const utils = render(
    <SessionProvider createClient={createTestClient}>
      <RouterProvider router={router} />
    </SessionProvider>,
  );
  return { ...utils, router, user };
}

/** A GraphQL error as the server sends it. */
export function graphqlError(message: string, code: string) {
  return HttpResponse.json<{ errors: { message: string; extensions: { code: string } }[] }>({
    errors: [{ message, extensions: { code } }],
  });
}
