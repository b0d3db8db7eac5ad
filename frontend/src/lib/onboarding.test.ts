import { hasStatedBalance } from './onboarding';

describe('hasStatedBalance', () => {
  it('is false for a new account: 0.00 as of the day it was made', () => {
    expect(hasStatedBalance({ balance: '0.00', balanceOn: '2026-01-10', createdAt: '2026-01-10T09:30:00Z' })).toBe(false);
  });

  it('is true once a balance was typed, or a later day was stated', () => {
    expect(hasStatedBalance({ balance: '500.00', balanceOn: '2026-01-10', createdAt: '2026-01-10T09:30:00Z' })).toBe(true);
    expect(hasStatedBalance({ balance: '0.00', balanceOn: '2026-01-12', createdAt: '2026-01-10T09:30:00Z' })).toBe(true);
  });
});
