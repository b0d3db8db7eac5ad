import { screen, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { billRecord, exception } from '@/test/fixtures';
import { graphqlError, renderApp } from '@/test/render';
import { server } from '@/test/server';

type Exception = ReturnType<typeof exception>;

/**
 * A Rent bill (1st of the month, 1500.00) as the server keeps it: its exceptions, and the dates
 * `occurrences` returns with them applied (skipped ones gone, moved ones on their new date).
 */
function rentOnServer(initial: Exception[]) {
  const state = { exceptions: initial, calls: [] as { op: string; variables: Record<string, unknown> }[] };
  const scheduled = ['2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01'];
  const occurrences = () =>
    scheduled
      .flatMap((date) => {
        const e = state.exceptions.find((x) => x.date === date);
        if (e?.skip) return [];
        return [e?.moveTo ?? date];
      })
      .sort();
  const bill = () => ({ ...billRecord(), exceptions: state.exceptions });
  server.use(
    graphql.query('Bill', () => HttpResponse.json({ data: { bill: bill() } })),
    graphql.query('BillOccurrences', ({ variables }) => {
      state.calls.push({ op: 'BillOccurrences', variables });
      return HttpResponse.json({ data: { bill: { ...bill(), occurrences: occurrences() } } });
    }),
    graphql.mutation('SetBillOccurrence', ({ variables }) => {
      state.calls.push({ op: 'SetBillOccurrence', variables });
      const change = variables.change as { skip?: boolean; amount?: string; moveTo?: string };
      state.exceptions = [
        ...state.exceptions.filter((e) => e.date !== variables.date),
        exception({ date: variables.date as string, skip: !!change.skip, amount: change.amount ?? null, moveTo: change.moveTo ?? null }),
      ];
      return HttpResponse.json({ data: { setBillOccurrence: bill() } });
    }),
    graphql.mutation('ClearBillOccurrence', ({ variables }) => {
      state.calls.push({ op: 'ClearBillOccurrence', variables });
      state.exceptions = state.exceptions.filter((e) => e.date !== variables.date);
      return HttpResponse.json({ data: { clearBillOccurrence: bill() } });
    }),
  );
  return state;
}

const upcoming = () => within(screen.getByRole('list', { name: 'Upcoming dates of Rent' }));
const rowOf = async (date: RegExp) =>
  (await screen.findAllByRole('listitem')).find((li) => date.test(li.textContent ?? '') && li.closest('.occurrence-list'))!;

describe('A bill’s upcoming dates', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-20T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('lists the next dates from today with their changes, skipped ones included', async () => {
    const state = rentOnServer([
      exception({ date: '2026-02-01', moveTo: '2026-01-30' }),
      exception({ date: '2026-03-01', amount: '1550.00' }),
      exception({ date: '2026-04-01', skip: true }),
    ]);
    renderApp('/bills/65a0000000000000000000b1');
    await screen.findByRole('list', { name: 'Upcoming dates of Rent' });
    const rows = upcoming().getAllByRole('listitem');
    const shown = (li: HTMLElement) =>
      [...li.querySelectorAll('.occurrence-date, .occurrence-amount, .badge')].map((el) => el.textContent).join(' · ');
    expect(rows.map(shown)).toEqual([
      'Fri, Jan 30 · $1,500.00 · moved from Feb 1',
      'Sun, Mar 1 · $1,550.00 · changed amount',
      'Wed, Apr 1 · $1,500.00 · Skipped',
      'Fri, May 1 · $1,500.00',
    ]);
    expect(within(rows[2]!).queryByRole('button', { name: /^Skip/ })).not.toBeInTheDocument();
    expect(within(rows[2]!).getByRole('button', { name: 'Undo skipping Wed, Apr 1' })).toBeInTheDocument();
    expect(within(rows[3]!).queryByRole('button', { name: /^Undo/ })).not.toBeInTheDocument();
    expect(state.calls[0]?.variables).toEqual({ id: '65a0000000000000000000b1', from: '2026-01-20', to: '2026-05-20' });
  });

  it('skips a date, confirms it, and puts focus on its Undo; Undo brings it back', async () => {
    const state = rentOnServer([]);
    const { user } = renderApp('/bills/65a0000000000000000000b1');
    await user.click(await screen.findByRole('button', { name: 'Skip Sun, Mar 1' }));
    const undo = await screen.findByRole('button', { name: 'Undo skipping Sun, Mar 1' });
    await vi.waitFor(() => expect(undo).toHaveFocus());
    expect(screen.getByText('Skipped Sun, Mar 1. Undo brings it back.')).toBeInTheDocument();
    expect(state.calls.find((c) => c.op === 'SetBillOccurrence')?.variables).toEqual({
      billId: '65a0000000000000000000b1',
      date: '2026-03-01',
      change: { skip: true },
    });

    await user.click(undo);
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Skip Sun, Mar 1' })).toHaveFocus());
    expect(state.calls.at(-2)).toEqual({
      op: 'ClearBillOccurrence',
      variables: { billId: '65a0000000000000000000b1', date: '2026-03-01' },
    });
    expect(screen.getByText('Sun, Mar 1 is back as scheduled.')).toBeInTheDocument();
  });

  it('changes the amount of a moved date without undoing the move', async () => {
    const state = rentOnServer([exception({ date: '2026-02-01', moveTo: '2026-01-30' })]);
    const { user } = renderApp('/bills/65a0000000000000000000b1');
    await user.click(await screen.findByRole('button', { name: 'Change amount for Fri, Jan 30' }));
    const amount = screen.getByLabelText('Amount for Fri, Jan 30');
    expect(amount).toHaveFocus();
    await user.clear(amount);
    await user.type(amount, '1400');
    await user.click(screen.getByRole('button', { name: 'Save amount' }));
    expect(await screen.findByText('Fri, Jan 30 is now $1,400.00.')).toBeInTheDocument();
    expect(state.calls.find((c) => c.op === 'SetBillOccurrence')?.variables).toEqual({
      billId: '65a0000000000000000000b1',
      date: '2026-02-01',
      change: { amount: '1400.00', moveTo: '2026-01-30' },
    });
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Change amount for Fri, Jan 30' })).toHaveFocus());
  });

  it('moves a date within 31 days, and explains one further away before asking the server', async () => {
    const state = rentOnServer([]);
    const { user } = renderApp('/bills/65a0000000000000000000b1');
    await user.click(await screen.findByRole('button', { name: 'Move Sun, Mar 1' }));
    const date = screen.getByLabelText('New date for Sun, Mar 1');
    expect(date).toHaveAttribute('min', '2026-01-29');
    expect(date).toHaveAttribute('max', '2026-04-01');
    await user.clear(date);
    await user.type(date, '2026-04-15');
    await user.click(screen.getByRole('button', { name: 'Save date' }));
    expect(screen.getByText('Choose a date within 31 days of Sun, Mar 1.')).toBeInTheDocument();
    expect(state.calls.some((c) => c.op === 'SetBillOccurrence')).toBe(false);

    await user.clear(date);
    await user.type(date, '2026-02-27');
    await user.click(screen.getByRole('button', { name: 'Save date' }));
    expect(await screen.findByText('Sun, Mar 1 moved to Fri, Feb 27.')).toBeInTheDocument();
    const moved = await rowOf(/Fri, Feb 27/);
    expect(moved).toHaveTextContent('moved from Mar 1');
    expect(state.calls.find((c) => c.op === 'SetBillOccurrence')?.variables).toMatchObject({
      date: '2026-03-01',
      change: { moveTo: '2026-02-27' },
    });
  });

  it('shows the server’s refusal next to the control, and Escape closes the editor', async () => {
    rentOnServer([]);
    server.use(
      graphql.mutation('SetBillOccurrence', () =>
        graphqlError('moveTo must be at most 31 days from the occurrence', 'BAD_USER_INPUT'),
      ),
    );
    const { user } = renderApp('/bills/65a0000000000000000000b1');
    await user.click(await screen.findByRole('button', { name: 'Move Fri, May 1' }));
    const date = screen.getByLabelText('New date for Fri, May 1');
    await user.clear(date);
    await user.type(date, '2026-05-02');
    await user.click(screen.getByRole('button', { name: 'Save date' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('MoveTo must be at most 31 days from the occurrence');
    expect(date).toHaveAccessibleDescription(/at most 31 days from the occurrence/);
    await user.keyboard('{Escape}');
    expect(screen.queryByLabelText('New date for Fri, May 1')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Move Fri, May 1' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Skip Fri, May 1' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('at most 31 days');
    expect(screen.getByRole('button', { name: 'Skip Fri, May 1' })).toHaveAccessibleDescription(/at most 31 days/);
  });

  it('keeps what is typed in the bill form while a date changes', async () => {
    rentOnServer([]);
    const { user } = renderApp('/bills/65a0000000000000000000b1');
    const name = await screen.findByLabelText('Name');
    await user.clear(name);
    await user.type(name, 'Rent (flat)');
    await user.click(await screen.findByRole('button', { name: 'Skip Sun, Mar 1' }));
    await screen.findByRole('button', { name: 'Undo skipping Sun, Mar 1' });
    expect(screen.getByLabelText('Name')).toHaveValue('Rent (flat)');
  });

  it('says so when no date falls in the next 120 days', async () => {
    server.use(
      graphql.query('Bill', () => HttpResponse.json({ data: { bill: billRecord() } })),
      graphql.query('BillOccurrences', () => HttpResponse.json({ data: { bill: { ...billRecord(), occurrences: [] } } })),
    );
    renderApp('/bills/65a0000000000000000000b1');
    expect(await screen.findByText('No dates in the next 120 days.')).toBeInTheDocument();
  });
});
