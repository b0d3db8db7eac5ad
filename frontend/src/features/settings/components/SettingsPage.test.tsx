import { screen, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { viewer } from '@/test/fixtures';
import { graphqlError, renderApp } from '@/test/render';
import { server } from '@/test/server';

describe('Settings', () => {
  it('saves currency, timezone and the current balance as a money string', async () => {
    const inputs: unknown[] = [];
    server.use(
      graphql.mutation('UpdateSettings', ({ variables }) => {
        inputs.push(variables.input);
        return HttpResponse.json({ data: { updateSettings: { ...viewer, ...variables.input } } });
      }),
    );
    const { user } = renderApp('/settings');
    const balance = await screen.findByLabelText('Current balance');
    expect(balance).toHaveValue('500.00');
    await user.clear(balance);
    await user.type(balance, '1234.5');
    await user.selectOptions(screen.getByLabelText('Currency'), 'EUR');
    await user.selectOptions(screen.getByLabelText('Timezone'), 'Europe/Berlin');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText(/^Saved\./)).toBeInTheDocument();
    expect(inputs).toEqual([{ currency: 'EUR', timezone: 'Europe/Berlin', balance: '1234.50' }]);
  });

  it('shows the stated balance with its date and today’s estimate', async () => {
    server.use(
      graphql.query('EstimatedBalance', () =>
        HttpResponse.json({ data: { me: { __typename: 'User', id: viewer.id, estimatedBalance: '2920.00' } } }),
      ),
    );
    renderApp('/settings');
    expect(await screen.findByTestId('stated-balance')).toHaveTextContent(/^\$500\.00 on Sat, Jan 10(, 2026)?$/);
    expect(await screen.findByTestId('estimated-balance')).toHaveTextContent('estimated today: $2,920.00');
    expect(screen.getByLabelText('As of')).toHaveValue('2026-01-10');
  });

  it('states a balance for an earlier day, and leaves the balance alone when only other settings change', async () => {
    const inputs: unknown[] = [];
    server.use(
      graphql.mutation('UpdateSettings', ({ variables }) => {
        inputs.push(variables.input);
        return HttpResponse.json({ data: { updateSettings: { ...viewer, estimatedBalance: '500.00', ...variables.input } } });
      }),
    );
    const { user } = renderApp('/settings');
    await user.selectOptions(await screen.findByLabelText('Currency'), 'EUR');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/^Saved\./);

    await user.clear(screen.getByLabelText('Current balance'));
    await user.type(screen.getByLabelText('Current balance'), '640');
    await user.clear(screen.getByLabelText('As of'));
    await user.type(screen.getByLabelText('As of'), '2026-01-20');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/^Saved\. Balance is .*640\.00\./);
    expect(inputs).toEqual([
      { currency: 'EUR', timezone: 'UTC' },
      { currency: 'EUR', timezone: 'UTC', balance: '640.00', balanceOn: '2026-01-20' },
    ]);
  });

  it('restates a typed balance for today unless a day is chosen', async () => {
    const update = vi.fn();
    server.use(
      graphql.mutation('UpdateSettings', ({ variables }) => {
        update(variables.input);
        return HttpResponse.json({ data: { updateSettings: { ...viewer, estimatedBalance: '700.00', ...variables.input } } });
      }),
    );
    const { user } = renderApp('/settings');
    const balance = await screen.findByLabelText('Current balance');
    await user.clear(balance);
    await user.type(balance, '700');
    expect(screen.getByLabelText('As of')).not.toHaveValue('2026-01-10');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/^Saved\./);
    expect(update).toHaveBeenCalledWith({ currency: 'USD', timezone: 'UTC', balance: '700.00' });
  });

  it('refuses a balance date in the future', async () => {
    const update = vi.fn();
    server.use(graphql.mutation('UpdateSettings', update));
    const { user } = renderApp('/settings');
    const on = await screen.findByLabelText('As of');
    await user.clear(on);
    await user.type(on, '2999-01-01');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByText('Choose today or an earlier day.')).toBeInTheDocument();
    expect(on).toHaveAttribute('aria-invalid', 'true');
    expect(update).not.toHaveBeenCalled();
  });

  it('switches the plan mode, explaining each', async () => {
    const inputs: unknown[] = [];
    server.use(
      graphql.mutation('UpdateSettings', ({ variables }) => {
        inputs.push(variables.input);
        return HttpResponse.json({ data: { updateSettings: { ...viewer, estimatedBalance: '500.00', ...variables.input } } });
      }),
    );
    const { user } = renderApp('/settings');
    const group = await screen.findByRole('group', { name: 'What to set aside from each paycheck' });
    expect(within(group).getByRole('radio', { name: 'Just in time' })).toBeChecked();
    const smoothed = within(group).getByRole('radio', { name: 'Smoothed (envelopes)' });
    expect(smoothed).toHaveAccessibleDescription(/spread over the paychecks before them/);
    await user.click(smoothed);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/^Saved\./);
    expect(inputs).toEqual([{ currency: 'USD', timezone: 'UTC', planMode: 'SMOOTHED' }]);
  });

  it('rejects a balance that is not money', async () => {
    const update = vi.fn();
    server.use(graphql.mutation('UpdateSettings', update));
    const { user } = renderApp('/settings');
    const balance = await screen.findByLabelText('Current balance');
    await user.clear(balance);
    await user.type(balance, '1e3');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByText('Enter an amount like 1,580.50.')).toBeInTheDocument();
    expect(balance).toHaveFocus();
    expect(update).not.toHaveBeenCalled();
  });

  it('shows the server’s message when it refuses', async () => {
    server.use(graphql.mutation('UpdateSettings', () => graphqlError('Unknown timezone "Mars/Base".', 'BAD_USER_INPUT')));
    const { user } = renderApp('/settings');
    await user.click(await screen.findByRole('button', { name: 'Save settings' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Unknown timezone "Mars/Base".');
  });

  it('signs out and returns to the sign-in screen', async () => {
    let signedIn = true;
    const { user } = renderApp('/settings');
    server.use(
      graphql.query('Me', () => HttpResponse.json({ data: { me: signedIn ? viewer : null } })),
      graphql.mutation('SignOut', () => {
        signedIn = false;
        return HttpResponse.json({ data: { signOut: true } });
      }),
    );
    const buttons = await screen.findAllByRole('button', { name: 'Sign out' });
    await user.click(buttons[buttons.length - 1]!);
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
  });
});

describe('Settings: holiday calendar', () => {
  it('offers the calendars by name and saves the chosen one', async () => {
    const inputs: unknown[] = [];
    server.use(
      graphql.mutation('UpdateSettings', ({ variables }) => {
        inputs.push(variables.input);
        return HttpResponse.json({ data: { updateSettings: { ...viewer, estimatedBalance: '500.00', ...variables.input } } });
      }),
    );
    const { user } = renderApp('/settings');
    const picker = await screen.findByLabelText('Holiday calendar');
    expect(picker).toHaveValue('NONE');
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'None (weekends only)',
      'United States',
      'England (UK)',
      'Canada',
      'Australia',
      'Germany',
    ]);
    expect(picker).toHaveAccessibleDescription(/also move off these public holidays/);
    await user.selectOptions(picker, 'England (UK)');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/^Saved\./);
    expect(inputs).toEqual([{ currency: 'USD', timezone: 'UTC', holidays: 'GB-ENG' }]);
  });

  it('shows the saved calendar', async () => {
    renderApp('/settings', { as: { holidays: 'DE' } });
    expect(await screen.findByLabelText('Holiday calendar')).toHaveValue('DE');
  });
});

