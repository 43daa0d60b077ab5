// Playbooks on the API: the first-use seeding of a tenant's library, the template picker of a case,
// the exposure card, an offer accepted into outbox steps and tasks, and "my tasks today" with a few
// hundred open tasks. In-process (app.inject), on PGlite or PostgreSQL (DATABASE_URL).
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/shared/clock.js';
import { createSecretBox } from '../src/shared/secret-box.js';
import { openBenchDatabase } from './_db.js';
import { timeIt } from './_stats.js';

const CASES = 150;

export default async function run(): Promise<Record<string, unknown>> {
  const database = await openBenchDatabase('playbooks');
  const engine = database.engine;
  const { app } = await buildApp({
    database,
    clock: systemClock,
    secretBox: createSecretBox(Buffer.alloc(32, 7)),
    openSignup: true,
    secureCookies: false,
    sessionTtlHours: 24,
    logLevel: 'silent',
    webRoot: '/nonexistent',
  });
  let cookie = '';
  const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload ? { payload: payload as object } : {}),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
    return res.json();
  };
  try {
    const signup = async (i: number) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: {
          tenantName: `bench ${i}`,
          email: `bench-${i}-${Date.now()}@example.cn`,
          password: 'plum-blossom-tea-2718',
        },
      });
      cookie = String(res.headers['set-cookie']).split(';')[0]!;
    };
    let seedIndex = 0;
    const seeding = await timeIt(
      async () => {
        await signup(seedIndex++);
        await call('GET', '/api/v1/templates');
      },
      10,
      1,
    );
    const shop = await call('POST', '/api/v1/shops', {
      platform: 'douyin',
      name: '店',
      appKey: 'k',
      appSecret: 's',
    });
    const product = await call('POST', '/api/v1/products', {
      name: '杯子',
      shopId: shop.id,
      category: '家居',
      skus: [{ code: 'MUG', name: '马克杯', priceFen: 9900 }],
    });
    const me = (await call('GET', '/api/v1/auth/me')) as { user: { id: string } };
    const tickets: string[] = [];
    for (let i = 0; i < CASES; i++) {
      const order = await call('POST', '/api/v1/orders', {
        shopId: shop.id,
        externalId: `O${i}`,
        paidAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
        deliveredAt: new Date(Date.now() - 86_400_000).toISOString(),
        items: [{ skuId: product.skus[0].id, name: '马克杯', quantity: 1, unitPriceFen: 12900 }],
      });
      const ticket = await call('POST', '/api/v1/tickets', {
        kind: 'complaint',
        channel: 'after_sales',
        subject: `杯子裂了 ${i}`,
        shopId: shop.id,
        orderId: order.id,
        assigneeId: me.user.id,
        customer: { name: `买家${i}` },
        categories: ['quality_defect'],
      });
      tickets.push(ticket.id);
    }
    let k = 0;
    const picker = await timeIt(() => call('GET', `/api/v1/tickets/${tickets[k++ % CASES]}/templates`), 100);
    const exposure = await timeIt(() => call('GET', `/api/v1/tickets/${tickets[k++ % CASES]}/exposure`), 100);
    let j = 0;
    const offerAccept = await timeIt(
      async () => {
        const offer = await call('POST', `/api/v1/tickets/${tickets[j++]}/offers`, {
          remedy: 'exchange',
          couponFen: 1000,
        });
        await call('POST', `/api/v1/offers/${offer.id}/accept`, {});
      },
      CASES - 10,
      10,
    );
    const openTasks = (await call('GET', '/api/v1/tasks?mine=true&limit=500')).items.length;
    const myTasks = await timeIt(() => call('GET', '/api/v1/tasks?mine=true&due=today'), 100);
    const figures = {
      engine,
      cases: CASES,
      openTasks,
      tenantSeedingMs: seeding,
      templatePickerMs: picker,
      exposureMs: exposure,
      offerCreateAndAcceptMs: offerAccept,
      myTasksTodayMs: myTasks,
    };
    console.log(JSON.stringify(figures, null, 2));
    return figures;
  } finally {
    await app.close();
    await database.close();
  }
}
