// End-to-end: the built frontend, served by the REAL Rust server on a fresh database, driven in
// Debian's Chromium through playwright-core. One command: `npm run e2e` (after `npm run build`
// and `cargo build --bin wisewallet`). scripts/test-frontend.sh runs it last.
//
// It signs up, adds a payday and three bills through the UI, checks the dashboard headline
// against the API's forecast for the same session, edits a bill and sees the headline change,
// reloads (still signed in), visits every screen at 375 px and desktop width (screenshots in
// e2e/artifacts/, axe-core with no serious/critical violations, no horizontal scrolling, no console
// errors), measures time to the headline (median of 5) and signs out.
//
// Then, as a second user, it enters DESIGN's worked example through the UI (shifted so that the
// first paycheck is 6 days from today, as Jan 16 is from Jan 10), switches the plan to SMOOTHED in
// Settings and reads "Set aside $910.00" with each bill's envelope on the dashboard; skips, moves
// and re-prices occurrences on the bill page and sees the forecast change and mark them; and runs
// the same axe / 375 px / screenshot checks on every new screen (bill and payday pages with their
// upcoming dates, the inline editors, Settings with the plan, the smoothed dashboard).
//
// Then e2e/dashboard-steps.mjs (issue 12's shortfall) and e2e/calendar-steps.mjs (issue 13: the
// holiday calendar, a payday moved off a holiday, the calendar page, the private iCalendar feed
// fetched and parsed with ical.js).
// Every page runs under the server's Content-Security-Policy (a blocked script or style is a
// console error, and there must be none), and GraphiQL is loaded with its pinned assets checked
// against their integrity hashes (e2e/graphiql.mjs).
//
// Environment: WISEWALLET_BIN (default ../target/debug/wisewallet), CHROMIUM_PATH (default
// /usr/bin/chromium), E2E_DATABASE_URL (default sqlite://<tmp>/e2e.db), E2E_PERF_RUNS (default 5).
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { checkGraphiql } from './graphiql.mjs';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const frontend = resolve(here, '..');
const repo = resolve(frontend, '..');
const artifacts = join(here, 'artifacts');
const serverBin = process.env.WISEWALLET_BIN ?? join(repo, 'target', 'debug', 'wisewallet');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const staticDir = join(frontend, 'dist');
const perfRuns = Number(process.env.E2E_PERF_RUNS ?? 5);
const MOBILE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };

/** @type {{ name: string, ok: boolean, error?: string }[]} */
const results = [];
/** @type {string[]} */
const consoleErrors = [];