describe('Settings: subscribe in your calendar', () => {
  const feedUrl = 'http://127.0.0.1:8000/calendar/3q2-token.ics';
  const section = () => screen.getByRole('region', { name: 'Subscribe in your calendar' });

  it('creates the private link and shows it once, with Copy and a warning', async () => {
    const created = vi.fn();
    server.use(
      graphql.mutation('CreateCalendarFeed', () => {
        created();
        return HttpResponse.json({
          data: { createCalendarFeed: { __typename: 'CalendarFeed', url: feedUrl, createdAt: '2026-11-29T13:00:00Z' } },
        });
      }),
    );
    const { user } = renderApp('/settings');
    await screen.findByText('You have no calendar link.');
    await user.click(within(section()).getByRole('button', { name: 'Create a private link' }));
    const link = await within(section()).findByLabelText('Your private calendar link');
    expect(link).toHaveValue(feedUrl);
    expect(link).toHaveFocus();
    expect(link).toHaveAccessibleDescription(/Anyone with this link can see your bills and paydays/);
    expect(within(section()).getByRole('status')).toHaveTextContent('Your private link is ready.');
    expect(created).toHaveBeenCalledTimes(1);

    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(within(section()).getByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith(feedUrl);
    expect(within(section()).getByRole('status')).toHaveTextContent('Copied the link.');
  });

  it('says when the link was made, and explains how to subscribe in Google, Apple and Outlook', async () => {
    renderApp('/settings', { as: { calendarFeed: { __typename: 'CalendarFeed', createdAt: '2026-01-12T09:30:00Z' } } });
    expect(await screen.findByTestId('feed-created')).toHaveTextContent('You have a private link, created on Mon, Jan 12, 2026.');
    expect(screen.queryByLabelText('Your private calendar link')).not.toBeInTheDocument();
    const help = within(section()).getByText('How to subscribe').closest('details')!;
    expect(help).toHaveTextContent('Google Calendar (on a computer): Other calendars + → From URL');
    expect(help).toHaveTextContent('Apple Calendar: File → New Calendar Subscription…');
    expect(help).toHaveTextContent('Outlook: Add calendar → Subscribe from web');
  });

  it('warns that a new link stops the old one before making it', async () => {
    const created = vi.fn();
    server.use(
      graphql.mutation('CreateCalendarFeed', () => {
        created();
        return HttpResponse.json({
          data: { createCalendarFeed: { __typename: 'CalendarFeed', url: feedUrl, createdAt: '2026-11-29T13:00:00Z' } },
        });
      }),
    );
    const { user } = renderApp('/settings', { as: { calendarFeed: { __typename: 'CalendarFeed', createdAt: '2026-01-12T09:30:00Z' } } });
    await user.click(await within(await screen.findByRole('region', { name: 'Subscribe in your calendar' })).findByRole('button', { name: 'Make a new link' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Make a new calendar link?' });
    expect(dialog).toHaveTextContent('Your current link stops working');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(created).not.toHaveBeenCalled();
    await user.click(within(section()).getByRole('button', { name: 'Make a new link' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Make a new link' }));
    expect(await within(section()).findByLabelText('Your private calendar link')).toHaveValue(feedUrl);
    expect(created).toHaveBeenCalledTimes(1);
  });

  it('revokes the link after confirmation, and refreshes the account', async () => {
    let feed: { __typename: 'CalendarFeed'; createdAt: string } | null = { __typename: 'CalendarFeed', createdAt: '2026-01-12T09:30:00Z' };
    const revoked = vi.fn();
    const { user } = renderApp('/settings', { as: { calendarFeed: feed } });
    server.use(
      graphql.query('Me', () => HttpResponse.json({ data: { me: { ...viewer, calendarFeed: feed } } })),
      graphql.mutation('DeleteCalendarFeed', () => {
        revoked();
        feed = null;
        return HttpResponse.json({ data: { deleteCalendarFeed: true } });
      }),
    );
    await user.click(await within(await screen.findByRole('region', { name: 'Subscribe in your calendar' })).findByRole('button', { name: 'Revoke the link' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke the calendar link?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke link' }));
    expect(await within(section()).findByText('Link revoked. Calendars subscribed to it stop updating.')).toBeInTheDocument();
    expect(revoked).toHaveBeenCalledTimes(1);
    expect(await within(section()).findByText('You have no calendar link.')).toBeInTheDocument();
    expect(within(section()).getByRole('button', { name: 'Create a private link' })).toHaveFocus();
  });

  it('shows the server’s refusal', async () => {
    server.use(graphql.mutation('CreateCalendarFeed', () => graphqlError('Too many requests, try again in a minute.', 'RATE_LIMITED')));
    const { user } = renderApp('/settings');
    await user.click(await within(await screen.findByRole('region', { name: 'Subscribe in your calendar' })).findByRole('button', { name: 'Create a private link' }));
    expect(await within(section()).findByRole('alert')).toHaveTextContent('Too many requests, try again in a minute.');
  });
});
