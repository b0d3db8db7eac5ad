import { screen, within } from '@testing-library/react';
import { graphql, HttpResponse } from 'msw';
import { exception, paydayRecord } from '@/test/fixtures';
import { renderApp } from '@/test/render';
import { server } from '@/test/server';

describe('A payday’s upcoming dates', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-01-10T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('lists the next six pay dates, skips one and restores a changed one', async () => {
    let exceptions: ReturnType<typeof exception>[] = [exception({ date: '2026-01-30', amount: '2500.00' })];
    const calls: { op: string; variables: unknown }[] = [];
    const payday = () => ({ ...paydayRecord(), exceptions });
    const dates = ['2026-01-16', '2026-01-30', '2026-02-13', '2026-02-27', '2026-03-13', '2026-03-27', '2026-04-10', '2026-04-24'];
    server.use(
      graphql.query('Payday', () => HttpResponse.json({ data: { payday: payday() } })),
      graphql.query('PaydayOccurrences', () =>
        HttpResponse.json({
          data: { payday: { ...payday(), occurrences: dates.filter((d) => !exceptions.some((e) => e.skip && e.date === d)) } },
        }),
      ),
      graphql.mutation('SetPaydayOccurrence', ({ variables }) => {
        calls.push({ op: 'set', variables });
        exceptions = [...exceptions, exception({ date: variables.date, skip: !!variables.change.skip })];
        return HttpResponse.json({ data: { setPaydayOccurrence: payday() } });
      }),
      graphql.mutation('ClearPaydayOccurrence', ({ variables }) => {
        calls.push({ op: 'clear', variables });
        exceptions = exceptions.filter((e) => e.date !== variables.date);
        return HttpResponse.json({ data: { clearPaydayOccurrence: payday() } });
      }),
    );
    const { user } = renderApp('/paydays/65a0000000000000000000f1');
    const list = await screen.findByRole('list', { name: 'Upcoming dates of Acme salary' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(6);
    expect(rows[1]).toHaveTextContent('Fri, Jan 30$2,500.00changed amount');

    await user.click(within(list).getByRole('button', { name: 'Skip Fri, Feb 13' }));
    expect(await screen.findByText('Skipped Fri, Feb 13. Undo brings it back.')).toBeInTheDocument();
    expect(await within(list).findByText('Skipped')).toBeInTheDocument();
    await user.click(within(list).getByRole('button', { name: 'Undo changes to Fri, Jan 30' }));
    expect(await screen.findByText('Fri, Jan 30 is back as scheduled.')).toBeInTheDocument();
    expect(calls).toEqual([
      { op: 'set', variables: { paydayId: '65a0000000000000000000f1', date: '2026-02-13', change: { skip: true } } },
      { op: 'clear', variables: { paydayId: '65a0000000000000000000f1', date: '2026-01-30' } },
    ]);
  });
});
