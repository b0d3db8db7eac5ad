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

  it('with a holiday calendar, previews a payday moved off a holiday, asking for the holidays once', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-29T12:00:00Z'));
    const asked: unknown[] = [];
    server.use(
      graphql.query('ScheduleHolidays', ({ variables }) => {
        asked.push(variables);
        return HttpResponse.json({
          data: {
            holidays: [
              { __typename: 'Holiday', date: '2027-07-04', name: 'Independence Day' },
              { __typename: 'Holiday', date: '2027-07-05', name: 'Independence Day (observed)' },
            ],
          },
        });
      }),
    );
    const { user } = renderApp('/paydays/new', { as: { holidays: 'US' } });
    const start = await screen.findByLabelText('One of your paydays (e.g. the next one)');
    await user.clear(start);
    await user.type(start, '2027-07-05');
    await user.selectOptions(screen.getByLabelText('Repeats'), 'ONCE');
    await user.selectOptions(screen.getByLabelText('If it falls on a weekend or a holiday'), 'BEFORE');
    const preview = screen.getByRole('region', { name: /next dates/i });
    expect(await within(preview).findByText('Mon, Jul 5 is Independence Day (observed) → Fri, Jul 2')).toBeInTheDocument();
    expect(within(preview).getByRole('listitem')).toHaveTextContent(/^Fri, Jul 2, 2027/);
    expect(asked).toEqual([{ from: '2026-11-15', to: '2031-11-18' }]);
    vi.useRealTimers();
  });

  it('without a holiday calendar, asks for no holidays', async () => {
    const asked = vi.fn();
    server.use(graphql.query('ScheduleHolidays', () => (asked(), HttpResponse.json({ data: { holidays: [] } }))));
    renderApp('/paydays/new');
    expect(await screen.findByLabelText('If it falls on a weekend')).toBeInTheDocument();
    expect(asked).not.toHaveBeenCalled();
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
