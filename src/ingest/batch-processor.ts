import { systemActor } from '../auth/roles.js';
import { recordDeliveries } from '../care/delivery-repo.js';
import type { Platform, TicketEvent } from '../channels/channel.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { groupBy } from '../shared/group-by.js';
import type { TicketService } from '../tickets/ticket-service.js';
import type { TicketStatus } from '../tickets/ticket-types.js';
import {
  findByPlatformIds,
  findOrderProducts,
  lockChannelCases,
  saveChannelCases,
} from './channel-case-repo.js';
import {
  appendedMessage,
  eventPlace,
  type InboxRow,
  newCaseInput,
  type Outcome,
  platformLabel,
  readEvent,
  refundPhaseAfter,
  type SignalListener,
  type SignalledEvent,
  stepsTowards,
} from './processor.js';

type ShopRow = Parameters<typeof readEvent>[1];
export type BatchItem = { row: InboxRow; shop: ShopRow };
/** Per inbox row id: what processing did, or why this one event could not be read. */
export type BatchResult = Map<string, Outcome | { error: unknown }>;

export type BatchProcessingOptions = {
  /**
   * Reserves `count` ticket numbers of a tenant outside the batch transaction (PostgreSQL), so
   * parallel batches do not queue on the tenant's counter; a batch that rolls back leaves a gap.
   */
  reserveNumbers?: (tenantId: string, count: number) => Promise<number>;
  /** Hears the batch's events that announce an intervention or a penalty, after their cases are written. */
  onSignals?: SignalListener;
};

type CaseState = {
  shopId: string;
  externalRef: string;
  ticketId: string | null;
  status: TicketStatus | null;
  orderRef: string | null;
  stageRank: number;
  lastEventAt: Date | null;
  refundPhase: string | null;
  queue: { row: InboxRow; event: TicketEvent; shop: ShopRow }[];
};

const caseKey = (shopId: string, ref: string) => `${shopId}\u0000${ref}`;

/**
 * Processes a batch of inbox rows set-wise: the same decisions as processInboxEvent, event by
 * event and case by case, but each step written for all cases at once (one upsert of the case
 * rows, then one createMany, one addMessages and one changeStatuses per round). Events of
 * one case are applied in order, one per round. Runs inside the worker's transaction; when any
 * statement fails the caller rolls the batch back and processes its events one by one.
 */
export async function processInboxBatch(
  db: Db,
  tickets: TicketService,
  items: BatchItem[],
  options: BatchProcessingOptions = {},
): Promise<BatchResult> {
  const results: BatchResult = new Map();
  const cased: { row: InboxRow; event: TicketEvent; shop: ShopRow }[] = [];
  for (const { row, shop } of items) {
    try {
      const event = readEvent(row, shop);
      if ('outcome' in event) results.set(row.id, event);
      else cased.push({ row, event, shop });
    } catch (error) {
      results.set(row.id, { error });
    }
  }
  for (const [tenantId, events] of groupBy(cased, (e) => e.row.tenantId)) {
    await processTenant(scopeTo(db, tenantId), tickets, events, results, options);
  }
  // Delivery events set their orders' delivered time (care after delivery starts from it).
  const delivered = items.flatMap(({ row }) => {
    const r = results.get(row.id);
    return r && 'delivery' in r && r.delivery ? [{ tenantId: row.tenantId, delivery: r.delivery }] : [];
  });
  for (const [tenantId, list] of groupBy(delivered, (d) => d.tenantId)) {
    await recordDeliveries(
      scopeTo(db, tenantId),
      list.map((d) => d.delivery),
    );
  }
  return results;
}

