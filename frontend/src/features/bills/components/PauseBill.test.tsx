import { screen, waitFor, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { billRecord, exception } from '@/test/fixtures';
import { renderApp } from '@/test/render';
import { server } from '@/test/server';

type Exception = ReturnType<typeof exception>;

/** Rent on the 1st of each month; `occurrences(from, to)` answers with exceptions applied. */
function rentOnServer() {
  const state = { exceptions: [] as Exception[], mutations: [] as { query: string; variables: Record<string, unknown> }[] };
  const scheduled = ['2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01'];
  const bill = () => ({ ...billRecord(), exceptions: state.exceptions });
  server.use(
    graphql.query('Bill', () => HttpResponse.json({ data: { bill: bill() } })),
    graphql.query('BillOccurrences', ({ variables }) => {
      const { from, to } = variables as { from: string; to: string };
      const occurrences = scheduled.filter((d) => d >= from && d <= to && !state.exceptions.some((e) => e.date === d && e.skip));
      return HttpResponse.json({ data: { bill: { ...bill(), occurrences } } });
    }),
    graphql.mutation('PauseBill', ({ query, variables }) => {
      state.mutations.push({ query, variables });
      const dates = Object.entries(variables).filter(([k]) => k !== 'billId');
      for (const [, date] of dates) state.exceptions.push(exception({ date: date as string, skip: true }));
      return HttpResponse.json({ data: Object.fromEntries(dates.map(([k]) => [k, { __typename: 'Bill', id: billRecord().id, nextDue: '2026-04-01' }])) });
    }),
    graphql.mutation('ResumeBill', ({ query, variables }) => {
      state.mutations.push({ query, variables });
      const dates = Object.entries(variables).filter(([k]) => k !== 'billId');
      state.exceptions = state.exceptions.filter((e) => !dates.some(([, d]) => d === e.date));
      return HttpResponse.json({ data: Object.fromEntries(dates.map(([k]) => [k, { __typename: 'Bill', id: billRecord().id, nextDue: '2026-02-01' }])) });
    }),
  );
  return state;
}

describe('Pausing a bill from … to …', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-20T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('skips every date in the stretch in one mutation, shows them as paused, and Undo brings them back', async () => {
    const state = rentOnServer();
    const { user } = renderApp('/bills/65a0000000000000000000b1');
    const pause = await screen.findByRole('region', { name: 'Pause for a while' });
    await user.clear(within(pause).getByLabelText('Pause from'));
    await user.type(within(pause).getByLabelText('Pause from'), '2026-02-01');
    await user.type(within(pause).getByLabelText('to'), '2026-03-31');
    await user.click(within(pause).getByRole('button', { name: 'Pause Rent' }));

    await within(pause).findByText('Paused Rent from Sun, Feb 1 to Tue, Mar 31: 2 dates skipped.');
    expect(state.mutations).toHaveLength(1);
    expect(state.mutations[0]!.variables).toEqual({ billId: billRecord().id, d0: '2026-02-01', d1: '2026-03-01' });
    expect(state.mutations[0]!.query).toMatch(/d0: setBillOccurrence\(billId: \$billId, date: \$d0, change: \{skip: true\}\)/);
    const list = within(screen.getByRole('list', { name: 'Upcoming dates of Rent' }));
    await waitFor(() => expect(list.getAllByText('Paused')).toHaveLength(2));

    await user.click(within(pause).getByRole('button', { name: 'Undo pausing Rent' }));
    await within(pause).findByText('Rent is back as scheduled.');
    expect(state.mutations[1]!.query).toMatch(/d1: clearBillOccurrence\(billId: \$billId, date: \$d1\)/);
    await waitFor(() => expect(list.queryByText('Paused')).not.toBeInTheDocument());
  });

  it('asks for the last day before pausing, and says when nothing falls in the stretch', async () => {
    const state = rentOnServer();
    const { user } = renderApp('/bills/65a0000000000000000000b1');
    const pause = await screen.findByRole('region', { name: 'Pause for a while' });
    await user.click(within(pause).getByRole('button', { name: 'Pause Rent' }));
    expect(within(pause).getByText('Choose the last day of the pause.')).toBeInTheDocument();
    expect(within(pause).getByLabelText('to')).toHaveFocus();

    await user.type(within(pause).getByLabelText('to'), '2026-01-25');
    await user.click(within(pause).getByRole('button', { name: 'Pause Rent' }));
    await within(pause).findByText('Nothing of Rent is due from Tue, Jan 20 to Sun, Jan 25.');
    expect(state.mutations).toEqual([]);
  });
});
