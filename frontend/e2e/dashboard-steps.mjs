// Issue 12, "The answer a person can trust at a glance", end to end. run.mjs calls
// `dashboardSteps(ctx)` after its own steps, with the context made by its makeContext().
//
// A new user with $732.18, Rent $1,400.00 due in 2 days and a biweekly payday of $1,500.00 in 5
// days (the Sun Nov 29 → Tue Dec 1 → Fri Dec 4, shifted to today) reads on the dashboard
// "You're $667.82 short before your next payday — Rent $1,400.00 on …" with Rent listed beneath
// and what to do; a later period that runs short (Car insurance) says so in words; the forecast
// says what it covers ("through … — the end of the last pay period"), captions its chart and
// gives it a table; no word is split across lines at 375 px; axe, 375 px and screenshots.

import assert from 'node:assert/strict';

/**
 * @typedef {{
 *   context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, base: string, day: (n: number) => string,
 *   step: (name: string, fn: () => Promise<void>) => Promise<void>,
 *   shoot: (name: string, both?: boolean) => Promise<void>, checkScreen: (name: string) => Promise<void>,
 *   graphql: (query: string) => Promise<any>, signUp: (prefix?: string) => Promise<string>,
 *   shortDay: (date: string) => string, longDate: (date: string) => string, consoleErrors: string[],
 *   MOBILE: { width: number, height: number }, DESKTOP: { width: number, height: number },
 * }} Ctx
 */