async function processTenant(
  scope: TenantScope,
  service: TicketService,
  events: { row: InboxRow; event: TicketEvent; shop: ShopRow }[],
  results: BatchResult,
  options: BatchProcessingOptions,
) {
  // Every round's operations are one pipeline run: a case is written once per batch, not per operation.
  const run = service.inOneRun(scope);
  const tickets = run.tickets;
  const reserve = options.reserveNumbers;
  const numbers = reserve ? (count: number) => reserve(scope.tenantId, count) : undefined;
  const cases = await lockCases(scope, events);
  const system = systemActor(scope.tenantId);
  const signalled: SignalledEvent[] = [];
  const actorFor = (shop: ShopRow) => systemActor(scope.tenantId, platformLabel(shop.platform as Platform));
  for (;;) {
    // One round: the next event of every case that still has one.
    const heads = [...cases.values()].flatMap((c) => {
      const next = c.queue.shift();
      return next ? [{ kase: c, ...next }] : [];
    });
    if (!heads.length) break;
    const opening = heads.filter((h) => !h.kase.ticketId);
    const found = await lookUpBuyersAndOrders(
      scope,
      opening.map((h) => ({ shopId: h.shop.id, event: h.event })),
    );
    // Two new cases of one buyer we do not know yet: the first creates the buyer, the second
    // waits a round and finds it (as one event at a time would).
    const newBuyers = new Set<string>();
    const deferred = new Set<(typeof heads)[number]>();
    for (const h of opening) {
      const ref = h.event.buyer?.externalId;
      if (!ref) continue;
      const key = caseKey(h.shop.id, ref);
      if (found.customers.has(key)) continue;
      if (newBuyers.has(key)) deferred.add(h);
      else newBuyers.add(key);
    }
    for (const h of deferred) h.kase.queue.unshift({ row: h.row, event: h.event, shop: h.shop });
    const planned = heads
      .filter((h) => !deferred.has(h))
      .map((h) => ({ ...h, ...eventPlace(h.event, h.kase) }));

    const creating = planned.filter((p) => !p.kase.ticketId);
    const created = await tickets.createMany(
      system,
      creating.map((p) => ({
        ...newCaseInput(p.event, p.shop.id, p.kase.externalRef, {
          orderId: p.event.orderRef ? found.orders.get(caseKey(p.shop.id, p.event.orderRef)) : undefined,
          product: p.event.orderRef
            ? found.products.get(found.orders.get(caseKey(p.shop.id, p.event.orderRef)) ?? '')
            : undefined,
          customerId: p.event.buyer?.externalId
            ? found.customers.get(caseKey(p.shop.id, p.event.buyer.externalId))
            : undefined,
        }),
        by: actorFor(p.shop),
      })),
      { reread: false, ...(numbers ? { numbers } : {}) },
    );
    creating.forEach((p, i) => {
      p.kase.ticketId = created[i]!.id;
      p.kase.status = created[i]!.status;
      results.set(p.row.id, {
        status: 'processed',
        outcome: 'created',
        kind: p.event.kind,
        ticketId: p.kase.ticketId,
      });
    });

    const appending = planned.filter((p) => !creating.includes(p));
    const written = await tickets.addMessages(
      system,
      appending.map((p) => ({
        id: p.kase.ticketId!,
        msg: appendedMessage(p.event, p.row.externalEventId, p.forward),
        by: actorFor(p.shop),
      })),
      { reread: false },
    );
    appending.forEach((p, i) => {
      p.kase.status = written[i]!.ticket.status;
      results.set(p.row.id, {
        status: 'processed',
        outcome: p.forward ? 'appended' : 'stale',
        kind: p.event.kind,
        ticketId: p.kase.ticketId,
      });
    });

    // Status moves: at most two steps (via resolving to follow-up), each step for all cases at once.
    const moving = planned.flatMap((p) =>
      p.target && p.kase.status ? [{ ...p, steps: stepsTowards(p.kase.status, p.target) }] : [],
    );
    for (let step = 0; moving.some((m) => m.steps[step]); step++) {
      const group = moving.filter((m) => m.steps[step]);
      const moved = await tickets.changeStatuses(
        system,
        group.map((m) => ({ id: m.kase.ticketId!, cmd: { status: m.steps[step]! }, by: actorFor(m.shop) })),
        { reread: false },
      );
      group.forEach((m, i) => {
        m.kase.status = moved[i]!.status;
      });
    }

    for (const p of planned) {
      if (p.event.signal) {
        signalled.push({
          event: p.event,
          ticketId: p.kase.ticketId!,
          shopId: p.shop.id,
          externalEventId: p.row.externalEventId,
        });
      }
      p.kase.orderRef ??= p.event.orderRef;
      if (p.forward) {
        p.kase.stageRank = Math.max(p.rank, 0);
        if (p.event.occurredAt) p.kase.lastEventAt = p.event.occurredAt;
      }
      p.kase.refundPhase = refundPhaseAfter(p.kase.refundPhase, p.event, p.forward);
    }
  }
  await run.done();
  await saveChannelCases(
    scope,
    [...cases.values()].map(
      ({ shopId, externalRef, ticketId, orderRef, stageRank, lastEventAt, refundPhase }) => ({
        shopId,
        externalRef,
        ticketId,
        orderRef,
        stageRank,
        lastEventAt,
        refundPhase,
      }),
    ),
    new Date(),
  );
  if (signalled.length && options.onSignals) await options.onSignals(scope, signalled);
}

