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
