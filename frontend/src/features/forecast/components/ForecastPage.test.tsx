import { screen, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { forecast } from '@/test/fixtures';
import { renderApp } from '@/test/render';
import { server } from '@/test/server';
import { balanceSeries } from './balanceSeries';

describe('Forecast', () => {
  it('shows every period with set-aside, leftover and ending balance, and the totals', async () => {
    server.use(graphql.query('Forecast', () => HttpResponse.json({ data: { forecast } })));
    renderApp('/forecast');
    const periods = within(await screen.findByRole('region', { name: 'Pay periods' })).getAllByRole('article');
    expect(periods).toHaveLength(6);
    expect(periods[1]).toHaveTextContent('Fri, Jan 30 – Thu, Feb 12');
    expect(periods[1]).toHaveTextContent('Set aside$1,580.00');
    expect(periods[1]).toHaveTextContent('Leftover$420.00');
    expect(periods[1]).toHaveTextContent('Ending balance$2,920.00');
    expect(periods[1]).toHaveTextContent('2 bills · 1 payday');
    const total = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling;
    expect(total('Income')).toHaveTextContent('$12,000.00');
    expect(total('Bills')).toHaveTextContent('$5,340.00');
    expect(total('Lowest balance')).toHaveTextContent('$500.00Sat, Jan 10');
  });

  it('asks the server for the chosen window and starting balance', async () => {
    const seen: unknown[] = [];
    server.use(
      graphql.query('Forecast', ({ variables }) => {
        seen.push(variables);
        return HttpResponse.json({ data: { forecast } });
      }),
    );
    const { user, router } = renderApp('/forecast');
    await screen.findByRole('region', { name: 'Pay periods' });
    expect(screen.getByLabelText('From')).toHaveValue('2026-01-10');
    await user.clear(screen.getByLabelText('From'));
    await user.type(screen.getByLabelText('From'), '2026-01-10');
    await user.clear(screen.getByLabelText('Until'));
    await user.type(screen.getByLabelText('Until'), '2026-03-31');
    await user.type(screen.getByLabelText('Starting balance'), '500');
    await user.click(screen.getByRole('button', { name: 'Update' }));
    await screen.findByText(/Sat, Jan 10, 2026 to Tue, Mar 31, 2026/);
    expect(router.state.location.search).toBe('?from=2026-01-10&until=2026-03-31&balance=500.00');
    expect(seen.at(-1)).toEqual({ from: '2026-01-10', until: '2026-03-31', startingBalance: '500.00' });
    expect(seen[0]).toEqual({ from: null, until: null, startingBalance: null });
  });

  it('refuses a window longer than the server allows', async () => {
    server.use(graphql.query('Forecast', () => HttpResponse.json({ data: { forecast } })));
    const { user } = renderApp('/forecast');
    await screen.findByRole('region', { name: 'Pay periods' });
    await user.clear(screen.getByLabelText('From'));
    await user.type(screen.getByLabelText('From'), '2026-01-01');
    await user.clear(screen.getByLabelText('Until'));
    await user.type(screen.getByLabelText('Until'), '2031-12-31');
    await user.click(screen.getByRole('button', { name: 'Update' }));
    expect(screen.getByText(/at most 1830 days/)).toBeInTheDocument();
  });
});

describe('balanceSeries', () => {
  it('walks the end-of-day balance through every payday and bill, and marks the lowest point', () => {
    const { points, lowest } = balanceSeries(forecast as never);
    const byDate = Object.fromEntries(points.map((p) => [p.date, p.cents / 100]));
    expect(points[0]).toMatchObject({ date: '2026-01-10', cents: 50000 });
    expect(byDate['2026-01-16']).toBe(2500);
    expect(byDate['2026-01-31']).toBe(4420);
    expect(byDate['2026-02-01']).toBe(2920);
    expect(byDate['2026-03-13']).toBe(6340 + 2000 - 1600);
    expect(points.at(-1)).toMatchObject({ date: '2026-04-09', cents: 716000 });
    expect(lowest).toMatchObject({ date: '2026-01-10', cents: 50000 });
  });
});
