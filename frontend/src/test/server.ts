import { graphql, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { billRecord, paydayRecord, viewer } from './fixtures';

/**
 * Answers for the secondary queries a screen makes besides the one a test is about (today's
 * estimated balance, a bill's upcoming dates). They are the server's initial handlers, so a
 * test's own `server.use` handler always wins.
 */
const fallbacks = [
  graphql.query('EstimatedBalance', () =>
    HttpResponse.json({ data: { me: { __typename: 'User', id: viewer.id, estimatedBalance: viewer.balance } } }),
  ),
  graphql.query('BillOccurrences', ({ variables }) =>
    HttpResponse.json({ data: { bill: { ...billRecord({ id: variables.id }), occurrences: [] } } }),
  ),
  // The schedule editor's holidays, for a viewer with a holiday calendar: none unless a test says.
  graphql.query('ScheduleHolidays', () => HttpResponse.json({ data: { holidays: [] } })),
  graphql.query('PaydayOccurrences', ({ variables }) =>
    HttpResponse.json({ data: { payday: { ...paydayRecord({ id: variables.id }), occurrences: [] } } }),
  ),
];

/** The MSW server for component tests; each test adds its `graphql.*` handlers with server.use. */
export const server = setupServer(...fallbacks);
