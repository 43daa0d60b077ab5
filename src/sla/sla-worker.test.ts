import { expect, test } from 'vitest';
import { startSlaWorker } from './sweeper.js';

function fakeSweeper(failSweeps = 0) {
  const calls = { sweeps: 0, surges: 0 };
  return {
    calls,
    sweeper: {
      sweep: async () => {
        calls.sweeps++;
        if (calls.sweeps <= failSweeps) throw new Error(`sweep ${calls.sweeps} failed`);
        return { tenants: 0, due: 0, warnings: 0, breaches: 0, notifications: 0, escalations: 0 };
      },
      detectSurges: async () => {
        calls.surges++;
        return 0;
      },
    },
  };
}

async function until(check: () => boolean) {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
}

test('the worker sweeps on every run and looks for surges on the first run, then once per surge interval', async () => {
  const { calls, sweeper } = fakeSweeper();
  const stop = startSlaWorker(sweeper, { intervalMs: 1, surgeEveryMs: 3_600_000 });
  await until(() => calls.sweeps >= 3);
  await stop();
  expect(calls.surges).toBe(1);

  const often = fakeSweeper();
  const stopOften = startSlaWorker(often.sweeper, { intervalMs: 1, surgeEveryMs: 0 });
  await until(() => often.calls.sweeps >= 3);
  await stopOften();
  expect(often.calls.surges).toBe(often.calls.sweeps);
});

test('a failed sweep is reported, skips the surge look of that run, and the loop goes on', async () => {
  const { calls, sweeper } = fakeSweeper(2);
  const errors: unknown[] = [];
  const stop = startSlaWorker(sweeper, { intervalMs: 1, surgeEveryMs: 0, onError: (e) => errors.push(e) });
  await until(() => calls.surges >= 1);
  await stop();
  expect(errors.map((e) => (e as Error).message)).toEqual(['sweep 1 failed', 'sweep 2 failed']);
  expect(calls.sweeps).toBe(calls.surges + 2);
});
