import { beforeAll, describe, expect, test } from 'vitest';
import { listAudit, recordAudit } from '../audit/audit-repo.js';
import { systemActor } from '../auth/roles.js';
import { scopeTo } from '../db/tenant-scope.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { indexSubject } from '../search/search-repo.js';
import { updateTickets } from '../tickets/ticket-repo.js';
import { maskedAuditValue, maskedSubject } from './subject-masking.js';
import { maskOldSubjects } from './subject-masking-job.js';

const PHONE = '13712345678';
const MASKED = '137****5678';

describe('the rules', () => {
  test.each([
    ['外包装破损', null],
    [`回电 ${PHONE}`, `回电 ${MASKED}`],
    [`回电 ${MASKED}`, null],
  ])('maskedSubject(%j) is %j', (subject, expected) => {
    expect(maskedSubject(subject)).toBe(expected);
  });

  test.each([
    [null, null],
    [{ status: 'open' }, null],
    [{ subject: 42 }, null],
    [{ subject: '破损', status: 'open' }, null],
    [
      { subject: `回电 ${PHONE}`, orderId: '2412013456789012' },
      { subject: `回电 ${MASKED}`, orderId: '2412013456789012' },
    ],
  ])('maskedAuditValue(%j) is %j', (value, expected) => {
    expect(maskedAuditValue(value as Record<string, unknown> | null)).toEqual(expected);
  });
});

let t: TestApp;
let admin: TestClient;
let supervisor: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signup('Backfill');
  supervisor = await admin.addUser('supervisor');
}, 240_000);

/** A case as it was stored before subjects were masked: raw subject, raw index, raw audit. */
async function oldCase(subject: string) {
  const res = await admin.request('POST', '/api/v1/tickets', {
    kind: 'complaint',
    channel: 'hotline',
    subject: 'x',
  });
  const id = res.json().id as string;
  const scope = scopeTo(t.database.db, admin.tenantId);
  const [row] = await updateTickets(scope, [{ id, set: { subject } }]);
  await indexSubject(scope, { id, subject, createdAt: row!.createdAt });
  await recordAudit(
    scope,
    systemActor(admin.tenantId, 'old version'),
    [{ entityType: 'ticket', entityId: id, action: 'updated', before: { subject: 'x' }, after: { subject } }],
    new Date(),
  );
  return id;
}

describe('the backfill job', () => {
  test('masks old subjects, their index and their audit once per tenant, and again only for a new version', async () => {
    const a = await oldCase(`来电 ${PHONE} 投诉杯子碎了`);
    const b = await oldCase('外包装破损');
    expect((await admin.request('GET', `/api/v1/tickets/${a}`)).json().subject).toContain(PHONE);
    expect((await supervisor.request('GET', `/api/v1/search?q=${PHONE}`)).json().items).toHaveLength(1);

    const first = await maskOldSubjects({ db: t.database.db, tickets: t.services.tickets });
    expect(first.subjects).toBe(1);
    expect(first.auditEntries).toBeGreaterThanOrEqual(2); // the old entry and the masking's own

    expect((await admin.request('GET', `/api/v1/tickets/${a}`)).json().subject).toBe(
      `来电 ${MASKED} 投诉杯子碎了`,
    );
    expect((await admin.request('GET', `/api/v1/tickets/${b}`)).json().subject).toBe('外包装破损');
    const audit = await listAudit(scopeTo(t.database.db, admin.tenantId), 'ticket', a);
    expect(JSON.stringify(audit)).not.toContain(PHONE);
    expect(audit.map((e) => e.action)).toContain('pii_masked');
    expect((await supervisor.request('GET', `/api/v1/search?q=${PHONE}`)).json().items).toEqual([]);
    expect(
      (await supervisor.request('GET', `/api/v1/search?q=${encodeURIComponent('杯子')}`)).json().items,
    ).toHaveLength(1);

    // Done: the tenant is marked and not visited again.
    const second = await maskOldSubjects({ db: t.database.db, tickets: t.services.tickets });
    expect(second.subjects).toBe(0);
    expect(second.auditEntries).toBe(0);
    // A new version of the rules visits every tenant again; masked text stays as it is.
    const again = await maskOldSubjects({ db: t.database.db, tickets: t.services.tickets, version: 2 });
    expect(again.tenants).toBeGreaterThanOrEqual(1);
    expect(again.subjects).toBe(0);
    expect(again.auditEntries).toBe(0);
  }, 120_000);

  test('two runs at once end in the same place', async () => {
    const id = await oldCase(`加急 ${PHONE}`);
    const runs = await Promise.all([
      maskOldSubjects({ db: t.database.db, tickets: t.services.tickets, version: 3 }),
      maskOldSubjects({ db: t.database.db, tickets: t.services.tickets, version: 3 }),
    ]);
    expect(runs.reduce((n, r) => n + r.subjects, 0)).toBeGreaterThanOrEqual(1);
    expect((await admin.request('GET', `/api/v1/tickets/${id}`)).json().subject).toBe(`加急 ${MASKED}`);
  }, 120_000);
});
