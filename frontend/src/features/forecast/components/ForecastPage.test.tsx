import { screen, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { exception, forecast, phone, rent } from '@/test/fixtures';
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

  it('marks the occurrences the user moved or gave another amount', async () => {
    // Rent's Feb 1 paid early on Jan 30, Mar 1 at 1550.00; Phone's Feb 28 skipped (so absent).
    const rentChanged = {
      ...rent,
      exceptions: [exception({ date: '2026-02-01', moveTo: '2026-01-30' }), exception({ date: '2026-03-01', amount: '1550.00' })],
    };
    const phoneChanged = { ...phone, exceptions: [exception({ date: '2026-02-28', skip: true })] };
    const bill = (b: typeof rent, date: string, amount: string) => ({ __typename: 'BillOccurrence', bill: b, date, amount });
    const periods = forecast.periods.map((period) =>
      period.start === '2026-01-30'
        ? { ...period, bills: [bill(rentChanged, '2026-01-30', '1500.00'), bill(phoneChanged, '2026-01-31', '80.00')] }
        : period.start === '2026-02-27'
          ? { ...period, bills: [bill(rentChanged, '2026-03-01', '1550.00')] }
          : period,
    );
    server.use(graphql.query('Forecast', () => HttpResponse.json({ data: { forecast: { ...forecast, periods } } })));
    renderApp('/forecast');
    const cards = within(await screen.findByRole('region', { name: 'Pay periods' })).getAllByRole('article');
    const rows = (card: HTMLElement) => within(card).getAllByRole('listitem').map((li) => li.textContent);
    expect(rows(cards[1]!)).toEqual([
      'Fri, Jan 30Salary+$2,000.00',
      'Fri, Jan 30Rentmoved from Feb 1$1,500.00',
      'Sat, Jan 31Phoneautopay$80.00',
    ]);
    expect(rows(cards[3]!)).toContain('Sun, Mar 1Rentchanged amount$1,550.00');
  });

  it('in the smoothed plan, leads each period with its plan and lists its envelopes', async () => {
    server.use(graphql.query('Forecast', () => HttpResponse.json({ data: { forecast } })));
    renderApp('/forecast', { as: { planMode: 'SMOOTHED' } });
    const periods = within(await screen.findByRole('region', { name: 'Pay periods' })).getAllByRole('article');
    expect(periods[1]).toHaveTextContent('Set aside$910.00');
    expect(periods[1]).toHaveTextContent('Safe to spend$1,090.00');
    expect(periods[1]).toHaveTextContent('Just in time: $1,580.00');
    expect(within(periods[1]!).getByRole('list', { name: 'Envelopes' })).toHaveTextContent(
      'Insurance $120.00 → $240.00 of $600.00, due Mar 13',
    );
    expect(periods[5]).toHaveTextContent('Set aside$813.08');
  });

  it('shows the smoothed figure under the just-in-time one', async () => {
    server.use(graphql.query('Forecast', () => HttpResponse.json({ data: { forecast } })));
    renderApp('/forecast');
    const periods = within(await screen.findByRole('region', { name: 'Pay periods' })).getAllByRole('article');
    expect(periods[1]).toHaveTextContent('Smoothed: $910.00');
    expect(within(periods[1]!).queryByRole('list', { name: 'Envelopes' })).not.toBeInTheDocument();
  });

  it('says the forecast starts from the estimated balance unless one is chosen', async () => {
    server.use(graphql.query('Forecast', () => HttpResponse.json({ data: { forecast } })));
    renderApp('/forecast');
    expect(await screen.findByText(/starting from your estimated balance of \$500\.00/)).toBeInTheDocument();
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
