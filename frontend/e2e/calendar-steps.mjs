// Issue 13, "Calendar everywhere", end to end. run.mjs calls `calendarSteps(ctx)` after its own
// steps, with the context made by its makeContext().
//
// A new user with $100.00 picks the United States holiday calendar in Settings; adds a monthly
// payday on the next observed (else any weekday) public holiday with "move to the business day
// before", and sees the preview say "<holiday> is <name> → <business day before>", the list give
// that date as the next payday, and the calendar put it there (the holiday marked on its own day).
// With Rent due in 3 days the calendar shows that day below zero. In Settings it creates the
// private feed link, fetches it from Node and parses it with ical.js (Rent with its amount and a
// reminder, the payday on its moved date, stable UIDs); a new link revokes the old (404), and
// revoking ends the new one. Axe, 375 px and screenshots on the calendar and Settings.

import assert from 'node:assert/strict';
import ICAL from 'ical.js';

/**
 * @typedef {{
 *   context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, base: string,
 *   day: (n: number) => string, addDays: (date: string, n: number) => string,
 *   step: (name: string, fn: () => Promise<void>) => Promise<void>,
 *   shoot: (name: string, both?: boolean) => Promise<void>, checkScreen: (name: string) => Promise<void>,
 *   graphql: (query: string) => Promise<any>, signUp: (prefix?: string) => Promise<string>,
 *   shortDay: (date: string) => string, longDate: (date: string) => string, consoleErrors: string[],
 *   MOBILE: { width: number, height: number }, DESKTOP: { width: number, height: number },
 * }} Ctx
 */

