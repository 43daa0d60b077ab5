import { afterAll } from 'vitest';

/**
 * What a test file opened through a helper and must close when the file ends. A helper called
 * inside `beforeAll` or a test cannot register its own `afterAll` (vitest ignores hooks registered
 * once the file is running, silently), so test apps were never closed: on PostgreSQL each left its
 * database for the run's teardown to drop, one at a time; on PGlite each file's database stayed in
 * memory until the worker exited. The `db` project's setup file (this module) closes them.
 */
// On globalThis: without isolation (the `db` project's files share a worker's modules) vitest
// evaluates this setup file afresh for each test file, while the helpers keep the instance they
// imported first; one list serves them all.
const shared = globalThis as { aftercareCloseAfterFile?: (() => Promise<void>)[] };
shared.aftercareCloseAfterFile ??= [];
const open = shared.aftercareCloseAfterFile;

/** Closes `close` after the current test file, after anything opened later in it. */
export function closeAfterFile(close: () => Promise<void>): void {
  open.push(close);
}

afterAll(async () => {
  const failures: unknown[] = [];
  for (const close of open.splice(0).reverse()) {
    try {
      await close();
    } catch (error) {
      failures.push(error);
    }
  }
  if (failures.length)
    throw new AggregateError(failures, `${failures.length} test resource(s) failed to close`);
});
