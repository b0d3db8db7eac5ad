import { screen, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { forecast, forecastFromJan20 } from '@/test/fixtures';
import { graphqlError, renderApp } from '@/test/render';
import { server } from '@/test/server';
import { dailyBalances } from '@/test/balances';
import { december, shortInPeriod } from '@/test/december';

const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => ({ __typename: prefix, id: `${prefix}${i}` }));

function dashboard(data: { forecast: unknown; paydays?: number; bills?: number }) {
  server.use(
    graphql.query('Dashboard', () =>
      HttpResponse.json({
        data: { forecast: data.forecast, paydays: ids(data.paydays ?? 1, 'Payday'), bills: ids(data.bills ?? 3, 'Bill') },
      }),
    ),
  );
}

describe('Dashboard', () => {
  it('answers first: how much to set aside from the next paycheck, for how many bills, until when', async () => {
    dashboard({ forecast: forecastFromJan20 });
    renderApp('/');
    const headline = await screen.findByTestId('headline');
    expect(headline).toHaveTextContent('Set aside $1,580.00 from your Fri, Jan 30 paycheck for 2 bills due before Feb 13');
    expect(screen.getByRole('heading', { level: 1 })).toBe(headline);
  });

  it('says plainly when the next paycheck has no bills to cover', async () => {
    dashboard({ forecast });
    renderApp('/');
    expect(await screen.findByTestId('headline')).toHaveTextContent(
      'Nothing to set aside from your Fri, Jan 16 paycheck: no bills are due before Jan 30',
    );
  });

  it('shows what is due before the next payday and the next paychecks at a glance', async () => {
    dashboard({
      forecast: {
        ...forecastFromJan20,
        dueBeforeNextPayday: '80.00',
        billsBeforeNextPayday: forecastFromJan20.periods[0]?.bills.slice(0, 1),
      },
    });
    renderApp('/');
    expect(await screen.findByTestId('due-before-next-payday')).toHaveTextContent('$80.00');
    expect(screen.getByRole('heading', { name: /due before your next payday \(fri, jan 30\)/i })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /next paychecks at a glance/i })).toBeInTheDocument();
    expect(screen.getAllByRole('article')).toHaveLength(3);
  });

  it('warns, with the date, when the balance will go below zero', async () => {
    dashboard({
      forecast: { ...forecastFromJan20, lowestBalance: { __typename: 'BalancePoint', date: '2026-02-01', balance: '-200.00' } },
    });
    renderApp('/');
    const lowest = await screen.findByTestId('lowest-balance');
    expect(lowest).toHaveTextContent('-$200.00');
    expect(lowest).toHaveTextContent('Sun, Feb 1, 2026');
    expect(lowest).toHaveTextContent(/goes below zero/i);
  });

  it('guides a new user to add a payday and then a bill', async () => {
    dashboard({ forecast: { ...forecast, periods: [], nextPayday: null }, paydays: 0, bills: 0 });
    renderApp('/');
    expect(await screen.findByRole('heading', { name: /let’s find out what to set aside/i })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add a payday' })).toHaveAttribute('href', '/paydays/new');
    expect(screen.getByRole('link', { name: 'Add a bill' })).toHaveAttribute('href', '/bills/new');
  });

  it('shows the server’s message when the forecast fails, with a way to retry', async () => {
    server.use(graphql.query('Dashboard', () => graphqlError('Something went wrong on our side.', 'INTERNAL_SERVER_ERROR')));
    renderApp('/');
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong on our side.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });

  it('in the smoothed plan, leads with the paycheck’s share and each bill’s envelope', async () => {
    dashboard({ forecast });
    renderApp('/', { as: { planMode: 'SMOOTHED' } });
    expect(await screen.findByTestId('headline')).toHaveTextContent(/^Set aside \$910\.00 from your Fri, Jan 16 paycheck$/);
    const envelopes = within(screen.getByRole('list', { name: 'Into your envelopes from this paycheck' })).getAllByRole('listitem');
    expect(envelopes.map((li) => li.textContent)).toEqual([
      'Insurance $120.00 → $120.00 of $600.00, due Mar 13',
      'Phone $40.00 → $40.00 of $80.00, due Jan 31',
      'Rent $750.00 → $750.00 of $1,500.00, due Feb 1',
    ]);
    expect(screen.getByTestId('headline-secondary')).toHaveTextContent('Just in time, nothing is due before Jan 30.');
  });

  it('shows an envelope full on the day it pays its bill, and the just-in-time figure underneath', async () => {
    dashboard({ forecast: forecastFromJan20 });
    renderApp('/', { as: { planMode: 'SMOOTHED' } });
    const envelopes = within(await screen.findByRole('list', { name: /into your envelopes/i })).getAllByRole('listitem');
    expect(envelopes.map((li) => li.textContent)).toEqual([
      'Insurance $120.00 → $240.00 of $600.00, due Mar 13',
      'Phone $40.00 → $80.00 of $80.00, due Jan 31',
      'Rent $750.00 → $1,500.00 of $1,500.00, due Feb 1',
    ]);
    expect(screen.getByTestId('headline-secondary')).toHaveTextContent(
      'Just in time: $1,580.00 for the 2 bills due before Feb 13.',
    );
  });

  it('in the just-in-time plan, shows the smoothed figure as a secondary line', async () => {
    dashboard({ forecast: forecastFromJan20 });
    renderApp('/');
    expect(await screen.findByTestId('headline')).toHaveTextContent('Set aside $1,580.00 from your Fri, Jan 30 paycheck');
    expect(screen.getByTestId('headline-secondary')).toHaveTextContent(
      'Smoothed: $910.00 from this paycheck would even out your big bills.',
    );
    expect(screen.queryByRole('list', { name: /into your envelopes/i })).not.toBeInTheDocument();
  });

  it('leaves the smoothed line out when it would say the same amount', async () => {
    const [first, ...rest] = forecastFromJan20.periods;
    const same = { ...first!, plan: { ...first!.plan, setAside: '1580.00' } };
    dashboard({ forecast: { ...forecastFromJan20, periods: [same, ...rest] } });
    renderApp('/');
    await screen.findByTestId('headline');
    expect(screen.queryByTestId('headline-secondary')).not.toBeInTheDocument();
  });

  it('says when the envelopes already cover the paycheck, in the smoothed plan', async () => {
    const [first, ...rest] = forecast.periods;
    const empty = { ...first!, plan: { ...first!.plan, setAside: '0.00', contributions: [] } };
    dashboard({ forecast: { ...forecast, periods: [empty, ...rest] } });
    renderApp('/', { as: { planMode: 'SMOOTHED' } });
    expect(await screen.findByTestId('headline')).toHaveTextContent(
      'Nothing to set aside from your Fri, Jan 16 paycheck: your envelopes already cover what is coming',
    );
  });

  it('in the smoothed plan, counts as due now only what the envelopes do not cover', async () => {
    dashboard({
      forecast: {
        ...forecastFromJan20,
        dueBeforeNextPayday: '80.00',
        planDueNow: '40.00',
        billsBeforeNextPayday: forecastFromJan20.periods[0]?.bills.slice(0, 1),
      },
    });
    renderApp('/', { as: { planMode: 'SMOOTHED' } });
    expect(await screen.findByTestId('due-before-next-payday')).toHaveTextContent('$40.00');
    expect(screen.getByText('Of $80.00 due, your envelopes cover $40.00.')).toBeInTheDocument();
  });

  it('leads with the shortfall before the next payday and the bill that causes it', async () => {
    dashboard({ forecast: december });
    renderApp('/', { as: { balance: '732.18', balanceOn: '2026-11-29' } });
    const headline = await screen.findByTestId('headline');
    expect(headline).toHaveTextContent(/^You're \$667\.82 short before your next payday — Rent \$1,400\.00 on Tue, Dec 1$/);
    expect(screen.getByRole('heading', { level: 1 })).toBe(headline);
  });

  it('lists the bills behind the shortfall under the headline, without a click', async () => {
    dashboard({ forecast: december });
    renderApp('/', { as: { balance: '732.18' } });
    const hero = await screen.findByRole('region', { name: 'This paycheck' });
    expect(hero).toHaveTextContent('Your balance of $732.18 doesn\'t cover the $1,400.00 due before your Fri, Dec 4 paycheck:');
    const due = within(hero).getByRole('list', { name: 'Due before your next payday' });
    expect(within(due).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Tue, Dec 1Rent$1,400.00']);
  });

  it('says what to do: cover the gap before the day, then set aside from the paycheck and refill the gap', async () => {
    dashboard({ forecast: december });
    renderApp('/', { as: { balance: '732.18' } });
    const steps = within(await screen.findByRole('heading', { name: 'What to do' }).then((h) => h.parentElement!)).getAllByRole('listitem');
    expect(steps.map((li) => li.textContent)).toEqual([
      'Move $667.82 into this account before Tue, Dec 1 — or move Rent’s date on its page.',
      'From your Fri, Dec 4 paycheck, set aside $195.49 for the bill due before Dec 18, plus $667.82 to refill the gap: $863.31 in all.',
    ]);
    expect(within(steps[0]!).getByRole('link', { name: 'its page' })).toHaveAttribute('href', '/bills/b-rent');
  });

  it('names the first bill an overdrawn balance cannot pay, not today, as the day to cover', async () => {
    const overdrawn = {
      ...december,
      startingBalance: '-100.00',
      shortfallBeforeNextPayday: '1500.00',
      balances: dailyBalances('2026-11-29', '2026-12-31', '-100.00', { '2026-12-01': '-1500.00', '2026-12-04': '0.00' }),
    };
    dashboard({ forecast: overdrawn });
    renderApp('/', { as: { balance: '-100.00' } });
    expect(await screen.findByTestId('headline')).toHaveTextContent(
      /^You're \$1,500\.00 short before your next payday — Rent \$1,400\.00 on Tue, Dec 1$/,
    );
    expect(screen.getByText(/^Move \$1,500\.00 into this account before Tue, Dec 1/)).toBeInTheDocument();
  });

  it('says the paycheck only refills the gap when nothing else is due from it', async () => {
    const [first, ...rest] = december.periods;
    const empty = { ...first!, bills: [], setAside: '0.00', plan: { ...first!.plan, setAside: '0.00' } };
    dashboard({ forecast: { ...december, periods: [empty, ...rest] } });
    renderApp('/', { as: { balance: '732.18' } });
    expect(await screen.findByText(/must then refill the \$667\.82 gap; nothing else is due from it before Dec 18/)).toBeInTheDocument();
  });

  it('leads with a shortfall inside the first pay period, even with its paycheck', async () => {
    dashboard({ forecast: shortInPeriod });
    renderApp('/', { as: { balance: '100.00' } });
    expect(await screen.findByTestId('headline')).toHaveTextContent(
      /^Even with your Fri, Dec 4 paycheck, you're \$300\.00 short before Dec 18 — Rent \$1,400\.00 on Tue, Dec 8$/,
    );
    expect(screen.getByText(/^Move \$300\.00 into this account before Tue, Dec 8/)).toBeInTheDocument();
  });

  it('says in words which period card runs short, from which day and why', async () => {
    dashboard({ forecast: shortInPeriod });
    renderApp('/', { as: { balance: '100.00' } });
    const [card] = await screen.findAllByRole('article');
    expect(within(card!).getByTestId('period-shortfall')).toHaveTextContent(
      '$300.00 short before Dec 18: your balance goes below zero on Tue, Dec 8, with Rent $1,400.00. Add $300.00 to your account before then, or move a bill.',
    );
  });

  it('asks for the balance instead of warning from $0.00 when it was never entered', async () => {
    dashboard({ forecast: { ...december, startingBalance: '0.00', shortfallBeforeNextPayday: '1400.00', lowestBalance: { __typename: 'BalancePoint', date: '2026-12-01', balance: '-1400.00' } } });
    renderApp('/', { as: { balance: '0.00' } });
    const lowest = await screen.findByTestId('lowest-balance');
    expect(lowest).toHaveTextContent('Enter your balance to see your lowest point.');
    expect(within(lowest).getByRole('link', { name: 'Enter your balance' })).toHaveAttribute('href', '/settings');
    expect(lowest).not.toHaveTextContent('-$1,400.00');
    expect(lowest).not.toHaveClass('card-warning');
    expect(screen.queryByText(/goes below zero/)).not.toBeInTheDocument();
    expect(screen.getByTestId('headline')).toHaveTextContent('Set aside $195.49 from your Fri, Dec 4 paycheck for 1 bill due before Dec 18');
    expect(screen.getByTestId('balance-missing-hero')).toHaveTextContent(
      'Enter your balance to see whether it covers the $1,400.00 due before your next payday.',
    );
    expect(screen.queryByTestId('period-shortfall')).not.toBeInTheDocument();
  });

  it('lists the bills the set-aside covers under the headline', async () => {
    dashboard({ forecast: forecastFromJan20 });
    renderApp('/');
    const list = await screen.findByRole('list', { name: 'Bills this paycheck covers' });
    expect(within(list).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Sat, Jan 31Phoneautopay$80.00',
      'Sun, Feb 1Rent$1,500.00',
    ]);
  });

  it('sends a visitor who is not signed in to the sign-in screen', async () => {
    renderApp('/', { signedIn: false });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
  });
});
