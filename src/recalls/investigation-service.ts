import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { ReviewChecklist } from '../db/schema/recalls.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { assertNoPersonalData } from './public-text-service.js';
import * as repo from './recall-repo.js';
import type { RecallService } from './recall-service.js';

/** The closing review: what failed in quality control and what changes, one line each. */
export const REVIEW_KEYS = [
  'qc_failure',
  'supplier_decision',
  'inspection_change',
  'listing_change',
  'process_change',
  'monitoring_plan',
] as const;
export type ReviewKey = (typeof REVIEW_KEYS)[number];

export type FindingsInput = {
  rootCause: string;
  faultSupplier?: string | null | undefined;
  faultBatch?: string | null | undefined;
  findingsZh: string;
  findingsEn?: string | null | undefined;
};

export type InvestigationService = ReturnType<typeof createInvestigationService>;

export function createInvestigationService({
  db,
  clock,
  recalls,
}: {
  db: Db;
  clock: Clock;
  recalls: RecallService;
}) {
  const audit = (
    scope: TenantScope,
    actor: Actor,
    id: string,
    action: string,
    after: Record<string, unknown>,
  ) => recordAudit(scope, actor, [{ entityType: 'recall', entityId: id, action, after }], clock.now());

  async function editable(actor: Actor, id: string) {
    const r = await recalls.mustFind(actor, id);
    if (r.status === 'closed' || r.status === 'cancelled') {
      throw new AppError('ILLEGAL_TRANSITION', `a ${r.status} recall cannot change`);
    }
    return r;
  }

  return {
    /**
     * Records the root cause and the findings; the supplier or batch at fault is named by the
     * text on the order lines (the supplier record links it once suppliers are records).
     */
    async saveFindings(actor: Actor, id: string, input: FindingsInput) {
      const scope = scopeTo(db, actor.tenantId);
      const r = await editable(actor, id);
      // The findings go on the public page: no buyer's name, phone, address or order number.
      await assertNoPersonalData(scope, recalls.sourceOf(r), r.contact, [
        { field: 'findings (zh-CN)', text: input.findingsZh },
        { field: 'findings (en)', text: input.findingsEn ?? '' },
      ]);
      const row = await repo.updateRecall(scope, id, {
        rootCause: input.rootCause,
        faultSupplier: input.faultSupplier ?? null,
        faultBatch: input.faultBatch ?? null,
        findingsZh: input.findingsZh,
        findingsEn: input.findingsEn ?? null,
        updatedAt: clock.now(),
      });
      await audit(scope, actor, id, 'recall_findings_saved', {
        rootCause: input.rootCause,
        faultSupplier: input.faultSupplier ?? null,
        faultBatch: input.faultBatch ?? null,
      });
      return row;
    },

    /** Puts the findings on the public page (only once the recall is public and findings are written). */
    async publishFindings(actor: Actor, id: string) {
      const scope = scopeTo(db, actor.tenantId);
      const r = await editable(actor, id);
      if (r.status === 'draft')
        throw new AppError('ILLEGAL_TRANSITION', 'announce the recall before publishing findings');
      if (!r.findingsZh)
        throw new AppError('ILLEGAL_TRANSITION', 'write the findings before publishing them');
      const now = clock.now();
      const row = await repo.updateRecall(scope, id, { findingsPublishedAt: now, updatedAt: now });
      await audit(scope, actor, id, 'recall_findings_published', { at: now.toISOString() });
      return row;
    },

    async actions(actor: Actor, id: string) {
      await recalls.mustFind(actor, id);
      return repo.listActions(scopeTo(db, actor.tenantId), id);
    },

    async addAction(
      actor: Actor,
      id: string,
      input: { kind: 'corrective' | 'preventive'; description: string; ownerName: string; dueAt: Date },
    ) {
      const scope = scopeTo(db, actor.tenantId);
      await editable(actor, id);
      const now = clock.now();
      const row = await repo.insertAction(scope, {
        id: newId(),
        recallId: id,
        kind: input.kind,
        description: input.description,
        ownerName: input.ownerName,
        dueAt: input.dueAt,
        doneAt: null,
        verification: null,
        verifiedAt: null,
        verifiedByName: null,
        createdAt: now,
      });
      await audit(scope, actor, id, 'recall_action_added', {
        actionId: row.id,
        kind: row.kind,
        ownerName: row.ownerName,
      });
      return row;
    },

    /** Done, then verified (how the fix was checked): verification needs the action done first. */
    async updateAction(
      actor: Actor,
      id: string,
      actionId: string,
      input: { done?: boolean | undefined; verification?: string | undefined },
    ) {
      const scope = scopeTo(db, actor.tenantId);
      await editable(actor, id);
      const action = await repo.findAction(scope, id, actionId);
      if (!action) throw new AppError('ACTION_NOT_FOUND', `action ${actionId} not found`);
      if (input.verification && !action.doneAt && !input.done) {
        throw new AppError('ILLEGAL_TRANSITION', 'an action is verified after it is done');
      }
      const now = clock.now();
      const row = await repo.updateAction(scope, actionId, {
        ...(input.done ? { doneAt: action.doneAt ?? now } : {}),
        ...(input.verification
          ? { verification: input.verification, verifiedAt: now, verifiedByName: actor.name }
          : {}),
      });
      await audit(scope, actor, id, 'recall_action_updated', { actionId, ...input });
      return row;
    },

    async saveReview(actor: Actor, id: string, items: ReviewChecklist) {
      const scope = scopeTo(db, actor.tenantId);
      await editable(actor, id);
      const known = new Set<string>(REVIEW_KEYS);
      const bad = items.find((i) => !known.has(i.key));
      if (bad) throw new AppError('VALIDATION_FAILED', `unknown review item ${bad.key}`);
      const row = await repo.updateRecall(scope, id, { review: items, updatedAt: clock.now() });
      await audit(scope, actor, id, 'recall_review_saved', {
        done: items.filter((i) => i.done).map((i) => i.key),
      });
      return row;
    },
  };
}
