import { beforeAll, describe, expect, test } from 'vitest';
import { listAudit } from '../../audit/audit-repo.js';
import { systemActor } from '../../auth/roles.js';
import { scopeTo } from '../../db/tenant-scope.js';
import { createTestApp, type TestApp, type TestClient } from '../test-app.js';

/**
 * Issue 10, finding 5, through the ticket service's list operation: subjects changed in bulk (the SLA
 * sweeper, the blocklist, a worker's derived patch) are stored masked like typed ones — in the case,
 * its search index and its audit trail.
 */

const PHONE = '13912345678';
const MASKED = '139****5678';
const ID_CARD = '11010519491231002X';

let t: TestApp;
let admin: TestClient;
let agent: TestClient;
let supervisor: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signup('Bulk mask');
  agent = await admin.addUser('agent');
  supervisor = await admin.addUser('supervisor');
}, 240_000);

async function newCase(subject: string) {
  const res = await agent.request('POST', '/api/v1/tickets', {
    kind: 'complaint',
    channel: 'hotline',
    subject,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('subjects changed through updateMany are masked', () => {
  test('a given patch and a derived patch, in one call', async () => {
    const first = await newCase('外包装破损');
    const second = await newCase('物流太慢');
    const actor = systemActor(admin.tenantId, 'bulk test');
    await t.services.tickets.updateMany(actor, [
      { id: first, patch: { subject: `回电 ${PHONE}，身份证 ${ID_CARD}` } },
      { id: second, patch: (current) => ({ subject: `${current.subject} 联系 ${PHONE}` }) },
    ]);

    for (const id of [first, second]) {
      const view = await agent.request('GET', `/api/v1/tickets/${id}`);
      expect(view.json().subject).toContain(MASKED);
      expect(view.body).not.toContain(PHONE);
      expect(view.body).not.toContain(ID_CARD);
      const audit = await listAudit(scopeTo(t.database.db, admin.tenantId), 'ticket', id);
      expect(JSON.stringify(audit)).not.toContain(PHONE);
      expect(JSON.stringify(audit)).toContain(MASKED);
    }
    expect((await agent.request('GET', `/api/v1/tickets/${second}`)).json().subject).toBe(
      `物流太慢 联系 ${MASKED}`,
    );

    const list = await agent.request('GET', '/api/v1/tickets?limit=200');
    expect(list.body).not.toContain(PHONE);
    // The search index holds the masked subject: the number itself finds nothing, even for a supervisor.
    const found = await supervisor.request('GET', `/api/v1/search?q=${PHONE}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().items).toEqual([]);
  });

  test('the edit route (a single update) masks too', async () => {
    const id = await newCase('屏幕碎了');
    const res = await agent.request('PATCH', `/api/v1/tickets/${id}`, { subject: `屏幕碎了 ${PHONE}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().subject).toBe(`屏幕碎了 ${MASKED}`);
  });
});
