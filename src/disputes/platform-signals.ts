import { recordAudit } from '../audit/audit-repo.js';
import { type Actor, systemActor } from '../auth/roles.js';
import type { PlatformSignal } from '../channels/channel.js';
import { CHANNELS } from '../channels/registry.js';
import type { TenantScope } from '../db/tenant-scope.js';
import type { SignalledEvent } from '../ingest/processor.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { findOrder } from '../tickets/catalog-repo.js';
import { findTicket } from '../tickets/ticket-repo.js';
import * as repo from './dispute-repo.js';
import { disputeDeadlines, nextDue } from './dispute-rules.js';
import { findPenaltyByExternalRef, insertPenalty } from './penalty-repo.js';
import { appealDueAt, penaltyNextDue } from './penalty-rules.js';
import { disputeTypeOf, outcomeOfDecision } from './signal-rules.js';

type Intervention = Extract<PlatformSignal, { type: 'intervention' }>;
type Penalty = Extract<PlatformSignal, { type: 'penalty' }>;

/**
 * Opens disputes and records penalties from platform events, in the transaction that wrote the
 * event's case (so exactly once with it): an intervention opens one dispute per platform case
 * (a repeat finds it), an evidence request sets its evidence deadline, a decision or withdrawal
 * closes it with the platform's outcome; a violation notice records one penalty per notice.
 */
export function createSignalHandler({ clock }: { clock: Clock }) {
  return async (scope: TenantScope, list: SignalledEvent[]) => {
    for (const item of list) {
      const signal = item.event.signal;
      if (!signal) continue;
      const actor = systemActor(scope.tenantId, CHANNELS[item.event.platform].label.zh);
      if (signal.type === 'intervention') await intervene(scope, actor, item, signal, clock.now());
      else await penalise(scope, actor, item, signal, clock.now());
    }
  };
}

async function intervene(
  scope: TenantScope,
  actor: Actor,
  item: SignalledEvent,
  signal: Intervention,
  now: Date,
) {
  const { event } = item;
  let dispute =
    (await repo.findByExternalRef(scope, event.platform, signal.ref)) ??
    (await openDispute(scope, actor, item, signal, now));
  const change = async (action: string, set: Partial<repo.NewDispute>) => {
    const updated = await repo.updateDispute(scope, dispute.id, {
      ...set,
      nextDueAt: nextDue({ ...dispute, ...set }),
    });
    await recordAudit(
      scope,
      actor,
      [
        {
          entityType: 'dispute',
          entityId: dispute.id,
          action,
          before: { status: dispute.status },
          after: { ...set, event: event.eventType } as Record<string, unknown>,
        },
      ],
      now,
    );
    if (updated) dispute = updated;
  };
  if (dispute.status === 'closed') return;
  if (signal.phase === 'evidence_requested' && signal.evidenceDueAt && dispute.status === 'open') {
    await change('dispute.updated', { evidenceDueAt: signal.evidenceDueAt });
  }
  if (signal.phase === 'decided' || signal.phase === 'cancelled') {
    const outcome = signal.phase === 'cancelled' ? 'withdrawn' : outcomeOfDecision(signal.winner);
    if (!outcome) return;
    await change('dispute.decided', {
      status: 'closed',
      outcome,
      amountLostFen: outcome === 'lost' ? dispute.amountAtStakeFen : 0,
      decidedAt: event.occurredAt ?? now,
      decisionNote: event.text.slice(0, 500),
    });
  }
}

async function openDispute(
  scope: TenantScope,
  actor: Actor,
  item: SignalledEvent,
  signal: Intervention,
  now: Date,
) {
  const { event } = item;
  const ticket = await findTicket(scope, item.ticketId);
  const order = ticket?.orderId ? await findOrder(scope, ticket.orderId) : undefined;
  const type = disputeTypeOf(ticket?.category ?? null, event.afterSaleType);
  const openedAt = event.occurredAt ?? now;
  const deadlines = disputeDeadlines(
    { type, platform: event.platform, openedAt },
    signal.evidenceDueAt ? { evidenceDueAt: signal.evidenceDueAt } : {},
  );
  const dispute = await repo.insertDispute(scope, {
    id: newId(),
    type,
    platform: event.platform,
    reason: ticket?.category ?? '',
    ticketId: item.ticketId,
    orderId: ticket?.orderId ?? null,
    shopId: item.shopId,
    externalRef: signal.ref,
    source: 'platform_event',
    claim: '',
    position: '',
    amountAtStakeFen: event.amountFen ?? order?.totalFen ?? 0,
    openedAt,
    ...deadlines,
    nextDueAt: nextDue({ ...deadlines, status: 'open' }),
    createdByName: actor.name,
    createdAt: now,
    updatedAt: now,
  });
  await recordAudit(
    scope,
    actor,
    [
      {
        entityType: 'dispute',
        entityId: dispute.id,
        action: 'dispute.opened',
        after: { type, platform: dispute.platform, source: 'platform_event', event: event.eventType },
      },
    ],
    now,
  );
  return dispute;
}

async function penalise(scope: TenantScope, actor: Actor, item: SignalledEvent, signal: Penalty, now: Date) {
  const { event } = item;
  if (await findPenaltyByExternalRef(scope, event.platform, signal.ref)) return;
  const penalizedAt = event.occurredAt ?? now;
  const due = appealDueAt(event.platform, penalizedAt, signal.appealDueAt);
  const row = await insertPenalty(scope, {
    id: newId(),
    shopId: item.shopId,
    platform: event.platform,
    // A points penalty whose points the notice did not name is recorded as "other".
    kind: signal.kind === 'points' && !signal.points ? 'other' : signal.kind,
    points: signal.points ?? null,
    depositFen: signal.depositFen ?? null,
    reason: signal.reason,
    ruleRef: null,
    externalRef: signal.ref,
    source: 'platform_event',
    penalizedAt,
    appealDueAt: due,
    status: 'open',
    nextDueAt: penaltyNextDue({ status: 'open', appealDueAt: due, decisionExpectedBy: null }),
    createdByName: actor.name,
    createdAt: now,
    updatedAt: now,
  });
  await recordAudit(
    scope,
    actor,
    [
      {
        entityType: 'penalty',
        entityId: row.id,
        action: 'penalty.recorded',
        after: { kind: row.kind, points: row.points, source: 'platform_event', ticketId: item.ticketId },
      },
    ],
    now,
  );
}
