import type { ComplaintCategory, RootCause, TicketChannel, TicketKind } from '../tickets/ticket-types.js';
import {
  BUYER_NAMES,
  HISTORY_PRODUCTS,
  PROBLEM,
  REPLIES,
  REVIEW_REPLIES,
  REVIEW_TEXTS,
} from './demo-history-texts.js';

/**
 * A believable past for a demo merchant, as a plan of acts in time: orders with a weekly rhythm
 * and a 双11 peak, complaints and reviews on some of them, replies (mostly in time, some late and
 * more so at the peak), offers told to the buyer and accepted, closings with root causes, CSAT and
 * revised reviews — and one charger batch that starts overheating in the last two weeks. Pure: the
 * runner (demo-history-service.ts) carries the acts out through the server's own services with a
 * clock set to each act's time.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type Rng = {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
};

/** Mulberry32: the same plan for the same seed. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

export type PlanOptions = {
  /** The shops' platforms, in the order the runner knows them. */
  platforms: string[];
  days: number;
  /** Orders per shop on an ordinary weekday. */
  ordersPerDay: number;
  now: number;
  seed: number;
};

export type PlannedLine = { product: number; sku: number; qty: number; paidFen: number; batch: string };
export type PlannedOrder = {
  shop: number;
  externalId: string;
  /** The buyer as the platform shows them: a masked nickname and the platform's buyer id. */
  buyerName: string;
  buyerRef: string;
  paidAt: number;
  shippedAt: number;
  deliveredAt: number;
  lines: PlannedLine[];
};

export type PlannedOffer = {
  remedy: 'refund' | 'partial_refund' | 'exchange' | 'reship' | 'coupon';
  amountFen: number;
  couponFen: number;
  at: number;
  tellVia: 'message' | 'phone';
  acceptAt: number;
};

export type PlannedCase = {
  order: number;
  kind: TicketKind;
  channel: TicketChannel;
  category: ComplaintCategory | null;
  subject: string;
  body: string;
  buyerName: string;
  buyerRef: string;
  externalRef: string;
  openAt: number;
  /** Index into the tenant's agents (modulo their number). */
  agent: number;
  reply: { at: number; body: string } | null;
  offer: PlannedOffer | null;
  close: { at: number; cause: RootCause; resolution: string } | null;
  csat: { at: number; score: number } | null;
  revised: { at: number; previous: number; score: number } | null;
};

export type HistoryPlan = { orders: PlannedOrder[]; cases: PlannedCase[] };

const PREFIX: Record<string, string> = { douyin: '6921', pinduoduo: '2411', tiktok: '5770', taobao: '3901' };
const beijingDay = (ms: number) => new Date(ms + 8 * HOUR);

/** How busy a day is: weekends a little busier, the 双11 run-up and day much busier. */
export function dayFactor(ms: number): number {
  const d = beijingDay(ms);
  const weekday = d.getUTCDay();
  const weekend = weekday === 0 || weekday === 6 ? 1.3 : 1;
  const month = d.getUTCMonth() + 1;
  const date = d.getUTCDate();
  if (month === 11 && date === 11) return 5 * weekend;
  if (month === 11 && date >= 1 && date <= 10) return 1.8 * weekend;
  if (month === 11 && date >= 12 && date <= 14) return 2.2 * weekend;
  return weekend;
}

/** A time of day buyers shop at (Beijing): mostly 10:00-23:00, peaking in the evening. */
function shoppingTime(rng: Rng, dayStart: number): number {
  const hour = rng.chance(0.6) ? rng.int(19, 23) : rng.int(9, 18);
  return dayStart + (hour - 8) * HOUR + rng.int(0, 59) * MINUTE;
}

const batchOf = (paidAt: number) => {
  const d = beijingDay(paidAt - 20 * DAY); // stock made about three weeks before it sells
  return `B${String(d.getUTCFullYear()).slice(2)}${String(d.getUTCMonth() + 1).padStart(2, '0')}-0${1 + (d.getUTCDate() % 3)}`;
};

function pickProduct(rng: Rng): number {
  const total = HISTORY_PRODUCTS.reduce((s, p) => s + p.weight, 0);
  let r = rng.next() * total;
  for (let i = 0; i < HISTORY_PRODUCTS.length; i++) {
    r -= HISTORY_PRODUCTS[i]!.weight;
    if (r < 0) return i;
  }
  return 0;
}

