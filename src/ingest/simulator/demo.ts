import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.js';
import { type ApiClient, assertLoopback, connect, ensureShops } from './api-client.js';
import {
  awaitDelivered,
  pushDeliveries,
  runCare,
  shippedOrders,
  switchCareOn,
  writeUsageArticles,
} from './demo-care.js';
import { CATALOGUE, demoOrders, demoReviews } from './demo-data.js';
import { demoListings } from './demo-listings.js';
import { catalogueTexts, textsOfProduct } from './demo-texts.js';
import { createRng } from './events.js';
import type { SimShop } from './signed-pushes.js';
import type { ReviewTexts } from './texts.js';
import { formatSummary, runTraffic } from './traffic.js';

const USAGE = `npm run demo -- [--target http://127.0.0.1:$PORT] [--email E --password P | --token T]
  [--tenant NAME] [--orders N] [--rate R] [--duration S] [--fail-every N] [--history-days D | --no-history]
Fills an empty install with a believable merchant: four shops, products with SKUs, suppliers and
batches, orders, product listings (a few with compliance faults), imported reviews, usage articles,
parcels delivered by the platforms' delivery webhooks (care after delivery and follow-ups switched
on) and a short stream of platform webhooks. On a fresh install (first run) it signs up the tenant with the e-mail and password given (defaults below).
The shops are simulated: their replies, refunds and notices go to the built-in simulated platform,
never to a real one; one send in N fails there as a platform would refuse it (--fail-every, default 5;
0 for none). The target defaults to this machine on PORT (the server's own setting).
It also gives the merchant a past (--history-days, default 90): orders with a weekly rhythm and a
双11 peak, complaints and reviews with replies, offers and closings, one overheating charger batch —
written by the server through its own services with a clock set to each act's time, so the
dashboards and SLA reports show something real on the first run. Two agents share the work.`;

type Preview = { run: { id: string }; suggestedMapping: Record<string, string> };
type Report = { imported: number; skippedDuplicate: number; failed: number };
// The import log shows these file names: named as a merchant saves a back office's export, not by our codes.
const EXPORT_NAME: Record<string, string> = {
  douyin: '抖店',
  pinduoduo: '拼多多',
  tiktok: 'TikTok',
  taobao: '淘宝',
};

async function importCsv(
  client: ApiClient,
  shopId: string,
  kind: string,
  fileName: string,
  csv: string,
): Promise<Report> {
  const up = await client.call<Preview>('POST', '/api/v1/imports/base64', {
    kind,
    shopId,
    fileName,
    contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
  });
  if (up.status !== 201)
    throw new Error(`upload of ${fileName} failed: ${up.status} ${JSON.stringify(up.body)}`);
  const run = await client.call<Report>('POST', `/api/v1/imports/${up.body.run.id}/run`, {
    mapping: up.body.suggestedMapping,
    saveMapping: true,
  });
  if (run.status !== 200)
    throw new Error(`import of ${fileName} failed: ${run.status} ${JSON.stringify(run.body)}`);
  return run.body;
}

