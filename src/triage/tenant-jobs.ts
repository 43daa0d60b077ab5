/**
 * Background work per tenant (the adjustment layer, the sentiment adaptation): one job of a tenant
 * at a time, the next after the running one (so the newest data always gets its turn); a delayed
 * job coalesces a burst of triggers into one; a failure goes to `onFailure`, never thrown.
 */
export function createTenantJobs({
  delayMs,
  onFailure,
}: {
  /** null: nothing runs on its own schedule (tests run jobs themselves). */
  delayMs: number | null;
  onFailure: (tenantId: string, message: string) => Promise<void>;
}) {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<unknown>>();
  const queue = new Map<string, Promise<unknown>>();

  function run(tenantId: string, job: (tenantId: string) => Promise<unknown>): Promise<unknown> {
    const previous = queue.get(tenantId) ?? Promise.resolve();
    const next = previous.then(() =>
      job(tenantId).catch(async (e: unknown) => {
        try {
          await onFailure(tenantId, (e instanceof Error ? e.message : String(e)).slice(0, 500));
        } catch {
          // The database went away (shutdown): nothing more to record.
        }
        return undefined;
      }),
    );
    running.add(next);
    queue.set(tenantId, next);
    void next.finally(() => {
      running.delete(next);
      if (queue.get(tenantId) === next) queue.delete(tenantId);
    });
    return next;
  }

  return {
    run,
    /** One run of `job` a little later, however many times this is called before it starts. */
    later(tenantId: string, job: (tenantId: string) => Promise<unknown>) {
      if (delayMs === null || timers.has(tenantId)) return;
      const timer = setTimeout(() => {
        timers.delete(tenantId);
        void run(tenantId, job);
      }, delayMs);
      timer.unref();
      timers.set(tenantId, timer);
    },
    /** Resolves when no job is running (tests, shutdown). */
    async settled() {
      while (running.size) await Promise.allSettled([...running]);
    },
    stop() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
