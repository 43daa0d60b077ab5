import { listAudit, recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { DisputeForum, DisputeOutcome, DisputeType } from '../db/schema/disputes.js';
import type { EvidenceKind } from '../db/schema/evidence.js';
import { scopeTo } from '../db/tenant-scope.js';
import type { EvidenceRow } from '../evidence/evidence-repo.js';
import type { EvidenceService, EvidenceSubject, HoldCheck } from '../evidence/evidence-service.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { CatalogService } from '../tickets/catalog-service.js';
import type { TicketService } from '../tickets/ticket-service.js';
import * as repo from './dispute-repo.js';
import {
  checklist,
  type Deadlines,
  disputeDeadlines,
  nextDue,
  reminders,
  winRates,
} from './dispute-rules.js';

export type OpenDisputeInput = {
  type: DisputeType;
  platform: DisputeForum;
  ticketId?: string | undefined;
  orderId?: string | undefined;
  shopId?: string | undefined;
  reason?: string | undefined;
  claim?: string | undefined;
  position?: string | undefined;
  externalRef?: string | undefined;
  amountAtStakeFen?: number | undefined;
  openedAt?: Date | undefined;
} & Partial<Deadlines>;

export type DisputePatch = {
  reason?: string | undefined;
  claim?: string | undefined;
  position?: string | undefined;
  amountAtStakeFen?: number | undefined;
} & Partial<Deadlines>;

export type DisputeServiceDeps = {
  db: Db;
  clock: Clock;
  tickets: TicketService;
  catalog: CatalogService;
  evidence: EvidenceService;
};

export type DisputeService = ReturnType<typeof createDisputeService>;

const DEADLINE_KEYS = ['evidenceDueAt', 'responseDueAt', 'acceptanceDueAt', 'mediationEndsAt'] as const;

export function createDisputeService({ db, clock, tickets, catalog, evidence }: DisputeServiceDeps) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function mustFind(actor: Actor, id: string) {
    const dispute = await repo.findDispute(scopeOf(actor), id);
    if (!dispute) throw new AppError('DISPUTE_NOT_FOUND', `dispute ${id} not found`);
    return dispute;
  }

  /** The dispute, its case and its order: evidence filed on any of them counts for the dispute. */
  const subjectsOf = (d: repo.DisputeRow): EvidenceSubject[] => [
    { type: 'dispute', id: d.id },
    ...(d.ticketId ? [{ type: 'ticket', id: d.ticketId }] : []),
    ...(d.orderId ? [{ type: 'order', id: d.orderId }] : []),
  ];

  async function exhibitsOf(actor: Actor, d: repo.DisputeRow): Promise<EvidenceRow[]> {
    return evidence.listMany(actor, subjectsOf(d));
  }

  function withDerived(d: repo.DisputeRow, items: EvidenceRow[], now: Date) {
    return {
      dispute: d,
      evidence: items,
      checklist: checklist(
        d.type,
        items.map((i) => i.kind as EvidenceKind),
      ),
      reminders: reminders(d, now),
    };
  }

  async function open(actor: Actor, input: OpenDisputeInput, source: 'manual' | 'platform_event' = 'manual') {
    const scope = scopeOf(actor);
    let { orderId, shopId } = input;
    if (input.ticketId) {
      // The case's own order and shop, through the ticket service (404 for another tenant's case).
      const found = await tickets.get(actor, input.ticketId);
      orderId ??= found.ticket.orderId ?? undefined;
      shopId ??= found.ticket.shopId ?? undefined;
    }
    let orderTotal = 0;
    if (orderId) {
      const { order } = await catalog.getOrder(actor, orderId);
      shopId ??= order.shopId;
      orderTotal = order.totalFen;
    }
    const openedAt = input.openedAt ?? clock.now();
    const deadlines = disputeDeadlines({ type: input.type, platform: input.platform, openedAt }, input);
    const now = clock.now();
    return scope.transaction(async (tx) => {
      const dispute = await repo.insertDispute(tx, {
        id: newId(),
        type: input.type,
        platform: input.platform,
        reason: input.reason ?? '',
        ticketId: input.ticketId ?? null,
        orderId: orderId ?? null,
        shopId: shopId ?? null,
        externalRef: input.externalRef ?? null,
        source,
        claim: input.claim ?? '',
        position: input.position ?? '',
        amountAtStakeFen: input.amountAtStakeFen ?? orderTotal,
        openedAt,
        ...deadlines,
        nextDueAt: nextDue({ ...deadlines, status: 'open' }),
        createdByName: actor.name,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(
        tx,
        actor,
        [
          {
            entityType: 'dispute',
            entityId: dispute.id,
            action: 'dispute.opened',
            after: { type: dispute.type, platform: dispute.platform, source },
          },
        ],
        now,
      );
      return dispute;
    });
  }

  async function change(
    actor: Actor,
    id: string,
    action: string,
    set: Partial<repo.NewDispute>,
    before: repo.DisputeRow,
  ) {
    const now = clock.now();
    const merged = { ...before, ...set };
    const row = await scopeOf(actor).transaction(async (tx) => {
      const updated = await repo.updateDispute(tx, id, { ...set, nextDueAt: nextDue(merged) });
      await recordAudit(
        tx,
        actor,
        [
          {
            entityType: 'dispute',
            entityId: id,
            action,
            before: { status: before.status },
            after: { ...set } as Record<string, unknown>,
          },
        ],
        now,
      );
      return updated;
    });
    if (!row) throw new AppError('DISPUTE_NOT_FOUND', `dispute ${id} not found`);
    return row;
  }

  /** Deletion of an item is refused while an open dispute holds it (on the dispute, its case or order). */
  const hold: HoldCheck = async (scope, item) => {
    const refs =
      item.subjectType === 'dispute'
        ? { disputeId: item.subjectId }
        : item.subjectType === 'ticket'
          ? { ticketId: item.subjectId }
          : item.subjectType === 'order'
            ? { orderId: item.subjectId }
            : null;
    if (!refs) return null;
    const [open] = await repo.openDisputesOn(scope, refs);
    return open
      ? `the evidence belongs to an open dispute (${open.type}, ${open.platform}); close the dispute first`
      : null;
  };

  return {
    hold,
    open,

    /**
     * A dispute opened by a platform event (an intervention, an arbitration): one per platform case,
     * so a repeated or later event about the same case returns the dispute it opened.
     */
    async openFromPlatform(actor: Actor, input: OpenDisputeInput & { externalRef: string }) {
      const found = await repo.findByExternalRef(scopeOf(actor), input.platform, input.externalRef);
      if (found) return { dispute: found, created: false };
      return { dispute: await open(actor, input, 'platform_event'), created: true };
    },

    async get(actor: Actor, id: string) {
      const d = await mustFind(actor, id);
      return withDerived(d, await exhibitsOf(actor, d), clock.now());
    },

    list: (actor: Actor, filter: repo.DisputeFilter, cursor: repo.DisputeCursor | null, limit: number) =>
      repo.listDisputes(scopeOf(actor), filter, cursor, limit),

    async update(actor: Actor, id: string, patch: DisputePatch) {
      const before = await mustFind(actor, id);
      if (before.status === 'closed')
        throw new AppError('ILLEGAL_TRANSITION', 'a decided dispute cannot be edited');
      const set: Partial<repo.NewDispute> = {};
      for (const key of ['reason', 'claim', 'position', 'amountAtStakeFen', ...DEADLINE_KEYS] as const) {
        if (patch[key] !== undefined) (set as Record<string, unknown>)[key] = patch[key];
      }
      return change(actor, id, 'dispute.updated', set, before);
    },

    /** The evidence went to the platform or authority: the evidence deadline is met. */
    async submit(actor: Actor, id: string) {
      const before = await mustFind(actor, id);
      if (before.status !== 'open')
        throw new AppError('ILLEGAL_TRANSITION', `a ${before.status} dispute cannot be submitted`);
      return change(
        actor,
        id,
        'dispute.submitted',
        { status: 'submitted', submittedAt: clock.now() },
        before,
      );
    },

    async decide(
      actor: Actor,
      id: string,
      d: { outcome: DisputeOutcome; amountLostFen?: number | undefined; note?: string | undefined },
    ) {
      const before = await mustFind(actor, id);
      if (before.status === 'closed')
        throw new AppError('ILLEGAL_TRANSITION', 'the dispute is decided already');
      const lost = d.amountLostFen ?? (d.outcome === 'lost' ? before.amountAtStakeFen : 0);
      if (lost > before.amountAtStakeFen && before.amountAtStakeFen > 0) {
        throw new AppError('VALIDATION_FAILED', 'the amount lost cannot exceed the amount at stake');
      }
      return change(
        actor,
        id,
        'dispute.decided',
        {
          status: 'closed',
          outcome: d.outcome,
          amountLostFen: lost,
          decidedAt: clock.now(),
          decisionNote: d.note ?? null,
        },
        before,
      );
    },

    timeline: async (actor: Actor, id: string) => {
      await mustFind(actor, id);
      return listAudit(scopeOf(actor), 'dispute', id);
    },

    async stats(actor: Actor, range: { from?: Date | undefined; to?: Date | undefined }) {
      const list = await repo.decidedSince(scopeOf(actor), range.from, range.to);
      return {
        byType: winRates(list, 'type'),
        byPlatform: winRates(list, 'platform'),
        byReason: winRates(list, 'reason'),
        open: list.filter((d) => d.status !== 'closed').length,
        atStakeOpenFen: list.filter((d) => d.status !== 'closed').reduce((s, d) => s + d.amountAtStakeFen, 0),
      };
    },

    exhibitsOf,
    mustFind,
  };
}
