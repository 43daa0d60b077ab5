import { createRng, nextStory, type StoryContext } from './events.js';
import type { Delivery, SimShop } from './signed-pushes.js';
import type { ReviewTexts } from './texts.js';

export type TrafficOptions = {
  /** Origin of the target, e.g. http://127.0.0.1:3000 (checked to be loopback by the caller). */
  base: string;
  shops: SimShop[];
  /** Deliveries per second (duplicates included). */
  rate: number;
  durationS: number;
  /** Hard cap on deliveries, whatever rate × duration says. */
  maxEvents: number;
  /** Share of deliveries sent a second time, a little later (platforms redeliver). */
  duplicateShare: number;
  /** Share of consecutive events of one case swapped, so the later one arrives first. */
  outOfOrderShare: number;
  concurrency: number;
  seed: number;
  texts: ReviewTexts;
  /** Order ids the target knows, per shop id (the demo imports them first). */
  orderRefs?: Record<string, string[]>;
  /** The buyer's words about a known order (the demo: matching its product). */
  textsFor?: StoryContext['textsFor'];
  /** Per-request timeout. */
  timeoutMs?: number;
};

export type TrafficSummary = {
  sent: number;
  durationS: number;
  achievedRate: number;
  byPlatformType: Record<string, number>;
  byStatus: Record<string, number>;
  duplicates: number;
  outOfOrder: number;
  networkErrors: number;
  /** Ticks where the concurrency limit held deliveries back. */
  throttled: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  reviewTexts: string;
};

const ACTIVE_STORIES_PER_SHOP = 8;

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 10) / 10;
}

/**
 * The order deliveries go out in: cases of every shop interleaved, each case's events in platform
 * order except where swapped on purpose, and duplicates re-sent a few deliveries later.
 */
export function createDeliveryPlan(
  options: Pick<
    TrafficOptions,
    'shops' | 'duplicateShare' | 'outOfOrderShare' | 'seed' | 'texts' | 'orderRefs' | 'textsFor'
  >,
  nowMs: () => number,
) {
  const rng = createRng(options.seed);
  const runTag = `sim${options.seed.toString(36)}${nowMs().toString(36)}`;
  let seq = 0;
  const pools = options.shops.map(() => [] as Delivery[][]);
  const redeliver: { at: number; delivery: Delivery }[] = [];
  let produced = 0;
  let shopTurn = 0;
  const counts = { duplicates: 0, outOfOrder: 0 };

  function next(): { delivery: Delivery; duplicate: boolean } {
    produced++;
    const due = redeliver.findIndex((r) => r.at <= produced);
    if (due >= 0) {
      const [r] = redeliver.splice(due, 1);
      counts.duplicates++;
      return { delivery: r!.delivery, duplicate: true };
    }
    const shopIndex = shopTurn++ % options.shops.length;
    const pool = pools[shopIndex]!;
    while (pool.length < ACTIVE_STORIES_PER_SHOP) {
      const story = nextStory({
        rng,
        shop: options.shops[shopIndex]!,
        texts: options.texts,
        orderRefs: options.orderRefs?.[options.shops[shopIndex]!.id] ?? [],
        textsFor: options.textsFor,
        nowMs: nowMs(),
        runTag,
        seq: () => ++seq,
      });
      for (let i = 0; i + 1 < story.length; i++) {
        if (rng.chance(options.outOfOrderShare)) {
          [story[i], story[i + 1]] = [story[i + 1]!, story[i]!];
          counts.outOfOrder++;
          i++;
        }
      }
      pool.push(story);
    }
    const storyIndex = rng.int(0, pool.length - 1);
    const story = pool[storyIndex]!;
    const delivery = story.shift()!;
    if (!story.length) pool.splice(storyIndex, 1);
    if (rng.chance(options.duplicateShare)) redeliver.push({ at: produced + rng.int(1, 20), delivery });
    return { delivery, duplicate: false };
  }

  return { next, counts };
}

/** Sends signed webhooks at `rate` for `durationS` (bounded by maxEvents) and summarises. */
export async function runTraffic(
  options: TrafficOptions,
  onProgress?: (line: string) => void,
): Promise<TrafficSummary> {
  const plan = createDeliveryPlan(options, () => Date.now());
  const byPlatformType: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  const latencies: number[] = [];
  let networkErrors = 0;
  let started = 0;
  let inflight = 0;
  let throttled = 0;
  const t0 = performance.now();
  const deadline = t0 + options.durationS * 1000;
  const timeoutMs = options.timeoutMs ?? 10_000;

  const send = async (delivery: Delivery) => {
    const key = `${delivery.platform} ${delivery.type}`;
    byPlatformType[key] = (byPlatformType[key] ?? 0) + 1;
    const begin = performance.now();
    try {
      const res = await fetch(`${options.base}${delivery.path}`, {
        method: 'POST',
        headers: delivery.headers,
        body: delivery.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - begin);
      byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
    } catch {
      networkErrors++;
      byStatus.error = (byStatus.error ?? 0) + 1;
    }
  };

  let lastReport = t0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const done = now >= deadline || started >= options.maxEvents;
      if (done) {
        if (inflight === 0) return resolve();
        setTimeout(tick, 5);
        return;
      }
      const allowed = Math.min(options.maxEvents, Math.floor(((now - t0) / 1000) * options.rate) + 1);
      while (started < allowed) {
        if (inflight >= options.concurrency) {
          throttled++;
          break;
        }
        const { delivery } = plan.next();
        started++;
        inflight++;
        void send(delivery).finally(() => {
          inflight--;
        });
      }
      if (onProgress && now - lastReport >= 5000) {
        lastReport = now;
        onProgress(`  ${((now - t0) / 1000).toFixed(0)}s: ${started} sent, ${inflight} in flight`);
      }
      setTimeout(tick, 5);
    };
    tick();
  });

  const elapsedS = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    sent: started,
    durationS: Math.round(elapsedS * 10) / 10,
    achievedRate: Math.round(started / elapsedS),
    byPlatformType,
    byStatus,
    duplicates: plan.counts.duplicates,
    outOfOrder: plan.counts.outOfOrder,
    networkErrors,
    throttled,
    latencyMs: {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: percentile(latencies, 100),
    },
    reviewTexts: options.texts.source,
  };
}

export function formatSummary(s: TrafficSummary): string {
  const lines = [
    `sent ${s.sent} webhooks in ${s.durationS}s (${s.achievedRate}/s); ${s.duplicates} duplicate deliveries, ${s.outOfOrder} case events swapped out of order`,
    `review texts: ${s.reviewTexts}`,
    'by platform and type:',
    ...Object.entries(s.byPlatformType)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, n]) => `  ${k.padEnd(52)} ${String(n).padStart(7)}`),
    `HTTP status: ${Object.entries(s.byStatus)
      .map(([k, n]) => `${k} × ${n}`)
      .join(', ')}`,
    `latency ms: p50 ${s.latencyMs.p50}, p90 ${s.latencyMs.p90}, p99 ${s.latencyMs.p99}, max ${s.latencyMs.max}`,
  ];
  if (s.throttled)
    lines.push(
      `held back by the concurrency limit on ${s.throttled} ticks (the target was slower than the rate)`,
    );
  if (s.networkErrors) lines.push(`network errors or timeouts: ${s.networkErrors}`);
  return lines.join('\n');
}
