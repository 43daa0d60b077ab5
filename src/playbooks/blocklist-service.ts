import { recordAudit } from '../audit/audit-repo.js';
import { type Actor, systemActor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import * as catalog from '../tickets/catalog-repo.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { BLOCKLIST_TAG } from './playbook-step.js';
import * as repo from './playbooks-repo.js';

export type BlocklistService = ReturnType<typeof createBlocklistService>;

/** Abusive buyers: who blocked them, why, until when; their open cases carry the 'blocklisted' tag. */
export function createBlocklistService({
  db,
  clock,
  tickets,
}: {
  db: Db;
  clock: Clock;
  /** The tag is an edit to the buyer's cases: through the ticket service, audited, seen by the pipeline. */
  tickets: TicketService;
}) {
  async function tagOpenCases(tx: TenantScope, actor: Actor, customerId: string, blocked: boolean) {
    const ids = await repo.openCaseIdsOf(tx, customerId);
    await tickets.within(tx).updateMany(
      actor,
      ids.map((id) => ({
        id,
        patch: (current) => ({
          tags: blocked
            ? [...current.tags, BLOCKLIST_TAG]
            : current.tags.filter((tag) => tag !== BLOCKLIST_TAG),
        }),
      })),
    );
  }

  const base = (actor: Actor) => scopeTo(db, actor.tenantId);

  /** One tenant's entries that ran out by `now`: closed at their expiry, the tag off the buyer's open cases. */
  async function expireTenant(tenantId: string, now: Date) {
    const actor = systemActor(tenantId, 'blocklist expiry');
    return scopeTo(db, tenantId).transaction(async (tx) => {
      let closed = 0;
      for (const block of await repo.expiredBlocks(tx, now)) {
        if (!(await repo.closeExpiredBlock(tx, block.id))) continue;
        closed++;
        // A newer entry for the same buyer keeps the tag on.
        if (!(await repo.activeBlockFor(tx, block.customerId, now))) {
          await tagOpenCases(tx, actor, block.customerId, false);
        }
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'customer',
              entityId: block.customerId,
              action: 'blocklist_expired',
              before: { reason: block.reason, expiresAt: block.expiresAt?.toISOString() ?? null },
            },
          ],
          now,
        );
      }
      return closed;
    });
  }

  return {
    /** The expiry sweep over every tenant (time passed in); safe to run again or on two workers. */
    async expireDue(now = clock.now()) {
      let expired = 0;
      for (const tenantId of await repo.tenantsWithExpiredBlocks(db, now)) {
        expired += await expireTenant(tenantId, now);
      }
      return { expired };
    },

    async list(actor: Actor, includeInactive: boolean, limit: number) {
      const scope = base(actor);
      const rows = await repo.listBlocks(scope, includeInactive ? null : clock.now(), limit);
      const names = new Map<string, string>();
      for (const row of rows) {
        if (!names.has(row.customerId)) {
          names.set(row.customerId, (await catalog.findCustomer(scope, row.customerId))?.name ?? '');
        }
      }
      return rows.map((row) => ({ ...row, customerName: names.get(row.customerId) ?? '' }));
    },

    async add(actor: Actor, input: { customerId: string; reason: string; expiresAt?: Date | undefined }) {
      const scope = base(actor);
      const now = clock.now();
      const customer = await catalog.findCustomer(scope, input.customerId);
      if (!customer) throw new AppError('CUSTOMER_NOT_FOUND', `customer ${input.customerId} not found`);
      if (input.expiresAt && input.expiresAt.getTime() <= now.getTime()) {
        throw new AppError('VALIDATION_FAILED', 'the expiry must be in the future');
      }
      if (await repo.activeBlockFor(scope, input.customerId, now)) {
        throw new AppError('CONFLICT', `${customer.name} is already on the blocklist`);
      }
      return scope.transaction(async (tx) => {
        const row = await repo.insertBlock(tx, {
          id: newId(),
          customerId: input.customerId,
          reason: input.reason,
          createdBy: actor.id,
          createdByName: actor.name,
          expiresAt: input.expiresAt ?? null,
          createdAt: now,
        });
        await tagOpenCases(tx, actor, input.customerId, true);
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'customer',
              entityId: input.customerId,
              action: 'blocklisted',
              after: { reason: input.reason, expiresAt: input.expiresAt?.toISOString() ?? null },
            },
          ],
          now,
        );
        return { ...row, customerName: customer.name };
      });
    },

    async lift(actor: Actor, id: string) {
      const scope = base(actor);
      const now = clock.now();
      const block = await repo.findBlock(scope, id);
      if (!block) throw new AppError('BLOCK_NOT_FOUND', `blocklist entry ${id} not found`);
      if (block.liftedAt) throw new AppError('CONFLICT', 'this entry was already lifted');
      return scope.transaction(async (tx) => {
        const row = await repo.updateBlock(tx, id, { liftedAt: now, liftedByName: actor.name });
        await tagOpenCases(tx, actor, block.customerId, false);
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'customer',
              entityId: block.customerId,
              action: 'blocklist_lifted',
              before: { reason: block.reason },
            },
          ],
          now,
        );
        return row;
      });
    },
  };
}
