import { expect, test } from 'vitest';
import { createTenantJobs } from './tenant-jobs.js';

test("a tenant's jobs run one after another, a failure is reported not thrown, and a burst of later() runs once", async () => {
  const log: string[] = [];
  const failures: string[] = [];
  const jobs = createTenantJobs({
    delayMs: 5,
    onFailure: async (tenantId, message) => {
      failures.push(`${tenantId}: ${message}`);
    },
  });
  const job =
    (name: string, ms: number, fail = false) =>
    async (tenantId: string) => {
      log.push(`${tenantId} ${name} start`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`${tenantId} ${name} end`);
      if (fail) throw new Error(`${name} broke`);
    };
  void jobs.run('A', job('one', 20, true));
  void jobs.run('A', job('two', 1));
  await jobs.settled();
  expect(log).toEqual(['A one start', 'A one end', 'A two start', 'A two end']);
  expect(failures).toEqual(['A: one broke']);

  log.length = 0;
  for (let i = 0; i < 3; i++) jobs.later('B', job('burst', 1));
  await new Promise((r) => setTimeout(r, 30));
  await jobs.settled();
  expect(log).toEqual(['B burst start', 'B burst end']);
  jobs.stop();
});