/** Whether the target has the webhook inbox: an unsigned probe gets 401/400 from it, 404 without it. */
async function hasWebhooks(base: string, shop: SimShop): Promise<boolean> {
  const res = await fetch(`${base}/hooks/${shop.platform}/${shop.id}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '[]',
  });
  await res.arrayBuffer();
  return res.status !== 404;
}

const KIND_OF: Record<string, { kind: string; channel: string }> = {
  after_sale: { kind: 'return_request', channel: 'after_sales' },
  review: { kind: 'negative_review', channel: 'review' },
  chat: { kind: 'inquiry', channel: 'platform_message' },
  notice: { kind: 'platform_notice', channel: 'platform_notice' },
};

/**
 * Without the webhook route (an install without the inbox), the same kinds of cases are opened
 * through the REST API instead, so the console still has a believable inbox.
 */
async function ticketsThroughApi(client: ApiClient, shops: SimShop[], texts: ReviewTexts, count: number) {
  const rng = createRng(99);
  let created = 0;
  for (let i = 0; i < count; i++) {
    const shop = shops[i % shops.length]!;
    const kind = rng.pick(['after_sale', 'after_sale', 'review', 'chat', 'notice']);
    const words = rng.pick(texts.negative);
    const shape = KIND_OF[kind]!;
    const res = await client.call('POST', '/api/v1/tickets', {
      ...shape,
      subject: kind === 'notice' ? '平台通知：店铺违规待申诉' : words.slice(0, 40),
      body: kind === 'notice' ? '您的店铺存在虚假发货行为，已扣除保证金 ¥500，请在 7 天内申诉。' : words,
      shopId: shop.id,
      tags: ['演示'],
      ...(kind === 'notice' ? {} : { customer: { name: `买***${rng.int(1, 99)}` } }),
    });
    if (res.status === 201) created++;
  }
  return created;
}

type Progress = {
  state: string;
  acts: number;
  done: number;
  orders: number;
  cases: number;
  closed: number;
  error?: string;
};

/** Two agents, then the server writes the merchant's past; this waits and reports how far it is. */
async function history(client: ApiClient, days: number) {
  for (const [name, email] of [
    ['客服小林', 'lin@aftercare.local'],
    ['客服阿杰', 'jie@aftercare.local'],
  ] as const) {
    const res = await client.call('POST', '/api/v1/users', {
      email,
      name,
      role: 'agent',
      password: 'plum-blossom-tea-2718',
    });
    if (res.status === 201) console.log(`agent ${name} <${email}> added (password plum-blossom-tea-2718)`);
  }
  const started = await client.call<{ error?: { message: string } }>('POST', '/api/v1/demo/history', {
    days,
  });
  if (started.status !== 202) {
    const why = started.body.error?.message ?? String(started.status);
    console.log(`no history written: ${why}`);
    return;
  }
  console.log(`writing ${days} days of history…`);
  let last = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 2000));
    // On a busy machine a poll can wait for the server past fetch's own timeout: ask again.
    const polled = await client
      .call<{ progress: Progress | null }>('GET', '/api/v1/demo/history')
      .catch((error: unknown) => {
        console.log(`  (no answer yet: ${error instanceof Error ? error.message : String(error)})`);
        return undefined;
      });
    if (!polled) continue;
    const p = polled.body.progress;
    if (!p) return;
    const pct = Math.floor((100 * p.done) / Math.max(1, p.acts));
    if (pct >= last + 10 || p.state !== 'running') {
      console.log(`  history ${pct}%: ${p.orders} orders, ${p.cases} cases, ${p.closed} closed`);
      last = pct;
    }
    if (p.state === 'failed') throw new Error(`the history stopped: ${p.error}`);
    if (p.state === 'done') return;
  }
}

async function main() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      target: { type: 'string' },
      'fail-every': { type: 'string', default: '5' },
      email: { type: 'string', default: 'demo@aftercare.local' },
      password: { type: 'string', default: 'harbour-plum-tea-2718' },
      token: { type: 'string' },
      tenant: { type: 'string', default: '示例电商旗舰店' },
      orders: { type: 'string', default: '25' },
      rate: { type: 'string', default: '20' },
      duration: { type: 'string', default: '15' },
      'history-days': { type: 'string', default: '90' },
      'no-history': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // The same PORT the server reads (config.ts); --target wins.
  const base = assertLoopback(values.target ?? `http://127.0.0.1:${loadConfig().port}`).origin;
  const failEvery = Math.max(0, Math.min(1000, Number(values['fail-every']) || 0)) || null;
  const orderCount = Math.min(500, Math.max(1, Number(values.orders) || 25));
  const rate = Math.min(500, Math.max(1, Number(values.rate) || 20));
  const duration = Math.min(300, Math.max(1, Number(values.duration) || 15));

  const { client, signedUp } = await connect(base, values, values.tenant);
  console.log(signedUp ? `signed up tenant "${values.tenant}" as ${values.email}` : `logged in to ${base}`);
  const shops = await ensureShops(client, 4, undefined, failEvery);
  console.log(
    `shops are simulated: sends go to the built-in simulated platform${failEvery ? `, one in ${failEvery} fails` : ''}`,
  );
  console.log(`shops: ${shops.map((s) => `${s.platform} ${s.id}`).join(', ')}`);
  // The buyers' words match what each order holds (not the mixed review corpus of `npm run simulate`).
  const texts = catalogueTexts();
  const orderRefs: Record<string, string[]> = {};
  const products = new Map<string, string>();
  for (const shop of shops) {
    const { csv, orders } = demoOrders(shop.platform, orderCount, Date.now());
    orderRefs[shop.id] = orders.map((o) => o.id);
    for (const o of orders) products.set(o.id, CATALOGUE[o.productIndex]!.name);
    const report = await importCsv(
      client,
      shop.id,
      'orders',
      `${EXPORT_NAME[shop.platform]}-订单导出.csv`,
      csv,
    );
    console.log(
      `orders for ${shop.platform}: ${report.imported} lines imported, ${report.skippedDuplicate} already there, ${report.failed} failed`,
    );
    // The product list too: the compliance page shows its findings and the fix tasks they raise.
    const listed = await importCsv(
      client,
      shop.id,
      'listings',
      `${EXPORT_NAME[shop.platform]}-商品导出.csv`,
      demoListings(shop.platform),
    );
    console.log(`listings for ${shop.platform}: ${listed.imported} imported, ${listed.failed} failed`);
    if (shop.platform === 'douyin') {
      const reviews = demoReviews(orders, Math.min(orders.length, 20));
      const r = await importCsv(client, shop.id, 'reviews', '抖店-评价导出.csv', reviews);
      console.log(
        `reviews for douyin: ${r.imported} imported, ${r.skippedDuplicate} already there, ${r.failed} failed`,
      );
    }
  }

  if (!values['no-history']) {
    await history(client, Math.min(120, Math.max(7, Number(values['history-days']) || 90)));
  }

  const webhooks = await hasWebhooks(base, shops[0]!);
  // 签收关怀: usage tips to send, care and follow-ups on, and parcels of the last days delivered
  // through the platforms' own delivery events.
  const articles = await writeUsageArticles(client);
  await switchCareOn(client, base);
  const parcels = webhooks ? await shippedOrders(client, shops, 12, Date.now()) : [];
  if (parcels.length) {
    const pushed = await pushDeliveries(base, parcels, `dlv${Date.now() % 1_000_000}`);
    console.log(
      `care after delivery on (${articles} usage articles written); ${pushed} of ${parcels.length} parcels delivered by the platforms' delivery webhooks`,
    );
    for (const p of parcels) {
      orderRefs[p.shop.id]?.push(p.orderRef);
      if (p.productName) products.set(p.orderRef, p.productName);
    }
  }

  if (webhooks) {
    console.log(`sending platform webhooks: ${rate}/s for ${duration}s`);
    const summary = await runTraffic({
      base,
      shops,
      rate,
      durationS: duration,
      maxEvents: Math.ceil(rate * duration),
      duplicateShare: 0.05,
      outOfOrderShare: 0.05,
      concurrency: 16,
      seed: Date.now() % 100_000,
      texts,
      orderRefs,
      textsFor: (ref) => {
        const product = products.get(ref);
        const said = product ? textsOfProduct(product) : undefined;
        return said && { ...said, product };
      },
    });
    console.log(formatSummary(summary));
  } else {
    const created = await ticketsThroughApi(client, shops, texts, 40);
    console.log(
      `this install has no /hooks webhook route: opened ${created} cases through the REST API (POST /api/v1/tickets) instead of webhooks`,
    );
  }
  if (parcels.length) {
    const delivered = await awaitDelivered(client, parcels);
    const care = await runCare(client);
    console.log(
      `care: ${delivered} parcels delivered; the care worker looked at ${care.looked} deliveries — ${care.care} care messages, ${care.holdout} in the hold-out group, ${care.none} not eligible — and wrote ${care.followUps} follow-ups to closed cases`,
    );
  }
  const open = await client.call<{ items: unknown[]; nextCursor: string | null }>(
    'GET',
    '/api/v1/tickets?status=open&limit=200',
  );
  console.log(
    `done: ${open.body.items.length}${open.body.nextCursor ? '+' : ''} open cases in the inbox. ` +
      `Log in at ${base} as ${values.token ? 'the token owner' : values.email}` +
      (signedUp ? ` with the password ${values.password}.` : '.'),
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
