import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { BrandPlatform, ComplaintType } from '../db/schema/brand.js';
import type { EvidenceKind } from '../db/schema/evidence.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import type { EvidenceService } from '../evidence/evidence-service.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { type DraftLocale, draftDefenceResponse } from './defence-draft.js';
import * as repo from './defence-repo.js';
import {
  type DefenceStatus,
  defenceChecklist,
  defenceDue,
  defenceDueAt,
  moveDefence,
} from './defence-rules.js';
import type { SourcingService } from './sourcing-service.js';

/** The tag on cases opened for a defence by hand: the notice step leaves them alone. */
export const DEFENCE_CASE_TAG = 'ip_defence';
export const IP_COMPLAINT_TAG = 'ip_complaint';

const CASE_NOTE: Record<DefenceStatus, string> = {
  open: '知识产权投诉重新打开',
  responded: '已在平台提交知识产权投诉的申诉材料',
  dismissed: '知识产权投诉结果：投诉不成立，商品保留',
  upheld: '知识产权投诉结果：投诉成立',
  withdrawn: '知识产权投诉结果：投诉方已撤诉',
};

export type DefenceInput = {
  platform: BrandPlatform;
  shopId?: string | null | undefined;
  externalRef?: string | null | undefined;
  listingTitle: string;
  listingUrl?: string | null | undefined;
  sku?: string | null | undefined;
  complainant: string;
  type: ComplaintType;
  rightNo?: string | null | undefined;
  claim?: string | undefined;
  receivedAt?: Date | undefined;
  responseDueAt?: Date | undefined;
};

export type DefencePatch = Partial<
  Pick<
    DefenceInput,
    'listingTitle' | 'listingUrl' | 'sku' | 'complainant' | 'type' | 'rightNo' | 'claim' | 'responseDueAt'
  >
> & { response?: string | undefined };

export type DefenceService = ReturnType<typeof createDefenceService>;

const notFound = (id: string) => new AppError('BRAND_RECORD_NOT_FOUND', `defence ${id} not found`);

/**
 * IP complaints received against the merchant's own shop: intake (by hand, or from a platform
 * notice by the notice step), the answer deadline, the counter-evidence (the SKU's sourcing record,
 * its batches and authorisation chain, files in the evidence vault), an answer drafted in zh-CN or
 * en from that record, and the outcome.
 */