/** @param {Ctx} ctx */
export async function calendarSteps(ctx) {
  const { page, base, day, step, graphql, shortDay } = ctx;
  const rentDay = day(3);
  const errorsBefore = ctx.consoleErrors.length;
  /** The holiday the payday falls on, and where BEFORE moves it. */
  let holiday = { date: '', name: '' };
  let moved = '';
  /** @type {string[]} */
  let feedUrls = [];

  /** @param {string} mutation */
  const mutate = async (mutation) => {
    const response = await graphql(mutation);
    assert.ok(!response.errors, `${mutation.slice(0, 60)}…: ${JSON.stringify(response.errors)}`);
    return response.data;
  };

  await step('calendar: a new user picks the United States holiday calendar in Settings (axe, 375 px)', async () => {
    await ctx.context.clearCookies();
    await ctx.signUp('e2e-calendar');
    await mutate(`mutation { updateSettings(input: { balance: "100" }) { balance } }`);
    await page.goto(`${base}/settings`);
    const picker = page.getByLabel('Holiday calendar');
    assert.equal(await picker.inputValue(), 'NONE');
    const labels = (await picker.locator('option').allTextContents()).map((t) => t.trim());
    assert.deepEqual(labels, ['None (weekends only)', 'United States', 'England (UK)', 'Canada', 'Australia', 'Germany']);
    await picker.selectOption({ label: 'United States' });
    await ctx.checkScreen('settings-holidays');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/^Saved\./).waitFor();
    const me = await graphql('{ me { holidays } }');
    assert.equal(me.data?.me?.holidays, 'US', JSON.stringify(me));
  });

  await step('calendar: the API lists the viewer’s holidays; pick an observed one on a weekday', async () => {
    const api = await graphql(`{ holidays(from: "${day(7)}", to: "${day(400)}") { date name } }`);
    assert.ok(!api.errors, JSON.stringify(api.errors));
    /** @type {{ date: string, name: string }[]} */
    const list = api.data.holidays;
    assert.ok(list.length >= 8, `only ${list.length} US holidays in a year: ${JSON.stringify(list)}`);
    const weekdays = list.filter((h) => ![0, 6].includes(weekdayOf(h.date)));
    const pick = weekdays.find((h) => /observed/i.test(h.name)) ?? weekdays[0];
    assert.ok(pick, 'no holiday on a weekday in the next year');
    holiday = pick;
    const taken = new Set(list.map((h) => h.date));
    moved = holiday.date;
    while ([0, 6].includes(weekdayOf(moved)) || taken.has(moved)) moved = ctx.addDays(moved, -1);
    assert.notEqual(moved, holiday.date);
    console.log(`    payday on ${holiday.date} (${holiday.name}) → ${moved}`);
  });

  await step('calendar: a payday on that holiday with “business day before” previews the move in words', async () => {
    await page.goto(`${base}/paydays/new`);
    await page.getByLabel('Name').fill('Holiday pay');
    await page.getByLabel('Net pay').fill('2000');
    await page.getByLabel('One of your paydays (e.g. the next one)').fill(holiday.date);
    await page.getByLabel('Repeats').selectOption('MONTHLY');
    await page.getByLabel('Every', { exact: true }).fill('1');
    const rule = page.getByLabel('If it falls on a weekend or a holiday');
    await rule.selectOption({ label: 'Move to the business day before' });
    const preview = page.getByRole('region', { name: /next dates/i });
    const words = `${shortDay(holiday.date)} is ${holiday.name} → ${shortDay(moved)}`;
    await preview.getByText(words, { exact: true }).waitFor();
    const first = (await preview.getByRole('listitem').first().textContent())?.trim() ?? '';
    assert.ok(first.startsWith(ctx.longDate(moved)), `first previewed date: ${first}`);
    await ctx.checkScreen('payday-form-holiday');
    await page.getByRole('button', { name: 'Add payday' }).click();
    await page.getByRole('status').getByText('Added Holiday pay.').waitFor();
  });

  await step('calendar: the list and the API give the moved date as the next payday', async () => {
    const item = page.getByRole('list', { name: 'Paydays' }).getByRole('listitem').filter({ hasText: 'Holiday pay' });
    await item.getByText(`Next payday ${shortDay(moved)}`).waitFor();
    const api = await graphql('{ paydays { name nextDate } }');
    assert.deepEqual(api.data.paydays, [{ name: 'Holiday pay', nextDate: moved }]);
  });

  await step('calendar: the month shows the payday on the business day, and the holiday on its own day (axe, 375 px)', async () => {
    await page.setViewportSize(ctx.DESKTOP);
    await page.goto(`${base}/calendar?month=${moved.slice(0, 7)}`);
    const movedCell = page.locator(`[role="gridcell"][data-date="${moved}"]`);
    await movedCell.getByText('Holiday pay').waitFor();
    // The cell's accessible name is its content: the date, the payday, the balance.
    const named = page.getByRole('gridcell', {
      name: new RegExp(`^${escape(fullDate(moved))}\\. Payday: Holiday pay \\+\\$2,000\\.00 Balance at the end of the day: `),
    });
    assert.equal(await named.getAttribute('data-date'), moved);
    if (holiday.date.slice(0, 7) !== moved.slice(0, 7)) await page.goto(`${base}/calendar?month=${holiday.date.slice(0, 7)}`);
    const holidayCell = page.locator(`[role="gridcell"][data-date="${holiday.date}"]`);
    await holidayCell.getByText(holiday.name).waitFor();
    assert.ok(!(await holidayCell.textContent())?.includes('Holiday pay'), 'the payday is still on the holiday');
    const holidayNamed = page.getByRole('gridcell', { name: new RegExp(`^${escape(fullDate(holiday.date))}\\. Holiday: ${escape(holiday.name)} `) });
    assert.equal(await holidayNamed.getAttribute('data-date'), holiday.date);
    await ctx.checkScreen('calendar-holiday');
  });

  await step('calendar: Rent due in 3 days puts the balance below zero, said with a sign and in words', async () => {
    await mutate(
      `mutation { createBill(input: { name: "Rent", amount: "1500", schedule: { start: "${rentDay}", frequency: MONTHLY } }) { id } }`,
    );
    await page.goto(`${base}/calendar?month=${rentDay.slice(0, 7)}`);
    const cell = page.locator(`[role="gridcell"][data-date="${rentDay}"]`);
    await cell.getByText('Rent').waitFor();
    const named = page.getByRole('gridcell', {
      name: new RegExp(`^${escape(fullDate(rentDay))}\\. Bill: Rent \\$1,500\\.00 Balance at the end of the day, below zero: -\\$1,400\\.00$`),
    });
    assert.equal(await named.getAttribute('data-date'), rentDay);
    const balance = (await cell.locator('.day-balance').textContent()) ?? '';
    assert.ok(balance.includes('⚠ -$1,400.00'), `no warning sign by the balance: ${balance}`);
    const summary = (await page.getByTestId('calendar-below-zero').textContent())?.replace(/\s+/g, ' ').trim();
    assert.match(summary ?? '', new RegExp(`below zero on \\d+ days? this month, from ${escape(shortDay(rentDay))}\\.$`));
    await ctx.checkScreen('calendar');
  });

  await step('calendar: the keyboard moves one focusable day; Page Down shows the next month', async () => {
    await page.setViewportSize(ctx.DESKTOP);
    const cell = page.locator(`[role="gridcell"][data-date="${rentDay}"]`);
    await cell.click();
    assert.equal(await page.locator('[role="gridcell"][tabindex="0"]').count(), 1);
    await page.keyboard.press('ArrowRight');
    const next = ctx.addDays(rentDay, 1);
    await page.waitForFunction((d) => document.activeElement?.getAttribute('data-date') === d, next);
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((d) => document.activeElement?.getAttribute('data-date') === d, ctx.addDays(next, 7));
    await page.keyboard.press('PageDown');
    const nextMonth = monthName(ctx.addDays(`${rentDay.slice(0, 7)}-01`, 40));
    await page.getByRole('grid', { name: nextMonth }).waitFor();
    await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'gridcell');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="day-details"]') !== null);
    await ctx.shoot('calendar-keyboard');
  });

  await step('calendar: at 375 px the month is a list of days, one per line, and nothing scrolls sideways', async () => {
    await page.setViewportSize(ctx.MOBILE);
    await page.goto(`${base}/calendar?month=${rentDay.slice(0, 7)}`);
    const cell = page.locator(`[role="gridcell"][data-date="${rentDay}"]`);
    await cell.getByText('Rent').waitFor();
    const boxes = await page.locator('[role="gridcell"][data-date]').evaluateAll((cells) =>
      cells.slice(0, 3).map((c) => {
        const r = c.getBoundingClientRect();
        return { left: Math.round(r.left), width: Math.round(r.width), top: Math.round(r.top) };
      }),
    );
    assert.ok(boxes.every((b) => b.left === boxes[0]?.left && b.width > 300), `days are not one per line: ${JSON.stringify(boxes)}`);
    assert.ok(boxes[1] && boxes[0] && boxes[1].top > boxes[0].top);
    await page.setViewportSize(ctx.DESKTOP);
  });

  await step('calendar feed: create the private link in Settings (shown once, with Copy and a warning)', async () => {
    await page.goto(`${base}/settings`);
    const section = page.getByRole('region', { name: 'Subscribe in your calendar' });
    await section.getByText('You have no calendar link.').waitFor();
    await section.getByRole('button', { name: 'Create a private link' }).click();
    const link = section.getByLabel('Your private calendar link');
    await link.waitFor();
    const url = await link.inputValue();
    assert.match(url, /^https?:\/\/[^/]+\/calendar\/[^/]+\.ics$/);
    await section.getByText(/Anyone with this link can see your bills and paydays/).waitFor();
    await section.getByRole('button', { name: 'Copy link' }).waitFor();
    await ctx.checkScreen('settings-feed-created');
    feedUrls = [url];
  });

  await step('calendar feed: Node fetches the link without a cookie, and ical.js reads the bills and the payday', async () => {
    const first = await fetchFeed(feedUrls[0] ?? '');
    assert.equal(first.status, 200);
    assert.match(first.type, /^text\/calendar/i);
    const events = parseFeed(first.text);
    const rent = events.filter((e) => e.summary.startsWith('Rent'));
    assert.ok(rent.length >= 12, `only ${rent.length} Rent events: ${JSON.stringify(events.slice(0, 3))}`);
    assert.ok(rent.every((e) => /1,?500\.00/.test(e.summary)), `Rent's summary lacks its amount: ${rent[0]?.summary}`);
    assert.ok(rent.some((e) => e.date === rentDay), `no Rent event on ${rentDay}`);
    assert.ok(rent.every((e) => e.allDay && e.alarms > 0), 'a Rent event is not all-day or has no reminder');
    const pay = events.filter((e) => e.date === moved && !e.summary.startsWith('Rent'));
    assert.equal(pay.length, 1, `no payday event on ${moved}: ${JSON.stringify(events.filter((e) => !e.summary.startsWith('Rent')).slice(0, 4))}`);
    assert.ok(!events.some((e) => e.date === holiday.date && !e.summary.startsWith('Rent')), 'a payday event is still on the holiday');
    assert.equal(new Set(events.map((e) => e.uid)).size, events.length, 'UIDs repeat');
    const again = parseFeed((await fetchFeed(feedUrls[0] ?? '')).text);
    assert.deepEqual(again.map((e) => e.uid).sort(), events.map((e) => e.uid).sort(), 'UIDs changed between two requests');
    console.log(`    ${events.length} events; e.g. "${rent[0]?.summary}" and "${pay[0]?.summary}"`);
  });

  await step('calendar feed: Settings says when the link was made; a new link stops the old one', async () => {
    await page.reload();
    const section = page.getByRole('region', { name: 'Subscribe in your calendar' });
    const created = (await section.getByTestId('feed-created').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
    assert.ok(created.startsWith(`You have a private link, created on ${ctx.longDate(day(0))}.`), created);
    await section.getByRole('button', { name: 'Make a new link' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Make a new calendar link?' });
    await dialog.getByText('Your current link stops working').waitFor();
    await ctx.shoot('settings-feed-replace-dialog');
    await dialog.getByRole('button', { name: 'Make a new link' }).click();
    const url = await section.getByLabel('Your private calendar link').inputValue();
    assert.notEqual(url, feedUrls[0]);
    feedUrls.push(url);
    assert.equal((await fetchFeed(feedUrls[0] ?? '')).status, 404, 'the old link still works');
    assert.equal((await fetchFeed(url)).status, 200, 'the new link does not work');
  });

  await step('calendar feed: revoking (after confirmation) ends the link', async () => {
    const section = page.getByRole('region', { name: 'Subscribe in your calendar' });
    await section.getByRole('button', { name: 'Revoke the link' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Revoke the calendar link?' });
    await dialog.getByRole('button', { name: 'Revoke link' }).click();
    await section.getByText('Link revoked. Calendars subscribed to it stop updating.').waitFor();
    await section.getByText('You have no calendar link.').waitFor();
    assert.equal((await fetchFeed(feedUrls[1] ?? '')).status, 404, 'a revoked link still works');
    const me = await graphql('{ me { calendarFeed { createdAt url } } }');
    assert.equal(me.data?.me?.calendarFeed, null, JSON.stringify(me));
    await ctx.checkScreen('settings-feed-revoked');
  });

  await step('calendar: no console errors on these screens', async () => {
    assert.deepEqual(ctx.consoleErrors.slice(errorsBefore), []);
  });
}

/** GET a feed URL from Node, as a calendar app would: no cookie, no token header. @param {string} url */
async function fetchFeed(url) {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

/**
 * Parses an iCalendar body with ical.js (RFC 5545) into its events.
 * @param {string} text
 * @returns {{ uid: string, summary: string, date: string, allDay: boolean, alarms: number }[]}
 */
function parseFeed(text) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  assert.equal(calendar.name, 'vcalendar');
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary ?? '',
      date: event.startDate.toString().slice(0, 10),
      allDay: event.startDate.isDate,
      alarms: vevent.getAllSubcomponents('valarm').length,
    };
  });
}

/** 0 = Sunday … 6 = Saturday. @param {string} date */
function weekdayOf(date) {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** "Thursday, June 17, 2027". @param {string} date */
function fullDate(date) {
  return new Intl.DateTimeFormat('en-US', { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** "August 2027". @param {string} date */
function monthName(date) {
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

/** @param {string} text */
function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