export function planHistory(o: PlanOptions): HistoryPlan {
  const rng = seededRng(o.seed);
  const orders: PlannedOrder[] = [];
  const cases: PlannedCase[] = [];
  const today = Math.floor((o.now + 8 * HOUR) / DAY) * DAY - 8 * HOUR; // Beijing midnight
  const problemFrom = o.now - 14 * DAY;
  let serial = 0;
  for (let d = o.days; d >= 1; d--) {
    const dayStart = today - d * DAY;
    const factor = dayFactor(dayStart);
    for (let shop = 0; shop < o.platforms.length; shop++) {
      const count = Math.max(0, Math.round(o.ordersPerDay * factor * (0.75 + rng.next() * 0.5)));
      for (let i = 0; i < count; i++) {
        const paidAt = shoppingTime(rng, dayStart);
        const peak = factor >= 1.8;
        const shippedAt = paidAt + rng.int(peak ? 20 : 4, peak ? 60 : 30) * HOUR;
        const deliveredAt = shippedAt + rng.int(peak ? 48 : 30, peak ? 120 : 72) * HOUR;
        if (deliveredAt > o.now - HOUR) continue; // still on its way: no complaint history yet
        const lines: PlannedLine[] = [];
        for (let k = rng.chance(0.2) ? 2 : 1; k > 0; k--) {
          const product = pickProduct(rng);
          const sku = rng.int(0, HISTORY_PRODUCTS[product]!.skus.length - 1);
          const qty = rng.chance(0.85) ? 1 : 2;
          const price = HISTORY_PRODUCTS[product]!.skus[sku]!.priceFen;
          const discount = rng.chance(0.3) ? rng.int(1, 10) * 100 : 0;
          const problem = product === PROBLEM.productIndex && paidAt >= problemFrom - 10 * DAY;
          lines.push({
            product,
            sku,
            qty,
            paidFen: price * qty - discount,
            batch: problem ? PROBLEM.batch : batchOf(paidAt),
          });
        }
        serial++;
        const platform = o.platforms[shop]!;
        const externalId = `${PREFIX[platform] ?? '9000'}${String(o.seed % 1000).padStart(3, '0')}${String(serial).padStart(8, '0')}`;
        const order: PlannedOrder = {
          shop,
          externalId,
          buyerName: rng.pick(BUYER_NAMES),
          // A platform's buyer id is a long number; one buyer per order keeps them apart.
          buyerRef: String(4_100_000_000_000 + (o.seed % 1000) * 1_000_000_000 + serial * 7_919),
          paidAt,
          shippedAt,
          deliveredAt,
          lines,
        };
        orders.push(order);
        const c = planCase(rng, order, orders.length - 1, o.now, peak, problemFrom);
        if (c) cases.push(c);
      }
    }
  }
  return { orders, cases };
}

