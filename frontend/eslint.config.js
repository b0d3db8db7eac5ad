// @ts-check
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Imports flow one way, as in bulletproof-react: app/ → features/ → components/, lib/ (and gql/).
// A feature imports its own files and shared code, not another feature's; these components are
// the deliberate exceptions (paths relative to src/features/).
/** @type {Record<string, string[]>} */
const CROSS_FEATURE = {
  dashboard: [
    './forecast/components/PeriodCard.tsx',
    './forecast/components/BillOccurrenceList.tsx',
    './forecast/components/EnvelopeList.tsx',
  ],
  settings: ['./auth/components/SignOutButton.tsx'],
};
const features = readdirSync(join(import.meta.dirname, 'src', 'features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const importDirection = [
  {
    target: './src/features',
    from: './src/app',
    message: 'Features must not import the app shell; move what they share to lib/ or components/.',
  },
  ...features.map((name) => ({
    target: `./src/features/${name}`,
    from: './src/features',
    except: [`./${name}`, ...(CROSS_FEATURE[name] ?? [])],
    message: 'A feature must not import another feature; compose them in app/ or move the shared part to components/ or lib/.',
  })),
  {
    target: ['./src/components', './src/lib'],
    from: ['./src/features', './src/app'],
    message: 'Shared code (components/, lib/) must not import features or the app shell.',
  },
];

export default tseslint.config(
  // Generated code is never hand-edited (and never linted); build output and artefacts neither.
  { ignores: ['dist', 'src/gql', 'e2e/artifacts', 'node_modules'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: {
      // Resolves `@/` through tsconfig.app.json's `paths`, so aliased and relative imports are checked alike.
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.js'],
          tsconfig: { configFile: join(import.meta.dirname, 'tsconfig.app.json') },
        }),
      ],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: importDirection }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  { files: ['src/**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  {
    files: ['*.{js,ts,mjs}', 'scripts/**/*.mjs', 'e2e/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // The e2e script also holds functions that run inside the page.
    files: ['e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
