import { screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { graphql, HttpResponse } from 'msw';
import { renderApp } from '@/test/render';
import { server } from '@/test/server';
import { july2027 } from './calendarFixture';

const empty = (from: string, until: string) => ({
  forecast: { ...july2027.forecast, from, until, balances: [], billsBeforeNextPayday: [], periods: [] },
  holidays: [],
});

/** Answers CalendarMonth with July 2027 (other months empty); returns the variables asked for. */
function serveMonths() {
  const asked: { from: string; until: string }[] = [];
  server.use(
    graphql.query('CalendarMonth', ({ variables }) => {
      const v = variables as { from: string; until: string };
      asked.push(v);
      return HttpResponse.json({ data: v.from === '2027-07-01' ? july2027 : empty(v.from, v.until) });
    }),
  );
  return asked;
}

/** A day's cell by its date (finding 35 cells by accessible name is slow in jsdom). */
const cell = (date: string) => {
  const found = document.querySelector<HTMLElement>(`[role="gridcell"][data-date="${date}"]`);
  if (!found) throw new Error(`no cell for ${date}`);
  return found;
};

describe('Calendar', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-07-14T12:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('is in the main navigation', async () => {
    serveMonths();
    renderApp('/calendar', { as: { holidays: 'US' } });
    expect(await screen.findByRole('link', { name: /Calendar/ })).toHaveAttribute('href', '/calendar');
  });

  it('shows this month’s bills, paydays, holidays and end-of-day balances from one request', async () => {
    const asked = serveMonths();
    renderApp('/calendar', { as: { holidays: 'US' } });
    const grid = await screen.findByRole('grid', { name: 'July 2027' });
    await within(grid).findByText('Rent');
    expect(asked).toEqual([{ from: '2027-07-01', until: '2027-07-31' }]);
    expect(screen.getByRole('gridcell', { name: /^Friday, July 2, 2027/ })).toBe(cell('2027-07-02'));
    expect(cell('2027-07-02')).toHaveAccessibleName(
      'Friday, July 2, 2027. Payday: Salary +$2,000.00 Balance at the end of the day: $600.00',
    );
    expect(within(cell('2027-07-02')).getByText('Salary')).toBeVisible();
    expect(within(cell('2027-07-02')).getByText('+$2,000.00')).toBeVisible();
    expect(cell('2027-07-05')).toHaveAccessibleName(
      'Monday, July 5, 2027. Holiday: Independence Day (observed) Balance at the end of the day: $600.00',
    );
    expect(cell('2027-07-05').querySelector('.day-holiday-name')).toHaveTextContent('★ Holiday: Independence Day (observed)');
    expect(cell('2027-07-06')).toHaveAccessibleName('Tuesday, July 6, 2027. Nothing due. Balance at the end of the day: $600.00');
    expect(cell('2027-07-15')).toHaveAccessibleName(
      'Thursday, July 15, 2027. Bill: Phone $80.00 Balance at the end of the day: $520.00',
    );
    expect(within(grid).getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Sun',
      'Mon',
      'Tue',
      'Wed',
      'Thu',
      'Fri',
      'Sat',
    ]);
  });

  it('makes a day below zero stand out with a sign and words, not by colour alone', async () => {
    serveMonths();
    renderApp('/calendar', { as: { holidays: 'US' } });
    await screen.findByText('Rent');
    const july1 = cell('2027-07-01');
    expect(july1).toHaveAccessibleName(/Bill: Rent \$1,500\.00 Balance at the end of the day, below zero: -\$1,400\.00$/);
    expect(july1).toHaveClass('day-negative');
    expect(july1.querySelector('.day-balance')).toHaveTextContent('⚠ -$1,400.00');
    expect(screen.getByTestId('calendar-below-zero')).toHaveTextContent(
      'Your balance is below zero on 1 day this month, from Thu, Jul 1.',
    );
  });

  it('keeps one day in the tab order and moves it with the arrow keys, Home/End and Page Up/Down', async () => {
    const asked = serveMonths();
    const { user } = renderApp('/calendar', { as: { holidays: 'US' } });
    await screen.findByText('Rent');
    const today = cell('2027-07-14');
    expect(today).toHaveAttribute('tabindex', '0');
    expect(today).toHaveAttribute('aria-current', 'date');
    expect(screen.getAllByRole('gridcell').filter((c) => c.getAttribute('tabindex') === '0')).toHaveLength(1);

    today.focus();
    await user.keyboard('{ArrowRight}');
    expect(cell('2027-07-15')).toHaveFocus();
    expect(cell('2027-07-15')).toHaveAttribute('tabindex', '0');
    expect(today).toHaveAttribute('tabindex', '-1');
    await user.keyboard('{ArrowDown}');
    expect(cell('2027-07-22')).toHaveFocus();
    await user.keyboard('{Home}');
    expect(cell('2027-07-18')).toHaveFocus();
    await user.keyboard('{End}');
    expect(cell('2027-07-24')).toHaveFocus();
    await user.keyboard('{PageDown}');
    expect(await screen.findByRole('grid', { name: 'August 2027' })).toBeInTheDocument();
    expect(cell('2027-08-24')).toHaveFocus();
    expect(asked.at(-1)).toEqual({ from: '2027-08-01', until: '2027-08-31' });
    await user.keyboard('{PageUp}');
    await screen.findByRole('grid', { name: 'July 2027' });
    expect(cell('2027-07-24')).toHaveFocus();
    await user.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}{ArrowUp}');
    expect(await screen.findByRole('grid', { name: 'June 2027' })).toBeInTheDocument();
    expect(cell('2027-06-26')).toHaveFocus();
  });

  it('shows the chosen day in full below, with links to its bills and paydays; Enter goes there', async () => {
    serveMonths();
    const { user } = renderApp('/calendar', { as: { holidays: 'US' } });
    await screen.findByText('Rent');
    await user.click(cell('2027-07-01'));
    expect(cell('2027-07-01')).toHaveAttribute('aria-selected', 'true');
    const details = screen.getByTestId('day-details');
    expect(within(details).getByRole('heading', { level: 2 })).toHaveTextContent('Thu, Jul 1, 2027');
    expect(within(details).getByRole('link', { name: 'Rent' })).toHaveAttribute('href', '/bills/b-rent');
    expect(within(details).getByTestId('day-balance')).toHaveTextContent('Balance at the end of the day: -$1,400.00 ⚠ below zero');
    await user.keyboard('{ArrowRight}{Enter}');
    expect(within(details).getByRole('heading', { level: 2 })).toHaveFocus();
    expect(within(details).getByRole('link', { name: 'Salary' })).toHaveAttribute('href', '/paydays/p-salary');
  });

  it('steps through months with the buttons and comes back with Today', async () => {
    const asked = serveMonths();
    const { user, router } = renderApp('/calendar', { as: { holidays: 'US' } });
    await screen.findByText('Rent');
    await user.click(screen.getByRole('button', { name: 'Next month: Aug' }));
    expect(await screen.findByRole('grid', { name: 'August 2027' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?month=2027-08');
    await user.click(screen.getByRole('button', { name: 'Previous month: Jul' }));
    await user.click(screen.getByRole('button', { name: 'Previous month: Jun' }));
    expect(await screen.findByRole('grid', { name: 'June 2027' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Today' }));
    await screen.findByRole('grid', { name: 'July 2027' });
    expect(router.state.location.search).toBe('');
    expect(asked.map((v) => v.from)).toEqual(['2027-07-01', '2027-08-01', '2027-06-01']);
  });

  it('starts weeks on Monday for a German calendar', async () => {
    serveMonths();
    renderApp('/calendar?month=2027-07', { as: { holidays: 'DE' } });
    const grid = await screen.findByRole('grid', { name: 'July 2027' });
    expect(within(grid).getAllByRole('columnheader')[0]).toHaveTextContent('Mon');
  });

  it('has no accessibility violations axe can find in the DOM', async () => {
    serveMonths();
    const { container } = renderApp('/calendar', { as: { holidays: 'US' } });
    await screen.findByText('Rent');
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
