import { screen, waitFor } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { viewer } from '@/test/fixtures';
import { renderApp } from '@/test/render';
import { server } from '@/test/server';

const newAccount = { balance: '0.00', balanceOn: '2026-01-02', createdAt: '2026-01-02T08:00:00Z', timezone: 'UTC' };

describe('First run: today’s balance', () => {
  afterEach(() => vi.restoreAllMocks());

  it('asks for today’s balance with the timezone from the browser, and sends both as typed money', async () => {
    const original = Intl.DateTimeFormat.prototype.resolvedOptions;
    vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
      return { ...original.call(this), timeZone: 'Europe/Berlin' };
    });
    const inputs: unknown[] = [];
    server.use(
      graphql.mutation('UpdateSettings', ({ variables }) => {
        inputs.push(variables.input);
        return HttpResponse.json({
          data: { updateSettings: { ...viewer, balance: '1400.50', balanceOn: '2026-01-10', timezone: 'Europe/Berlin', estimatedBalance: '1400.50' } },
        });
      }),
      graphql.query('Dashboard', () => HttpResponse.json({ errors: [{ message: 'not in this test' }] })),
    );
    const { user, router } = renderApp('/balance', { as: newAccount });
    expect(await screen.findByRole('heading', { name: 'What’s in your account today?' })).toBeInTheDocument();
    const balance = screen.getByLabelText('Balance today');
    expect(balance).toHaveValue('');
    expect(screen.getByLabelText('Your timezone')).toHaveValue('Europe/Berlin');
    expect(screen.getByText(/from this device/i)).toBeInTheDocument();

    await user.type(balance, '$1,400.50');
    await user.click(screen.getByRole('button', { name: 'Save balance' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(inputs).toEqual([{ balance: '1400.50', timezone: 'Europe/Berlin' }]);
  });

  it('an empty balance is explained beside the button, with focus on the field', async () => {
    const update = vi.fn();
    server.use(graphql.mutation('UpdateSettings', update));
    const { user } = renderApp('/balance', { as: newAccount });
    await user.click(await screen.findByRole('button', { name: 'Save balance' }));
    expect(screen.getByLabelText('Balance today')).toHaveFocus();
    expect(screen.getByText('Enter an amount.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Couldn’t save: fix the field marked above.');
    expect(update).not.toHaveBeenCalled();
  });
});
