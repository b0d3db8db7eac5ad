import { screen, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { exception, forecast, phone, rent } from '@/test/fixtures';
import { renderApp } from '@/test/render';
import { server } from '@/test/server';
import { dailyBalances } from '@/test/balances';
import { toDayNumber } from '@/lib/dates';
import { balanceSeries, eventfulPoints, lowestLabelPosition } from './balanceSeries';
import { december, shortInPeriod } from '@/test/december';

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
    await screen.findByText(/Sat, Jan 10 through Thu, Apr 9 — the end of the last pay period/);
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
    expect(await screen.findByText(/Starting from your estimated balance of \$500\.00/)).toBeInTheDocument();
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

describe('Forecast: what it covers, and the chart', () => {
  it('says it runs through the end of the last pay period, and the totals agree', async () => {
    server.use(graphql.query('Forecast', () => HttpResponse.json({ data: { forecast } })));
    renderApp('/forecast');
    expect(await screen.findByTestId('forecast-span')).toHaveTextContent(
      'Sat, Jan 10 through Thu, Apr 9 — the end of the last pay period. Starting from your estimated balance of $500.00.',
    );
    expect(screen.getByRole('heading', { name: 'Totals through Thu, Apr 9' })).toBeInTheDocument();
  });

  it('says "through" the window’s end when no later payday stretches it', async () => {
    const noPeriods = { ...forecast, periods: [], nextPayday: null, totalIncome: '0.00', totalBills: '0.00' };
    server.use(graphql.query('Forecast', () => HttpResponse.json({ data: { forecast: noPeriods } })));
    renderApp('/forecast');
    expect(await screen.findByTestId('forecast-span')).toHaveTextContent(/^Sat, Jan 10 through Tue, Mar 31\. Starting/);
  });

  it('captions the chart as spending nothing beyond these bills, and names the low point’s day, amount and bills', async () => {
    server.use(graphql.query('Forecast', () => HttpResponse.json({ data: { forecast: december } })));
    renderApp('/forecast', { as: { balance: '732.18' } });
    const figure = await screen.findByRole('figure');
    expect(figure).toHaveTextContent(
      'Your balance at the end of each day through Thu, Dec 31, if you spend nothing beyond these bills.',
    );
    expect(within(figure).getByTestId('chart-low')).toHaveTextContent('Lowest: -$667.82 on Tue, Dec 1 — after Rent $1,400.00');
  });

  it('gives the chart a table of its points for screen readers', async () => {
    server.use(graphql.query('Forecast', () => HttpResponse.json({ data: { forecast: december } })));
    renderApp('/forecast', { as: { balance: '732.18' } });
    const table = await screen.findByRole('table', { name: 'Balance at the end of each day something happens' });
    expect(table.parentElement).toHaveClass('visually-hidden');
    const rows = within(table).getAllByRole('row').map((tr) => tr.textContent);
    expect(rows).toEqual([
      'DateBalanceWhat happens',
      'Sun, Nov 29, 2026$732.18Nothing',
      'Tue, Dec 1, 2026-$667.82Rent −$1,400.00',
      'Fri, Dec 4, 2026$832.18Paycheck +$1,500.00',
      'Thu, Dec 10, 2026$636.69Electricity −$195.49',
      'Fri, Dec 18, 2026$2,136.69Paycheck +$1,500.00',
      'Thu, Dec 31, 2026$2,136.69Nothing',
    ]);
  });

  it('says the balance is short before the next payday', async () => {
    server.use(graphql.query('Forecast', () => HttpResponse.json({ data: { forecast: december } })));
    renderApp('/forecast', { as: { balance: '732.18' } });
    expect(await screen.findByTestId('forecast-shortfall')).toHaveTextContent('Your balance is $667.82 short of it.');
  });

  it('says in words when a pay period runs short', async () => {
    server.use(graphql.query('Forecast', () => HttpResponse.json({ data: { forecast: shortInPeriod } })));
    renderApp('/forecast', { as: { balance: '100.00' } });
    const [card, next] = within(await screen.findByRole('region', { name: 'Pay periods' })).getAllByRole('article');
    expect(within(card!).getByTestId('period-shortfall')).toHaveTextContent(
      '$300.00 short before Dec 18: your balance goes below zero on Tue, Dec 8, with Rent $1,400.00.',
    );
    expect(within(next!).queryByTestId('period-shortfall')).not.toBeInTheDocument();
  });

  it('says when the balance is still below zero after the paycheck', async () => {
    const carried = {
      ...december,
      balances: dailyBalances('2026-11-29', '2026-12-31', '732.18', {
        '2026-12-01': '-667.82',
        '2026-12-04': '-167.82',
        '2026-12-10': '-363.31',
        '2026-12-18': '1136.69',
      }),
      periods: [
        {
          ...december.periods[0]!,
          income: '500.00',
          paydays: december.periods[0]!.paydays.map((p) => ({ ...p, amount: '500.00' })),
          endingBalance: '-363.31',
          shortfall: '363.31',
        },
        { ...december.periods[1]!, endingBalance: '1136.69' },
      ],
    };
    server.use(graphql.query('Forecast', () => HttpResponse.json({ data: { forecast: carried } })));
    renderApp('/forecast', { as: { balance: '732.18' } });
    const [card] = within(await screen.findByRole('region', { name: 'Pay periods' })).getAllByRole('article');
    expect(within(card!).getByTestId('period-shortfall')).toHaveTextContent(
      '$363.31 short before Dec 18: your balance is still below zero after this paycheck, on Fri, Dec 4.',
    );
  });

  it('asks for the balance instead of showing a lowest point from $0.00', async () => {
    server.use(graphql.query('Forecast', () => HttpResponse.json({ data: { forecast: { ...december, startingBalance: '0.00' } } })));
    renderApp('/forecast', { as: { balance: '0.00' } });
    const notice = await screen.findByTestId('balance-missing');
    expect(notice).toHaveTextContent('Enter your balance to see your lowest point');
    expect(within(notice).getByRole('link', { name: 'Enter your balance' })).toHaveAttribute('href', '/settings');
    expect(screen.queryByText('Lowest balance', { selector: 'dt' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('period-shortfall')).not.toBeInTheDocument();
    expect(screen.queryByTestId('forecast-shortfall')).not.toBeInTheDocument();
  });
});

describe('lowestLabelPosition', () => {
  const at = (day: number) => ({ day, date: '', cents: 0, events: [] });
  const series = (lowest: number) => ({ points: [at(0), at(50), at(100)], lowest: at(lowest) });

  it('puts the label beside the dot near the edges, so it never covers the y axis', () => {
    expect(lowestLabelPosition(series(0))).toBe('right');
    expect(lowestLabelPosition(series(10))).toBe('right');
    expect(lowestLabelPosition(series(50))).toBe('top');
    expect(lowestLabelPosition(series(95))).toBe('left');
  });
});

describe('balanceSeries', () => {
  it('takes every end-of-day point from the server’s balances, with the paydays and bills of each day', () => {
    const { points } = balanceSeries(forecast as never);
    expect(points).toHaveLength(90);
    expect(points[0]).toEqual({ day: toDayNumber('2026-01-10'), date: '2026-01-10', cents: 50000, events: [] });
    expect(points.find((p) => p.date === '2026-01-11')).toMatchObject({ cents: 50000, events: [] });
    expect(points.find((p) => p.date === '2026-02-01')).toMatchObject({ cents: 292000, events: [{ name: 'Rent', cents: -150000 }] });
    expect(points.find((p) => p.date === '2026-03-13')?.events).toEqual([
      { name: 'Salary', cents: 200000 },
      { name: 'Insurance', cents: -60000 },
    ]);
    expect(points.at(-1)).toMatchObject({ date: '2026-04-09', cents: 716000 });
  });

  it('shows the server’s numbers as they are, never a walk of its own', () => {
    const balances = december.balances.map((p) => (p.date === '2026-12-10' ? { ...p, balance: '600.00' } : p));
    const { points } = balanceSeries({ ...december, balances } as never);
    expect(points.find((p) => p.date === '2026-12-10')?.cents).toBe(60000);
    expect(points.find((p) => p.date === '2026-12-11')?.cents).toBe(63669);
  });

  it('marks the server’s lowest point, with the bills of its day', () => {
    const { lowest } = balanceSeries(december as never);
    expect(lowest).toMatchObject({ date: '2026-12-01', cents: -66782, events: [{ name: 'Rent', cents: -140000 }] });
  });

  it('lists the first and last day and every day something happens for the table', () => {
    const dates = eventfulPoints(balanceSeries(december as never)).map((p) => p.date);
    expect(dates).toEqual(['2026-11-29', '2026-12-01', '2026-12-04', '2026-12-10', '2026-12-18', '2026-12-31']);
  });
});