function planCase(
  rng: Rng,
  order: PlannedOrder,
  index: number,
  now: number,
  peak: boolean,
  problemFrom: number,
): PlannedCase | null {
  const line = order.lines[0]!;
  const product = HISTORY_PRODUCTS[line.product]!;
  const problem = line.batch === PROBLEM.batch && order.deliveredAt >= problemFrom;
  const roll = rng.next();
  // About 4% of orders bring a complaint, 1.5% a negative review; the bad charger batch one in three.
  const complaint = problem ? roll < 0.35 : roll < 0.04;
  const review = !complaint && roll < 0.055;
  if (!complaint && !review) return null;
  const openAt = order.deliveredAt + rng.int(2, problem ? 60 : 120) * HOUR;
  if (openAt > now - 30 * MINUTE) return null;
  const { buyerName, buyerRef } = order;
  if (review) {
    const text = rng.pick(REVIEW_TEXTS);
    const replyAt = openAt + rng.int(1, 20) * HOUR;
    const replied = replyAt < now;
    const revised = replied && rng.chance(0.3);
    return {
      order: index,
      kind: 'negative_review',
      channel: 'review',
      category: null,
      subject: `${product.name} · ${text.subject}`,
      body: text.body,
      buyerName,
      buyerRef,
      externalRef: `review:${order.externalId}`,
      openAt,
      agent: rng.int(0, 9),
      reply: replied ? { at: replyAt, body: rng.pick(REVIEW_REPLIES) } : null,
      offer: null,
      close: replied
        ? { at: replyAt + rng.int(1, 6) * HOUR, cause: 'other', resolution: '已回复评价' }
        : null,
      csat: null,
      revised:
        revised && replyAt + 2 * DAY < now
          ? { at: replyAt + rng.int(1, 3) * DAY, previous: rng.int(1, 2), score: rng.int(4, 5) }
          : null,
    };
  }
  const said = problem ? rng.pick(PROBLEM.complaints) : rng.pick(product.complaints);
  // Most first replies within the hour; some late (more at the peak), a few the next day.
  const late = rng.chance(peak ? 0.35 : 0.1);
  const replyDelay = late ? rng.int(3, 30) * HOUR : rng.int(2, 50) * MINUTE;
  const replyAt = openAt + replyDelay;
  const reply = replyAt < now ? { at: replyAt, body: rng.pick(REPLIES) } : null;
  const paid = order.lines.reduce((s, l) => s + l.paidFen, 0);
  let offer: PlannedOffer | null = null;
  if (reply && rng.chance(0.75)) {
    const at = reply.at + rng.int(10, 180) * MINUTE;
    const remedy =
      said.category === 'safety_hazard' || said.category === 'quality_defect'
        ? rng.pick(['refund', 'exchange', 'partial_refund'] as const)
        : said.category === 'logistics_delay'
          ? 'coupon'
          : rng.pick(['partial_refund', 'reship', 'exchange'] as const);
    const amountFen =
      remedy === 'refund'
        ? paid
        : remedy === 'partial_refund'
          ? Math.min(paid, Math.round((paid * rng.int(15, 40)) / 100 / 100) * 100)
          : remedy === 'coupon'
            ? rng.pick([5_00, 10_00, 20_00])
            : 0;
    offer = {
      remedy,
      amountFen,
      couponFen: remedy === 'exchange' && rng.chance(0.4) ? 10_00 : 0,
      at,
      tellVia: rng.chance(0.7) ? 'message' : 'phone',
      acceptAt: at + rng.int(1, 20) * HOUR,
    };
    if (offer.acceptAt > now) offer = null;
  }
  const closeAt = (offer?.acceptAt ?? reply?.at ?? openAt) + rng.int(problem ? 6 : 12, 96) * HOUR;
  const closed = reply !== null && closeAt < now && !(problem && rng.chance(0.5));
  return {
    order: index,
    kind:
      said.category === 'logistics_delay' ? 'complaint' : rng.chance(0.5) ? 'return_request' : 'complaint',
    channel: rng.chance(0.6) ? 'after_sales' : 'platform_message',
    category: said.category,
    subject: `${product.name} · ${said.subject}`,
    body: said.body,
    buyerName,
    buyerRef,
    externalRef: `hist:${order.externalId}`,
    openAt,
    agent: rng.int(0, 9),
    reply,
    offer,
    close: closed
      ? {
          at: closeAt,
          cause: said.cause,
          resolution: offer ? '已按方案处理，买家确认' : '已解释说明，买家表示理解',
        }
      : null,
    csat:
      closed && rng.chance(0.45)
        ? { at: closeAt + rng.int(1, 24) * HOUR, score: csatScore(rng, late) }
        : null,
    revised: null,
  };
}

const csatScore = (rng: Rng, late: boolean) =>
  late ? rng.pick([2, 3, 3, 4, 5]) : rng.pick([4, 4, 5, 5, 5, 3]);

/** One act of the plan at its time, for the runner to carry out in order. */
export type HistoryAct =
  | { at: number; type: 'order'; order: number }
  | { at: number; type: 'open' | 'reply' | 'offer' | 'accept' | 'close' | 'csat' | 'revised'; kase: number };

export function actsOf(plan: HistoryPlan, now: number): HistoryAct[] {
  const acts: HistoryAct[] = plan.orders.map((o, i) => ({ at: o.paidAt, type: 'order' as const, order: i }));
  plan.cases.forEach((c, i) => {
    acts.push({ at: c.openAt, type: 'open', kase: i });
    if (c.reply) acts.push({ at: c.reply.at, type: 'reply', kase: i });
    if (c.offer) {
      acts.push({ at: c.offer.at, type: 'offer', kase: i });
      acts.push({ at: c.offer.acceptAt, type: 'accept', kase: i });
    }
    if (c.close) acts.push({ at: c.close.at, type: 'close', kase: i });
    if (c.csat && c.csat.at < now) acts.push({ at: c.csat.at, type: 'csat', kase: i });
    if (c.revised && c.revised.at < now) acts.push({ at: c.revised.at, type: 'revised', kase: i });
  });
  return acts.sort((a, b) => a.at - b.at);
}
