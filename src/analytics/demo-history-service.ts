import type { Actor } from '../auth/roles.js';
import { systemActor } from '../auth/roles.js';
import { isPlatform } from '../channels/channel.js';
import { CHANNELS } from '../channels/registry.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import type { OfferService } from '../playbooks/offer-service.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { ShopService } from '../shops/shop-service.js';
import type { CatalogService } from '../tickets/catalog-service.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { actsOf, type HistoryPlan, planHistory } from './demo-history-plan.js';
import { hasDemoHistory } from './demo-history-repo.js';
import { HISTORY_PRODUCTS } from './demo-history-texts.js';
import { insertFeedback } from './feedback-repo.js';

/** The services the history runs through, built with the history clock (app.ts passes the factory). */
export type HistoryServices = {
  catalog: CatalogService;
  tickets: TicketService;
  shops: ShopService;
  playbooks: { offers: OfferService };
  ingest: { runOutboxBatch(): Promise<number> };
  auth: { listUsers(actor: Actor): Promise<{ id: string; name: string; role: Actor['role'] }[]> };
};

export type HistoryProgress = {
  state: 'running' | 'done' | 'failed';
  days: number;
  acts: number;
  done: number;
  orders: number;
  cases: number;
  closed: number;
  offers: number;
  error?: string;
};

/**
 * A believable 90-day past for a demo merchant, written through the server's own services — the
 * ticket service and its pipeline (triage, SLA clocks, outbox, playbooks), the catalogue, offers
 * told to the buyer and accepted — with a clock that is set to each act's time. Only for tenants
 * whose every shop is simulated (the demo's), and only once.
 */
