import { recordAudit } from '../audit/audit-repo.js';
import type { Actor, Role } from '../auth/roles.js';
import { caseExposure } from '../compliance/exposure.js';
import { DEFAULT_PRICE_PROTECTION_DAYS } from '../compliance/price-protection.js';
import type { Db } from '../db/client.js';
import type { PlaybookStep } from '../db/schema/playbooks.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { findShop } from '../shops/shop-repo.js';
import { findProducts, findSkus } from './case-repo.js';
import { loadCase } from './case-values.js';
import { pickCategory, suggestNextStep } from './next-step.js';
import type { ApprovalLimits } from './offer-rules.js';
import * as repo from './playbooks-repo.js';
import { ensureSeeded } from './seed.js';

export type PlaybookService = ReturnType<typeof createPlaybookService>;

export function createPlaybookService({ db, clock }: { db: Db; clock: Clock }) {
  const scopeOf = async (actor: Actor) => {
    const scope = scopeTo(db, actor.tenantId);
    await ensureSeeded(scope, clock.now());
    return scope;
  };
  const mustCase = async (scope: TenantScope, ticketId: string) => {
    const c = await loadCase(scope, ticketId);
    if (!c) throw new AppError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
    return c;
  };

  async function checkSteps(scope: TenantScope, steps: PlaybookStep[]) {
    const keys = new Set<string>();
    for (const step of steps) {
      if (keys.has(step.key)) throw new AppError('VALIDATION_FAILED', `step key "${step.key}" is used twice`);
      keys.add(step.key);
    }
    const known = new Set((await repo.listTemplates(scope, {})).map((t) => t.key));
    for (const step of steps) {
      if (step.templateKey && !known.has(step.templateKey)) {
        throw new AppError(
          'VALIDATION_FAILED',
          `step "${step.key}" names an unknown template "${step.templateKey}"`,
        );
      }
    }
  }

  async function ticketPlaybook(scope: TenantScope, ticketId: string) {
    const c = await mustCase(scope, ticketId);
    const all = (await repo.listPlaybooks(scope)).filter((p) => p.enabled);
    const run = await repo.findRun(scope, ticketId);
    const playbook =
      (run && all.find((p) => p.id === run.playbookId)) ??
      all.find((p) => p.category === pickCategory(c.ticket.categories, new Set(all.map((x) => x.category))));
    const done = new Set((run?.doneSteps ?? []).map((s) => s.key));
    const now = clock.now();
    const block = c.ticket.customerId
      ? await repo.activeBlockFor(scope, c.ticket.customerId, now)
      : undefined;
    return {
      ticket: c.ticket,
      playbook: playbook ?? null,
      run: run ?? null,
      nextStep: playbook ? suggestNextStep(playbook.steps, done, c.ticket.status) : null,
      blocklisted: block ? { id: block.id, reason: block.reason, expiresAt: block.expiresAt } : null,
    };
  }

  return {
    async list(actor: Actor) {
      return repo.listPlaybooks(await scopeOf(actor));
    },

    async update(
      actor: Actor,
      id: string,
      patch: { name?: string | undefined; steps?: PlaybookStep[] | undefined; enabled?: boolean | undefined },
    ) {
      const scope = await scopeOf(actor);
      const before = await repo.findPlaybook(scope, id);
      if (!before) throw new AppError('PLAYBOOK_NOT_FOUND', `playbook ${id} not found`);
      if (patch.steps) await checkSteps(scope, patch.steps);
      const now = clock.now();
      const updated = await repo.updatePlaybook(scope, id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.steps !== undefined ? { steps: patch.steps } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        updatedAt: now,
      });
      await recordAudit(
        scope,
        actor,
        [
          {
            entityType: 'playbook',
            entityId: id,
            action: 'updated',
            before: { name: before.name, steps: before.steps, enabled: before.enabled },
            after: { name: updated!.name, steps: updated!.steps, enabled: updated!.enabled },
          },
        ],
        now,
      );
      return updated!;
    },

    async forTicket(actor: Actor, ticketId: string) {
      return ticketPlaybook(await scopeOf(actor), ticketId);
    },

    /** Starts the case's playbook (or another one by id) and marks steps done as the agent works. */
    async apply(actor: Actor, ticketId: string, playbookId: string | undefined) {
      const scope = await scopeOf(actor);
      const current = await ticketPlaybook(scope, ticketId);
      const playbook = playbookId ? await repo.findPlaybook(scope, playbookId) : current.playbook;
      if (!playbook) throw new AppError('PLAYBOOK_NOT_FOUND', 'no playbook fits this case');
      const now = clock.now();
      await repo.upsertRun(scope, {
        ticketId,
        playbookId: playbook.id,
        doneSteps: current.run?.playbookId === playbook.id ? current.run.doneSteps : [],
        appliedBy: actor.name,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(
        scope,
        actor,
        [
          {
            entityType: 'ticket',
            entityId: ticketId,
            action: 'playbook_applied',
            after: { playbook: playbook.category },
          },
        ],
        now,
      );
      return ticketPlaybook(scope, ticketId);
    },

    async markStep(actor: Actor, ticketId: string, stepKey: string) {
      const scope = await scopeOf(actor);
      const current = await ticketPlaybook(scope, ticketId);
      if (!current.playbook) throw new AppError('PLAYBOOK_NOT_FOUND', 'no playbook fits this case');
      await markStepDone(scope, actor, ticketId, current.playbook, stepKey, clock.now());
      return ticketPlaybook(scope, ticketId);
    },

    async settings(actor: Actor) {
      const scope = await scopeOf(actor);
      const settings = await repo.findSettings(scope);
      return { approvalLimits: settings!.approvalLimits };
    },

    async updateSettings(actor: Actor, approvalLimits: ApprovalLimits) {
      const ordered: Role[] = ['agent', 'supervisor', 'admin'];
      for (let i = 1; i < ordered.length; i++) {
        const lower = approvalLimits[ordered[i - 1]!];
        const higher = approvalLimits[ordered[i]!];
        if (lower === null && higher !== null) {
          throw new AppError(
            'VALIDATION_FAILED',
            `the ${ordered[i]} limit cannot be below the ${ordered[i - 1]} limit`,
          );
        }
        if (lower !== null && higher !== null && higher < lower) {
          throw new AppError(
            'VALIDATION_FAILED',
            `the ${ordered[i]} limit cannot be below the ${ordered[i - 1]} limit`,
          );
        }
      }
      const scope = await scopeOf(actor);
      const before = await repo.findSettings(scope);
      const now = clock.now();
      await repo.updateSettings(scope, { approvalLimits, updatedAt: now });
      await recordAudit(
        scope,
        actor,
        [
          {
            entityType: 'playbook_settings',
            entityId: actor.tenantId,
            action: 'approval_limits_changed',
            before: { approvalLimits: before?.approvalLimits ?? null },
            after: { approvalLimits },
          },
        ],
        now,
      );
      return { approvalLimits };
    },

    async shopPolicy(actor: Actor, shopId: string) {
      const scope = await scopeOf(actor);
      if (!(await findShop(scope, shopId))) throw new AppError('SHOP_NOT_FOUND', `shop ${shopId} not found`);
      const policy = await repo.findShopPolicy(scope, shopId);
      return { shopId, priceProtectionDays: policy?.priceProtectionDays ?? DEFAULT_PRICE_PROTECTION_DAYS };
    },

    async updateShopPolicy(actor: Actor, shopId: string, priceProtectionDays: number) {
      const scope = await scopeOf(actor);
      if (!(await findShop(scope, shopId))) throw new AppError('SHOP_NOT_FOUND', `shop ${shopId} not found`);
      const now = clock.now();
      const row = await repo.upsertShopPolicy(scope, shopId, priceProtectionDays, now);
      await recordAudit(
        scope,
        actor,
        [
          {
            entityType: 'shop',
            entityId: shopId,
            action: 'price_protection_window_changed',
            after: { priceProtectionDays },
          },
        ],
        now,
      );
      return { shopId, priceProtectionDays: row.priceProtectionDays };
    },

    /** The stakes on a case, each line citing its rule. */
    async exposure(actor: Actor, ticketId: string) {
      const scope = await scopeOf(actor);
      const c = await mustCase(scope, ticketId);
      const productIds = [...new Set(c.items.flatMap((i) => (i.productId ? [i.productId] : [])))];
      const skuIds = [...new Set(c.items.flatMap((i) => (i.skuId ? [i.skuId] : [])))];
      const productRows = await findProducts(scope, productIds);
      const skuRows = await findSkus(scope, skuIds);
      const policy = c.ticket.shopId ? await repo.findShopPolicy(scope, c.ticket.shopId) : undefined;
      const timezone = c.shop?.timezone ?? (await repo.tenantTimezone(scope));
      const lines = caseExposure({
        ticketCategories: c.ticket.categories,
        order: c.order
          ? { paidAt: c.order.paidAt ?? c.order.createdAt, deliveredAt: c.order.deliveredAt }
          : null,
        items: c.items.map((i) => ({
          name: i.name,
          quantity: i.quantity,
          unitPriceFen: i.unitPriceFen,
          paidFen: i.paidFen,
          productCategory: productRows.find((p) => p?.id === i.productId)?.category ?? null,
          currentUnitFen: skuRows.find((s) => s?.id === i.skuId)?.priceFen ?? null,
        })),
        now: clock.now(),
        timezone,
        priceProtectionDays: policy?.priceProtectionDays ?? DEFAULT_PRICE_PROTECTION_DAYS,
      });
      return { ticketId, orderId: c.order?.id ?? null, orderValueFen: c.order?.totalFen ?? null, lines };
    },
  };
}

/** Records a playbook step as done on the case's run (creating the run when the agent skipped "apply"). */
export async function markStepDone(
  scope: TenantScope,
  actor: Actor,
  ticketId: string,
  playbook: repo.PlaybookRow,
  stepKey: string,
  now: Date,
) {
  if (!playbook.steps.some((s) => s.key === stepKey)) {
    throw new AppError('VALIDATION_FAILED', `the ${playbook.category} playbook has no step "${stepKey}"`);
  }
  const run = await repo.findRun(scope, ticketId);
  const doneSteps = run?.playbookId === playbook.id ? [...run.doneSteps] : [];
  if (doneSteps.some((s) => s.key === stepKey)) return;
  doneSteps.push({ key: stepKey, at: now.toISOString(), by: actor.name });
  await repo.upsertRun(scope, {
    ticketId,
    playbookId: playbook.id,
    doneSteps,
    appliedBy: run?.appliedBy ?? actor.name,
    createdAt: run?.createdAt ?? now,
    updatedAt: now,
  });
}
