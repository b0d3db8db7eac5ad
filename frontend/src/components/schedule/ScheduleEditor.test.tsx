import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { newDraft, type ScheduleDraft } from './draft';
import type { PreviewHolidays } from './holidays';
import { ScheduleEditor } from './ScheduleEditor';

function Harness({ initial, holidays, today = '2026-01-10' }: { initial: ScheduleDraft; holidays?: PreviewHolidays; today?: string }) {
  const [draft, setDraft] = useState(initial);
  return <ScheduleEditor value={draft} onChange={setDraft} today={today} holidays={holidays} />;
}

/** The US holidays of 2027 the tests need, as `usePreviewHolidays` hands them over. */
const us = (status: PreviewHolidays['status'] = 'ready'): PreviewHolidays => ({
  calendar: 'US',
  status,
  byDate: new Map([
    ['2027-05-31', 'Memorial Day'],
    ['2027-07-04', 'Independence Day'],
    ['2027-07-05', 'Independence Day (observed)'],
  ]),
});

const preview = () =>
  within(screen.getByRole('region', { name: /next dates/i }))
    .queryAllByRole('listitem')
    .map((li) => li.textContent);

describe('ScheduleEditor', () => {
  it('previews the next dates from today as the schedule is typed', async () => {
    const user = userEvent.setup();
    render(<Harness initial={newDraft('2026-01-02', 'MONTHLY')} />);
    expect(preview()).toEqual(['Mon, Feb 2, 2026', 'Mon, Mar 2, 2026', 'Thu, Apr 2, 2026', 'Sat, May 2, 2026', 'Tue, Jun 2, 2026']);

    await user.selectOptions(screen.getByLabelText('Repeats'), 'WEEKLY');
    await user.clear(screen.getByLabelText('Every'));
    await user.type(screen.getByLabelText('Every'), '2');
    expect(preview().slice(0, 3)).toEqual(['Fri, Jan 16, 2026', 'Fri, Jan 30, 2026', 'Fri, Feb 13, 2026']);
  });

  it('shows where the weekend rule moved a date', async () => {
    const user = userEvent.setup();
    render(<Harness initial={newDraft('2026-01-31', 'MONTHLY')} />);
    await user.selectOptions(screen.getByLabelText('If it falls on a weekend'), 'AFTER');
    expect(preview()[0]).toBe('Mon, Feb 2, 2026: Sat, Jan 31 is a weekend day → Mon, Feb 2');
  });

  it('with a holiday calendar, moves a date off a holiday and says why', async () => {
    const user = userEvent.setup();
    render(<Harness initial={newDraft('2027-07-05', 'ONCE')} holidays={us()} today="2026-11-29" />);
    expect(preview()).toEqual(['Mon, Jul 5, 2027']);
    await user.selectOptions(screen.getByLabelText('If it falls on a weekend or a holiday'), 'BEFORE');
    expect(preview()).toEqual(['Fri, Jul 2, 2027: Mon, Jul 5 is Independence Day (observed) → Fri, Jul 2']);
    await user.selectOptions(screen.getByLabelText('If it falls on a weekend or a holiday'), 'AFTER');
    expect(preview()).toEqual(['Tue, Jul 6, 2027: Mon, Jul 5 is Independence Day (observed) → Tue, Jul 6']);
  });

  it('with a holiday calendar, names business days in the options and the calendar in a hint', () => {
    render(<Harness initial={newDraft('2027-05-31', 'MONTHLY')} holidays={us()} today="2026-11-29" />);
    const rule = screen.getByLabelText('If it falls on a weekend or a holiday');
    expect(within(rule).getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Keep the date',
      'Move to the business day before',
      'Move to the business day after',
    ]);
    expect(rule).toHaveAccessibleDescription('Holidays: United States (change it in Settings).');
  });

  it('says when it is still checking the holidays, and when they could not be loaded', () => {
    const { rerender } = render(<Harness initial={newDraft('2027-05-31', 'MONTHLY')} holidays={us('loading')} today="2026-11-29" />);
    expect(screen.getByText('Checking United States holidays…')).toBeInTheDocument();
    rerender(<Harness initial={newDraft('2027-05-31', 'MONTHLY')} holidays={us('error')} today="2026-11-29" />);
    expect(screen.getByLabelText('If it falls on a weekend or a holiday')).toHaveAccessibleDescription(
      /could not be loaded, so the dates below move for weekends only/,
    );
  });

  it('covers semi-monthly days with the last day, and bounds by count', async () => {
    const user = userEvent.setup();
    render(<Harness initial={newDraft('2026-02-01', 'MONTHLY')} />);
    await user.click(screen.getByLabelText(/specific days/i));
    await user.click(screen.getByRole('button', { name: 'Add a day' }));
    await user.selectOptions(screen.getByLabelText('Day 1'), '15');
    await user.selectOptions(screen.getByLabelText('Day 2'), '-1');
    await user.click(screen.getByLabelText('After a number of times'));
    await user.type(screen.getByLabelText('Times'), '3');
    expect(preview()).toEqual(['Sun, Feb 15, 2026', 'Sat, Feb 28, 2026', 'Sun, Mar 15, 2026']);
  });

  it('reads the schedule back in words above the dates', async () => {
    const user = userEvent.setup();
    render(<Harness initial={{ ...newDraft('2026-01-02', 'WEEKLY'), interval: '2' }} />);
    expect(screen.getByRole('region', { name: /next dates/i })).toHaveTextContent('Every other Friday');

    await user.selectOptions(screen.getByLabelText('Repeats'), 'MONTHLY');
    await user.clear(screen.getByLabelText('First date'));
    await user.type(screen.getByLabelText('First date'), '2026-01-10');
    await user.clear(screen.getByLabelText('Every'));
    await user.type(screen.getByLabelText('Every'), '6');
    expect(screen.getByLabelText('The 10th, every 6 months')).toBeChecked();
    expect(screen.getByRole('region', { name: /next dates/i })).toHaveTextContent('The 10th, every 6 months');
  });

  it('“Specific days” starts from the schedule’s own day, and adds one half a month later', async () => {
    const user = userEvent.setup();
    render(<Harness initial={newDraft('2026-01-10', 'MONTHLY')} />);
    await user.click(screen.getByLabelText(/specific days/i));
    expect(screen.getByLabelText('Day 1')).toHaveValue('10');
    expect(screen.queryByLabelText('Day 2')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add a day' }));
    expect(screen.getByLabelText('Day 2')).toHaveValue('25');
    expect(screen.getByRole('region', { name: /next dates/i })).toHaveTextContent('The 10th and 25th of every month');
  });

  it('“On a date” shows no error before a date is typed, and waits for it in the preview', async () => {
    const user = userEvent.setup();
    render(<Harness initial={newDraft('2026-01-10', 'MONTHLY')} />);
    await user.click(screen.getByLabelText('On a date'));
    expect(screen.getByLabelText('Last date')).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText('Choose an end date.')).not.toBeInTheDocument();
    expect(screen.getByText('Choose the last date to see the dates.')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Last date'), '2026-03-10');
    expect(preview()).toEqual(['Sat, Jan 10, 2026', 'Tue, Feb 10, 2026', 'Tue, Mar 10, 2026']);
  });

  it('a payday asks for one of its dates, not a "first" one', () => {
    render(
      <ScheduleEditor
        value={{ ...newDraft('2026-01-02', 'WEEKLY'), interval: '2' }}
        onChange={() => {}}
        today="2026-01-10"
        startLabel="One of your paydays (e.g. the next one)"
      />,
    );
    expect(screen.getByLabelText('One of your paydays (e.g. the next one)')).toHaveValue('2026-01-02');
  });

  it('a one-time schedule hides repeat options', async () => {
    const user = userEvent.setup();
    render(<Harness initial={newDraft('2026-03-03', 'MONTHLY')} />);
    await user.selectOptions(screen.getByLabelText('Repeats'), 'ONCE');
    expect(screen.queryByLabelText('Every')).not.toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Ends' })).not.toBeInTheDocument();
    expect(preview()).toEqual(['Tue, Mar 3, 2026']);
  });

  it('says what is wrong instead of previewing an invalid schedule', async () => {
    const user = userEvent.setup();
    render(<Harness initial={newDraft('2026-01-01', 'DAILY')} />);
    await user.clear(screen.getByLabelText('Every'));
    await user.type(screen.getByLabelText('Every'), '1000');
    expect(screen.getByText('Use a whole number from 1 to 999.')).toBeInTheDocument();
    expect(screen.getByText(/fix the schedule above/i)).toBeInTheDocument();
  });
});
