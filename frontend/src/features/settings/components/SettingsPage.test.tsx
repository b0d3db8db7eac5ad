import { screen } from '@testing-library/react';
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

  it('rejects a balance that is not money', async () => {
    const update = vi.fn();
    server.use(graphql.mutation('UpdateSettings', update));
    const { user } = renderApp('/settings');
    const balance = await screen.findByLabelText('Current balance');
    await user.clear(balance);
    await user.type(balance, '1e3');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByText(/up to two decimals/i)).toBeInTheDocument();
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
