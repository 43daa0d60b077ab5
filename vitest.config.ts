import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { splitTestFiles } from './src/db/test-projects.js';
import { loadSlowdown } from './src/shared/load-slowdown.js';

// Two projects: `unit` (never reaches a database: the same on both engines, so CI runs it once) and
// `db` (an isolated copy of the migrated template database per file; `--project db` is what changes
// with DATABASE_URL). Neither gives a file a fresh module graph: each worker process imports the app
// once for many files. For the `db` project that took its CPU on PGlite from 814 s to 513 s (the
// time spent importing from 418 s to 52 s); the isolation that matters is the database, which each
// file still gets of its own. So module state lives on across files: a test that changes a module's
// state (a setter, an env read at import) restores it.
const split = splitTestFiles(fileURLToPath(new URL('.', import.meta.url)), ['src', 'bench', 'scripts']);

const slowdown = loadSlowdown(8);

export default defineConfig({
  test: {
    // The limits grow with the machine's load when the run starts (up to 8×): a shared machine under
    // load is slow, not hung; on a quiet one a hang still fails at 30 s / 60 s.
    testTimeout: Math.round(30_000 * slowdown),
    hookTimeout: Math.round(60_000 * slowdown),
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: split.unit, isolate: false } },
      {
        extends: true,
        test: {
          name: 'db',
          isolate: false,
          include: split.db,
          globalSetup: ['src/db/test-global-setup.ts'],
          setupFiles: ['src/db/test-cleanup.ts'],
        },
      },
    ],
  },
});
