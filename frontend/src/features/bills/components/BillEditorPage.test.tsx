import { screen, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { billRecord, schedule } from '@/test/fixtures';
import { graphqlError, renderApp } from '@/test/render';
import { server } from '@/test/server';

describe('Adding and editing a bill', () => {
  it('sends the amount as a money string and the full schedule, then returns to the list', async () => {
    const inputs: unknown[] = [];
    server.use(
      graphql.mutation('CreateBill', ({ variables }) => {
        inputs.push(variables.input);
        return HttpResponse.json({ data: { createBill: billRecord({ name: 'Phone' }) } });
      }),
      graphql.query('Bills', () => HttpResponse.json({ data: { bills: [billRecord({ name: 'Phone' })] } })),
    );
    const { user } = renderApp('/bills/new');
    await user.type(await screen.findByLabelText('Name'), '  Phone ');
    await user.type(screen.getByLabelText('Amount'), '80');
    await user.type(screen.getByLabelText(/category/i), 'Utilities');
    await user.click(screen.getByLabelText(/autopay/i));
    await user.clear(screen.getByLabelText('First date'));
    await user.type(screen.getByLabelText('First date'), '2026-01-31');
    await user.click(screen.getByLabelText(/specific days/i));
    await user.click(screen.getByRole('button', { name: '15th & last day' }));
    await user.selectOptions(screen.getByLabelText('If it falls on a weekend'), 'BEFORE');
    await user.click(screen.getByLabelText('After a number of times'));
    await user.type(screen.getByLabelText('Times'), '12');
    await user.click(screen.getByRole('button', { name: 'Add bill' }));

    expect(await screen.findByRole('heading', { name: 'Bills' })).toBeInTheDocument();
    expect(inputs).toEqual([
      {
        name: 'Phone',
        amount: '80.00',
        category: 'Utilities',
        autopay: true,
        schedule: {
          start: '2026-01-31',
          frequency: 'MONTHLY',
          interval: 1,
          daysOfMonth: [15, -1],
          until: null,
          count: 12,
          weekend: 'BEFORE',
        },
      },
    ]);
  });

  it('explains a bad amount instead of sending it', async () => {
    const create = vi.fn();
    server.use(graphql.mutation('CreateBill', create));
    const { user } = renderApp('/bills/new');
    await user.type(await screen.findByLabelText('Name'), 'Gym');
    await user.type(screen.getByLabelText('Amount'), '12.345');
    await user.click(screen.getByRole('button', { name: 'Add bill' }));
    expect(screen.getByText('Use at most two decimals (cents).')).toBeInTheDocument();
    expect(screen.getByLabelText('Amount')).toHaveAttribute('aria-invalid', 'true');
    expect(create).not.toHaveBeenCalled();
  });

  it('a failed submit moves focus to the first error and says so beside the button; fixing it clears the error at once', async () => {
    const inputs: unknown[] = [];
    server.use(
      graphql.mutation('CreateBill', ({ variables }) => {
        inputs.push(variables.input);
        return HttpResponse.json({ data: { createBill: billRecord({ name: 'Gym' }) } });
      }),
      graphql.query('Bills', () => HttpResponse.json({ data: { bills: [billRecord({ name: 'Gym' })] } })),
    );
    const { user } = renderApp('/bills/new');
    const amount = await screen.findByLabelText('Amount');
    await user.type(amount, 'lots');
    await user.click(screen.getByRole('button', { name: 'Add bill' }));

    expect(screen.getByLabelText('Name')).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent('Couldn’t save: fix the 2 fields marked above.');
    expect(screen.getByText('Give the bill a name.')).toBeInTheDocument();
    expect(screen.getByText('Enter an amount like 1,580.50.')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Name'), 'Gym');
    expect(screen.queryByText('Give the bill a name.')).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Couldn’t save: fix the field marked above.');
    await user.clear(amount);
    await user.type(amount, '$1,400');
    expect(amount).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add bill' }));
    await screen.findByRole('heading', { name: 'Bills' });
    expect(inputs).toMatchObject([{ name: 'Gym', amount: '1400.00' }]);
  });

  it.each([
    ['1,400.50', '1400.50'],
    ['$65', '65.00'],
    ['15,49', '15.49'],
  ])('accepts the amount %j as people type it and sends %j', async (typed, sent) => {
    const inputs: { amount: string }[] = [];
    server.use(
      graphql.mutation('CreateBill', ({ variables }) => {
        inputs.push(variables.input as { amount: string });
        return HttpResponse.json({ data: { createBill: billRecord({ name: 'Gym' }) } });
      }),
      graphql.query('Bills', () => HttpResponse.json({ data: { bills: [billRecord({ name: 'Gym' })] } })),
    );
    const { user } = renderApp('/bills/new');
    await user.type(await screen.findByLabelText('Name'), 'Gym');
    await user.type(screen.getByLabelText('Amount'), typed);
    await user.click(screen.getByRole('button', { name: 'Add bill' }));
    await screen.findByRole('heading', { name: 'Bills' });
    expect(inputs.map((i) => i.amount)).toEqual([sent]);
  });

  it('explains what to enter for a bill that varies', async () => {
    renderApp('/bills/new');
    expect(await screen.findByLabelText('Amount')).toHaveAccessibleDescription(/if it varies, enter the highest usual amount/i);
  });

  it('shows the server’s message when saving fails', async () => {
    server.use(graphql.mutation('CreateBill', () => graphqlError('You can have at most 1000 bills.', 'BAD_USER_INPUT')));
    const { user } = renderApp('/bills/new');
    await user.type(await screen.findByLabelText('Name'), 'Gym');
    await user.type(screen.getByLabelText('Amount'), '30');
    await user.click(screen.getByRole('button', { name: 'Add bill' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('You can have at most 1000 bills.');
  });

  it('edits a saved bill, sending only what a patch needs', async () => {
    const patches: unknown[] = [];
    server.use(
      graphql.query('Bill', () =>
        HttpResponse.json({
          data: { bill: billRecord({ notes: 'Landlord: Sam', schedule: schedule({ weekend: 'AFTER', count: 24 }) }) },
        }),
      ),
      graphql.mutation('UpdateBill', ({ variables }) => {
        patches.push(variables.patch);
        return HttpResponse.json({ data: { updateBill: billRecord({ amount: '1550.00' }) } });
      }),
      graphql.query('Bills', () => HttpResponse.json({ data: { bills: [billRecord({ amount: '1550.00' })] } })),
    );
    const { user } = renderApp('/bills/65a0000000000000000000b1');
    const amount = await screen.findByLabelText('Amount');
    expect(screen.getByRole('heading', { name: 'Edit Rent' })).toBeInTheDocument();
    expect(screen.getByLabelText('Times')).toHaveValue(24);
    await user.clear(amount);
    await user.type(amount, '1550.5');
    await user.clear(screen.getByLabelText(/notes/i));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByRole('heading', { name: 'Bills' })).toBeInTheDocument();
    expect(patches).toEqual([
      {
        name: 'Rent',
        amount: '1550.50',
        autopay: false,
        notes: null,
        schedule: {
          start: '2026-01-01',
          frequency: 'MONTHLY',
          interval: 1,
          daysOfMonth: null,
          until: null,
          count: 24,
          weekend: 'AFTER',
        },
      },
    ]);
  });

  it('says so when the bill does not exist', async () => {
    server.use(graphql.query('Bill', () => HttpResponse.json({ data: { bill: null } })));
    renderApp('/bills/65a0000000000000000000ff');
    expect(await screen.findByRole('heading', { name: 'Bill not found' })).toBeInTheDocument();
  });
});

describe('A bill’s envelope', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-20T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('is sent with the day it was counted, when one is set', async () => {
    const inputs: Record<string, unknown>[] = [];
    server.use(
      graphql.mutation('CreateBill', ({ variables }) => {
        inputs.push(variables.input);
        return HttpResponse.json({ data: { createBill: billRecord({ name: 'Insurance' }) } });
      }),
      graphql.query('Bills', () => HttpResponse.json({ data: { bills: [billRecord({ name: 'Insurance' })] } })),
    );
    const { user } = renderApp('/bills/new');
    await user.type(await screen.findByLabelText('Name'), 'Insurance');
    await user.type(screen.getByLabelText('Amount'), '600');
    const envelope = screen.getByRole('group', { name: /envelope/i });
    expect(within(envelope).getByLabelText('As of')).toHaveValue('2026-01-20');
    await user.type(within(envelope).getByLabelText('Already set aside'), '240');
    await user.clear(within(envelope).getByLabelText('As of'));
    await user.type(within(envelope).getByLabelText('As of'), '2026-01-10');
    await user.click(screen.getByRole('button', { name: 'Add bill' }));
    await screen.findByRole('heading', { name: 'Bills' });
    expect(inputs[0]).toMatchObject({ name: 'Insurance', reserved: '240.00', reservedOn: '2026-01-10' });
  });

  it('restates an edited envelope for today unless another day is chosen', async () => {
    const patches: unknown[] = [];
    server.use(
      graphql.query('Bill', () => HttpResponse.json({ data: { bill: billRecord({ reserved: '240.00', reservedOn: '2026-01-10' }) } })),
      graphql.mutation('UpdateBill', ({ variables }) => {
        patches.push(variables.patch);
        return HttpResponse.json({ data: { updateBill: billRecord() } });
      }),
      graphql.query('Bills', () => HttpResponse.json({ data: { bills: [billRecord()] } })),
    );
    const { user } = renderApp('/bills/65a0000000000000000000b1');
    const reserved = await screen.findByLabelText('Already set aside');
    expect(reserved).toHaveValue('240.00');
    expect(screen.getByLabelText('As of')).toHaveValue('2026-01-10');
    await user.clear(reserved);
    await user.type(reserved, '360');
    expect(screen.getByLabelText('As of')).toHaveValue('2026-01-20');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('heading', { name: 'Bills' });
    expect(patches[0]).toMatchObject({ reserved: '360.00', reservedOn: '2026-01-20' });
  });

  it('refuses a negative envelope', async () => {
    const create = vi.fn();
    server.use(graphql.mutation('CreateBill', create));
    const { user } = renderApp('/bills/new');
    await user.type(await screen.findByLabelText('Name'), 'Gym');
    await user.type(screen.getByLabelText('Amount'), '30');
    await user.type(screen.getByLabelText('Already set aside'), '-5');
    await user.click(screen.getByRole('button', { name: 'Add bill' }));
    expect(screen.getByText('The envelope can’t hold less than 0.')).toBeInTheDocument();
    expect(screen.getByLabelText('Already set aside')).toHaveAttribute('aria-invalid', 'true');
    expect(create).not.toHaveBeenCalled();
  });
});
