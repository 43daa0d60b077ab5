import { availableParallelism, loadavg } from 'node:os';

/**
 * How many times slower than on a quiet machine things run now: the 1-minute load per core, at
 * least 1 and at most `max`. Test and start-up limits are multiplied by it, so a shared machine
 * under load does not fail them while a hang on a quiet machine still fails at the base limit.
 * (On Windows `loadavg` is always 0: the base limits.)
 */
export function loadSlowdown(max: number): number {
  return Math.min(max, Math.max(1, loadavg()[0]! / availableParallelism()));
}

/**
 * A time limit for a test or a wait that grows with the load like vitest.config.ts's: `ms` on a quiet
 * machine, up to `max` times it on a loaded one.
 */
export function underLoad(ms: number, max = 8): number {
  return Math.round(ms * loadSlowdown(max));
}
