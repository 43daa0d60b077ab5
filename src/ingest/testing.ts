import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { Platform } from '../channels/channel.js';
import { signedPush } from '../channels/push.js';
import { shops } from '../db/schema/accounts.js';
import type { TestApp, TestClient } from '../http/test-app.js';
import type { createDeliveryPlan } from './simulator/traffic.js';

/** The text of a fixture as committed (long ids keep their digits). */
export const fixture = (platform: Platform, name: string): string =>
  readFileSync(new URL(`../channels/${platform}/fixtures/${name}.json`, import.meta.url), 'utf8');

export type TestShop = { id: string; platform: Platform; appKey: string; appSecret: string };

let shopCounter = 0;

export async function createShop(
  client: TestClient,
  platform: Platform,
  extra: Record<string, unknown> = {},
): Promise<TestShop> {
  const n = ++shopCounter;
  const appKey = `key-${platform}-${n}`;
  const appSecret = `secret-${platform}-${n}-xyz`;
  const res = await client.request('POST', '/api/v1/shops', {
    platform,
    name: `${platform} 店 ${n}`,
    appKey,
    appSecret,
    ...extra,
  });
  if (res.statusCode !== 201) throw new Error(`shop: ${res.body}`);
  return { id: res.json().id, platform, appKey, appSecret };
}

export async function setShopSettings(t: TestApp, shopId: string, settings: Record<string, unknown>) {
  await t.database.db.update(shops).set({ settings }).where(eq(shops.id, shopId));
}

/** Posts a correctly signed push to the shop's webhook. */
export function push(
  t: TestApp,
  shop: TestShop,
  body: string | object,
  options: { now?: Date; timestamp?: string } = {},
) {
  const signed = signedPush(shop.platform, shop, body, options);
  return t.app.inject({
    method: 'POST',
    url: `/hooks/${shop.platform}/${shop.id}`,
    headers: signed.headers,
    payload: signed.body,
  });
}

/** Posts the plan's next `count` deliveries to their webhooks, each answered 200. */
export async function deliverPlanned(t: TestApp, plan: ReturnType<typeof createDeliveryPlan>, count: number) {
  for (let i = 0; i < count; i++) {
    const { delivery } = plan.next();
    const res = await t.app.inject({
      method: 'POST',
      url: delivery.path,
      headers: delivery.headers,
      payload: delivery.body,
    });
    if (res.statusCode !== 200) throw new Error(`${delivery.path} → ${res.statusCode} ${res.body}`);
  }
}

/** Runs the inbox worker until the queue is empty. */
export async function drain(t: TestApp, rounds = 50) {
  for (let i = 0; i < rounds; i++) {
    if ((await t.services.ingest.runInboxBatch()) === 0) return;
  }
}
