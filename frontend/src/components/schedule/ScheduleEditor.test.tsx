import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { newDraft, type ScheduleDraft } from './draft';
import { ScheduleEditor } from './ScheduleEditor';

function Harness({ initial }: { initial: ScheduleDraft }) {
  const [draft, setDraft] = useState(initial);
  return <ScheduleEditor value={draft} onChange={setDraft} today="2026-01-10" />;
}

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
    expect(preview()[0]).toBe('Mon, Feb 2, 2026 (moved from Sat)');
  });

  it('covers semi-monthly days with the last day, and bounds by count', async () => {
    const user = userEvent.setup();
    render(<Harness initial={newDraft('2026-02-01', 'MONTHLY')} />);
    await user.click(screen.getByLabelText(/specific days/i));
    await user.selectOptions(screen.getByLabelText('Day 1'), '15');
    await user.selectOptions(screen.getByLabelText('Day 2'), '-1');
    await user.click(screen.getByLabelText('After a number of times'));
    await user.type(screen.getByLabelText('Times'), '3');
    expect(preview()).toEqual(['Sun, Feb 15, 2026', 'Sat, Feb 28, 2026', 'Sun, Mar 15, 2026']);
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