/** @param {Ctx} ctx */
export async function dashboardSteps(ctx) {
  const { page, base, day, step, graphql, shortDay } = ctx;
  const rentDay = day(2);
  const payday = day(5);
  const electricityDay = day(11);
  const carDay = day(20);
  const errorsBefore = ctx.consoleErrors.length;

  /** @param {string} mutation */
  const mutate = async (mutation) => {
    const response = await graphql(mutation);
    assert.ok(!response.errors, `${mutation.slice(0, 60)}…: ${JSON.stringify(response.errors)}`);
    return response.data;
  };

  await step('shortfall: a new user with $732.18, Rent $1,400.00 before a biweekly payday (through the API)', async () => {
    // Whoever the earlier steps left signed in, start as a visitor.
    await ctx.context.clearCookies();
    await ctx.signUp('e2e-shortfall');
    await mutate(`mutation { updateSettings(input: { balance: "732.18" }) { balance } }`);
    await mutate(
      `mutation { createPayday(input: { name: "Paycheck", amount: "1500", schedule: { start: "${payday}", frequency: WEEKLY, interval: 2 } }) { id } }`,
    );
    await mutate(
      `mutation { createBill(input: { name: "Rent", amount: "1400", schedule: { start: "${rentDay}", frequency: MONTHLY } }) { id } }`,
    );
    await mutate(
      `mutation { createBill(input: { name: "Electricity", amount: "195.49", schedule: { start: "${electricityDay}", frequency: MONTHLY } }) { id } }`,
    );
    await mutate(
      `mutation { createBill(input: { name: "Car insurance", amount: "2400", schedule: { start: "${carDay}", frequency: YEARLY } }) { id } }`,
    );
    const api = await graphql('{ forecast { shortfallBeforeNextPayday lowestBalance { balance } periods { start shortfall } } }');
    assert.equal(api.data?.forecast?.shortfallBeforeNextPayday, '667.82', JSON.stringify(api));
  });

  await step('shortfall: the dashboard leads with "You\'re $667.82 short" and lists Rent beneath', async () => {
    await page.setViewportSize(ctx.MOBILE);
    await page.goto(`${base}/`);
    const headline = page.getByTestId('headline');
    await headline.getByText('$667.82').waitFor();
    const text = (await headline.textContent())?.replace(/\s+/g, ' ').trim();
    assert.equal(text, `You're $667.82 short before your next payday — Rent $1,400.00 on ${shortDay(rentDay)}`);
    const due = page.getByRole('region', { name: 'This paycheck' }).getByRole('list', { name: 'Due before your next payday' });
    const rows = (await due.getByRole('listitem').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.deepEqual(rows, [`${shortDay(rentDay)}Rent$1,400.00`]);
    const steps = (await page.locator('.what-to-do li').allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.equal(steps[0], `Move $667.82 into this account before ${shortDay(rentDay)} — or move Rent’s date on its page.`);
    assert.match(steps[1] ?? '', new RegExp(`^From your ${shortDay(payday)} paycheck, set aside \\$195\\.49 .* plus \\$667\\.82 to refill the gap: \\$863\\.31 in all\\.$`));
  });

  await step('shortfall: a period card that runs short says so in words', async () => {
    const short = page.getByTestId('period-shortfall').first();
    await short.waitFor();
    const text = (await short.textContent())?.replace(/\s+/g, ' ').trim() ?? '';
    assert.match(text, /^\$[\d,]+\.\d\d short before [A-Z][a-z]{2} \d{1,2}: your balance goes below zero on /);
    assert.ok(text.includes('Car insurance $2,400.00'), text);
  });

  await step('shortfall: no word breaks inside itself on the dashboard at 375 px; axe, 375 px, screenshots', async () => {
    await page.setViewportSize(ctx.MOBILE);
    await openAllDetails(page);
    await assertWordsWhole(ctx, 'dashboard');
    await ctx.checkScreen('dashboard-shortfall');
  });

  await step('forecast: says what it covers, captions the chart and gives it a table', async () => {
    await page.setViewportSize(ctx.MOBILE);
    await page.goto(`${base}/forecast`);
    await page.locator('.chart svg.recharts-surface').first().waitFor();
    const api = await graphql('{ forecast { from periods { end } } }');
    const periods = api.data.forecast.periods;
    const through = periods[periods.length - 1].end;
    // The page names the year only when the forecast crosses into another one.
    const date = (/** @type {string} */ d) => (api.data.forecast.from.slice(0, 4) === through.slice(0, 4) ? shortDay(d) : ctx.longDate(d));
    const span = (await page.getByTestId('forecast-span').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
    assert.ok(span.includes(`through ${date(through)} — the end of the last pay period`), span);
    await page.getByRole('heading', { name: `Totals through ${date(through)}` }).waitFor();
    const caption = (await page.locator('figure.chart-figure figcaption').textContent())?.replace(/\s+/g, ' ').trim();
    assert.equal(caption, `Your balance at the end of each day through ${date(through)}, if you spend nothing beyond these bills.`);
    const low = (await page.getByTestId('chart-low').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
    assert.match(low, /^Lowest: -\$[\d,]+\.\d\d on [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2} — after /);
    const table = page.getByRole('table', { name: 'Balance at the end of each day something happens' });
    assert.ok((await table.getByRole('row').count()) >= 5, 'the chart table has too few rows');
    await table.getByRole('cell', { name: 'Rent −$1,400.00' }).first().waitFor({ state: 'attached' });
    const box = await page.locator('.visually-hidden:has(> table)').boundingBox();
    assert.ok(box && box.width <= 1 && box.height <= 1, `the chart table is visible: ${JSON.stringify(box)}`);
    assert.equal(await page.locator('.chart').getAttribute('aria-hidden'), 'true');
  });

  await step('forecast: the "Lowest" label covers neither axis, at 375 px and desktop width', async () => {
    for (const size of [ctx.MOBILE, ctx.DESKTOP]) {
      await page.setViewportSize(size);
      await page.waitForTimeout(200);
      const overlap = await page.evaluate(() => {
        const label = [...document.querySelectorAll('.chart svg text')].find((t) => t.textContent === 'Lowest');
        if (!label) return 'no "Lowest" label';
        const l = label.getBoundingClientRect();
        const svg = document.querySelector('.chart svg.recharts-surface')?.getBoundingClientRect();
        const hits = [];
        for (const axis of document.querySelectorAll('.chart .recharts-cartesian-axis')) {
          for (const part of axis.querySelectorAll('text, line')) {
            const r = part.getBoundingClientRect();
            if (l.left < r.right && r.left < l.right && l.top < r.bottom && r.top < l.bottom) hits.push(part.textContent || part.tagName);
          }
        }
        if (svg && (l.left < svg.left || l.right > svg.right || l.top < svg.top)) hits.push('outside the chart');
        return hits.length ? `"Lowest" overlaps ${hits.join(', ')}` : null;
      });
      assert.equal(overlap, null, `${overlap} at ${size.width} px`);
    }
  });

  await step('forecast: no word breaks inside itself at 375 px; axe, 375 px, screenshots', async () => {
    await page.setViewportSize(ctx.MOBILE);
    await openAllDetails(page);
    await assertWordsWhole(ctx, 'forecast');
    await ctx.checkScreen('forecast-shortfall');
  });

  await step('shortfall: no console errors on these screens', async () => {
    assert.deepEqual(ctx.consoleErrors.slice(errorsBefore), []);
  });
}

/** Opens every period's details so their rows are laid out (and checked). @param {import('playwright-core').Page} page */
async function openAllDetails(page) {
  await page.evaluate(() => {
    for (const details of document.querySelectorAll('main details')) details.setAttribute('open', '');
  });
  await page.waitForTimeout(100);
}

/**
 * Fails when a visible word in <main> is rendered on two lines (split inside itself), and when the
 * headline or a card allows such splits (`overflow-wrap: anywhere`, `word-break: break-all`).
 * A "word" runs between spaces and hyphens/dashes/slashes, where breaking is expected.
 * @param {Ctx} ctx @param {string} where
 */
async function assertWordsWhole(ctx, where) {
  const { page } = ctx;
  const broken = await page.evaluate(() => {
    /** @type {string[]} */
    const found = [];
    const main = document.querySelector('main') ?? document.body;
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!parent || !text.trim() || parent.closest('svg, .visually-hidden, [aria-hidden="true"]')) continue;
      const style = getComputedStyle(parent);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      for (const match of text.matchAll(/[^\s\-‐–—/]+/g)) {
        if (match[0].length < 2) continue;
        const range = document.createRange();
        range.setStart(node, match.index ?? 0);
        range.setEnd(node, (match.index ?? 0) + match[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) found.push(`"${match[0]}" in <${parent.tagName.toLowerCase()} class="${parent.className}">`);
      }
    }
    for (const el of document.querySelectorAll('[data-testid="headline"], main .card, main .hero')) {
      const s = getComputedStyle(el);
      if (s.overflowWrap === 'anywhere' || s.wordBreak === 'break-all' || s.wordBreak === 'break-word' || s.hyphens === 'auto') {
        found.push(`<${el.tagName.toLowerCase()} class="${el.className}"> allows splitting words (${s.overflowWrap}, ${s.wordBreak}, ${s.hyphens})`);
      }
    }
    return found;
  });
  assert.deepEqual(broken, [], `${where}: words split across lines at 375 px`);
}
