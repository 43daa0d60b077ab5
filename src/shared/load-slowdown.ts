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
