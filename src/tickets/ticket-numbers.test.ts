import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { systemClock } from '../shared/clock.js';
import { ticketNumberReserver } from './ticket-numbers.js';
import { createTicketService } from './ticket-service.js';

// PostgreSQL only: PGlite has one connection, so two transactions never overlap there.
const onPostgres = Boolean(process.env.DATABASE_URL);

let t: TestApp;
let a: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('Numbers');
});

/** A ticket service on a transaction, wired as the app wires its own. */
const ticketsOn = (tx: Db) =>
  createTicketService({ db: tx, clock: systemClock, reserveNumbers: ticketNumberReserver(t.database) });

const aCase = (subject: string) => ({ kind: 'complaint' as const, channel: 'hotline' as const, subject });

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe.skipIf(!onPostgres)('ticket numbers on PostgreSQL', () => {
  test('a case created in a long transaction leaves the tenant’s counter free for everyone else', async () => {
    const created = gate();
    const checked = gate();
    const tx = t.database.db.transaction(async (tx) => {
      await ticketsOn(tx as unknown as Db).create(systemActor(a.tenantId), aCase('long transaction'));
      created.open();
      await checked.opened;
    });
    await created.opened;
    // From another connection, while the transaction above is still open.
    const free = await t.database.query(
      'select value from tenant_counters where tenant_id = $1 and name = $2 for update nowait',
      [a.tenantId, 'ticket'],
    );
    checked.open();
    await tx;
    expect(free).toHaveLength(1);
  });

  test('two workers that lock the same case row in opposite order both finish (no deadlock through the counter)', async () => {
    // Worker 2 holds a row worker 1 needs next, then reserves numbers; worker 1 created a case
    // first. Were the counter held by worker 1's transaction, worker 2 would wait for it outside
    // the database's sight while worker 1 waits for worker 2's row: both hang for ever.
    const rowLocked = gate();
    const oneCreated = gate();
    const lockRow = (tx: Db) =>
      tx.execute(sql`select 1 from tenants where tenant_id = ${a.tenantId} for update`);
    const two = t.database.db.transaction(async (tx) => {
      await lockRow(tx as unknown as Db);
      rowLocked.open();
      await oneCreated.opened;
      await ticketsOn(tx as unknown as Db).create(systemActor(a.tenantId), aCase('worker two'));
    });
    const one = t.database.db.transaction(async (tx) => {
      await rowLocked.opened;
      await ticketsOn(tx as unknown as Db).create(systemActor(a.tenantId), aCase('worker one'));
      oneCreated.open();
      await lockRow(tx as unknown as Db);
    });
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('hung'), 30_000);
    });
    const outcome = await Promise.race([Promise.all([one, two]).then(() => 'done'), hung]);
    clearTimeout(timer);
    expect(outcome).toBe('done');
  }, 60_000);
});
