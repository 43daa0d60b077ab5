import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import { systemActor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { SecretBox } from '../shared/secret-box.js';
import * as repo from './privacy-repo.js';
import {
  type ErasureSummary,
  erasedBody,
  erasedPayload,
  maskPersonName,
  retentionCutoff,
} from './privacy-rules.js';

export type PrivacyService = ReturnType<typeof createPrivacyService>;

export function createPrivacyService(deps: {
  db: Db;
  clock: Clock;
  secretBox?: SecretBox | undefined;
  /** Re-indexes messages whose search entries were removed (masked bodies). */
  reindex: (tenantId: string) => Promise<unknown>;
}) {
  const { db, clock, secretBox } = deps;
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function erase(
    actor: Actor,
    customerId: string,
    reason: 'retention' | 'request',
  ): Promise<ErasureSummary | null> {
    const scope = scopeOf(actor);
    const customer = await repo.findCustomer(scope, customerId);
    if (!customer) throw new AppError('CUSTOMER_NOT_FOUND', `customer ${customerId} not found`);
    const held = await repo.ticketsHeldByDisputes(scope, customerId);
    const cases = await repo.ticketsOf(scope, customerId);
    const released = cases.filter((t) => !held.has(t.id)).map((t) => t.id);
    const thread = await repo.messagesOf(scope, released);
    const maskedName = maskPersonName(customer.name);
    const changed = thread
      .map((m) => ({
        id: m.id,
        body: erasedBody(m.body, customer.name),
        authorName: m.authorType === 'customer' ? maskedName : m.authorName,
        before: m,
      }))
      .filter((m) => m.body !== m.before.body || m.authorName !== m.before.authorName);
    const platformEvents = (await repo.platformEventsOf(scope, released))
      .map((e) => ({
        id: e.id,
        before: JSON.stringify(e.payload),
        payload: erasedPayload(e.payload, customer.name),
      }))
      .filter((e) => JSON.stringify(e.payload) !== e.before)
      .map(({ id, payload }) => ({ id, payload }));
    const summary: ErasureSummary = {
      messagesMasked: changed.length,
      platformEventsMasked: platformEvents.length,
      keptForDisputes: held.size,
    };
    const at = clock.now();
    const applied = await repo.applyErasure(scope, {
      customerId,
      maskedName,
      messages: changed.map(({ id, body, authorName }) => ({ id, body, authorName })),
      platformEvents,
      erasure: { id: newId(), customerId, reason, actorName: actor.name, summary, at },
    });
    // Another worker's pass erased this buyer first: its record and audit entry stand.
    if (!applied) return null;
    await recordAudit(
      scope,
      actor,
      [
        {
          entityType: 'customer',
          entityId: customerId,
          action: 'personal_data_erased',
          after: { reason, ...summary },
        },
      ],
      at,
    );
    if (changed.length > 0) await deps.reindex(actor.tenantId);
    return summary;
  }

  return {
    async settings(actor: Actor) {
      const row = await repo.findSettings(scopeOf(actor));
      return { retentionDays: row?.retentionDays ?? null };
    },

    async saveSettings(actor: Actor, retentionDays: number | null) {
      const scope = scopeOf(actor);
      const before = await repo.findSettings(scope);
      const row = await repo.saveSettings(scope, retentionDays, clock.now());
      await recordAudit(
        scope,
        actor,
        [
          {
            entityType: 'tenant',
            entityId: actor.tenantId,
            action: 'retention_changed',
            before: { retentionDays: before?.retentionDays ?? null },
            after: { retentionDays },
          },
        ],
        clock.now(),
      );
      return { retentionDays: row.retentionDays };
    },

    /** Everything held about one buyer, with contact details opened: the buyer's own copy (audited). */
    async exportCustomer(actor: Actor, customerId: string) {
      const scope = scopeOf(actor);
      const customer = await repo.findCustomer(scope, customerId);
      if (!customer) throw new AppError('CUSTOMER_NOT_FOUND', `customer ${customerId} not found`);
      const open = (sealed: string | null) => (sealed && secretBox ? secretBox.open(sealed) : null);
      const cases = await repo.ticketsOf(scope, customerId);
      const caseIds = cases.map((t) => t.id);
      const orderRows = await repo.ordersOf(scope, customerId);
      const lines = await repo.orderLinesOf(
        scope,
        orderRows.map((o) => o.id),
      );
      const thread = await repo.messagesOf(scope, caseIds);
      const files = await repo.evidenceOfTickets(scope, caseIds);
      const erasure = await repo.findErasure(scope, customerId);
      const at = clock.now();
      await recordAudit(
        scope,
        actor,
        [{ entityType: 'customer', entityId: customerId, action: 'personal_data_exported' }],
        at,
      );
      return {
        exportedAt: at.toISOString(),
        customer: {
          id: customer.id,
          name: customer.name,
          phone: open(customer.phoneSealed),
          address: open(customer.addressSealed),
          email: customer.email,
          platformBuyerId: customer.externalId,
          createdAt: customer.createdAt.toISOString(),
        },
        orders: orderRows.map((o) => ({
          number: o.externalId,
          status: o.status,
          totalFen: o.totalFen,
          paidAt: o.paidAt?.toISOString() ?? null,
          deliveredAt: o.deliveredAt?.toISOString() ?? null,
          carrier: o.carrier,
          trackingNo: o.trackingNo,
          items: lines
            .filter((l) => l.orderId === o.id)
            .map((l) => ({ name: l.name, quantity: l.quantity, paidFen: l.paidFen })),
        })),
        cases: cases.map((t) => ({
          number: t.number,
          subject: t.subject,
          status: t.status,
          createdAt: t.createdAt.toISOString(),
          closedAt: t.closedAt?.toISOString() ?? null,
          messages: thread
            .filter((m) => m.ticketId === t.id)
            .map((m) => ({ at: m.createdAt.toISOString(), from: m.authorType, body: m.body })),
          files: files
            .filter((f) => f.subjectId === t.id)
            .map((f) => ({ name: f.fileName, sha256: f.sha256, at: f.createdAt.toISOString() })),
        })),
        erasure: erasure ? { at: erasure.at.toISOString(), reason: erasure.reason } : null,
      };
    },

    async eraseOnRequest(actor: Actor, customerId: string) {
      const scope = scopeOf(actor);
      if (await repo.findErasure(scope, customerId)) {
        throw new AppError('ALREADY_ERASED', 'this buyer’s personal data was already erased');
      }
      const summary = await erase(actor, customerId, 'request');
      if (!summary) throw new AppError('ALREADY_ERASED', 'this buyer’s personal data was already erased');
      return summary;
    },

    /** The retention rule for one tenant: buyers whose last case closed before the cutoff. */
    async applyRetention(tenantId: string, retentionDays: number, batch = 200) {
      const actor = systemActor(tenantId, 'retention');
      const cutoff = retentionCutoff(clock.now(), retentionDays);
      let erased = 0;
      for (;;) {
        const due = await repo.customersDueForErasure(scopeTo(db, tenantId), cutoff, batch);
        for (const id of due) {
          if (await erase(actor, id, 'retention')) erased++;
        }
        if (due.length < batch) return erased;
      }
    },

    async runRetention(actor: Actor) {
      const { retentionDays } = await this.settings(actor);
      if (retentionDays === null) return { erased: 0 };
      return { erased: await this.applyRetention(actor.tenantId, retentionDays) };
    },

    /** Every tenant that set a retention period (the background job). */
    async runAllRetention() {
      let erased = 0;
      for (const t of await repo.tenantsWithRetention(db))
        erased += await this.applyRetention(t.tenantId, t.retentionDays);
      return erased;
    },

    accessLog: (actor: Actor, from: Date | undefined, to: Date | undefined, limit: number) =>
      repo.accessLog(scopeOf(actor), from, to, limit),

    recentErasures: (actor: Actor, limit: number) => repo.recentErasures(scopeOf(actor), limit),
  };
}
