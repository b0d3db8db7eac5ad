/**
 * First run. A new account's balance is 0.00 stated on the day it was made (the server's default):
 * until the person states one, the dashboard asks "enter your balance…" (checklist step 3) and
 * links to BALANCE_PATH. A balance of 0.00 typed on the sign-up day looks the same and is asked
 * for again — harmless, and the server has no "stated" flag to tell them apart.
 */
export const BALANCE_PATH = '/balance';

export function hasStatedBalance(user: { balance: string; balanceOn: string; createdAt: string }): boolean {
  return !(user.balance === '0.00' && user.balanceOn === user.createdAt.slice(0, 10));
}

/** The browser's IANA timezone ("Europe/Berlin"), or null when it can't tell. */
export function browserTimezone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}
