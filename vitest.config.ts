import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { splitTestFiles } from './src/db/test-projects.js';

// Two projects: `unit` (never reaches a database: the same on both engines, so CI runs it once; one
// worker process for many files, without a fresh module graph per file) and `db` (an isolated copy of
// the migrated template database per file; `--project db` is what changes with DATABASE_URL).
const split = splitTestFiles(fileURLToPath(new URL('.', import.meta.url)), ['src', 'bench', 'scripts']);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: split.unit, isolate: false } },
      {
        extends: true,
        test: { name: 'db', include: split.db, globalSetup: ['src/db/test-global-setup.ts'] },
      },
    ],
  },
});
