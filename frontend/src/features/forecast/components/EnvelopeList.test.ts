import { envelopeLines } from './EnvelopeList';

const bill = (id: string, name: string, amount: string, nextDue: string | null) => ({ id, name, amount, nextDue });
const rent = bill('b1', 'Rent', '1500.00', '2026-02-01');

describe('envelopeLines', () => {
  it('fills towards the bill’s amount and next due date while the bill is not due in the period', () => {
    expect(envelopeLines([{ amount: '750.00', reserved: '750.00', bill: rent }], { start: '2026-01-16', paid: [] })).toEqual([
      { billId: 'b1', name: 'Rent', contribution: '750.00', filled: '750.00', target: '1500.00', due: '2026-02-01' },
    ]);
  });

  it('shows the envelope full on the day it pays the bill, not the zero left after paying', () => {
    const lines = envelopeLines([{ amount: '750.00', reserved: '0.00', bill: rent }], {
      start: '2026-01-30',
      paid: [{ billId: 'b1', date: '2026-02-01', amount: '1500.00' }, { billId: 'other', date: '2026-01-31', amount: '80.00' }],
    });
    expect(lines[0]).toMatchObject({ filled: '1500.00', target: '1500.00', due: '2026-02-01' });
  });

  it('fills towards the changed amount when the next date was re-priced', () => {
    const repriced = { ...rent, exceptions: [{ date: '2026-02-01', skip: false, amount: '1550.00', moveTo: null }] };
    const [line] = envelopeLines([{ amount: '775.00', reserved: '775.00', bill: repriced }], { start: '2026-01-16', paid: [] });
    expect(line).toMatchObject({ target: '1550.00', due: '2026-02-01' });
  });

  it('leaves out a due date that lies before the period (a later period of the forecast)', () => {
    const [line] = envelopeLines([{ amount: '750.00', reserved: '750.00', bill: rent }], { start: '2026-02-13', paid: [] });
    expect(line?.due).toBeNull();
    const [none] = envelopeLines([{ amount: '23.08', reserved: '23.08', bill: bill('b3', 'Insurance', '600.00', null) }], {
      start: '2026-03-27',
      paid: [],
    });
    expect(none?.due).toBeNull();
  });
});