async function main() {
  for (const [what, path] of [
    ['server binary (cargo build --bin wisewallet)', serverBin],
    ['Chromium (apt-get install chromium)', chromiumPath],
    ['built frontend (npm run build)', join(staticDir, 'index.html')],
  ]) {
    if (!existsSync(path)) throw new Error(`missing ${what}: ${path}`);
  }
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const temp = mkdtempSync(join(tmpdir(), 'wisewallet-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer({ port, temp });
  /** @type {import('playwright-core').BrowserContext | undefined} */
  let context;
  try {
    await waitForServer(base, server);
    context = await chromium.launchPersistentContext(join(temp, 'chromium-profile'), {
      executablePath: chromiumPath,
      headless: true,
      locale: 'en-US',
      timezoneId: 'UTC',
      viewport: DESKTOP,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context.setDefaultTimeout(15_000);
    await run(context, base);
  } finally {
    await context?.close().catch(() => {});
    await stopServer(server);
    rmSync(temp, { recursive: true, force: true });
  }
}

/** @param {import('playwright-core').BrowserContext} context @param {string} base */
async function run(context, base) {
  const page = context.pages()[0] ?? (await context.newPage());
  watchConsole(page);
  const email = `e2e-${Date.now()}@example.com`;
  const today = utcToday();
  const day = (/** @type {number} */ n) => addDays(today, n);

  await step('sign up and land on the first-run dashboard', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(/\/signin/);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: /find out what to set aside/i }).waitFor();
    await shoot(page, 'dashboard-first-run');
  });

  await step('set the current balance in Settings', async () => {
    await page.getByRole('link', { name: 'Settings' }).first().click();
    const balance = page.getByLabel('Current balance');
    await balance.fill('500');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. Balance is $500.00.').waitFor();
  });

  await step('add a payday through the UI, previewing its dates', async () => {
    await addPayday(page, { name: 'Acme salary', amount: '2000', start: day(3), preview: day(17) });
  });

  const bills = [
    { name: 'Rent', amount: '1500', start: day(5), repeat: 'MONTHLY' },
    { name: 'Phone', amount: '80', start: day(10), repeat: 'MONTHLY' },
    { name: 'Gym', amount: '45.50', start: day(1), repeat: 'WEEKLY' },
  ];
  for (const bill of bills) {
    await step(`add the bill "${bill.name}" through the UI`, () => addBill(page, bill));
  }

  /** @type {string} */
  let firstHeadline = '';
  await step('the dashboard headline equals the API forecast for the same session', async () => {
    await page.getByRole('link', { name: 'Home' }).first().click();
    firstHeadline = await checkHeadline(page, base);
  });

  await step('editing a bill changes the headline', async () => {
    await page.getByRole('link', { name: 'Bills' }).first().click();
    await page.getByRole('link', { name: 'Edit Rent' }).click();
    await page.getByLabel('Amount', { exact: true }).fill('1650');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('list', { name: 'Bills' }).getByText('$1,650.00').waitFor();
    await page.getByRole('link', { name: 'Home' }).first().click();
    const headline = await checkHeadline(page, base);
    assert.notEqual(headline, firstHeadline, 'the headline did not change after editing Rent');
  });

  await step('a reload keeps the user signed in', async () => {
    await page.reload();
    await page.getByTestId('headline').waitFor();
    assert.match(page.url(), /\/$/);
  });

  await step('archive, unarchive and delete (after confirmation) a bill', async () => {
    await page.getByRole('link', { name: 'Bills' }).first().click();
    await page.getByRole('link', { name: 'Add a bill' }).first().click();
    await page.getByLabel('Name').fill('Magazine');
    await page.getByLabel('Amount', { exact: true }).fill('9.99');
    await page.getByLabel('First date', { exact: true }).fill(day(400));
    await page.getByLabel('Repeats').selectOption('ONCE');
    await page.getByRole('button', { name: 'Add bill' }).click();
    const list = page.getByRole('list', { name: 'Bills' });
    await list.getByRole('heading', { name: 'Magazine', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Archive Magazine' }).click();
    await list.getByRole('heading', { name: 'Magazine', exact: true }).waitFor({ state: 'detached' });
    await page.getByLabel('Show archived bills').check();
    await page.getByRole('button', { name: 'Unarchive Magazine' }).click();
    await page.getByRole('button', { name: 'Archive Magazine' }).waitFor();
    await page.getByRole('button', { name: 'Delete Magazine' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete Magazine?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await list.getByRole('heading', { name: 'Magazine', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Delete Magazine' }).click();
    await dialog.getByRole('button', { name: 'Delete bill' }).click();
    await list.getByRole('heading', { name: 'Magazine', exact: true }).waitFor({ state: 'detached' });
    await page.getByLabel('Show archived bills').uncheck();
    assert.equal(await list.getByRole('listitem').count(), 3);
  });

  await step('an unknown bill id shows "Bill not found"', async () => {
    await page.goto(`${base}/bills/not-an-id`);
    await page.getByRole('heading', { name: 'Bill not found' }).waitFor();
    await page.goto(`${base}/bills/${'0'.repeat(24)}`);
    await page.getByRole('heading', { name: 'Bill not found' }).waitFor();
  });

  const screens = [
    { name: 'dashboard', path: '/', ready: () => page.getByTestId('headline').waitFor() },
    { name: 'forecast', path: '/forecast', ready: () => page.locator('.chart svg.recharts-surface').first().waitFor() },
    { name: 'bills', path: '/bills', ready: () => page.getByRole('list', { name: 'Bills' }).waitFor() },
    { name: 'bill-editor', path: '/bills/new', ready: () => page.getByRole('region', { name: /next dates/i }).waitFor() },
    { name: 'paydays', path: '/paydays', ready: () => page.getByRole('list', { name: 'Paydays' }).waitFor() },
    { name: 'settings', path: '/settings', ready: () => page.getByLabel('Current balance').waitFor() },
  ];
  for (const screen of screens) {
    await step(`${screen.name}: axe finds nothing serious, fits 375 px, screenshots`, async () => {
      await page.goto(`${base}${screen.path}`);
      await screen.ready();
      await checkScreen(page, screen.name);
    });
  }

  await step('the forecast expands a period to show its bills', async () => {
    await page.goto(`${base}/forecast`);
    const period = page.getByRole('region', { name: 'Pay periods' }).getByRole('article').first();
    await period.locator('summary').click();
    await period.getByText('Rent').waitFor();
  });

  await step(`time to the dashboard headline (median of ${perfRuns})`, async () => {
    perf.headlineMs = await measureHeadline(context, base, perfRuns);
  });

  await step('sign out, and the session is gone', async () => {
    await page.goto(`${base}/settings`);
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    const me = await graphql(page, base, '{ me { id } }');
    assert.equal(me.data?.me, null, `me after sign-out: ${JSON.stringify(me)}`);
    await page.goto(`${base}/`);
    await page.waitForURL(/\/signin/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  await step('sign-in and sign-up screens: axe, 375 px, screenshots', async () => {
    await checkScreen(page, 'signin');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await shoot(page, 'signin-error');
    await page.goto(`${base}/signup`);
    await page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await checkScreen(page, 'signup');
  });

  await planAndExceptions(page, base, day);

  await formsAndFeedback(context, page, base, day);

  // The dashboard engineer's steps (frontend/e2e/dashboard-steps.mjs, optional): they get the same
  // page, server and helpers as the steps above, and run before the console-error check.
  const dashboard = await import('./dashboard-steps.mjs').catch((error) => {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dashboard-steps.mjs')) return null;
    throw error;
  });
  if (dashboard?.dashboardSteps) await dashboard.dashboardSteps(makeContext(context, page, base));

  // Issue 13: holidays, the calendar page and the private calendar feed (e2e/calendar-steps.mjs).
  const { calendarSteps } = await import('./calendar-steps.mjs');
  await calendarSteps(makeContext(context, page, base));
  await step('GraphiQL runs under its own policy with the pinned, integrity-checked assets', () =>
    checkGraphiql(context, base),
  );

  await step('no console errors on any screen', async () => {
    assert.deepEqual(consoleErrors, []);
  });
}

/**
 * DESIGN's worked example, entered through the UI by a second user and shifted to today: the
 * first paycheck P1 is 6 days away (Jan 16 from Jan 10), Phone and Rent fall 15 and 16 days after
 * it (Jan 31, Feb 1), Insurance 56 days after it (Mar 13). Envelopes start empty today, so the
 * smoothed plan of P1 is Rent 750.00 + Phone 40.00 + Insurance 120.00 = 910.00.
 * @param {import('playwright-core').Page} page @param {string} base @param {(n: number) => string} day
 */
async function planAndExceptions(page, base, day) {
  const p1 = day(6);
  const p2 = day(20);
  const phoneDate = day(21);
  const rentDate = day(22);
  const insuranceDate = day(62);

  await step('plan: a second user enters DESIGN’s example through the UI', async () => {
    await page.goto(`${base}/signup`);
    await page.getByLabel('Email').fill(`e2e-plan-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: /find out what to set aside/i }).waitFor();
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.getByLabel('Current balance').fill('500');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved. Balance is $500.00.').waitFor();
    await addPayday(page, { name: 'Salary', amount: '2000', start: day(-8), preview: p1 });
    await addBill(page, { name: 'Rent', amount: '1500', start: rentDate, repeat: 'MONTHLY' });
    await addBill(page, { name: 'Phone', amount: '80', start: phoneDate, repeat: 'MONTHLY' });
    await addBill(page, { name: 'Insurance', amount: '600', start: insuranceDate, repeat: 'YEARLY' });
  });

  await step('plan: just in time, the headline shows the smoothed 910.00 as a secondary line', async () => {
    await page.getByRole('link', { name: 'Home' }).first().click();
    await checkHeadline(page, base);
    const secondary = await page.getByTestId('headline-secondary').textContent();
    assert.equal(secondary?.trim(), 'Smoothed: $910.00 from this paycheck would even out your big bills.');
  });

  await step('plan: Settings shows the balance with its date and today’s estimate', async () => {
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.getByTestId('estimated-balance').getByText('estimated today: $500.00').waitFor();
    const stated = (await page.getByTestId('stated-balance').textContent())?.trim();
    assert.equal(stated, `$500.00 on ${shortDay(day(0))}`);
  });

  await step('plan: switch to SMOOTHED in Settings (axe, 375 px, screenshots)', async () => {
    await page.getByRole('radio', { name: 'Smoothed (envelopes)' }).check();
    await checkScreen(page, 'settings-plan');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/^Saved\./).waitFor();
  });

  await step('plan: the dashboard reads "Set aside $910.00" with each bill’s envelope', async () => {
    await page.getByRole('link', { name: 'Home' }).first().click();
    await page.getByTestId('headline').getByText('$910.00').waitFor();
    const headline = (await page.getByTestId('headline').textContent())?.replace(/\s+/g, ' ').trim();
    assert.equal(headline, `Set aside $910.00 from your ${shortDay(p1)} paycheck`);
    const api = await graphql(page, base, '{ me { planMode } forecast { planDueNow periods { start plan { setAside } } } }');
    assert.equal(api.data?.me?.planMode, 'SMOOTHED');
    assert.equal(api.data?.forecast?.periods?.[0]?.plan?.setAside, '910.00', JSON.stringify(api));
    const envelopes = await page.getByRole('list', { name: 'Into your envelopes from this paycheck' }).getByRole('listitem').allTextContents();
    assert.deepEqual(
      envelopes.map((t) => t.replace(/\s+/g, ' ').trim()),
      [
        `Insurance $120.00 → $120.00 of $600.00, due ${monthDay(insuranceDate)}`,
        `Phone $40.00 → $40.00 of $80.00, due ${monthDay(phoneDate)}`,
        `Rent $750.00 → $750.00 of $1,500.00, due ${monthDay(rentDate)}`,
      ],
    );
    await page.getByTestId('headline-secondary').getByText(`Just in time, nothing is due before ${monthDay(p2)}.`).waitFor();
    await checkScreen(page, 'dashboard-smoothed');
  });

  /** The forecast's period starting on P2 (Rent and Phone fall in it), as the page shows it. */
  const secondPeriod = () => page.getByRole('region', { name: 'Pay periods' }).getByRole('article').nth(1);

  await step('exceptions: the bill page lists Rent’s upcoming dates (axe, 375 px, screenshots)', async () => {
    await page.goto(`${base}/forecast`);
    await secondPeriod().getByText('Just in time: $1,580.00').waitFor();
    await openBill(page, 'Rent');
    await page.getByRole('list', { name: 'Upcoming dates of Rent' }).waitFor();
    await page.getByRole('button', { name: `Skip ${shortDay(rentDate)}` }).waitFor();
    await checkScreen(page, 'bill-page');
  });

  await step('exceptions: skip Rent’s next date, and the forecast changes', async () => {
    await page.getByRole('button', { name: `Skip ${shortDay(rentDate)}` }).click();
    const undo = page.getByRole('button', { name: `Undo skipping ${shortDay(rentDate)}` });
    await undo.waitFor();
    await page.getByRole('status').getByText(`Skipped ${shortDay(rentDate)}. Undo brings it back.`).waitFor();
    assert.ok(await undo.evaluate((el) => el === document.activeElement), 'focus is not on Undo after skipping');
    await shoot(page, 'bill-page-skipped');
    await page.getByRole('link', { name: 'Forecast' }).first().click();
    await secondPeriod().getByText('Just in time: $80.00').waitFor();
    const api = await graphql(page, base, '{ forecast { periods { start setAside bills { date bill { name } } } } }');
    const period = api.data.forecast.periods[1];
    assert.equal(period.start, p2);
    assert.equal(period.setAside, '80.00');
    assert.ok(!period.bills.some((/** @type {any} */ b) => b.bill.name === 'Rent'), 'Rent is still in the period');
  });

  await step('exceptions: move Phone and re-price Rent; the forecast marks both', async () => {
    await openBill(page, 'Phone');
    await page.getByRole('button', { name: `Move ${shortDay(phoneDate)}` }).click();
    await page.getByLabel(`New date for ${shortDay(phoneDate)}`).fill(day(19));
    await checkScreen(page, 'bill-move-editor');
    await page.getByRole('button', { name: 'Save date' }).click();
    await page.getByText(`${shortDay(phoneDate)} moved to ${shortDay(day(19))}.`).waitFor();

    await openBill(page, 'Rent');
    const change = page.getByRole('button', { name: /^Change amount for / }).first();
    const label = (await change.getAttribute('aria-label')) ?? '';
    const secondRent = label.replace('Change amount for ', '');
    await change.click();
    await page.getByLabel(`Amount for ${secondRent}`).fill('1550');
    await checkScreen(page, 'bill-amount-editor');
    await page.getByRole('button', { name: 'Save amount' }).click();
    await page.getByText(`${secondRent} is now $1,550.00.`).waitFor();

    await page.getByRole('link', { name: 'Forecast' }).first().click();
    const periods = page.getByRole('region', { name: 'Pay periods' });
    const first = periods.getByRole('article').first();
    await first.locator('summary').click();
    await first.getByText(`moved from ${monthDay(phoneDate)}`).waitFor();
    const repriced = periods.getByRole('article').filter({ hasText: 'changed amount' });
    await repriced.locator('summary').click();
    await repriced.getByText('changed amount').waitFor();
    await repriced.getByText('$1,550.00').first().waitFor();
    await checkScreen(page, 'forecast-marked');
  });

  await step('exceptions: Undo brings Rent’s skipped date back into the forecast', async () => {
    await openBill(page, 'Rent');
    await page.getByRole('button', { name: `Undo skipping ${shortDay(rentDate)}` }).click();
    await page.getByRole('button', { name: `Skip ${shortDay(rentDate)}` }).waitFor();
    await page.getByRole('link', { name: 'Forecast' }).first().click();
    await secondPeriod().getByText('Just in time: $1,500.00').waitFor();
  });

  await step('exceptions: the payday page lists the pay dates, with the move editor (axe, 375 px)', async () => {
    await page.getByRole('link', { name: 'Paydays' }).first().click();
    await page.getByRole('link', { name: 'Edit Salary' }).click();
    await page.getByRole('list', { name: 'Upcoming dates of Salary' }).waitFor();
    await checkScreen(page, 'payday-page');
    await page.getByRole('button', { name: `Move ${shortDay(p1)}` }).click();
    await page.getByLabel(`New date for ${shortDay(p1)}`).waitFor();
    await checkScreen(page, 'payday-move-editor');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: `Move ${shortDay(p1)}` }).waitFor();
  });
}

/**
 * Issue 12, the forms: first-run balance with the device's timezone (3), amounts as typed and
 * errors beside the button (4), schedule words (6), feedback after actions (7), privacy after
 * sign-out (8), variable and paused bills (9) — each with axe, 375 px and screenshots.
 * @param {import('playwright-core').BrowserContext} context @param {import('playwright-core').Page} page
 * @param {string} base @param {(n: number) => string} day
 */
async function formsAndFeedback(context, page, base, day) {
  const email = `e2e-forms-${Date.now()}@example.com`;

  await step('first run: today’s balance, with the timezone from this device (axe, 375 px)', async () => {
    await page.goto(`${base}/settings`);
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    await signUp(page, base, email);
    // The device is in Chicago. The context's timezone is fixed to UTC (CDP refuses a second
    // override), so this one tab reports Chicago, the way the browser API would there.
    const tab = await context.newPage();
    watchConsole(tab);
    await tab.addInitScript(() => {
      const resolved = Intl.DateTimeFormat.prototype.resolvedOptions;
      Intl.DateTimeFormat.prototype.resolvedOptions = function () {
        return { ...resolved.call(this), timeZone: 'America/Chicago' };
      };
    });
    await tab.goto(`${base}/settings`);
    await tab.getByRole('link', { name: 'Enter today’s balance' }).click();
    await tab.getByRole('heading', { name: 'What’s in your account today?' }).waitFor();
    assert.equal(await tab.getByLabel('Your timezone').inputValue(), 'America/Chicago');
    await tab.getByText('From this device.').waitFor();
    await tab.getByRole('button', { name: 'Save balance' }).click();
    await tab.getByRole('alert').getByText('Couldn’t save: fix the field marked above.').waitFor();
    assert.ok(await tab.getByLabel('Balance today').evaluate((el) => el === document.activeElement), 'focus is not on the balance');
    await tab.getByLabel('Balance today').fill('$1,400.50');
    await tab.getByRole('alert').waitFor({ state: 'detached' });
    await checkScreen(tab, 'balance-first-run');
    await tab.getByRole('button', { name: 'Save balance' }).click();
    await tab.waitForURL(`${base}/`);
    const me = await graphql(tab, base, '{ me { balance timezone } }');
    assert.deepEqual(me.data?.me, { balance: '1400.50', timezone: 'America/Chicago' });
    await tab.close();
  });

  await step('amounts as typed: a failed submit focuses the first error, says so by the button, and clears when fixed', async () => {
    await page.goto(`${base}/bills/new`);
    const amount = page.getByLabel('Amount', { exact: true });
    assert.match((await amount.getAttribute('aria-describedby')) ?? '', /\S/);
    await page.getByText('If it varies, enter the highest usual amount.').waitFor();
    await amount.fill('lots');
    await page.getByRole('button', { name: 'Add bill' }).click();
    await page.getByRole('alert').getByText('Couldn’t save: fix the 2 fields marked above.').waitFor();
    assert.ok(await page.getByLabel('Name').evaluate((el) => el === document.activeElement), 'focus is not on Name');
    await checkScreen(page, 'bill-form-errors');
    await page.getByLabel('Name').fill('Rent');
    await page.getByText('Give the bill a name.').waitFor({ state: 'detached' });
    await amount.fill('$1,400');
    await page.getByRole('alert').waitFor({ state: 'detached' });
    await page.getByLabel('First date', { exact: true }).fill(day(10));
    await page.getByRole('button', { name: 'Add bill' }).click();
    await page.getByRole('status').getByText('Added Rent.').waitFor();
    const heading = page.getByRole('list', { name: 'Bills' }).getByRole('heading', { name: 'Rent' });
    await page.waitForFunction(() => document.activeElement?.classList.contains('item-name'));
    assert.ok(await heading.evaluate((el) => el === document.activeElement), 'focus is not on the new bill');
    for (const [typed, name] of [['15,49', 'Streaming'], ['$65', 'Phone'], ['1,400.50', 'Car']]) {
      await page.goto(`${base}/bills/new`);
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Amount', { exact: true }).fill(typed);
      await page.getByLabel('First date', { exact: true }).fill(day(name === 'Phone' ? 3 : 20));
      await page.getByRole('button', { name: 'Add bill' }).click();
      await page.getByRole('status').getByText(`Added ${name}.`).waitFor();
    }
    const bills = await graphql(page, base, '{ bills { name amount } }');
    const amounts = Object.fromEntries(bills.data.bills.map((/** @type {any} */ b) => [b.name, b.amount]));
    assert.deepEqual(amounts, { Rent: '1400.00', Streaming: '15.49', Phone: '65.00', Car: '1400.50' });
  });

  await step('schedule words: a payday asks for one of its dates and reads "every other Friday" back', async () => {
    const friday = nextWeekday(day(1), 5);
    await page.goto(`${base}/paydays/new`);
    await page.getByLabel('Name').fill('Salary');
    await page.getByLabel('Net pay').fill('2,000');
    await page.getByLabel('One of your paydays (e.g. the next one)').fill(friday);
    const preview = page.getByRole('region', { name: /next dates/i });
    await preview.getByText('Every other Friday', { exact: true }).waitFor();
    await preview.getByText(longDate(friday)).waitFor();
    await checkScreen(page, 'payday-form-words');
    await page.getByRole('button', { name: 'Add payday' }).click();
    await page.getByRole('status').getByText('Added Salary.').waitFor();
  });

  await step('schedule words: every 6 months, "Specific days" from the bill’s day, "On a date" without an early error', async () => {
    const start = day(10);
    const dayOfMonth = Number(start.slice(8));
    const suffix = [11, 12, 13].includes(dayOfMonth) ? 'th' : (['th', 'st', 'nd', 'rd'][dayOfMonth % 10] ?? 'th');
    const ordinal = `${dayOfMonth}${suffix}`;
    await page.goto(`${base}/bills/new`);
    await page.getByLabel('First date', { exact: true }).fill(start);
    await page.getByLabel('Every', { exact: true }).fill('6');
    await page.getByLabel(`The ${ordinal}, every 6 months`).waitFor();
    await page.getByRole('region', { name: /next dates/i }).getByText(`The ${ordinal}, every 6 months`).waitFor();
    await page.getByLabel(/specific days/i).check();
    assert.equal(await page.getByLabel('Day 1', { exact: true }).inputValue(), String(dayOfMonth));
    await page.getByLabel('On a date').check();
    await page.getByLabel('Last date').waitFor();
    assert.equal(await page.getByText('Choose an end date.').count(), 0, '"On a date" shows an error before anything is typed');
    assert.notEqual(await page.getByLabel('Last date').getAttribute('aria-invalid'), 'true');
    await checkScreen(page, 'bill-form-schedule-words');
  });

  await step('leaving an edited form asks before discarding it', async () => {
    await page.getByLabel('Name').fill('Half-typed');
    await page.getByRole('link', { name: '← Bills' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Discard your changes?' });
    await dialog.waitFor();
    await shoot(page, 'discard-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.match(page.url(), /\/bills\/new$/);
    await page.getByRole('link', { name: '← Bills' }).click();
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    await page.waitForURL(`${base}/bills`);
  });

  await step('lists: sorted by next due date; archiving reads "Paused — not in forecasts" with Undo (axe, 375 px)', async () => {
    const list = page.getByRole('list', { name: 'Bills' });
    await list.waitFor();
    assert.equal(await page.getByLabel('Sort by').inputValue(), 'next');
    const order = await list.locator('.item-name').evaluateAll((els) => els.map((e) => e.firstChild?.textContent));
    assert.deepEqual(order, ['Phone', 'Rent', 'Car', 'Streaming']);
    await page.getByLabel('Sort by').selectOption('amount');
    // The list re-sorts on the next render: wait for it (a read right away can see the old order).
    await page.waitForURL(/[?&]sort=amount/);
    await page
      .waitForFunction(() => document.querySelector('ul[aria-label="Bills"] .item-name')?.firstChild?.textContent === 'Car')
      .catch(() => {});
    const byAmount = await list.locator('.item-name').evaluateAll((els) => els.map((e) => e.firstChild?.textContent));
    assert.deepEqual(byAmount, ['Car', 'Rent', 'Phone', 'Streaming']);
    await page.getByLabel('Sort by').selectOption('next');
    await page.getByRole('button', { name: 'Archive Car' }).click();
    await page.getByRole('status').getByText('Archived Car: paused, not in forecasts.').waitFor();
    const undo = page.getByRole('button', { name: 'Undo archiving Car' });
    await page.waitForFunction(() => document.activeElement?.id === 'bills-undo');
    await page.getByLabel('Show archived bills').check();
    const car = list.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^Car/ }) });
    await car.getByText('Paused — not in forecasts').waitFor();
    assert.equal(await car.getByText(/next due/i).count(), 0, 'an archived bill shows a next due date');
    await checkScreen(page, 'bills-archived-undo');
    await undo.click();
    await page.getByRole('status').getByText('Car is back in your forecasts.').waitFor();
    await page.getByLabel('Show archived bills').uncheck();
  });

  await step('paused bills: "pause from … to …" skips those dates in one step and shows them as paused (axe, 375 px)', async () => {
    await openBill(page, 'Streaming');
    const pause = page.getByRole('region', { name: 'Pause for a while' });
    await pause.getByLabel('Pause from').fill(day(0));
    await pause.getByLabel('to').fill(day(100));
    await pause.getByRole('button', { name: 'Pause Streaming' }).click();
    const done = pause.getByText(/^Paused Streaming from .*: \d+ dates skipped\.$/);
    await done.waitFor();
    const count = Number((await done.textContent())?.match(/(\d+) dates/)?.[1]);
    assert.ok(count >= 3, `only ${count} dates paused`);
    const upcoming = page.getByRole('list', { name: 'Upcoming dates of Streaming' });
    await upcoming.getByText('Paused', { exact: true }).nth(count - 1).waitFor();
    const api = await graphql(page, base, `{ bills { name exceptions { date skip } occurrences(from: "${day(0)}", to: "${day(100)}") } }`);
    const streaming = api.data.bills.find((/** @type {any} */ b) => b.name === 'Streaming');
    assert.deepEqual(streaming.occurrences, []);
    assert.equal(streaming.exceptions.filter((/** @type {any} */ e) => e.skip).length, count);
    await checkScreen(page, 'bill-paused');
  });

  await step('privacy: sign in, view the dashboard, sign out, press Back — the balance is not visible', async () => {
    await page.goto(`${base}/settings`);
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
    await page.getByRole('main').getByRole('heading').first().waitFor();
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.getByTestId('stated-balance').getByText('$1,400.50').waitFor();
    await page.getByRole('main').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    for (let back = 0; back < 2; back += 1) {
      await page.goBack();
      await page.waitForLoadState('load');
      await page.waitForTimeout(400);
      const text = (await page.locator('body').textContent()) ?? '';
      assert.ok(!text.includes('1,400.50'), `the balance is visible after sign-out and Back ×${back + 1}: ${page.url()}`);
    }
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const cacheControl = await page.request.get(`${base}/`).then((r) => r.headers()['cache-control']);
    console.log(`    Cache-Control of /: ${cacheControl}`);
  });
}

/** The first date on or after `date` that falls on `weekday` (0 = Sunday). @param {string} date @param {number} weekday */
function nextWeekday(date, weekday) {
  const current = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, (weekday - current + 7) % 7);
}

/**
 * Adds a bill through the form. @param {import('playwright-core').Page} page
 * @param {{ name: string, amount: string, start: string, repeat: string }} bill
 */
async function addBill(page, bill) {
  await page.getByRole('link', { name: 'Bills' }).first().click();
  await page.getByRole('link', { name: /^Add (a|your first) bill$/ }).first().click();
  await page.getByLabel('Name').fill(bill.name);
  await page.getByLabel('Amount', { exact: true }).fill(bill.amount);
  await page.getByLabel('First date', { exact: true }).fill(bill.start);
  await page.getByLabel('Repeats').selectOption(bill.repeat);
  await page.getByRole('button', { name: 'Add bill' }).click();
  await page.getByRole('list', { name: 'Bills' }).getByRole('heading', { name: bill.name }).waitFor();
}

/**
 * Adds a payday (every 2 weeks, the form's default) and waits for `preview` in its date preview.
 * @param {import('playwright-core').Page} page
 * @param {{ name: string, amount: string, start: string, preview: string }} payday
 */
async function addPayday(page, payday) {
  await page.getByRole('link', { name: 'Paydays' }).first().click();
  await page.getByRole('link', { name: /^Add (a|your) payday$/ }).first().click();
  await page.getByLabel('Name').fill(payday.name);
  await page.getByLabel('Net pay').fill(payday.amount);
  await page.getByLabel('One of your paydays (e.g. the next one)').fill(payday.start);
  await page.getByRole('region', { name: /next dates/i }).getByText(longDate(payday.preview)).waitFor();
  await page.getByRole('button', { name: 'Add payday' }).click();
  await page.getByRole('list', { name: 'Paydays' }).getByText(payday.name).waitFor();
}

/** Opens a bill's page from the list. @param {import('playwright-core').Page} page @param {string} name */
async function openBill(page, name) {
  await page.getByRole('link', { name: 'Bills' }).first().click();
  await page.getByRole('link', { name: `Edit ${name}` }).click();
  await page.getByRole('list', { name: `Upcoming dates of ${name}` }).waitFor();
}

const perf = { headlineMs: /** @type {number[]} */ ([]) };

/**
 * What other step files (e2e/dashboard-steps.mjs) get: the page, the server's base URL and the
 * helpers run.mjs uses for its own steps.
 * @param {import('playwright-core').BrowserContext} context @param {import('playwright-core').Page} page @param {string} base
 */
function makeContext(context, page, base) {
  const today = utcToday();
  return {
    context,
    page,
    base,
    today,
    /** today (UTC) + n days, `YYYY-MM-DD` */ day: (/** @type {number} */ n) => addDays(today, n),
    assert,
    step,
    shoot: (/** @type {string} */ name, both = true) => shoot(page, name, both),
    checkScreen: (/** @type {string} */ name) => checkScreen(page, name),
    axe: (/** @type {string} */ where) => axe(page, where),
    graphql: (/** @type {string} */ query) => graphql(page, base, query),
    checkHeadline: () => checkHeadline(page, base),
    signUp: (/** @type {string} */ prefix = 'e2e-dash') => signUp(page, base, `${prefix}-${Date.now()}@example.com`),
    addBill: (/** @type {{ name: string, amount: string, start: string, repeat: string }} */ bill) => addBill(page, bill),
    addPayday: (/** @type {{ name: string, amount: string, start: string, preview: string }} */ p) => addPayday(page, p),
    openBill: (/** @type {string} */ name) => openBill(page, name),
    addDays,
    shortDay,
    monthDay,
    longDate,
    consoleErrors,
    MOBILE,
    DESKTOP,
  };
}

/**
 * Signs up a new user and waits for the first-run dashboard. @param {import('playwright-core').Page} page
 * @param {string} base @param {string} email
 */
async function signUp(page, base, email) {
  await page.goto(`${base}/signup`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: /find out what to set aside/i }).waitFor();
  return email;
}

// ---------- checks ----------

/**
 * Reads the headline and compares it with the forecast the API returns for the same session.
 * @param {import('playwright-core').Page} page @param {string} base
 */
async function checkHeadline(page, base) {
  const headline = page.getByTestId('headline');
  await headline.waitFor();
  const response = await graphql(
    page,
    base,
    `{ me { currency } forecast { dueBeforeNextPayday periods { start end setAside bills { date } } } }`,
  );
  assert.ok(!response.errors, `forecast query failed: ${JSON.stringify(response.errors)}`);
  const { me, forecast } = response.data;
  const first = forecast.periods[0];
  assert.ok(first, 'the API forecast has no period');
  const count = first.bills.length;
  const money = (/** @type {string} */ amount) =>
    new Intl.NumberFormat('en-US', { style: 'currency', currency: me.currency }).format(/** @type {any} */ (amount));
  const expected =
    count === 0
      ? `Nothing to set aside from your ${shortDay(first.start)} paycheck: no bills are due before ${monthDay(addDays(first.end, 1))}`
      : `Set aside ${money(first.setAside)} from your ${shortDay(first.start)} paycheck for ${count} ${count === 1 ? 'bill' : 'bills'} due before ${monthDay(addDays(first.end, 1))}`;
  await page.waitForFunction(
    (text) => document.querySelector('[data-testid="headline"]')?.textContent?.replace(/\s+/g, ' ').trim() === text,
    expected,
    { timeout: 10_000 },
  ).catch(() => {});
  const actual = (await headline.textContent())?.replace(/\s+/g, ' ').trim();
  assert.equal(actual, expected);
  const due = (await page.getByTestId('due-before-next-payday').textContent())?.trim();
  assert.equal(due, money(forecast.dueBeforeNextPayday));
  console.log(`    headline: ${actual}`);
  return expected;
}

/**
 * axe-core (serious/critical fail), no horizontal scroll at 375 px, screenshots at both widths.
 * @param {import('playwright-core').Page} page @param {string} name
 */
async function checkScreen(page, name) {
  await page.setViewportSize(MOBILE);
  await page.waitForTimeout(150);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${name} scrolls horizontally by ${overflow}px at 375 px`);
  await axe(page, `${name} at 375 px`);
  await shoot(page, `${name}-375`, false);
  await page.setViewportSize(DESKTOP);
  await page.waitForTimeout(150);
  await axe(page, `${name} at desktop width`);
  await shoot(page, `${name}-desktop`, false);
}

/** @param {import('playwright-core').Page} page @param {string} where */
async function axe(page, where) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // Evaluated through DevTools, not added as a <script>: the app's policy (script-src 'self')
    // refuses inline scripts, as it should.
    await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  }
  /** @type {{ id: string, impact: string, help: string, targets: string[] }[]} */
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((/** @type {any} */ v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((/** @type {any} */ n) => n.target.join(' ')),
    }));
  });
  const minor = violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
  for (const v of minor) console.log(`    axe (${v.impact}) ${where}: ${v.id} — ${v.help} [${v.targets.join(', ')}]`);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    serious.map((v) => `${v.impact} ${v.id}: ${v.help} [${v.targets.join(', ')}]`),
    [],
    `axe violations on ${where}`,
  );
}

/**
 * Navigation start → headline in the DOM and visible, in fresh tabs with the HTTP cache off.
 * @param {import('playwright-core').BrowserContext} context @param {string} base @param {number} runs
 */
async function measureHeadline(context, base, runs) {
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const page = await context.newPage();
    watchConsole(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.addInitScript(() => {
      const observer = new MutationObserver(() => {
        const el = document.querySelector('[data-testid="headline"]');
        if (el && el.getBoundingClientRect().height > 0) {
          // @ts-expect-error a test-only global
          window.__headlineAt = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${base}/`);
    await page.getByTestId('headline').waitFor();
    // @ts-expect-error a test-only global
    const at = await page.waitForFunction(() => window.__headlineAt).then((h) => h.jsonValue());
    times.push(Math.round(Number(at)));
    await page.close();
  }
  console.log(`    runs (ms): ${times.join(', ')}`);
  return times;
}

// ---------- helpers ----------

/** @param {string} name @param {() => Promise<void>} fn */
async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    results.push({ name, ok: false, error: message });
    console.log(`  ✗ ${name}\n    ${message.split('\n').join('\n    ')}`);
  }
}

/** @param {import('playwright-core').Page} page */
function watchConsole(page) {
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
}

/** @param {import('playwright-core').Page} page @param {string} name */
async function shoot(page, name, both = true) {
  if (!both) {
    await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
    return;
  }
  const size = page.viewportSize() ?? DESKTOP;
  await page.setViewportSize(MOBILE);
  await page.screenshot({ path: join(artifacts, `${name}-375.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(artifacts, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(size);
}

/** POST /graphql with the page's own cookies. @param {import('playwright-core').Page} page @param {string} base @param {string} query */
async function graphql(page, base, query) {
  const response = await page.request.post(`${base}/graphql`, { data: { query } });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`POST /graphql ${response.status()}: ${text.slice(0, 300)}`);
  }
}

function utcToday() {
  return new Date().toISOString().slice(0, 10);
}

/** @param {string} date @param {number} days */
function addDays(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** @param {string} date @param {Intl.DateTimeFormatOptions} options */
function fmt(date, options) {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).format(new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d)));
}
const shortDay = (/** @type {string} */ date) => fmt(date, { weekday: 'short', month: 'short', day: 'numeric' });
const monthDay = (/** @type {string} */ date) => fmt(date, { month: 'short', day: 'numeric' });
const longDate = (/** @type {string} */ date) => fmt(date, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** @param {{ port: number, temp: string }} options */
function startServer({ port, temp }) {
  const log = createWriteStream(join(artifacts, 'server.log'));
  const child = spawn(serverBin, ['serve'], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: process.env.E2E_DATABASE_URL || `sqlite://${join(temp, 'e2e.db')}`,
      STATIC_DIR: staticDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  return child;
}

/** @param {string} base @param {import('node:child_process').ChildProcess} server */
async function waitForServer(base, server) {
  const deadline = Date.now() + 60_000;
  for (const path of ['/healthz', '/readyz']) {
    for (;;) {
      if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}; see e2e/artifacts/server.log`);
      const status = await fetch(`${base}${path}`).then((r) => r.status, () => 0);
      if (status === 200) break;
      if (Date.now() > deadline) throw new Error(`GET ${path} did not answer 200 within 60 s (last: ${status})`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  console.log(`  server ready at ${base}`);
}

/** @param {import('node:child_process').ChildProcess} server */
async function stopServer(server) {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function writePerf() {
  const size = JSON.parse(execFileSync(process.execPath, [join(frontend, 'scripts', 'bundle-size.mjs'), '--json']).toString());
  const sorted = [...perf.headlineMs].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : NaN;
  const kb = (size.gzipBytes / 1024).toFixed(1);
  console.log(`  initial JS: ${kb} KB gzipped (budget ${size.budgetKb} KB)`);
  console.log(`  navigation → dashboard headline: median ${median} ms over ${sorted.length} runs`);
  if (sorted.length === 0) return;
  writeFileSync(
    join(frontend, 'e2e', 'artifacts', 'PERF.md'),
    `# Frontend performance

Measured by \`npm run e2e\` (frontend/e2e/run.mjs) on ${new Date().toISOString().slice(0, 10)}: headless Chromium
${chromiumVersion()}, the real server (\`target/debug/wisewallet\`, a debug build) on loopback, HTTP cache
disabled, a signed-in user with 1 payday and 3 bills.

| metric | value | budget |
|---|---|---|
| initial JS (entry + static imports), gzipped | ${kb} KB (${(size.rawBytes / 1024).toFixed(1)} KB raw) | 200 KB |
| navigation start → dashboard headline visible, median of ${sorted.length} | ${median} ms | — |

Runs (ms): ${perf.headlineMs.join(', ')}. Initial files: ${size.files.map((/** @type {string} */ f) => `\`${f}\``).join(', ')}.
The balance chart (recharts) is a lazy chunk and not part of the initial JS.
`,
  );
}

function chromiumVersion() {
  try {
    return execFileSync(chromiumPath, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return '(version unknown)';
  }
}

let fatal = /** @type {unknown} */ (null);
try {
  await main();
} catch (error) {
  fatal = error;
  results.push({ name: 'e2e setup', ok: false, error: String(error) });
  console.log(`  ✗ ${error instanceof Error ? error.message : String(error)}`);
}
if (perf.headlineMs.length > 0) {
  try {
    writePerf();
  } catch (error) {
    console.log(`  (could not write PERF.md: ${error})`);
  }
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || fatal ? 1 : 0);
