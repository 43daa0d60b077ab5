import { recordAudit } from '../audit/audit-repo.js';
import { type Actor, hasRole } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { InboxStatus, OutboxStatus } from '../db/schema/ingest.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { findShop } from '../shops/shop-repo.js';
import { shopEndpoint } from '../shops/shop-settings.js';
import { maskPiiInValue } from '../triage/pii.js';
import * as repo from './ingest-repo.js';
import { wake } from './signals.js';

export type EventAdmin = ReturnType<typeof createEventAdmin>;

/** What an admin does with the inbox and the outbox: list, look, replay a dead event, retry a failed send. */
export function createEventAdmin({ db, clock }: { db: Db; clock: Clock }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function mustFindEvent(actor: Actor, id: string) {
    const row = await repo.findInboxEvent(scopeOf(actor), id);
    if (!row) throw new AppError('NOT_FOUND', `event ${id} not found`);
    return row;
  }

  return {
    async listEvents(
      actor: Actor,
      filter: { status?: InboxStatus | undefined; shopId?: string | undefined },
      limit: number,
      cursor: repo.EventCursor | null,
    ) {
      const rows = await repo.listInboxEvents(scopeOf(actor), filter, limit + 1, cursor);
      const more = rows.length > limit;
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, next: more && last ? { at: last.receivedAt.toISOString(), id: last.id } : null };
    },

    /**
     * One event with its payload as a platform sent it: personal data masked, or — for a supervisor
     * or admin who asks to reveal it — unmasked, and the reveal audited.
     */
    async getEvent(actor: Actor, id: string, reveal = false) {
      if (reveal && !hasRole(actor.role, 'supervisor')) {
        throw new AppError(
          'FORBIDDEN',
          'only a supervisor or admin can reveal the personal data in an event',
        );
      }
      const row = await mustFindEvent(actor, id);
      if (!reveal) return { ...row, payload: maskPiiInValue(row.payload) };
      await recordAudit(
        scopeOf(actor),
        actor,
        [{ entityType: 'inbox_event', entityId: id, action: 'pii_revealed' }],
        clock.now(),
      );
      return row;
    },

    /** Puts a dead or unhandled event back in the queue. */
    async replay(actor: Actor, id: string) {
      const row = await mustFindEvent(actor, id);
      if (row.status !== 'dead' && row.status !== 'unhandled') {
        throw new AppError(
          'CONFLICT',
          `event ${id} is ${row.status}: only dead or unhandled events are replayed`,
        );
      }
      const updated = await repo.requeueInboxEvent(scopeOf(actor), id, clock.now());
      if (!updated) throw new AppError('CONFLICT', `event ${id} changed meanwhile`);
      wake('inbox');
      return updated;
    },

    async listOutbox(
      actor: Actor,
      filter: {
        status?: OutboxStatus | undefined;
        ticketId?: string | undefined;
        shopId?: string | undefined;
      },
      limit: number,
      cursor: repo.EventCursor | null,
    ) {
      const rows = await repo.listOutboxRows(scopeOf(actor), { ...filter, before: cursor }, limit + 1);
      const more = rows.length > limit;
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, next: more && last ? { at: last.createdAt.toISOString(), id: last.id } : null };
    },

    /** Every failed delivery of a shop back in the queue, addressed to the shop's current API address. */
    async retryFailed(actor: Actor, shopId: string) {
      const scope = scopeOf(actor);
      const shop = await findShop(scope, shopId);
      if (!shop) throw new AppError('SHOP_NOT_FOUND', `shop ${shopId} not found`);
      const n = await repo.requeueFailedOfShop(scope, shopId, clock.now(), shopEndpoint(shop.settings));
      if (n) wake('outbox');
      return n;
    },

    /** Sends a failed outbox row again (by its id, or by the message it carries). */
    async retry(actor: Actor, ref: { outboxId?: string; messageId?: string }) {
      const scope = scopeOf(actor);
      const row = await repo.findOutboxRow(scope, ref);
      if (!row) {
        throw new AppError(ref.outboxId ? 'NOT_FOUND' : 'MESSAGE_NOT_FOUND', 'no outbound delivery found');
      }
      if (row.status !== 'failed') {
        throw new AppError('CONFLICT', `the delivery is ${row.status}: only failed deliveries are retried`);
      }
      const shop = await findShop(scope, row.shopId);
      const updated = await repo.requeueOutboxRow(scope, row.id, clock.now(), shopEndpoint(shop?.settings));
      if (!updated) throw new AppError('CONFLICT', 'the delivery changed meanwhile');
      wake('outbox');
      return updated;
    },
  };
}