export function createDemoHistory({
  db,
  clock,
  servicesAt,
}: {
  db: Db;
  clock: Clock;
  servicesAt: (clock: Clock) => HistoryServices;
}) {
  const runs = new Map<string, HistoryProgress>();

  async function check(actor: Actor, svc: HistoryServices) {
    const shops = await svc.shops.list(actor);
    if (!shops.length) throw new AppError('DEMO_ONLY', 'add the demo shops first (npm run demo does)');
    const real = shops.filter((s) => (s.settings as Record<string, unknown>).simulated !== true);
    if (real.length) {
      throw new AppError(
        'DEMO_ONLY',
        `a made-up history is only for demo tenants: shop ${real[0]!.name} is connected to a real platform`,
      );
    }
    if (await hasDemoHistory(scopeTo(db, actor.tenantId))) {
      throw new AppError('DEMO_ONLY', 'this tenant already has its demo history');
    }
    return shops;
  }

  return {
    progress: (tenantId: string) => runs.get(tenantId) ?? null,

    /** Starts the history in the background; the progress is polled. */
    async start(actor: Actor, options: { days: number; ordersPerDay: number; seed?: number | undefined }) {
      if (runs.get(actor.tenantId)?.state === 'running') return runs.get(actor.tenantId)!;
      const histClock = {
        at: clock.now(),
        now() {
          return new Date(this.at);
        },
      };
      const svc = servicesAt(histClock);
      const shops = await check(actor, svc);
      const now = clock.now().getTime();
      const plan = planHistory({
        platforms: shops.map((s) => s.platform),
        days: options.days,
        ordersPerDay: options.ordersPerDay,
        now,
        seed: options.seed ?? 2026,
      });
      const acts = actsOf(plan, now);
      const progress: HistoryProgress = {
        state: 'running',
        days: options.days,
        acts: acts.length,
        done: 0,
        orders: 0,
        cases: 0,
        closed: 0,
        offers: 0,
      };
      runs.set(actor.tenantId, progress);
      void run(actor, svc, histClock, shops, plan, acts, progress).catch((error: unknown) => {
        progress.state = 'failed';
        progress.error = error instanceof Error ? error.message : String(error);
      });
      return progress;
    },
  };

  async function run(
    actor: Actor,
    svc: HistoryServices,
    histClock: { at: Date },
    shops: { id: string; platform: string; name: string; settings: unknown }[],
    plan: HistoryPlan,
    acts: ReturnType<typeof actsOf>,
    progress: HistoryProgress,
  ) {
    // The platform's refusals are the demo of today; the past went through (set back at the end).
    const failing = shops.map((s) => (s.settings as Record<string, unknown>).simulatedFailureEvery ?? null);
    for (const s of shops) await svc.shops.update(actor, s.id, { settings: { simulatedFailureEvery: null } });
    try {
      await carryOut(actor, svc, histClock, shops, plan, acts, progress);
      progress.state = 'done';
    } finally {
      for (const [i, s] of shops.entries()) {
        await svc.shops.update(actor, s.id, {
          settings: { simulatedFailureEvery: failing[i] as number | null },
        });
      }
    }
  }

  async function carryOut(
    actor: Actor,
    svc: HistoryServices,
    histClock: { at: Date },
    shops: { id: string; platform: string }[],
    plan: HistoryPlan,
    acts: ReturnType<typeof actsOf>,
    progress: HistoryProgress,
  ) {
    const users = await svc.auth.listUsers(actor);
    const agents: Actor[] = users
      .filter((u) => u.role !== 'admin')
      .concat(users.filter((u) => u.role === 'admin'))
      .map((u) => ({ tenantId: actor.tenantId, type: 'user', id: u.id, name: u.name, role: u.role }));
    const skus = await ensureCatalogue(actor, svc);
    const orderIds: (string | null)[] = plan.orders.map(() => null);
    const buyerIds: (string | null)[] = plan.orders.map(() => null);
    const ticketIds: (string | null)[] = plan.cases.map(() => null);
    const offerIds: (string | null)[] = plan.cases.map(() => null);
    const scope = scopeTo(db, actor.tenantId);
    let lastDrain = 0;
    for (const act of acts) {
      histClock.at = new Date(act.at);
      if (act.type === 'order') {
        const o = plan.orders[act.order]!;
        // Every platform order has its buyer (masked as the platform shows them): care after
        // delivery and the cases on it reach that buyer.
        const buyer = await svc.catalog.createCustomer(actor, {
          name: o.buyerName,
          shopId: shops[o.shop]!.id,
          externalId: o.buyerRef,
        });
        buyerIds[act.order] = buyer.id;
        const created = await svc.catalog.createOrder(actor, {
          shopId: shops[o.shop]!.id,
          externalId: o.externalId,
          customerId: buyer.id,
          status: 'delivered',
          paidAt: new Date(o.paidAt),
          shippedAt: new Date(o.shippedAt),
          deliveredAt: new Date(o.deliveredAt),
          carrier: '中通快递',
          items: o.lines.map((l) => {
            const p = HISTORY_PRODUCTS[l.product]!;
            return {
              skuId: skus.get(p.skus[l.sku]!.code),
              name: `${p.name} ${p.skus[l.sku]!.name}`,
              quantity: l.qty,
              unitPriceFen: p.skus[l.sku]!.priceFen,
              paidFen: l.paidFen,
              batch: l.batch,
              supplier: p.supplier,
            };
          }),
        });
        orderIds[act.order] = created.order.id;
        progress.orders++;
      } else {
        const c = plan.cases[act.kase]!;
        const agent = agents[c.agent % agents.length] ?? actor;
        const id = ticketIds[act.kase];
        switch (act.type) {
          case 'open': {
            const o = plan.orders[c.order]!;
            const platform = shops[o.shop]!.platform;
            // The platform by its name, as the webhook inbox records it.
            const by = isPlatform(platform) ? CHANNELS[platform].label.zh : platform;
            const created = await svc.tickets.create(systemActor(actor.tenantId, by), {
              kind: c.kind,
              channel: c.channel,
              subject: c.subject,
              body: c.body,
              shopId: shops[o.shop]!.id,
              orderId: orderIds[c.order] ?? undefined,
              externalRef: c.externalRef,
              ...(c.category ? { categories: [c.category] } : {}),
              ...(buyerIds[c.order]
                ? { customerId: buyerIds[c.order]! }
                : { customer: { name: c.buyerName, externalId: c.buyerRef } }),
            });
            ticketIds[act.kase] = created.id;
            progress.cases++;
            break;
          }
          case 'reply':
            if (!id || !c.reply) break;
            await svc.tickets.update(agent, id, { assigneeId: agent.id });
            // A reply of the past went out through the platform then: it carries the platform's
            // message id, so it is on record as sent (nothing is queued today for it).
            await svc.tickets.addMessage(agent, id, {
              direction: 'outbound',
              body: c.reply.body,
              externalId: `hist-reply-${newId()}`,
            });
            break;
          case 'offer': {
            if (!id || !c.offer) break;
            const offer = await svc.playbooks.offers.create(agent, id, {
              remedy: c.offer.remedy,
              ...(c.offer.amountFen ? { amountFen: c.offer.amountFen } : {}),
              ...(c.offer.couponFen ? { couponFen: c.offer.couponFen } : {}),
            });
            offerIds[act.kase] = offer.id;
            if (offer.status === 'awaiting_approval') {
              const boss = agents.find((a) => a.role === 'admin') ?? actor;
              await svc.playbooks.offers.decide(boss, offer.id, 'approve');
            }
            await svc.playbooks.offers.tell(agent, offer.id, { via: c.offer.tellVia });
            if (c.offer.tellVia === 'message') await drain(svc);
            progress.offers++;
            break;
          }
          case 'accept': {
            const offerId = offerIds[act.kase];
            if (!offerId) break;
            const { offer, toldDelivery } = await svc.playbooks.offers.get(agent, offerId);
            if (offer.status !== 'proposed') break;
            // The buyer said yes to what reached them; a message still on its way was followed by a call.
            if (offer.toldVia === 'message' && toldDelivery?.state !== 'sent') {
              await svc.playbooks.offers.tell(agent, offerId, { via: 'phone' });
            }
            await svc.playbooks.offers.decide(agent, offerId, 'accept');
            break;
          }
          case 'close':
            if (!id || !c.close) break;
            await closeCase(svc, agent, id, c.close);
            progress.closed++;
            break;
          case 'csat':
            if (!id || !c.csat) break;
            await insertFeedback(scope, {
              id: newId(),
              ticketId: id,
              kind: 'csat',
              score: c.csat.score,
              previousScore: null,
              at: new Date(c.csat.at),
              recordedByName: '满意度回访',
            });
            break;
          case 'revised':
            if (!id || !c.revised) break;
            await insertFeedback(scope, {
              id: newId(),
              ticketId: id,
              kind: 'review_revision',
              score: c.revised.score,
              previousScore: c.revised.previous,
              at: new Date(c.revised.at),
              recordedByName: '评价追评',
            });
            break;
        }
      }
      progress.done++;
      // Acknowledgements, surveys and refunds of the past go out at their time, day by day.
      if (act.at - lastDrain > 6 * 3600_000) {
        await drain(svc);
        lastDrain = act.at;
      }
    }
    histClock.at = new Date(clock.now());
    await drain(svc);
  }

  async function drain(svc: HistoryServices) {
    for (let i = 0; i < 20 && (await svc.ingest.runOutboxBatch()) > 0; i++);
  }

  async function closeCase(
    svc: HistoryServices,
    agent: Actor,
    id: string,
    close: { cause: import('../tickets/ticket-types.js').RootCause; resolution: string },
  ) {
    const { ticket } = await svc.tickets.get(agent, id);
    if (ticket.status === 'closed') return;
    try {
      await svc.tickets.changeStatus(agent, id, {
        status: 'closed',
        rootCause: close.cause,
        resolution: close.resolution,
      });
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'ILLEGAL_TRANSITION')) throw error;
      // Some moves need a step between (a new case is acknowledged before it is resolved).
      await svc.tickets.changeStatus(agent, id, { status: 'investigating' });
      await svc.tickets.changeStatus(agent, id, {
        status: 'closed',
        rootCause: close.cause,
        resolution: close.resolution,
      });
    }
  }

  /** The demo catalogue's SKUs by code: the ones already there (the demo's order import), else created. */
  async function ensureCatalogue(actor: Actor, svc: HistoryServices): Promise<Map<string, string>> {
    const have = new Map<string, string>();
    for (const { skus } of await svc.catalog.listProducts(actor, 500)) {
      for (const s of skus) have.set(s.code, s.id);
    }
    for (const p of HISTORY_PRODUCTS) {
      const missing = p.skus.filter((s) => !have.has(s.code));
      if (!missing.length) continue;
      const { skus } = await svc.catalog.createProduct(actor, {
        name: p.name,
        category: p.category,
        supplier: p.supplier,
        skus: missing.map((s) => ({ code: s.code, name: s.name, priceFen: s.priceFen })),
      });
      for (const s of skus) have.set(s.code, s.id);
    }
    return have;
  }
}

export type DemoHistory = ReturnType<typeof createDemoHistory>;
