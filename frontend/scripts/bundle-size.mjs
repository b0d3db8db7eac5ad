// Measures the JavaScript a first visit downloads before the app can render: the entry script of
// dist/index.html plus every chunk it preloads or imports statically (lazy chunks such as the
// recharts balance chart are excluded). Fails when the gzipped total exceeds the budget.
//
// Usage: node scripts/bundle-size.mjs [--budget-kb 200] [--json]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const args = process.argv.slice(2);
const budgetIndex = args.indexOf('--budget-kb');
const budgetKb = budgetIndex >= 0 ? Number(args[budgetIndex + 1]) : 200;

/** @param {string} path */
function read(path) {
  return readFileSync(join(dist, path.replace(/^\//, '')));
}

const html = read('index.html').toString('utf8');
const initial = new Set(
  [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map((m) => m[1] ?? ''),
);

// Follow static imports (`import … from "./x.js"` / `import "./x.js"`) from the initial chunks.
const queue = [...initial];
while (queue.length > 0) {
  const file = /** @type {string} */ (queue.pop());
  const code = read(file).toString('utf8');
  for (const match of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[^'"();]*?\sfrom\s*)?["']([^"']+\.js)["']/g)) {
    const spec = match[1] ?? '';
    const target = join(dirname(file), spec).replace(/\\/g, '/');
    if (!initial.has(target)) {
      initial.add(target);
      queue.push(target);
    }
  }
}

let raw = 0;
let gzipped = 0;
const rows = [];
for (const file of initial) {
  const bytes = read(file);
  const gz = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gzipped += gz;
  rows.push(`  ${file}  ${(bytes.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip`);
}
const kb = gzipped / 1024;
if (args.includes('--json')) {
  console.log(JSON.stringify({ files: [...initial], rawBytes: raw, gzipBytes: gzipped, budgetKb }));
} else {
  console.log(rows.join('\n'));
  console.log(`initial JS: ${kb.toFixed(1)} KB gzipped (${(raw / 1024).toFixed(1)} KB raw); budget ${budgetKb} KB`);
}
if (initial.size === 0) {
  console.error('bundle-size: found no entry script in dist/index.html — run `npm run build` first');
  process.exit(1);
}
if (kb > budgetKb) {
  console.error(`bundle-size: initial JS is ${kb.toFixed(1)} KB gzipped, over the ${budgetKb} KB budget`);
  process.exit(1);
}
