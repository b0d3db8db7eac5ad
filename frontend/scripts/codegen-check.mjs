// Fails when the committed generated code (src/gql/) is stale: regenerates it into a temporary
// directory from ../schema/schema.graphql and the documents in src/, then compares file by file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const committed = join(root, 'src', 'gql');
const temp = mkdtempSync(join(tmpdir(), 'wisewallet-codegen-'));
const fresh = join(temp, 'gql');

try {
  execFileSync(process.execPath, [join(root, 'node_modules', '@graphql-codegen', 'cli', 'cjs', 'bin.js'), '--config', 'codegen.ts', '--silent'], {
    cwd: root,
    env: { ...process.env, CODEGEN_OUT: `${fresh}/` },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const names = new Set([...list(committed), ...list(fresh)]);
  const stale = [...names].filter((name) => read(committed, name) !== read(fresh, name));
  if (stale.length > 0) {
    console.error(`codegen:check: src/gql is stale (${stale.join(', ')}). Run \`npm run codegen\` and commit the result.`);
    process.exit(1);
  }
  console.log(`codegen:check: src/gql is up to date (${names.size} files)`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}

/** @param {string} dir */
function list(dir) {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** @param {string} dir @param {string} name */
function read(dir, name) {
  const path = join(dir, name);
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}
