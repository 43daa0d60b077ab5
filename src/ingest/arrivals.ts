/**
 * Whether webhooks are arriving in this process: one was stored within the last `quietMs`.
 * PGlite's worker rests between batches only then — the thread it shares with acknowledgements
 * is theirs while they come, and all the worker's once they stop.
 */
export function createArrivalWatch(quietMs: number, now: () => number = () => performance.now()) {
  let last = Number.NEGATIVE_INFINITY;
  return {
    arrived(): void {
      last = now();
    },
    arriving(): boolean {
      return now() - last <= quietMs;
    },
  };
}
