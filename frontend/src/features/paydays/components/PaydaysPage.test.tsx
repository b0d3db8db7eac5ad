import { screen, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { schedule } from '@/test/fixtures';
import { renderApp } from '@/test/render';
import { server } from '@/test/server';

const salary = (patch: Record<string, unknown> = {}) => ({
  __typename: 'Payday',
  id: '65a0000000000000000000f1',
  name: 'Acme salary',
  amount: '2000.00',
  archived: false,
  nextDate: '2026-01-16',
  schedule: schedule({ start: '2026-01-02', frequency: 'WEEKLY', interval: 2 }),
  ...patch,
});

describe('Paydays', () => {
  it('lists paydays with their net pay, schedule and next date', async () => {
    server.use(graphql.query('Paydays', () => HttpResponse.json({ data: { paydays: [salary()] } })));
    renderApp('/paydays');
    const [item] = within(await screen.findByRole('list', { name: 'Paydays' })).getAllByRole('listitem');
    expect(item).toHaveTextContent('Acme salary');
    expect(item).toHaveTextContent('$2,000.00');
    expect(item).toHaveTextContent('Every other Friday, from Jan 2, 2026');
    expect(item).toHaveTextContent('Next payday Fri, Jan 16');
  });

  it('guides a new user to add a payday', async () => {
    server.use(graphql.query('Paydays', () => HttpResponse.json({ data: { paydays: [] } })));
    renderApp('/paydays');
    expect(await screen.findByRole('link', { name: 'Add your payday' })).toHaveAttribute('href', '/paydays/new');
  });

  it('adds a payday, every two weeks by default', async () => {
    const inputs: unknown[] = [];
    server.use(
      graphql.mutation('CreatePayday', ({ variables }) => {
        inputs.push(variables.input);
        return HttpResponse.json({ data: { createPayday: salary() } });
      }),
      graphql.query('Paydays', () => HttpResponse.json({ data: { paydays: [salary()] } })),
    );
    const { user } = renderApp('/paydays/new');
    await user.type(await screen.findByLabelText('Name'), 'Acme salary');
    await user.type(screen.getByLabelText('Net pay'), '2000');
    await user.clear(screen.getByLabelText('One of your paydays (e.g. the next one)'));
    await user.type(screen.getByLabelText('One of your paydays (e.g. the next one)'), '2026-01-02');
    expect(screen.getByRole('region', { name: /next dates/i })).toHaveTextContent('Every other Friday');
    await user.click(screen.getByRole('button', { name: 'Add payday' }));
    expect(await screen.findByRole('list', { name: 'Paydays' })).toBeInTheDocument();
    expect(inputs).toEqual([
      {
        name: 'Acme salary',
        amount: '2000.00',
        schedule: {
          start: '2026-01-02',
          frequency: 'WEEKLY',
          interval: 2,
          daysOfMonth: null,
          until: null,
          count: null,
          weekend: 'KEEP',
        },
      },
    ]);
  });

  it('deletes a payday after confirmation', async () => {
    const deleted = vi.fn();
    server.use(
      graphql.query('Paydays', () => HttpResponse.json({ data: { paydays: deleted.mock.calls.length ? [] : [salary()] } })),
      graphql.mutation('DeletePayday', ({ variables }) => {
        deleted(variables.id);
        return HttpResponse.json({ data: { deletePayday: variables.id } });
      }),
    );
    const { user } = renderApp('/paydays');
    await user.click(await screen.findByRole('button', { name: 'Delete Acme salary' }));
    await user.click(screen.getByRole('button', { name: 'Delete payday' }));
    expect(await screen.findByRole('heading', { name: 'No paydays yet' })).toBeInTheDocument();
    expect(deleted).toHaveBeenCalledOnce();
  });
});
