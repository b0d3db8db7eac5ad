import { useEffect, useId, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { ErrorBanner } from '@/components/ErrorBanner';
import { formatDate, type IsoDate } from '@/lib/dates';
import { DEPENDS_ON } from '@/lib/graphql/client';
import { BALANCE_PATH, hasStatedBalance } from '@/lib/onboarding';
import { useFormat, useViewer } from '@/lib/viewer';
import { CalendarMonthQuery } from '../api/calendarMonth';
import { calendarDays, isBelowZero, isEventful, type CalendarDay } from './days';
import {
  addMonths,
  firstDay,
  firstWeekday,
  keyTarget,
  lastDay,
  monthOf,
  monthWeeks,
  parseMonth,
  shiftMonthKeepDay,
  weekdayDates,
  type YearMonth,
} from './month';

/** Below this width the month is a list of days (the same breakpoint as the app's tab bar). */
const LIST_QUERY = '(max-width: 759px)';

/**
 * /calendar?month=YYYY-MM: a month of bills, paydays, holidays and the end-of-day balance.
 * A grid (roving tabindex: one day is in the tab order, the arrow keys move between days) with the
 * chosen day's details below it; on a phone, the same days as a list.
 */
export default function CalendarPage() {
  const id = useId();
  const format = useFormat();
  const viewer = useViewer();
  const [params, setParams] = useSearchParams();
  const month = parseMonth(params.get('month')) ?? monthOf(format.today);
  const from = firstDay(month);
  const to = lastDay(month);
  const weekStartsOn = firstWeekday(viewer.holidays);
  const list = useMediaQuery(LIST_QUERY);

  const [{ data, error, fetching }, refetch] = useQuery({
    query: CalendarMonthQuery,
    variables: { from, until: to },
    context: DEPENDS_ON.forecast,
  });
  // Only this month's answer: while the next month loads, its days show no stale items.
  const days = data && data.forecast.from === from ? calendarDays(data, from, to) : null;

  // The chosen day: kept inside the shown month (today, else the 1st, when it is elsewhere).
  const [chosen, setChosen] = useState<IsoDate>(format.today);
  const selected = monthOf(chosen) === month ? chosen : monthOf(format.today) === month ? format.today : from;
  const focusNext = useRef(false);
  const grid = useRef<HTMLTableElement>(null);
  useEffect(() => {
    // A move into another month waits until that month is on screen.
    if (!focusNext.current || selected !== chosen) return;
    focusNext.current = false;
    grid.current?.querySelector<HTMLElement>(`[data-date="${selected}"]`)?.focus();
  });

  const showMonth = (next: YearMonth) => {
    const search = new URLSearchParams(params);
    if (next === monthOf(format.today)) search.delete('month');
    else search.set('month', next);
    setParams(search);
  };
  const choose = (date: IsoDate, focus: boolean) => {
    setChosen(date);
    if (monthOf(date) !== month) showMonth(monthOf(date));
    focusNext.current = focus;
  };
  const changeMonth = (count: number) => {
    const next = shiftMonthKeepDay(selected, count);
    setChosen(next);
    showMonth(monthOf(next));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-date]');
    const date = cell?.dataset.date;
    if (!date) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      document.getElementById(`${id}-details`)?.focus();
      return;
    }
    const target = keyTarget(event.key, date, { weekStartsOn, list, ctrl: event.ctrlKey || event.metaKey });
    if (!target) return;
    event.preventDefault();
    choose(target, true);
  };

  const monthTitle = formatDate(from, { month: 'long', year: 'numeric' });
  const belowZero = days ? [...days.values()].filter(isBelowZero) : [];
  const weeks = monthWeeks(month, weekStartsOn);

  return (
    <div className="page calendar-page">
      <h1>Calendar</h1>
      <div className="calendar-toolbar">
        <button type="button" className="button-small" onClick={() => changeMonth(-1)}>
          {/* One inline box: a flex button would drop the spaces between its items. */}
          <span>
            <span aria-hidden="true">‹ </span>
            <span className="visually-hidden">Previous month:</span>{' '}
            {formatDate(firstDay(addMonths(month, -1)), { month: 'short' })}
          </span>
        </button>
        <h2 id={`${id}-month`} className="calendar-month" aria-live="polite">
          {monthTitle}
        </h2>
        <button type="button" className="button-small" onClick={() => changeMonth(1)}>
          <span>
            <span className="visually-hidden">Next month:</span>{' '}
            {formatDate(firstDay(addMonths(month, 1)), { month: 'short' })}
            <span aria-hidden="true"> ›</span>
          </span>
        </button>
        <button
          type="button"
          className="button-small"
          disabled={month === monthOf(format.today) && selected === format.today}
          onClick={() => {
            setChosen(format.today);
            showMonth(monthOf(format.today));
          }}
        >
          Today
        </button>
      </div>

      <p className="hint calendar-legend">
        Balances are at the end of each day, if you spend nothing beyond these bills.{' '}
        <span className="legend-item">
          <span aria-hidden="true">★</span> holiday
        </span>{' '}
        <span className="legend-item negative">
          <span aria-hidden="true">⚠</span> below zero
        </span>
      </p>
      {!hasStatedBalance(viewer) && (
        <p className="notice">
          <Link to={BALANCE_PATH}>Enter today’s balance</Link> — until then the balances start from{' '}
          {format.money('0.00')}.
        </p>
      )}
      {belowZero.length > 0 && (
        <p className="warning-text" data-testid="calendar-below-zero">
          <span aria-hidden="true">⚠ </span>
          Your balance is below zero on {belowZero.length} {belowZero.length === 1 ? 'day' : 'days'} this month, from{' '}
          {format.day(belowZero[0]!.date)}.
        </p>
      )}
      {error && <ErrorBanner error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />}
      <p className="visually-hidden" role="status">
        {fetching || (!days && !error) ? `Loading ${monthTitle}…` : ''}
      </p>

      <table
        ref={grid}
        role="grid"
        className={`calendar-grid${days ? '' : ' calendar-loading'}`}
        aria-labelledby={`${id}-month`}
        aria-describedby={`${id}-keys`}
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr role="row">
            {weekdayDates(weekStartsOn).map((date) => (
              <th key={date} role="columnheader" scope="col" abbr={formatDate(date, { weekday: 'long' })}>
                {formatDate(date, { weekday: 'short' })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr role="row" key={week.find(Boolean) ?? ''}>
              {week.map((date, index) =>
                date ? (
                  <DayCell
                    key={date}
                    date={date}
                    day={days?.get(date)}
                    today={date === format.today}
                    selected={date === selected}
                    onChoose={() => choose(date, true)}
                  />
                ) : (
                  <td role="gridcell" key={`pad-${index}`} className="day-outside" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p id={`${id}-keys`} className="hint calendar-keys">
        Arrow keys move between days, Home and End to the start and end of the week, Page Up and Page Down to the
        previous and next month. Enter shows the day below.
      </p>

      <DayDetails titleId={`${id}-details`} date={selected} day={days?.get(selected)} loading={!days} />
    </div>
  );
}

/**
 * One day. Its accessible name is its content — "Wednesday, December 2, 2026. Bill: Rent $1,500.00
 * Balance at the end of the day, below zero: -$1,400.00" — with visually hidden words, not an
 * aria-label, so what a sighted speech user sees is part of what they can say (WCAG 2.5.3). No
 * hidden text follows a visible one: Chrome would put a space before it ("$1,500.00 .").
 */
function DayCell({
  date,
  day,
  today,
  selected,
  onChoose,
}: {
  date: IsoDate;
  day: CalendarDay | undefined;
  today: boolean;
  selected: boolean;
  onChoose: () => void;
}) {
  const format = useFormat();
  const negative = isBelowZero(day);
  const classes = [
    'day',
    today && 'day-today',
    selected && 'day-selected',
    negative && 'day-negative',
    day && !isEventful(day) && 'day-empty',
    day && day.holidays.length > 0 && 'day-holiday',
  ].filter(Boolean);
  const said = (text: string) => <span className="visually-hidden">{text}</span>;
  return (
    <td
      role="gridcell"
      className={classes.join(' ')}
      data-date={date}
      tabIndex={selected ? 0 : -1}
      aria-selected={selected}
      aria-current={today ? 'date' : undefined}
      onClick={onChoose}
    >
      {said(`${formatDate(date, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' })}.`)}{' '}
      <div className="day-head" aria-hidden="true">
        <span className="day-weekday">{formatDate(date, { weekday: 'short' })}</span>
        <span className="day-number">{Number(date.slice(8))}</span>
        {today && <span className="day-today-mark">Today</span>}
      </div>
      <div className="day-body">
        {day?.holidays.map((name) => (
          <p key={name} className="day-holiday-name">
            <span aria-hidden="true">★ </span>
            {said('Holiday:')}{' '}
            {name}
          </p>
        ))}
        {day && (day.paydays.length > 0 || day.bills.length > 0) && (
          <ul className="day-items">
            {day.paydays.map((p) => (
              <li key={`p-${p.id}`} className="day-item day-item-payday">
                {said('Payday:')}{' '}
                <span className="day-item-name">{p.name}</span> <span className="day-item-amount">+{format.money(p.amount)}</span>
              </li>
            ))}
            {day.bills.map((b) => (
              <li key={`b-${b.id}`} className="day-item">
                {said('Bill:')}{' '}
                <span className="day-item-name">{b.name}</span> <span className="day-item-amount">{format.money(b.amount)}</span>
              </li>
            ))}
          </ul>
        )}
        {day && !isEventful(day) && said('Nothing due.')}{' '}
      </div>
      {day?.balance && (
        <p className={`day-balance${negative ? ' negative' : ''}`}>
          {said(negative ? 'Balance at the end of the day, below zero:' : 'Balance at the end of the day:')}{' '}
          {negative && <span aria-hidden="true">⚠ </span>}
          {format.money(day.balance)}
        </p>
      )}
    </td>
  );
}

/** The chosen day in full, with links to its bills and paydays. */
function DayDetails({
  titleId,
  date,
  day,
  loading,
}: {
  titleId: string;
  date: IsoDate;
  day: CalendarDay | undefined;
  loading: boolean;
}) {
  const format = useFormat();
  const negative = isBelowZero(day);
  return (
    <section className="card day-details" aria-labelledby={titleId} data-testid="day-details">
      <h2 id={titleId} tabIndex={-1}>
        {format.longDate(date)}
      </h2>
      {loading ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          {day?.holidays.map((name) => (
            <p key={name} className="day-holiday-name">
              <span aria-hidden="true">★ </span>
              {name} (holiday)
            </p>
          ))}
          {day && day.paydays.length > 0 && (
            <>
              <h3>Paydays</h3>
              <ul className="rows">
                {day.paydays.map((p) => (
                  <li key={p.id} className="row row-income">
                    <Link className="row-name" to={`/paydays/${p.id}`}>
                      {p.name}
                    </Link>
                    <span className="row-amount">+{format.money(p.amount)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {day && day.bills.length > 0 && (
            <>
              <h3>Bills</h3>
              <ul className="rows">
                {day.bills.map((b) => (
                  <li key={b.id} className="row">
                    <Link className="row-name" to={`/bills/${b.id}`}>
                      {b.name}
                    </Link>
                    {b.autopay && <span className="badge badge-ok">autopay</span>}
                    <span className="row-amount">{format.money(b.amount)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
          {day && day.paydays.length === 0 && day.bills.length === 0 && <p>No bills or paydays.</p>}
          {day?.balance && (
            <p className={negative ? 'warning-text' : undefined} data-testid="day-balance">
              Balance at the end of the day: <strong>{format.money(day.balance)}</strong>
              {negative && (
                <>
                  {' '}
                  <span aria-hidden="true">⚠</span> below zero
                </>
              )}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** Whether a media query matches, following changes (false where matchMedia is missing). */
function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const media = typeof window.matchMedia === 'function' ? window.matchMedia(query) : null;
      media?.addEventListener('change', onChange);
      return () => media?.removeEventListener('change', onChange);
    },
    () => (typeof window.matchMedia === 'function' ? window.matchMedia(query).matches : false),
  );
}