export function createDefenceService(deps: {
  db: Db;
  clock: Clock;
  evidence: EvidenceService;
  tickets: TicketService;
  sourcing: SourcingService;
}) {
  const { db, clock, evidence, tickets, sourcing } = deps;
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function mustFind(scope: TenantScope, id: string) {
    const row = await repo.findDefence(scope, id);
    if (!row) throw notFound(id);
    return row;
  }

  /** The files that count for a defence: its own, and those of its SKU's sourcing record, batches and chain. */
  async function exhibitsOf(actor: Actor, d: repo.DefenceRow) {
    const record = await sourcing.forSku(actor, d.sku);
    const subjects = [
      { type: 'brand_defence', id: d.id },
      ...(record
        ? [
            { type: 'brand_sourcing', id: record.record.id },
            ...record.batches.map((b) => ({ type: 'brand_sourcing_batch', id: b.id })),
            ...record.chain.map((c) => ({ type: 'brand_authorisation', id: c.authorisation.id })),
          ]
        : []),
    ];
    const items = await evidence.listMany(actor, subjects);
    return { record, items };
  }

  return {
    /** A complaint entered by hand: a case to handle it in, and the defence with its deadline. */
    async intake(actor: Actor, input: DefenceInput) {
      const scope = scopeOf(actor);
      const ref = input.externalRef?.trim() || null;
      if (ref && (await repo.defenceByExternal(scope, input.platform, ref))) {
        throw new AppError('CONFLICT', `complaint ${ref} on ${input.platform} is already recorded`);
      }
      const now = clock.now();
      const receivedAt = input.receivedAt ?? now;
      if (receivedAt.getTime() > now.getTime() + 60_000) {
        throw new AppError('VALIDATION_FAILED', 'a complaint cannot be received in the future');
      }
      const [ticket] = await tickets.createMany(actor, [
        {
          kind: 'platform_notice',
          channel: 'platform_notice',
          subject: `知识产权投诉：${input.listingTitle}`.slice(0, 200),
          body: input.claim?.trim() || `${input.complainant}：${input.listingTitle}`,
          severity: 'high',
          tags: [IP_COMPLAINT_TAG, DEFENCE_CASE_TAG],
          ...(input.shopId ? { shopId: input.shopId } : {}),
          ...(ref ? { externalRef: ref } : {}),
        },
      ]);
      return scope.transaction(async (tx) => {
        const row = await repo.insertDefence(tx, {
          id: newId(),
          platform: input.platform,
          shopId: input.shopId ?? null,
          externalRef: ref,
          listingTitle: input.listingTitle.trim(),
          listingUrl: input.listingUrl?.trim() || null,
          sku: input.sku?.trim() || null,
          complainant: input.complainant.trim(),
          type: input.type,
          rightNo: input.rightNo?.trim() || null,
          claim: input.claim ?? '',
          source: 'manual',
          receivedAt,
          responseDueAt: defenceDueAt(input.platform, receivedAt, input.responseDueAt),
          ticketId: ticket?.id ?? null,
          createdByName: actor.name,
        });
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'brand_defence',
              entityId: row.id,
              action: 'received',
              after: { ticketId: row.ticketId },
            },
          ],
          now,
        );
        return row;
      });
    },

    async list(actor: Actor, status: DefenceStatus | undefined, limit: number) {
      const rows = await repo.listDefences(scopeOf(actor), status, limit);
      const now = clock.now();
      const records = new Map<string, Awaited<ReturnType<SourcingService['forSku']>>>();
      for (const sku of new Set(rows.map((r) => r.sku).filter((s): s is string => !!s))) {
        records.set(sku, await sourcing.forSku(actor, sku));
      }
      return rows.map((d) => ({
        defence: d,
        due: defenceDue(d, now),
        sourced: d.sku ? Boolean(records.get(d.sku)) : null,
      }));
    },

    async get(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const d = await mustFind(scope, id);
      const { record, items } = await exhibitsOf(actor, d);
      return {
        defence: d,
        due: defenceDue(d, clock.now()),
        sourcing: record,
        evidence: items,
        checklist: defenceChecklist([
          ...items.map((i) => i.kind as EvidenceKind),
          // The supplier records' inspection reports of the SKU count too.
          ...(record && !record.gaps.includes('no_inspection_report')
            ? (['inspection_report'] as const)
            : []),
        ]),
      };
    },

    /** The answer drafted from what is on file, in the platform's language; nothing is saved. */
    async draft(actor: Actor, id: string, locale: DraftLocale) {
      const scope = scopeOf(actor);
      const d = await mustFind(scope, id);
      const { record, items } = await exhibitsOf(actor, d);
      return draftDefenceResponse(
        {
          platform: d.platform,
          complainant: d.complainant,
          type: d.type,
          rightNo: d.rightNo,
          externalRef: d.externalRef,
          listingTitle: d.listingTitle,
          sku: d.sku,
          sourcing: record
            ? {
                supplierName: record.record.supplierName,
                chain: record.chain.map((c) => ({
                  partyName: c.authorisation.partyName,
                  validUntil: c.authorisation.validUntil,
                  inForce: c.inForce,
                })),
                batches: record.batches,
              }
            : null,
          exhibits: items
            .filter((i) =>
              [
                'authorisation_letter',
                'invoice',
                'inspection_report',
                'certificate',
                'order_record',
              ].includes(i.kind),
            )
            .map((i) => ({ kind: i.kind, title: i.title, sha256: i.sha256 })),
        },
        locale,
      );
    },

    async update(actor: Actor, id: string, patch: DefencePatch) {
      const scope = scopeOf(actor);
      const d = await mustFind(scope, id);
      if (d.status !== 'open' && d.status !== 'responded') {
        throw new AppError('ILLEGAL_TRANSITION', `a ${d.status} defence is closed`);
      }
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const row = await repo.updateDefence(tx, id, {
          ...patch,
          ...(patch.sku !== undefined ? { sku: patch.sku?.trim() || null } : {}),
        });
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'brand_defence',
              entityId: id,
              action: 'updated',
              after: { fields: Object.keys(patch).join(',') },
            },
          ],
          now,
        );
        return row ?? d;
      });
    },

    /** responded (the answer went in on the platform), then the platform's decision. */
    async move(
      actor: Actor,
      id: string,
      input: { to: DefenceStatus; response?: string | undefined; note?: string | undefined },
    ) {
      const scope = scopeOf(actor);
      const d = await mustFind(scope, id);
      const now = clock.now();
      const result = moveDefence(d, input.to, now, input.response);
      if (!result.ok) throw new AppError(result.code, result.message);
      const moved = await scope.transaction(async (tx) => {
        const row = await repo.updateDefence(tx, id, {
          ...result.set,
          ...(input.response !== undefined ? { response: input.response } : {}),
          ...(input.note !== undefined ? { outcomeNote: input.note } : {}),
        });
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'brand_defence',
              entityId: id,
              action: input.to,
              before: { status: d.status },
              after: { status: input.to },
            },
          ],
          now,
        );
        return row ?? d;
      });
      // The case the complaint is handled in says what happened, through the ticket service like any note.
      if (d.ticketId) {
        await tickets.addMessage(actor, d.ticketId, {
          direction: 'note',
          body: `${CASE_NOTE[input.to]}${input.note ? `：${input.note}` : ''}`,
        });
      }
      return moved;
    },

    /** Won, lost and open, for the page's header. */
    async stats(actor: Actor) {
      const rows = await repo.listDefences(scopeOf(actor), undefined, 5000);
      const now = clock.now();
      const count = (s: DefenceStatus) => rows.filter((r) => r.status === s).length;
      return {
        open: count('open'),
        overdue: rows.filter((r) => defenceDue(r, now).state === 'overdue').length,
        responded: count('responded'),
        dismissed: count('dismissed'),
        upheld: count('upheld'),
        withdrawn: count('withdrawn'),
      };
    },
  };
}
