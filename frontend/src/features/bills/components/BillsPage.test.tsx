import { screen, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { billRecord, schedule } from '@/test/fixtures';
import { renderApp } from '@/test/render';
import { server } from '@/test/server';

describe('Bills', () => {
  it('lists each bill with its amount, schedule in words and next due date', async () => {
    server.use(
      graphql.query('Bills', () =>
        HttpResponse.json({
          data: {
            bills: [
              billRecord(),
              billRecord({
                id: '65a0000000000000000000b2',
                name: 'Phone',
                amount: '80.00',
                category: null,
                autopay: true,
                nextDue: null,
                schedule: schedule({ start: '2026-01-31', daysOfMonth: [15, -1], weekend: 'BEFORE' }),
              }),
            ],
          },
        }),
      ),
    );
    renderApp('/bills');
    const list = await screen.findByRole('list', { name: 'Bills' });
    const [rent, phone] = within(list).getAllByRole('listitem');
    expect(rent).toHaveTextContent('Rent');
    expect(rent).toHaveTextContent('$1,500.00');
    expect(rent).toHaveTextContent('The 1st of every month, from Jan 1, 2026');
    expect(rent).toHaveTextContent('Next due Sun, Feb 1 · Housing');
    expect(phone).toHaveTextContent('autopay');
    expect(phone).toHaveTextContent('The 15th and last day of every month, from Jan 31, 2026; weekends move to Friday');
    expect(phone).toHaveTextContent('No upcoming dates');
  });

  it('invites a new user to add a first bill', async () => {
    server.use(graphql.query('Bills', () => HttpResponse.json({ data: { bills: [] } })));
    renderApp('/bills');
    expect(await screen.findByRole('heading', { name: 'No bills yet' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add your first bill' })).toHaveAttribute('href', '/bills/new');
  });

  it('deletes a bill only after confirmation, then refreshes the list', async () => {
    let bills = [billRecord()];
    const deleted = vi.fn();
    server.use(
      graphql.query('Bills', () => HttpResponse.json({ data: { bills } })),
      graphql.mutation('DeleteBill', ({ variables }) => {
        deleted(variables.id);
        bills = [];
        return HttpResponse.json({ data: { deleteBill: variables.id } });
      }),
    );
    const { user } = renderApp('/bills');
    await user.click(await screen.findByRole('button', { name: 'Delete Rent' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Rent?' });
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(deleted).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Delete Rent' }));
    await user.click(screen.getByRole('button', { name: 'Delete bill' }));
    expect(await screen.findByRole('heading', { name: 'No bills yet' })).toBeInTheDocument();
    expect(deleted).toHaveBeenCalledWith('65a0000000000000000000b1');
  });

  it('archives a bill out of the list, and brings it back from the archived ones', async () => {
    let archived = false;
    const patches: unknown[] = [];
    server.use(
      graphql.query('Bills', ({ variables }) =>
        HttpResponse.json({ data: { bills: archived && !variables.includeArchived ? [] : [billRecord({ archived })] } }),
      ),
      graphql.mutation('UpdateBill', ({ variables }) => {
        patches.push(variables.patch);
        archived = variables.patch.archived;
        return HttpResponse.json({ data: { updateBill: billRecord({ archived }) } });
      }),
    );
    const { user } = renderApp('/bills');
    await user.click(await screen.findByRole('button', { name: 'Archive Rent' }));
    expect(await screen.findByRole('heading', { name: 'No bills yet' })).toBeInTheDocument();

    await user.click(screen.getByLabelText('Show archived bills'));
    await user.click(await screen.findByRole('button', { name: 'Unarchive Rent' }));
    expect(await screen.findByRole('button', { name: 'Archive Rent' })).toBeInTheDocument();
    expect(patches).toEqual([{ archived: true }, { archived: false }]);
  });
});
