import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { splitTestFiles } from './test-projects.js';

const root = mkdtempSync(join(tmpdir(), 'aftercare-test-projects-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const files: Record<string, string> = {
  'src/rule.ts': 'export const rule = 1;',
  'src/rule.test.ts': "import { rule } from './rule.js';",
  'src/repo.ts': "import pg from 'pg';\nexport const repo = pg;",
  'src/service.ts': "export { repo } from './repo.js';",
  'src/service.test.ts': "import { repo } from './service.js';",
  'src/lite.test.ts': "const lite = await import('./lite.js');",
  'src/lite.ts': "import { PGlite } from '@electric-sql/pglite';",
  'src/env.test.ts': 'const url = process.env.DATABASE_URL;',
  'src/child.test.ts': "import { spawn } from 'node:child_process';",
  'src/a.ts': "import { b } from './b.js';\nexport const a = 1;",
  'src/b.ts': "import { a } from './a.js';\nexport const b = 2;",
  'src/cycle.test.ts': "import { a } from './a.js';",
  'src/page.test.tsx': "import { Page } from './page.js';",
  'src/page.tsx': "import { repo } from './service.js';",
  'src/node_modules/x.test.ts': "import pg from 'pg';",
  'bench/bench.test.ts': "import { rule } from '../src/rule.js';",
};
for (const [path, text] of Object.entries(files)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

test('a test file is `db` when its imports reach a database, DATABASE_URL or a process', () => {
  const split = splitTestFiles(root, ['src', 'bench', 'scripts']);
  expect(split.unit.sort()).toEqual(['bench/bench.test.ts', 'src/cycle.test.ts', 'src/rule.test.ts']);
  expect(split.db.sort()).toEqual([
    'src/child.test.ts',
    'src/env.test.ts',
    'src/lite.test.ts',
    'src/page.test.tsx',
    'src/service.test.ts',
  ]);
});
