import type { ReconcileService } from './reconcile-service.js';

/**
 * Runs the reconciler until stopped: a pass every `tickMs` (each shop has its own schedule; the pass
 * only takes the due ones) and at once when someone asks for a run in this process. Several workers
 * may run it: claims keep each shop with one of them.
 */
export function startReconcileWorker(
  reconcile: Pick<ReconcileService, 'runDue' | 'onRequest'>,
  options: { tickMs?: number; onError: (error: unknown) => void; onFound?: (found: number) => void },
): () => Promise<void> {
  let stopping = false;
  let running: Promise<void> | null = null;
  let again = false;
  const tick = () => {
    if (stopping) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        const { shops, found } = await reconcile.runDue();
        if (found > 0) options.onFound?.(found);
        if (shops > 0) again = true; // more may be due: take them before sleeping
      } while (again && !stopping);
    })()
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.tickMs ?? 30_000);
  timer.unref();
  const off = reconcile.onRequest(tick);
  tick();
  return async () => {
    stopping = true;
    clearInterval(timer);
    off();
    await running;
  };
}
