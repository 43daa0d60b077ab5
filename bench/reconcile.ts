// Issue 18's reconciliation figures: a shop's platform holds N after-sales changed over the last
// hours; the webhooks delivered all but DROP% of them (the platform "does not guarantee delivery").
// The reconciler pulls every window through the strict fake's list APIs (pagination, windows — 1 h
// on Douyin, 30 min on Pinduoduo — signatures and tokens checked) into the same inbox, where what a
// push already brought is not stored again. Measured per platform, on the engine DATABASE_URL names:
//  1. catch-up pass: all N records pulled and deduplicated (events/s pulled), how many it found;
//  2. a second pull of the same N (watermarks reset): every record a repeat, found 0 (events/s);
//  3. with BENCH_RECONCILE_CASES=1, the pushes and then the found events turned into cases by the
//     inbox worker (events/s; off by default: `npm run bench -- ingest` measures that path, and on a
//     loaded shared machine it takes minutes).
// Checked every run: each of the N versions is in the inbox exactly once.
// Douyin's pushes carry 20 messages each (its pushes are arrays; the batch size is UNCERTAIN),
// Pinduoduo's one. `npm run bench -- reconcile [events=10000] [dropPercent=30]`. BENCH_RECONCILE_LIST_RATE sets the
// fake's list-call limit per second (default 1000: the figure is ours, not the platform's; the
// platforms' own limits are UNCERTAIN, the fake's default is 20/s); BENCH_PORT_BASE the fake's port.
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.js';
import type { Platform } from '../src/channels/channel.js';
import { afterSalePush } from '../src/channels/fake-platform/pushes.js';
import type { FakeAfterSale } from '../src/channels/fake-platform/records.js';
import { startStrictFake } from '../src/channels/fake-platform/server.js';
import { signedPush } from '../src/channels/push.js';
import { createOutboundPolicy } from '../src/http/outbound-policy.js';
import { systemClock } from '../src/shared/clock.js';
import { createSecretBox } from '../src/shared/secret-box.js';
import { openBenchDatabase } from './_db.js';

const PLATFORMS: Platform[] = ['douyin', 'pinduoduo'];
const HOURS = 8;
const CASES = process.env.BENCH_RECONCILE_CASES === '1';
const round = (n: number) => Math.round(n * 10) / 10;

