import { setupServer } from 'msw/node';

/** The MSW server for component tests; each test adds its `graphql.*` handlers with server.use. */
export const server = setupServer();
