/**
 * A background loop: runs `run` `firstAfterMs` after start, then `intervalMs` after each run ends (a
 * slow run is never overlapped); a failed run is reported to `onError` and the loop goes on. Returns
 * stop(), which waits for a run in progress.
 */
export function startIntervalWorker(
  run: () => Promise<unknown>,
  {
    intervalMs,
    firstAfterMs = intervalMs,
    onError = (_e: unknown) => {},
  }: { intervalMs: number; firstAfterMs?: number; onError?: (error: unknown) => void },
): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (stopped) return;
    try {
      await run();
    } catch (error) {
      onError(error);
    }
    if (!stopped) timer = setTimeout(() => (running = tick()), intervalMs);
  };
  timer = setTimeout(() => (running = tick()), firstAfterMs);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
