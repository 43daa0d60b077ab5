/** Helpers of bench/security.ts: a task measured while a probe runs, and a bounded-concurrency loop. */

export const percentile = (values: number[], p: number) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};

const MB = 1024 * 1024;

/**
 * Runs `task` while `probe` is called back to back and the process's RSS (worker threads included)
 * is sampled every 20 ms: the task's duration, peak RSS over the start, and the probe's latencies.
 */
export async function measureDuring<T>(task: () => Promise<T>, probe: () => Promise<unknown>) {
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 20);
  const latencies: number[] = [];
  let done = false;
  const probing = (async () => {
    while (!done) {
      const t0 = performance.now();
      await probe();
      latencies.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const t0 = performance.now();
  const result = await task();
  const seconds = (performance.now() - t0) / 1000;
  done = true;
  await probing;
  clearInterval(sampler);
  return {
    result,
    figures: {
      seconds: Math.round(seconds * 100) / 100,
      rssBeforeMB: Math.round(rssBefore / MB),
      rssPeakMB: Math.round(rssPeak / MB),
      healthzProbes: latencies.length,
      healthzP50Ms: Math.round(percentile(latencies, 0.5) * 10) / 10,
      healthzMaxMs: Math.round(Math.max(0, ...latencies) * 10) / 10,
    },
  };
}

/** `count` calls of `fn(i)`, at most `concurrency` at a time; their results and the wall time. */
export async function runConcurrently<T>(count: number, concurrency: number, fn: (i: number) => Promise<T>) {
  const results: T[] = new Array(count);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await fn(i);
      }
    }),
  );
  return { results, seconds: (performance.now() - t0) / 1000 };
}
