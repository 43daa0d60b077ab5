import { describe, expect, test } from 'vitest';
import { CHANNELS } from '../../channels/registry.js';
import { assertLoopback } from './api-client.js';
import { deliveredEvent } from './events.js';
import type { SimShop } from './signed-pushes.js';
import { BUILT_IN_REVIEWS, loadReviewTexts } from './texts.js';
import { createDeliveryPlan, percentile } from './traffic.js';

const shops: SimShop[] = (['douyin', 'pinduoduo', 'tiktok', 'taobao'] as const).map((platform, i) => ({
  id: `00000000-0000-7000-8000-00000000000${i}`,
  platform,
  appKey: `sim-${platform}-1`,
  appSecret: `secret-${platform}`,
  externalShopId: String(880_000 + i),
}));

const planOf = (seed: number, duplicateShare = 0, outOfOrderShare = 0) =>
  createDeliveryPlan(
    { shops, duplicateShare, outOfOrderShare, seed, texts: BUILT_IN_REVIEWS },
    () => 1_732_000_000_000,
  );

describe('simulated webhooks', () => {
  test.each(shops.map((s) => [s.platform, s] as const))(
    "%s: the demo's delivered event passes the adapter and reads as the order's delivery at its time",
    (_platform, shop) => {
      const deliveredAt = 1_731_900_000_000; // a day before it is sent
      const sent = 1_732_000_000_000;
      const push = deliveredEvent(shop, '69210000012345', deliveredAt, '771', sent);
      const verdict = CHANNELS[shop.platform].acceptPush(
        { rawBody: Buffer.from(push.body), headers: push.headers, now: new Date(sent) },
        { ...shop, settings: {} },
      );
      expect(verdict).toMatchObject({ ok: true });
      if (!verdict.ok) return;
      const events = verdict.events.map((e) => CHANNELS[shop.platform].normalise(e, {}));
      expect(events).toHaveLength(1);
      expect(events[0]!.delivery).toEqual({ orderRef: '69210000012345', at: new Date(deliveredAt) });
    },
  );

  test('every delivery passes its platform adapter: signature, shape and normalisation', () => {
    const plan = planOf(7);
    const kinds = new Set<string>();
    for (let i = 0; i < 1200; i++) {
      const { delivery } = plan.next();
      const shop = shops.find((s) => delivery.path.endsWith(s.id))!;
      const verdict = CHANNELS[delivery.platform].acceptPush(
        {
          rawBody: Buffer.from(delivery.body),
          headers: delivery.headers,
          now: new Date(Number(delivery.headers['x-pdd-timestamp'] ?? 1_732_000_000_000)),
        },
        { ...shop, settings: {} },
      );
      expect(verdict, `${delivery.platform} ${delivery.type}`).toMatchObject({ ok: true });
      if (!verdict.ok) continue;
      for (const event of verdict.events) {
        const normalised = CHANNELS[delivery.platform].normalise(event, {});
        expect(normalised.kind, delivery.type).not.toBe('unknown');
        kinds.add(`${delivery.platform}:${normalised.kind}`);
      }
    }
    // After-sales on every platform, reviews, chats and notices somewhere.
    for (const k of [
      'douyin:after_sale',
      'douyin:return_shipped',
      'pinduoduo:after_sale',
      'pinduoduo:review',
      'pinduoduo:chat_message',
      'pinduoduo:platform_notice',
      'tiktok:after_sale',
      'tiktok:chat_message',
      'taobao:after_sale',
      'taobao:chat_message',
    ]) {
      expect(kinds).toContain(k);
    }
  });

  test('a wrong secret fails every platform signature check', () => {
    const plan = planOf(3);
    for (let i = 0; i < 8; i++) {
      const { delivery } = plan.next();
      const shop = shops.find((s) => delivery.path.endsWith(s.id))!;
      const verdict = CHANNELS[delivery.platform].acceptPush(
        { rawBody: Buffer.from(delivery.body), headers: delivery.headers, now: new Date(1_732_000_000_000) },
        { ...shop, appSecret: 'wrong', settings: {} },
      );
      expect(verdict).toMatchObject({ ok: false, status: 401 });
    }
  });

  test('the same seed sends the same traffic; duplicates and swaps come at about their share', () => {
    const a = planOf(11, 0.1, 0.2);
    const b = planOf(11, 0.1, 0.2);
    const bodiesA = Array.from({ length: 2000 }, () => a.next());
    const bodiesB = Array.from({ length: 2000 }, () => b.next());
    expect(bodiesA.map((d) => d.delivery.body)).toEqual(bodiesB.map((d) => d.delivery.body));
    const dupes = bodiesA.filter((d) => d.duplicate);
    expect(dupes.length).toBeGreaterThan(100);
    expect(dupes.length).toBeLessThan(300);
    // A duplicate is byte-for-byte a delivery sent before it.
    const firstSeen = new Set<string>();
    for (const d of bodiesA) {
      if (d.duplicate) expect(firstSeen.has(d.delivery.body)).toBe(true);
      firstSeen.add(d.delivery.body);
    }
    expect(a.counts.outOfOrder).toBeGreaterThan(50);
  });

  test('only loopback targets are accepted', () => {
    expect(assertLoopback('http://127.0.0.1:3000').origin).toBe('http://127.0.0.1:3000');
    expect(() => assertLoopback('http://localhost:1')).not.toThrow();
    expect(() => assertLoopback('http://[::1]:3000')).not.toThrow();
    expect(() => assertLoopback('http://10.0.0.5:3000')).toThrow(/only targets/);
    expect(() => assertLoopback('https://example.com')).toThrow(/only targets/);
  });

  test('the built-in review sample is used when the shared corpus is absent', () => {
    expect(loadReviewTexts('/nonexistent/dev.csv')).toBe(BUILT_IN_REVIEWS);
  });

  test.each([
    [50, 5],
    [99, 10],
    [100, 10],
  ])('percentile %i of 1..10 is %i', (p, expected) => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], p)).toBe(expected);
  });
});
