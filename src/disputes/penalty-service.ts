import { listAudit, recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { APPEAL_OUTCOMES, DisputeForum, PENALTY_KINDS } from '../db/schema/disputes.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import type { EvidenceService } from '../evidence/evidence-service.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { findShop } from '../shops/shop-repo.js';
import {
  findPenalty,
  insertPenalty,
  insertTasks,
  listPenalties,
  listTasks,
  markTaskDone,
  type PenaltyRow,
  updatePenalty,
} from './penalty-repo.js';
import { appealDueAt, canAppeal, decisionWindow, penaltyNextDue } from './penalty-rules.js';

export type { PenaltyRow, TaskRow } from './penalty-repo.js';

export type RecordPenaltyInput = {
  platform: DisputeForum;
  kind: (typeof PENALTY_KINDS)[number];
  shopId?: string | undefined;
  points?: number | undefined;
  depositFen?: number | undefined;
  reason: string;
  ruleRef?: string | undefined;
  externalRef?: string | undefined;
  penalizedAt?: Date | undefined;
  appealDueAt?: Date | undefined;
  tasks?: { title: string; dueAt?: Date | undefined }[] | undefined;
};

export type PenaltyService = ReturnType<typeof createPenaltyService>;

export function createPenaltyService({
  db,
  clock,
  evidence,
}: {
  db: Db;
  clock: Clock;
  evidence: EvidenceService;
}) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function mustFind(scope: TenantScope, id: string) {
    const row = await findPenalty(scope, id);
    if (!row) throw new AppError('PENALTY_NOT_FOUND', `penalty ${id} not found`);
    return row;
  }

  async function save(
    scope: TenantScope,
    actor: Actor,
    id: string,
    action: string,
    set: Partial<PenaltyRow>,
    before: PenaltyRow,
  ) {
    const now = clock.now();
    const merged = { ...before, ...set };
    return scope.transaction(async (tx) => {
      const row = await updatePenalty(tx, id, { ...set, nextDueAt: penaltyNextDue(merged), updatedAt: now });
      await recordAudit(
        tx,
        actor,
        [
          {
            entityType: 'penalty',
            entityId: id,
            action,
            before: { status: before.status },
            after: { status: merged.status },
          },
        ],
        now,
      );
      if (!row) throw new AppError('PENALTY_NOT_FOUND', `penalty ${id} not found`);
      return row;
    });
  }

  return {
    /** A penalty from a platform notice or entered by hand; Douyin's appeal deadline is set from the penalty time. */
    async record(actor: Actor, input: RecordPenaltyInput, source: 'manual' | 'platform_event' = 'manual') {
      const scope = scopeOf(actor);
      if (input.shopId && !(await findShop(scope, input.shopId))) {
        throw new AppError('SHOP_NOT_FOUND', `shop ${input.shopId} not found`);
      }
      if (input.kind === 'points' && !input.points)
        throw new AppError('VALIDATION_FAILED', 'a points penalty names its points');
      const now = clock.now();
      const penalizedAt = input.penalizedAt ?? now;
      const due = appealDueAt(input.platform, penalizedAt, input.appealDueAt);
      return scope.transaction(async (tx) => {
        const row = await insertPenalty(tx, {
          id: newId(),
          shopId: input.shopId ?? null,
          platform: input.platform,
          kind: input.kind,
          points: input.points ?? null,
          depositFen: input.depositFen ?? null,
          reason: input.reason,
          ruleRef: input.ruleRef ?? null,
          externalRef: input.externalRef ?? null,
          source,
          penalizedAt,
          appealDueAt: due,
          status: 'open',
          nextDueAt: penaltyNextDue({ status: 'open', appealDueAt: due, decisionExpectedBy: null }),
          createdByName: actor.name,
          createdAt: now,
          updatedAt: now,
        });
        await insertTasks(
          tx,
          (input.tasks ?? []).map((t) => ({
            id: newId(),
            penaltyId: row.id,
            title: t.title,
            dueAt: t.dueAt ?? null,
            createdAt: now,
          })),
        );
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'penalty',
              entityId: row.id,
              action: 'penalty.recorded',
              after: { kind: row.kind, points: row.points },
            },
          ],
          now,
        );
        return row;
      });
    },

    list: (
      actor: Actor,
      filter: { status?: PenaltyRow['status'] | 'active' | undefined; shopId?: string | undefined },
      limit: number,
    ) => listPenalties(scopeOf(actor), filter, limit),

    async get(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const penalty = await mustFind(scope, id);
      const [tasks, items, history] = await Promise.all([
        listTasks(scope, id),
        evidence.listMany(actor, [{ type: 'penalty', id }]),
        listAudit(scope, 'penalty', id),
      ]);
      return { penalty, tasks, evidence: items, history };
    },

    /** Files the appeal before its deadline; the decision is then expected in 1–5 working days. */
    async appeal(actor: Actor, id: string, text: string) {
      const scope = scopeOf(actor);
      const before = await mustFind(scope, id);
      const now = clock.now();
      const refusal = canAppeal(before, now);
      if (refusal) throw new AppError('ILLEGAL_TRANSITION', refusal);
      const window = decisionWindow(now);
      return save(
        scope,
        actor,
        id,
        'penalty.appealed',
        {
          status: 'appealed',
          appealText: text,
          appealedAt: now,
          decisionExpectedFrom: window.from,
          decisionExpectedBy: window.by,
        },
        before,
      );
    },

    /** Accepting the penalty without appeal closes its clock. */
    async accept(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const before = await mustFind(scope, id);
      if (before.status !== 'open')
        throw new AppError('ILLEGAL_TRANSITION', `a ${before.status} penalty cannot be accepted`);
      return save(scope, actor, id, 'penalty.accepted', { status: 'accepted' }, before);
    },

    async decide(
      actor: Actor,
      id: string,
      d: {
        outcome: (typeof APPEAL_OUTCOMES)[number];
        pointsRestored?: number | undefined;
        note?: string | undefined;
      },
    ) {
      const scope = scopeOf(actor);
      const before = await mustFind(scope, id);
      if (before.status !== 'appealed')
        throw new AppError('ILLEGAL_TRANSITION', `a ${before.status} penalty has no appeal to decide`);
      const restored = d.pointsRestored ?? (d.outcome === 'overturned' ? (before.points ?? 0) : 0);
      if (before.points !== null && restored > before.points) {
        throw new AppError('VALIDATION_FAILED', 'more points restored than were deducted');
      }
      return save(
        scope,
        actor,
        id,
        'penalty.decided',
        {
          status: 'decided',
          outcome: d.outcome,
          pointsRestored: restored,
          decidedAt: clock.now(),
          decisionNote: d.note ?? null,
        },
        before,
      );
    },

    async addTask(actor: Actor, penaltyId: string, task: { title: string; dueAt?: Date | undefined }) {
      const scope = scopeOf(actor);
      await mustFind(scope, penaltyId);
      const [row] = await insertTasks(scope, [
        { id: newId(), penaltyId, title: task.title, dueAt: task.dueAt ?? null, createdAt: clock.now() },
      ]);
      return row!;
    },

    async completeTask(actor: Actor, penaltyId: string, taskId: string) {
      const scope = scopeOf(actor);
      await mustFind(scope, penaltyId);
      const row = await markTaskDone(scope, penaltyId, taskId, { doneAt: clock.now(), doneBy: actor.name });
      if (!row) throw new AppError('NOT_FOUND', `task ${taskId} not found`);
      return row;
    },
  };
}
