import { describe, expect, test } from 'vitest';
import { actsOf, dayFactor, planHistory } from './demo-history-plan.js';
import { HISTORY_PRODUCTS, PROBLEM } from './demo-history-texts.js';

const now = Date.parse('2026-12-05T10:00:00Z');
const plan = planHistory({ platforms: ['douyin', 'taobao'], days: 90, ordersPerDay: 6, now, seed: 7 });
const paidOf = (i: number) => plan.orders[i]!.lines.reduce((s, l) => s + l.paidFen, 0);

describe('the demo merchant’s 90 days', () => {
  test('the same seed gives the same past', () => {
    const again = planHistory({ platforms: ['douyin', 'taobao'], days: 90, ordersPerDay: 6, now, seed: 7 });
    expect(again.orders.length).toBe(plan.orders.length);
    expect(again.cases.map((c) => c.subject)).toEqual(plan.cases.map((c) => c.subject));
  });

  test.each([
    ['2026-11-11T04:00:00Z', 5],
    ['2026-11-05T04:00:00Z', 1.8], // a Thursday in the run-up
    ['2026-10-14T04:00:00Z', 1], // an ordinary Wednesday
    ['2026-10-17T04:00:00Z', 1.3], // a Saturday
  ])('a day like %s is %f times as busy', (day, factor) => {
    expect(dayFactor(Date.parse(day))).toBeCloseTo(factor);
  });

  test('nothing lies in the future, and deliveries come after payment', () => {
    for (const o of plan.orders) {
      expect(o.paidAt).toBeLessThan(o.shippedAt);
      expect(o.shippedAt).toBeLessThan(o.deliveredAt);
      expect(o.deliveredAt).toBeLessThan(now);
    }
    for (const a of actsOf(plan, now)) expect(a.at).toBeLessThan(now);
  });

  test('every order has its masked buyer, and a case on it comes from that buyer', () => {
    for (const o of plan.orders) expect(o.buyerName).toMatch(/\*\*/);
    for (const c of plan.cases) {
      expect(c.buyerRef).toBe(plan.orders[c.order]!.buyerRef);
      expect(c.buyerName).toBe(plan.orders[c.order]!.buyerName);
    }
  });

  test('a complaint matches its product, and no refund exceeds what was paid', () => {
    for (const c of plan.cases) {
      const product = HISTORY_PRODUCTS[plan.orders[c.order]!.lines[0]!.product]!;
      expect(c.subject.startsWith(product.name)).toBe(true);
      if (c.offer) expect(c.offer.amountFen).toBeLessThanOrEqual(paidOf(c.order));
      if (c.close) expect(c.close.at).toBeGreaterThan(c.reply?.at ?? c.openAt);
    }
  });

  test('the 双11 peak, the problem batch and late replies are there to be found', () => {
    const onDay = (d: string) =>
      plan.orders.filter((o) => new Date(o.paidAt + 8 * 3600_000).toISOString().startsWith(d)).length;
    expect(onDay('2026-11-11')).toBeGreaterThan(3 * onDay('2026-10-14'));
    const safety = plan.cases.filter((c) => c.category === 'safety_hazard');
    expect(safety.length).toBeGreaterThanOrEqual(3);
    for (const c of safety) expect(plan.orders[c.order]!.lines[0]!.batch).toBe(PROBLEM.batch);
    const late = plan.cases.filter((c) => c.reply && c.reply.at - c.openAt > 3 * 3600_000);
    expect(late.length).toBeGreaterThan(0);
    expect(plan.cases.filter((c) => c.close).length).toBeGreaterThan(plan.cases.length / 2);
    expect(plan.cases.some((c) => !c.close)).toBe(true);
  });
});
