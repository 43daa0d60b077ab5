import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../db/client.js';
import { createTestDatabase } from '../db/test-db.js';

/**
 * The alert key and the next check are defined once, in SQL (drizzle/0021_sla_alert_key.sql):
 * ticket_sla.next_check_at is generated from them and the sweeper marks alerts with the same key.
 */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const at = (hhmm: string) => `2026-03-10T${hhmm}:00.000Z`;
const key = (target: string, level: string, due: string) =>
  `${target}:${level}:${new Date(at(due)).getTime()}`;

type Clock = {
  firstWarn?: string;
  firstDue?: string;
  nextWarn?: string;
  nextDue?: string;
  resolutionWarn?: string;
  resolutionDue?: string;
  alerts?: string[];
};

async function nextCheck(c: Clock): Promise<string | null> {
  const t = (v?: string) => (v ? at(v) : null);
  const [row] = await database.query<{ next: Date | string | null }>(
    `select sla_next_check($1::timestamptz, $2::timestamptz, $3::timestamptz, $4::timestamptz,
                           $5::timestamptz, $6::timestamptz, $7::text[]) as next`,
    [
      t(c.firstWarn),
      t(c.firstDue),
      t(c.nextWarn),
      t(c.nextDue),
      t(c.resolutionWarn),
      t(c.resolutionDue),
      c.alerts ?? [],
    ],
  );
  return row?.next ? new Date(row.next).toISOString().slice(11, 16) : null;
}

describe('the next check of an SLA clock', () => {
  test.each<[string, Clock, string | null]>([
    ['nothing pending: no check', {}, null],
    ['nothing raised: the first warning', { firstWarn: '03:00', firstDue: '04:00' }, '03:00'],
    [
      'the warning raised: the breach',
      { firstWarn: '03:00', firstDue: '04:00', alerts: [key('firstResponse', 'warning', '04:00')] },
      '04:00',
    ],
    [
      'both raised: nothing left',
      {
        firstWarn: '03:00',
        firstDue: '04:00',
        alerts: [key('firstResponse', 'warning', '04:00'), key('firstResponse', 'breach', '04:00')],
      },
      null,
    ],
    ['a warning not before its breach is not watched', { firstWarn: '04:00', firstDue: '04:00' }, '04:00'],
    [
      'a new next-response cycle (new due time) is watched again',
      { nextWarn: '05:00', nextDue: '06:00', alerts: [key('nextResponse', 'warning', '02:00')] },
      '05:00',
    ],
    [
      'the earliest of all targets',
      { firstWarn: '03:00', firstDue: '04:00', resolutionWarn: '02:30', resolutionDue: '09:00' },
      '02:30',
    ],
  ])('%s', async (_name, clock, expected) => {
    expect(await nextCheck(clock)).toBe(expected);
  });

  test('the stored clock derives next_check_at; raising an alert moves it on', async () => {
    const [tenant] = await database.query<{ tenant_id: string }>(
      `insert into tenants (tenant_id, name, created_at) values (gen_random_uuid(), 'T', now()) returning tenant_id`,
    );
    const id = '00000000-0000-4000-8000-000000000001';
    await database.query(
      `insert into ticket_sla (tenant_id, ticket_id, targets, first_warn_at, first_due_at, state, updated_at)
       values ($1, $2, '{}', $3, $4, 'ok', now())`,
      [tenant!.tenant_id, id, at('03:00'), at('04:00')],
    );
    const read = async () =>
      (
        await database.query<{ next: Date | string | null }>(
          'select next_check_at as next from ticket_sla where tenant_id = $1 and ticket_id = $2',
          [tenant!.tenant_id, id],
        )
      )[0]!.next;
    expect(new Date((await read())!).toISOString()).toBe(at('03:00'));
    await database.query(
      `update ticket_sla set alerts = alerts || sla_alert_key('firstResponse', 'warning', first_due_at)
       where tenant_id = $1 and ticket_id = $2`,
      [tenant!.tenant_id, id],
    );
    expect(new Date((await read())!).toISOString()).toBe(at('04:00'));
  });
});
