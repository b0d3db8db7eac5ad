import { screen, waitFor, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { billRecord } from '@/test/fixtures';
import { renderApp } from '@/test/render';
import { server } from '@/test/server';

const gym = billRecord({ id: '65a0000000000000000000b4', name: 'Gym', amount: '45.50', nextDue: '2026-01-12' });
const water = billRecord({ id: '65a0000000000000000000b5', name: 'Water', amount: '60.00', nextDue: null });
const magazine = billRecord({ id: '65a0000000000000000000b6', name: 'Magazine', amount: '9.99', nextDue: '2026-01-11', archived: true });

const names = () =>
  within(screen.getByRole('list', { name: 'Bills' }))
    .getAllByRole('heading')
    .map((h) => h.firstChild?.textContent);

describe('Bills: feedback after actions', () => {
  it('sorts by next due date by default, archived last, and by name or amount on request', async () => {
    server.use(graphql.query('Bills', () => HttpResponse.json({ data: { bills: [water, billRecord(), magazine, gym] } })));
    const { user, router } = renderApp('/bills');
    await screen.findByRole('list', { name: 'Bills' });
    expect(names()).toEqual(['Gym', 'Rent', 'Water', 'Magazine']);

    await user.selectOptions(screen.getByLabelText('Sort by'), 'name');
    expect(names()).toEqual(['Gym', 'Rent', 'Water', 'Magazine']);
    await user.selectOptions(screen.getByLabelText('Sort by'), 'amount');
    expect(names()).toEqual(['Rent', 'Water', 'Gym', 'Magazine']);
    expect(router.state.location.search).toBe('?sort=amount');
  });

  it('reads an archived bill as "Paused — not in forecasts", with no next due date', async () => {
    server.use(graphql.query('Bills', () => HttpResponse.json({ data: { bills: [magazine] } })));
    renderApp('/bills');
    const item = (await screen.findByRole('heading', { name: /Magazine/ })).closest('li')!;
    expect(item).toHaveTextContent('Paused — not in forecasts');
    expect(item).not.toHaveTextContent(/next due/i);
  });

  it('confirms archiving politely with Undo, which brings the bill back and focuses it', async () => {
    let archived = false;
    const patches: unknown[] = [];
    server.use(
      graphql.query('Bills', ({ variables }) =>
        HttpResponse.json({ data: { bills: archived && !variables.includeArchived ? [] : [billRecord({ archived })] } }),
      ),
      graphql.mutation('UpdateBill', ({ variables }) => {
        patches.push(variables.patch);
        archived = (variables.patch as { archived: boolean }).archived;
        return HttpResponse.json({ data: { updateBill: billRecord({ archived }) } });
      }),
    );
    const { user } = renderApp('/bills');
    await user.click(await screen.findByRole('button', { name: 'Archive Rent' }));
    const status = screen.getAllByRole('status').find((s) => s.classList.contains('action-status'))!;
    await within(status).findByText('Archived Rent: paused, not in forecasts.');
    const undo = within(status).getByRole('button', { name: 'Undo archiving Rent' });
    await waitFor(() => expect(undo).toHaveFocus());

    await user.click(undo);
    await within(status).findByText('Rent is back in your forecasts.');
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Rent' })).toHaveFocus());
    expect(patches).toEqual([{ archived: true }, { archived: false }]);
  });

  it('after adding a bill, the list says so and focus lands on the new bill', async () => {
    server.use(
      graphql.mutation('CreateBill', () => HttpResponse.json({ data: { createBill: gym } })),
      graphql.query('Bills', () => HttpResponse.json({ data: { bills: [billRecord(), gym] } })),
    );
    const { user } = renderApp('/bills/new');
    await user.type(await screen.findByLabelText('Name'), 'Gym');
    await user.type(screen.getByLabelText('Amount'), '45.50');
    await user.click(screen.getByRole('button', { name: 'Add bill' }));
    expect(await screen.findByText('Added Gym.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Gym' })).toHaveFocus());
  });

  it('after deleting, says so and puts focus on the page heading', async () => {
    let bills = [billRecord(), gym];
    server.use(
      graphql.query('Bills', () => HttpResponse.json({ data: { bills } })),
      graphql.mutation('DeleteBill', ({ variables }) => {
        bills = bills.filter((b) => b.id !== variables.id);
        return HttpResponse.json({ data: { deleteBill: variables.id } });
      }),
    );
    const { user } = renderApp('/bills');
    await user.click(await screen.findByRole('button', { name: 'Delete Gym' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete bill' }));
    expect(await screen.findByText('Deleted Gym.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Bills', level: 1 })).toHaveFocus());
  });

  it('asks before discarding an edited form, and stays when asked to', async () => {
    server.use(graphql.query('Bills', () => HttpResponse.json({ data: { bills: [] } })));
    const { user, router } = renderApp('/bills/new');
    await user.type(await screen.findByLabelText('Name'), 'Gym');
    await user.click(screen.getByRole('link', { name: '← Bills' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Discard your changes?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(router.state.location.pathname).toBe('/bills/new');
    expect(screen.getByLabelText('Name')).toHaveValue('Gym');

    await user.click(screen.getByRole('link', { name: '← Bills' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/bills'));
  });

  it('leaves an untouched form without asking', async () => {
    server.use(graphql.query('Bills', () => HttpResponse.json({ data: { bills: [] } })));
    const { user, router } = renderApp('/bills/new');
    await screen.findByLabelText('Name');
    await user.click(screen.getByRole('link', { name: '← Bills' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/bills'));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});