export default async function run(args: string[]): Promise<Record<string, unknown>> {
  const events = Number(args[0] ?? 10_000);
  const dropPercent = Number(args[1] ?? 30);
  const listRate = Number(process.env.BENCH_RECONCILE_LIST_RATE ?? 1000);
  const database = await openBenchDatabase('reconcile');
  const engine = database.engine;
  console.log(
    `reconcile bench on ${engine}: ${events.toLocaleString()} after-sales per platform, ${dropPercent}% of pushes dropped`,
  );
  const fake = await startStrictFake(
    process.env.BENCH_PORT_BASE ? { port: Number(process.env.BENCH_PORT_BASE) } : {},
  );
  fake.limitLists(listRate);
  const apiBaseUrls = Object.fromEntries(PLATFORMS.map((p) => [p, `${fake.url}/${p}`]));
  const { app, services } = await buildApp({
    database,
    clock: systemClock,
    secretBox: createSecretBox(Buffer.alloc(32, 7)),
    openSignup: true,
    secureCookies: false,
    sessionTtlHours: 24,
    logLevel: 'silent',
    webRoot: '/nonexistent',
    outbound: createOutboundPolicy({ allow: new URL(fake.url).host }),
    ingest: { apiBaseUrls },
    reconcile: {
      settleMs: 0,
      firstLookbackMs: (HOURS + 1) * 3600_000,
      pageDelayMs: 0,
      maxWindowsPerRun: 4 * (HOURS + 1),
    },
  });
  const results: Record<string, unknown> = {};
  try {
    const signup = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        tenantName: '对账测速',
        email: `bench-${Date.now()}@example.cn`,
        password: 'plum-blossom-tea-2718',
      },
    });
    const cookie = String(signup.headers['set-cookie']).split(';')[0]!;
    const drain = async () => {
      let n = 0;
      for (;;) {
        const done = await services.ingest.runInboxBatch();
        if (done === 0) return n;
        n += done;
      }
    };

    for (const [index, platform] of PLATFORMS.entries()) {
      const credentials = { appKey: `bench-${platform}`, appSecret: `bench-secret-${platform}-0123` };
      const token = `tok-bench-${platform}`;
      const created = await app.inject({
        method: 'POST',
        url: '/api/v1/shops',
        headers: { cookie },
        payload: { platform, name: `${platform} 旗舰店`, ...credentials, settings: { accessToken: token } },
      });
      if (created.statusCode !== 201) throw new Error(`shop: ${created.body}`);
      const shopId = created.json().id as string;
      fake.register(platform, { ...credentials, accessToken: token });

      // N after-sales spread over the last HOURS; every record's push is dropped with DROP% odds
      // (a fixed stride, so the count is exact and the run repeatable).
      const now = Date.now();
      const base = 7_000_000_000 + index * 100_000_000;
      const dropped = new Set<number>();
      const stride = dropPercent > 0 ? 100 / dropPercent : Infinity;
      for (let k = 0; k * stride < events; k++) dropped.add(Math.floor(k * stride));
      const pushes: object[] = [];
      for (let i = 0; i < events; i++) {
        const at = now - HOURS * 3600_000 + Math.floor((i * HOURS * 3600_000) / events);
        const record: FakeAfterSale = {
          id: String(base + i),
          orderId: `${base + i}01`,
          status: platform === 'douyin' ? 6 : 2,
          type: 2,
          amountFen: 1000 + (i % 5000),
          createdAt: at,
          updatedAt: at,
        };
        fake.records.putAfterSale(platform, credentials.appKey, record);
        if (!dropped.has(i)) pushes.push(afterSalePush(platform, record, `msg-${base + i}`) as object);
      }
      const bodies: object[] =
        platform === 'douyin'
          ? Array.from({ length: Math.ceil(pushes.length / 20) }, (_, k) =>
              pushes.slice(k * 20, k * 20 + 20).flatMap((b) => b as object[]),
            )
          : pushes;

      // The pushes that arrived, through the webhook route (16 at a time), then turned into cases.
      let t0 = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < bodies.length) {
            const body = bodies[next++]!;
            const signed = signedPush(platform, credentials, body);
            const res = await app.inject({
              method: 'POST',
              url: `/hooks/${platform}/${shopId}`,
              headers: signed.headers,
              payload: signed.body,
            });
            if (res.statusCode !== 200) throw new Error(`push ${res.statusCode}: ${res.body}`);
          }
        }),
      );
      const pushMs = performance.now() - t0;
      t0 = performance.now();
      const pushedProcessed = CASES ? await drain() : 0;
      const pushDrainMs = performance.now() - t0;

      // 1. The catch-up pass: every window of the shop, pulled and deduplicated.
      const callsBefore = fake.accepted(platform).length;
      t0 = performance.now();
      let found = 0;
      for (;;) {
        const pass = await services.reconcile.runDue(10);
        found += pass.found;
        if (pass.shops === 0) break;
      }
      const pullMs = performance.now() - t0;
      const listCalls = fake.accepted(platform).length - callsBefore;
      const refused = fake.calls.filter((c) => c.platform === platform && !c.accepted).length;

      // What it found, turned into cases (when asked).
      t0 = performance.now();
      const foundProcessed = CASES ? await drain() : 0;
      const foundDrainMs = performance.now() - t0;
      const versions = (
        await database.query<{ n: number }>(
          `select count(distinct version_key)::int as n from inbox_events
           where shop_id = $1 and version_key is not null`,
          [shopId],
        )
      )[0]!.n;
      const tickets = (
        await database.query<{ tickets: number }>(
          'select count(*)::int as tickets from tickets where shop_id = $1',
          [shopId],
        )
      )[0]!.tickets;
      const repeats = (
        await database.query<{ repeats: number }>(
          `select count(*)::int as repeats from (select version_key from inbox_events
         where shop_id = $1 and version_key is not null group by version_key having count(*) > 1) d`,
          [shopId],
        )
      )[0]!.repeats;

      // 2. The same N pulled again from scratch: all repeats.
      await database.query('delete from reconcile_watermarks where shop_id = $1', [shopId]);
      await database.query('update reconcile_shops set next_run_at = now() where shop_id = $1', [shopId]);
      t0 = performance.now();
      let refound = 0;
      for (;;) {
        const pass = await services.reconcile.runDue(10);
        refound += pass.found;
        if (pass.shops === 0) break;
      }
      const repullMs = performance.now() - t0;

      const figures = {
        events,
        pushesDelivered: pushes.length,
        pushesDropped: dropped.size,
        pushRequests: bodies.length,
        pushEventsAcceptedPerSecond: round(pushes.length / (pushMs / 1000)),
        catchUp: {
          seconds: round(pullMs / 1000),
          listCalls,
          refusedCalls: refused,
          pulledPerSecond: round(events / (pullMs / 1000)),
          found,
          missedFound: found === dropped.size,
        },
        versionsInInbox: versions,
        versionsStoredTwice: repeats,
        ...(CASES
          ? {
              pushesToCasesPerSecond: round(pushedProcessed / (pushDrainMs / 1000)),
              foundToCases: {
                seconds: round(foundDrainMs / 1000),
                processed: foundProcessed,
                perSecond: round(foundProcessed / (foundDrainMs / 1000)),
              },
              casesAtEnd: tickets,
            }
          : {}),
        repull: {
          seconds: round(repullMs / 1000),
          dedupedPerSecond: round(events / (repullMs / 1000)),
          found: refound,
        },
      };
      console.log(platform, JSON.stringify(figures, null, 2));
      if (
        found !== dropped.size ||
        versions !== events ||
        repeats !== 0 ||
        refound !== 0 ||
        (CASES && tickets !== events)
      ) {
        throw new Error(`${platform}: reconciliation did not bring in exactly the dropped events`);
      }
      results[platform] = figures;
    }
  } finally {
    await app.close();
    await fake.close();
    await database.close();
  }
  return {
    engine,
    machine: 'shared 2-core machine, other helpers running tests (load varies)',
    listCallsPerSecondAllowed: listRate,
    hoursOfChanges: HOURS,
    casesMeasured: CASES,
    dropPercent,
    ...results,
  };
}