/**
 * Creates or locks the case row of every case in the batch (sorted, so two workers lock alike):
 * a second worker with an event of the same after-sale waits here until this batch commits.
 */
async function lockCases(
  scope: TenantScope,
  events: { row: InboxRow; event: TicketEvent; shop: ShopRow }[],
): Promise<Map<string, CaseState>> {
  const first = new Map<string, { shopId: string; ref: string; orderRef: string | null }>();
  for (const { row, event, shop } of events) {
    const ref = event.caseRef ?? `event:${row.externalEventId}`;
    const key = caseKey(shop.id, ref);
    if (!first.has(key)) first.set(key, { shopId: shop.id, ref, orderRef: event.orderRef });
  }
  const keys = [...first.keys()].sort();
  const rows = await lockChannelCases(
    scope,
    keys.map((key) => {
      const c = first.get(key)!;
      return { shopId: c.shopId, externalRef: c.ref, orderRef: c.orderRef };
    }),
  );
  const cases = new Map<string, CaseState>();
  for (const r of rows) {
    cases.set(caseKey(r.shopId, r.externalRef), {
      shopId: r.shopId,
      externalRef: r.externalRef,
      ticketId: r.ticketId,
      status: null,
      orderRef: r.orderRef,
      stageRank: r.stageRank,
      lastEventAt: r.lastEventAt,
      refundPhase: r.refundPhase,
      queue: [],
    });
  }
  for (const e of events) {
    const kase = cases.get(caseKey(e.shop.id, e.event.caseRef ?? `event:${e.row.externalEventId}`));
    if (!kase) throw new Error('case row vanished');
    kase.queue.push(e);
  }
  return cases;
}

/** Orders and buyers the new cases name, found by their platform ids: one query each. */
async function lookUpBuyersAndOrders(scope: TenantScope, list: { shopId: string; event: TicketEvent }[]) {
  const orderRefs = [...new Set(list.flatMap((l) => (l.event.orderRef ? [l.event.orderRef] : [])))];
  const buyerRefs = [
    ...new Set(list.flatMap((l) => (l.event.buyer?.externalId ? [l.event.buyer.externalId] : []))),
  ];
  const { orders: orderRows, customers: customerRows } = await findByPlatformIds(scope, orderRefs, buyerRefs);
  const firstOf = <T extends { id: string; createdAt: Date }>(rows: T[], key: (r: T) => string | null) => {
    const out = new Map<string, string>();
    for (const r of [...rows].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
      const k = key(r);
      if (k && !out.has(k)) out.set(k, r.id);
    }
    return out;
  };
  const orderIds = firstOf(orderRows, (o) => caseKey(o.shopId, o.externalId));
  return {
    orders: orderIds,
    products: await findOrderProducts(scope, [...new Set(orderIds.values())]),
    customers: firstOf(customerRows, (c) =>
      c.shopId && c.externalId ? caseKey(c.shopId, c.externalId) : null,
    ),
  };
}
