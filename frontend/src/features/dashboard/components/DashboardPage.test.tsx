import { screen, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { forecast, forecastFromJan20 } from '@/test/fixtures';
import { graphqlError, renderApp } from '@/test/render';
import { server } from '@/test/server';

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

  it('sends a visitor who is not signed in to the sign-in screen', async () => {
    renderApp('/', { signedIn: false });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
  });
});
