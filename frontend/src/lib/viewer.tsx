import { createContext, useContext, useMemo } from 'react';
import type { MeQuery } from '@/gql/graphql';
import { formatDay, formatLongDate, formatMediumDate, formatMonthDay, todayIn, type IsoDate } from '@/lib/dates';
import { formatMoney } from '@/lib/money';

export type Viewer = NonNullable<MeQuery['me']>;

export const ViewerContext = createContext<Viewer | null>(null);

/** The signed-in user; only inside the signed-in part of the app. */
export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) throw new Error('useViewer must be used inside the signed-in app');
  return viewer;
}

/** Formatting in the user's currency and the reader's locale; `today` in the user's timezone. */
export function useFormat() {
  const { currency, timezone } = useViewer();
  return useMemo(
    () => ({
      currency,
      today: todayIn(timezone),
      money: (amount: string) => formatMoney(amount, currency),
      day: (date: IsoDate) => formatDay(date),
      monthDay: (date: IsoDate) => formatMonthDay(date),
      longDate: (date: IsoDate) => formatLongDate(date),
      mediumDate: (date: IsoDate) => formatMediumDate(date),
    }),
    [currency, timezone],
  );
}

/** The symbol shown before money inputs, e.g. "$" or "€". */
export function currencySymbol(currency: string): string {
  try {
    const part = new Intl.NumberFormat(undefined, { style: 'currency', currency })
      .formatToParts(0)
      .find((p) => p.type === 'currency');
    return part?.value ?? currency;
  } catch {
    return currency;
  }
}
