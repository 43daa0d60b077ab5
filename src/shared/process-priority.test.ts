import { execFile } from 'node:child_process';
import { getPriority } from 'node:os';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { lowerWorkerPriority } from './process-priority.js';
import { REPO_ROOT } from './spawn-server.js';

test('only a worker process lowers its priority, and a refusal is reported, not thrown', () => {
  const set: number[] = [];
  expect(lowerWorkerPriority('api', 5, (p) => set.push(p))).toBeNull();
  expect(lowerWorkerPriority('all', 5, (p) => set.push(p))).toBeNull();
  expect(lowerWorkerPriority('worker', 0, (p) => set.push(p))).toBeNull();
  expect(set).toEqual([]);
  expect(lowerWorkerPriority('worker', 7, (p) => set.push(p))).toBeNull();
  expect(set).toEqual([7]);
  expect(
    lowerWorkerPriority('worker', 7, () => {
      throw new Error('EACCES');
    }),
  ).toBe('EACCES');
});

// A run already at niceness 17 or more (nice -n 19 npm test) leaves no room to go 3 lower.
test.skipIf(getPriority() > 16)(
  'the system takes it: a worker process runs at the niceness it asked for',
  async () => {
    const script = `import { getPriority } from 'node:os';
import { lowerWorkerPriority } from './src/shared/process-priority.ts';
const before = getPriority();
lowerWorkerPriority('worker', before + 3);
console.log(getPriority() - before);`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: REPO_ROOT },
    );
    expect(stdout.trim()).toBe('3');
  },
);
