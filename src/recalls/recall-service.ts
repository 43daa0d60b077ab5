import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { RecallScopeJson } from '../db/schema/recalls.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { findShops } from '../shops/shop-repo.js';
import { findTicket } from '../tickets/ticket-repo.js';
import * as affected from './affected-repo.js';
import { recallClock } from './legal-clocks.js';
import { checkRecallMove, completionPermille, isPublic, minutesToAnnounce, STAMP } from './lifecycle.js';
import { completionByShop } from './progress-repo.js';
import { newPublicId } from './public-id.js';
import { assertNoPersonalData, personalDataFindings } from './public-text-service.js';
import {
  checkScopeRefs,
  normaliseScope,
  type RecallInput,
  type RecallPatch,
  statementFacts,
} from './recall-input.js';
import * as repo from './recall-repo.js';
import type { Locale, RecallStatus } from './recall-types.js';
import { nextReminderAt, normaliseReminderDays, scheduleOf } from './reminder-schedule.js';
import { defaultAnswer, generateStatement } from './statement.js';

export type RecallService = ReturnType<typeof createRecallService>;

export function createRecallService({ db, clock }: { db: Db; clock: Clock }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function mustFind(scope: TenantScope, id: string) {
    const row = await repo.findRecall(scope, id);
    if (!row) throw new AppError('RECALL_NOT_FOUND', `recall ${id} not found`);
    return row;
  }

  const sourceOf = (r: repo.RecallRow): affected.LineSource =>
    r.frozenAt ? { kind: 'frozen', recallId: r.id } : { kind: 'live', scope: r.scope };

  const audit = (
    scope: TenantScope,
    actor: Actor,
    id: string,
    action: string,
    before?: object,
    after?: object,
  ) =>
    recordAudit(
      scope,
      actor,
      [
        {
          entityType: 'recall',
          entityId: id,
          action,
          before: (before as Record<string, unknown>) ?? null,
          after: (after as Record<string, unknown>) ?? null,
        },
      ],
      clock.now(),
    );

  /** Stop-selling per affected shop, telling each affected platform: one open task each. */
  async function openTasks(scope: TenantScope, r: repo.RecallRow, shopIds: string[], now: Date) {
    const rows = shopIds.length ? await findShops(scope, shopIds) : [];
    const platforms = [...new Set(rows.map((s) => s.platform))];
    await repo.insertTasks(scope, [
      ...rows.map((s) => ({
        id: newId(),
        recallId: r.id,
        kind: 'stop_sale' as const,
        shopId: s.id,
        platform: s.platform,
        createdAt: now,
      })),
      ...platforms.map((platform) => ({
        id: newId(),
        recallId: r.id,
        kind: 'platform_notice' as const,
        platform,
        createdAt: now,
      })),
    ]);
  }

  return {
    facts: async (actor: Actor, id: string) => {
      const scope = scopeOf(actor);
      return statementFacts(scope, await mustFind(scope, id));
    },
    mustFind: (actor: Actor, id: string) => mustFind(scopeOf(actor), id),
    sourceOf,

    /** What a public text of this campaign would publish that it must not, each finding masked. */
    async checkPublicText(actor: Actor, id: string, fields: { field: string; text: string }[]) {
      const r = await mustFind(scopeOf(actor), id);
      return personalDataFindings(scopeOf(actor), sourceOf(r), r.contact, fields);
    },

    async create(actor: Actor, input: RecallInput) {
      const scope = scopeOf(actor);
      const s = normaliseScope(input.scope);
      await checkScopeRefs(scope, s);
      await assertNoPersonalData(scope, { kind: 'live', scope: s }, input.contact ?? null, [
        { field: 'title', text: input.title },
        { field: 'productName', text: input.productName ?? '' },
      ]);
      let learnedAt = input.learnedAt ?? null;
      if (input.sourceTicketId) {
        const ticket = await findTicket(scope, input.sourceTicketId);
        if (!ticket) throw new AppError('TICKET_NOT_FOUND', `ticket ${input.sourceTicketId} not found`);
        learnedAt ??= (await affected.firstSafetyReport(scope, s)) ?? ticket.createdAt;
      }
      const now = clock.now();
      if (learnedAt && learnedAt > now)
        throw new AppError('VALIDATION_FAILED', 'learnedAt lies in the future');
      const id = newId();
      const draft = {
        id,
        publicId: newPublicId(),
        title: input.title,
        hazard: input.hazard,
        productName: input.productName ?? null,
        hazardLevel: input.hazardLevel ?? 'consumer',
        role: input.role ?? 'seller',
        source: input.source ?? (input.sourceTicketId ? 'critical_case' : 'manual'),
        sourceTicketId: input.sourceTicketId ?? null,
        learnedAt: learnedAt ?? now,
        ownerId: actor.type === 'user' ? actor.id : null,
        ownerName: actor.name,
        team: input.team ?? [],
        scope: s,
        remedies: input.remedies ?? ['refund', 'exchange'],
        claimDeadline: input.claimDeadline ?? null,
        contact: input.contact ?? null,
        budgetFen: input.budgetFen ?? null,
        seriousHarm: input.seriousHarm ?? false,
        createdAt: now,
        updatedAt: now,
      } satisfies repo.NewRecall;
      return scope.transaction(async (tx) => {
        const row = await repo.insertRecall(tx, draft);
        const f = await statementFacts(tx, row);
        const updated = await repo.updateRecall(tx, id, {
          answerZh: defaultAnswer(f, 'zh-CN'),
          answerEn: defaultAnswer(f, 'en'),
        });
        await audit(tx, actor, id, 'recall_created', undefined, {
          title: row.title,
          scope: s,
          source: row.source,
        });
        return updated;
      });
    },

    list: (
      actor: Actor,
      status: RecallStatus | undefined,
      after: { at: string; id: string } | null,
      limit: number,
    ) => repo.listRecalls(scopeOf(actor), status, after, limit),

    async get(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const r = await mustFind(scope, id);
      const [totals, zh, en] = await Promise.all([
        affected.affectedTotals(scope, sourceOf(r)),
        repo.latestStatement(scope, id, 'zh-CN'),
        repo.latestStatement(scope, id, 'en'),
      ]);
      return {
        recall: r,
        totals,
        clock: recallClock(r.hazardLevel, r.learnedAt, r.announcedAt, r.clockOverride),
        minutesToAnnounce: minutesToAnnounce(r.learnedAt, r.announcedAt),
        statementVersions: { 'zh-CN': zh?.version ?? 0, en: en?.version ?? 0 },
      };
    },

    async update(actor: Actor, id: string, patch: RecallPatch) {
      const scope = scopeOf(actor);
      if (patch.title || patch.productName) {
        const r = await mustFind(scope, id);
        await assertNoPersonalData(scope, sourceOf(r), patch.contact ?? r.contact, [
          { field: 'title', text: patch.title ?? '' },
          { field: 'productName', text: patch.productName ?? '' },
        ]);
      }
      return scope.transaction(async (tx) => {
        const r = await repo.lockRecall(tx, id);
        if (!r) throw new AppError('RECALL_NOT_FOUND', `recall ${id} not found`);
        if (r.status === 'closed' || r.status === 'cancelled') {
          throw new AppError('ILLEGAL_TRANSITION', `a ${r.status} recall cannot be edited`);
        }
        let s: RecallScopeJson | undefined;
        if (patch.scope) {
          if (r.status !== 'draft') {
            throw new AppError(
              'ILLEGAL_TRANSITION',
              'the scope is frozen at announcement: recompute it instead',
            );
          }
          s = normaliseScope(patch.scope);
          await checkScopeRefs(tx, s);
        }
        const { scope: _ignored, reminderDays, ...rest } = patch;
        const set = Object.fromEntries(
          Object.entries(rest).filter(([, v]) => v !== undefined),
        ) as Partial<repo.RecallRow>;
        if (reminderDays && r.ownerId !== actor.id && actor.role !== 'admin') {
          // The schedule is the owner's call: buyers hear from the campaign on the days its owner chose.
          throw new AppError(
            'FORBIDDEN',
            'only the campaign owner (or an admin) changes the reminder schedule',
          );
        }
        if (reminderDays) {
          // A new schedule moves the next reminder (or stops them): the worker reads nextReminderAt.
          set.reminderDays = normaliseReminderDays(reminderDays);
          set.nextReminderAt = nextReminderAt(scheduleOf({ ...r, reminderDays: set.reminderDays }));
        }
        const updated = await repo.updateRecall(tx, id, {
          ...set,
          ...(s ? { scope: s } : {}),
          updatedAt: clock.now(),
        });
        await audit(tx, actor, id, 'recall_updated', undefined, {
          fields: Object.keys(set).concat(s ? ['scope'] : []),
        });
        return updated;
      });
    },

    async changeStatus(actor: Actor, id: string, to: RecallStatus) {
      const scope = scopeOf(actor);
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const r = await repo.lockRecall(tx, id);
        if (!r) throw new AppError('RECALL_NOT_FOUND', `recall ${id} not found`);
        // One query at a time: a transaction holds one connection.
        const zh = await repo.latestStatement(tx, id, 'zh-CN');
        const en = zh ?? (await repo.latestStatement(tx, id, 'en'));
        const set: Partial<repo.RecallRow> = {
          status: to,
          // Closed or cancelled: no reminder is due any more.
          nextReminderAt: nextReminderAt(scheduleOf({ ...r, status: to })),
          updatedAt: now,
        };
        const stamp = STAMP[to];
        if (stamp) set[stamp] = now;
        let affectedOrders = 1;
        let frozenShops: string[] = [];
        if (to === 'announced') {
          // Checked cheaply first, then the scope is frozen once, counted from the rows as they went in.
          checkRecallMove(r.status, to, { hasStatement: !!(zh || en), affectedOrders: 1 });
          const frozen = await affected.freezeAffected(tx, id, r.scope);
          set.frozenAt = now;
          affectedOrders = frozen.totals.orders;
          frozenShops = frozen.byShop.map((x) => x.shopId);
        }
        checkRecallMove(r.status, to, { hasStatement: !!(zh || en), affectedOrders });
        if (to === 'closed') {
          // Units remedied count once their outbox steps were delivered (the console never shows done for what failed).
          const shops = await completionByShop(tx, id);
          set.completionRate = completionPermille(
            shops.reduce((sum, x) => sum + x.remediedUnits, 0),
            shops.reduce((sum, x) => sum + x.units, 0),
          );
        }
        const updated = await repo.updateRecall(tx, id, set);
        if (to === 'announced') await openTasks(tx, updated, frozenShops, now);
        await audit(tx, actor, id, `recall_${to}`, { status: r.status }, { status: to });
        return updated;
      });
    },

    async affected(actor: Actor, id: string, after: string | null, limit: number, shopId?: string) {
      const scope = scopeOf(actor);
      const r = await mustFind(scope, id);
      const source = sourceOf(r);
      const [totals, items] = await Promise.all([
        affected.affectedTotals(scope, source),
        affected.listAffectedOrders(scope, source, after, limit + 1, { shopId }),
      ]);
      const more = items.length > limit;
      const page = items.slice(0, limit);
      return { totals, items: page, next: more ? page.at(-1)!.orderId : null, frozen: r.frozenAt !== null };
    },

    async byShop(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      return affected.affectedByShop(scope, sourceOf(await mustFind(scope, id)));
    },

    async diff(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const r = await mustFind(scope, id);
      if (!r.frozenAt)
        throw new AppError(
          'ILLEGAL_TRANSITION',
          'the scope is frozen at announcement; a draft is always live',
        );
      return affected.diffAffected(scope, id, r.scope);
    },

    /** Recomputes the frozen set from the order lines now (orders recorded since, corrections). */
    async refreeze(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const r = await repo.lockRecall(tx, id);
        if (!r) throw new AppError('RECALL_NOT_FOUND', `recall ${id} not found`);
        if (!r.frozenAt || !isPublic(r.status) || r.status === 'closed') {
          throw new AppError('ILLEGAL_TRANSITION', `a ${r.status} recall has no frozen scope to recompute`);
        }
        const diff = await affected.diffAffected(tx, id, r.scope);
        const frozen = await affected.freezeAffected(tx, id, r.scope);
        const updated = await repo.updateRecall(tx, id, { frozenAt: now, updatedAt: now });
        await openTasks(
          tx,
          updated,
          frozen.byShop.map((x) => x.shopId),
          now,
        );
        await audit(tx, actor, id, 'recall_scope_recomputed', undefined, diff);
        return diff;
      });
    },

    async statement(actor: Actor, id: string, locale: Locale) {
      const scope = scopeOf(actor);
      const r = await mustFind(scope, id);
      const saved = await repo.latestStatement(scope, id, locale);
      if (saved)
        return {
          locale,
          text: saved.text,
          version: saved.version,
          savedAt: saved.createdAt,
          generated: false,
        };
      return {
        locale,
        text: generateStatement(await statementFacts(scope, r), locale),
        version: 0,
        savedAt: null,
        generated: true,
      };
    },

    async saveStatement(actor: Actor, id: string, locale: Locale, text: string) {
      const scope = scopeOf(actor);
      // Checked before the row lock: the scan over the campaign's orders should not hold it.
      const current = await mustFind(scope, id);
      await assertNoPersonalData(scope, sourceOf(current), current.contact, [
        { field: `statement (${locale})`, text },
      ]);
      return scope.transaction(async (tx) => {
        const r = await repo.lockRecall(tx, id);
        if (!r) throw new AppError('RECALL_NOT_FOUND', `recall ${id} not found`);
        if (r.status === 'closed' || r.status === 'cancelled') {
          throw new AppError('ILLEGAL_TRANSITION', `the statement of a ${r.status} recall cannot change`);
        }
        const last = await repo.latestStatement(tx, id, locale);
        const row = await repo.insertStatement(tx, {
          recallId: id,
          locale,
          version: (last?.version ?? 0) + 1,
          text,
          authorName: actor.name,
          createdAt: clock.now(),
        });
        await audit(tx, actor, id, 'recall_statement_saved', undefined, { locale, version: row.version });
        return { locale, text: row.text, version: row.version, savedAt: row.createdAt, generated: false };
      });
    },

    async statementVersions(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      await mustFind(scope, id);
      return repo.listStatements(scope, id);
    },
  };
}
