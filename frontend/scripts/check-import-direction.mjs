// Proves the import-direction rule (import-x/no-restricted-paths in eslint.config.js) is active:
// lints made-up files that break it, and some that keep it, through the project's own ESLint config.
// A lint run that passes says nothing if the rule were off or its `@/` resolver broken; this does.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RULE = 'import-x/no-restricted-paths';

/** @type {{ file: string, source: string, allowed: boolean }[]} */
const cases = [
  { file: 'src/features/bills/components/Bad.tsx', source: "import { App } from '@/app/App';", allowed: false },
  { file: 'src/features/bills/components/Bad.tsx', source: "import { App } from '../../../app/App';", allowed: false },
  { file: 'src/features/bills/components/Bad.tsx', source: "import { PaydaysPage } from '@/features/paydays/components/PaydaysPage';", allowed: false },
  { file: 'src/features/dashboard/components/Bad.tsx', source: "import { ForecastPage } from '@/features/forecast/components/ForecastPage';", allowed: false },
  { file: 'src/components/Bad.tsx', source: "import { BillsPage } from '@/features/bills/components/BillsPage';", allowed: false },
  { file: 'src/lib/bad.ts', source: "import { routes } from '../app/routes';", allowed: false },
  { file: 'src/features/bills/components/Good.tsx', source: "import { useFormat } from '@/lib/viewer';", allowed: true },
  { file: 'src/features/bills/components/Good.tsx', source: "import { ScheduleEditor } from '@/components/schedule/ScheduleEditor';", allowed: true },
  { file: 'src/features/bills/components/Good.tsx', source: "import { BillsQuery } from '../api/bills';", allowed: true },
  { file: 'src/features/dashboard/components/Good.tsx', source: "import { PeriodCard } from '@/features/forecast/components/PeriodCard';", allowed: true },
  { file: 'src/app/Good.tsx', source: "import { BillsPage } from '@/features/bills/components/BillsPage';", allowed: true },
];

const eslint = new ESLint({ cwd: root });
let failed = 0;
for (const { file, source, allowed } of cases) {
  const [result] = await eslint.lintText(`${source}\nexport {};\n`, { filePath: resolve(root, file) });
  const reported = (result?.messages ?? []).some((m) => m.ruleId === RULE);
  if (reported === allowed) {
    failed += 1;
    console.error(`check-import-direction: ${file}: \`${source}\` should ${allowed ? 'pass' : `fail ${RULE}`}`);
  }
}
if (failed > 0) process.exit(1);
console.log(`check-import-direction: ${cases.length} cases behave (${RULE} is active)`);
