import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from './http/test-app.js';
import { caseSteps } from './pipeline.js';
import { createBlocklistService } from './playbooks/blocklist-service.js';
import { fixedClock } from './shared/clock.js';
import { createSlaEngine } from './sla/sla-engine.js';
import { createSweeper } from './sla/sweeper.js';
import type { CaseStep } from './tickets/case-pipeline.js';
import { createTicketService } from './tickets/ticket-service.js';
import { createTriageService } from './triage/triage-service.js';

/**
 * What a worker or another domain changes on a case outside a request — an SLA escalation, the
 * blocklist tag — is an edit through the ticket service: audited, and seen by every step of the
 * case pipeline (here the real steps, followed by one that records what reaches the end).
 */

// Tuesday 2026-03-10 10:00 in Shanghai.
const clock = fixedClock('2026-03-10T02:00:00Z');
let t: TestApp;
let a: TestClient;
let agent: TestClient;
let shopId: string;
const reached: {
  hook: string;
  id: string;
  before?: Record<string, unknown>;
  after: Record<string, unknown>;
}[] = [];

const recorder: CaseStep = {
  name: 'recorder',
  async afterUpdate(_ctx, edited) {
    for (const { ticket, before } of edited) {
      reached.push({
        hook: 'update',
        id: ticket.id,
        before: { severity: before.severity, tags: before.tags, assigneeId: before.assigneeId },
        after: { severity: ticket.severity, tags: ticket.tags, assigneeId: ticket.assigneeId },
      });
    }
    return undefined;
  },
};

let tickets: ReturnType<typeof createTicketService>;

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await t.signup('A');
  agent = await a.addUser('agent');
  shopId = (await a.request('POST', '/api/v1/shops', { platform: 'manual', name: '自营店' })).json().id;
  const db = t.database.db;
  const steps = caseSteps({
    clock,
    triage: createTriageService({ db, clock }),
    slaEngine: createSlaEngine({ clock }),
  });
  tickets = createTicketService({ db, clock, steps: [...steps, recorder] });
});

const openCase = async (extra: Record<string, unknown> = {}) => {
  const res = await a.request('POST', '/api/v1/tickets', {
    kind: 'complaint',
    channel: 'platform_message',
    subject: '收到的杯子有裂纹',
    body: '杯子收到就裂了',
    shopId,
    customer: { name: '周女士' },
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; customerId: string; severity: string };
};
const auditOf = async (id: string) =>
  (await a.request('GET', `/api/v1/tickets/${id}/audit`)).json().items as {
    action: string;
    actorType: string;
    before: Record<string, unknown>;
    after: Record<string, unknown>;
  }[];

describe('writes from outside a request run through the case pipeline', () => {
  test('an SLA escalation raises the priority through the ticket service: every step sees it, the SLA clock follows the new priority', async () => {
    clock.set('2026-03-10T02:00:00Z');
    const ticket = await openCase({ severity: 'high', assigneeId: agent.userId });
    expect(ticket.severity).toBe('high');
    const before = (await a.request('GET', `/api/v1/sla/tickets/${ticket.id}`)).json();
    expect(before.policyName).not.toContain('Critical');

    clock.set('2026-03-10T08:00:00Z'); // past the first-response due time (4 business hours)
    const sweeper = createSweeper({ db: t.database.db, clock, tickets });
    expect(await sweeper.sweepTenant(a.tenantId, clock.now())).toMatchObject({ escalations: 1 });

    expect(reached).toContainEqual(
      expect.objectContaining({
        id: ticket.id,
        before: expect.objectContaining({ severity: 'high' }),
        after: expect.objectContaining({ severity: 'critical' }),
      }),
    );
    // The SLA step recomputed the clock under the policy for critical cases (24×7).
    const after = (await a.request('GET', `/api/v1/sla/tickets/${ticket.id}`)).json();
    expect(after.policyName).toContain('Critical');
    expect(await auditOf(ticket.id)).toContainEqual(
      expect.objectContaining({
        action: 'sla_escalated',
        actorType: 'system',
        before: { severity: 'high' },
        after: { severity: 'critical' },
      }),
    );
    clock.set('2026-03-10T02:00:00Z');
  });

  test('blocklisting a buyer tags their open cases through the ticket service, and lifting it takes the tag off', async () => {
    clock.set('2026-03-10T02:00:00Z');
    const ticket = await openCase();
    const blocklist = createBlocklistService({ db: t.database.db, clock, tickets });
    const admin = {
      tenantId: a.tenantId,
      type: 'user' as const,
      id: a.userId,
      name: 'Admin',
      role: 'admin' as const,
    };
    const block = await blocklist.add(admin, { customerId: ticket.customerId, reason: '恶意索赔' });

    expect(reached).toContainEqual({
      hook: 'update',
      id: ticket.id,
      before: expect.objectContaining({ tags: [] }),
      after: expect.objectContaining({ tags: ['blocklisted'] }),
    });
    expect((await a.request('GET', `/api/v1/tickets/${ticket.id}`)).json().tags).toEqual(['blocklisted']);
    expect(await auditOf(ticket.id)).toContainEqual(
      expect.objectContaining({ action: 'updated', before: { tags: [] }, after: { tags: ['blocklisted'] } }),
    );

    await blocklist.lift(admin, block.id);
    expect(reached).toContainEqual(
      expect.objectContaining({ id: ticket.id, after: expect.objectContaining({ tags: [] }) }),
    );
    expect((await a.request('GET', `/api/v1/tickets/${ticket.id}`)).json().tags).toEqual([]);
  });
});
