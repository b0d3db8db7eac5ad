// GraphiQL (GET /graphql) in Chromium, under the server's own Content-Security-Policy, with the
// pinned assets it names (src/graphiql.rs). The browser tests have no internet, so the npm
// packages of those exact versions are fetched once with `npm pack` (cached in
// node_modules/.cache/wisewallet-graphiql) and served in place of the CDN: Chromium then checks
// each file against its Subresource Integrity hash for real. A wrong hash, a script or style the
// policy blocks, or a failed API call fails the step.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The packages the page loads from the CDN, at the versions it names. */
const PACKAGES = ['graphiql@4.0.3', 'react@18.3.1', 'react-dom@18.3.1'];
const CDN = 'https://unpkg.com/';

/** Unpacks each package once; returns the folder holding `<name@version>/package/…`. */
function pinnedPackages() {
  const cache = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.cache', 'wisewallet-graphiql');
  for (const spec of PACKAGES) {
    const dir = join(cache, spec);
    if (existsSync(join(dir, 'package', 'package.json'))) continue;
    mkdirSync(dir, { recursive: true });
    const output = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8' });
    const tarball = output.trim().split('\n').pop() ?? '';
    execFileSync('tar', ['xzf', join(dir, tarball), '-C', dir]);
  }
  return cache;
}

/**
 * Opens GraphiQL in a new page and checks that it loads every pinned asset, renders, fetches the
 * schema from this origin and logs no error (a CSP or SRI refusal is a console error).
 * @param {import('playwright-core').BrowserContext} context @param {string} base
 */
export async function checkGraphiql(context, base) {
  const cache = pinnedPackages();
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  /** @type {string[]} */
  const served = [];
  await page.route(`${CDN}**`, async (route) => {
    const url = new URL(route.request().url());
    const [, spec = '', ...path] = url.pathname.split('/');
    const file = join(cache, decodeURIComponent(spec), 'package', ...path);
    if (!existsSync(file)) {
      await route.fulfill({ status: 404, body: `${url.pathname} is not in the pinned packages` });
      return;
    }
    served.push(url.pathname);
    await route.fulfill({
      status: 200,
      body: readFileSync(file),
      headers: {
        'content-type': file.endsWith('.css') ? 'text/css' : 'application/javascript',
        // What the CDN sends; a crossorigin script needs it for its integrity to be checked.
        'access-control-allow-origin': '*',
      },
    });
  });
  try {
    const schema = page.waitForResponse((r) => r.url() === `${base}/graphql` && r.request().method() === 'POST');
    await page.goto(`${base}/graphql`);
    const response = await schema;
    assert.equal(response.status(), 200, 'GraphiQL fetched the schema from this origin');
    await page.locator('.graphiql-container').waitFor();
    await page.getByRole('button', { name: /execute query/i }).waitFor();
    assert.equal(served.length, 4, `a stylesheet and three scripts from the CDN: ${served.join(', ')}`);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
}
