import { setPriority } from 'node:os';

/**
 * A worker process beside API processes on the same host lowers its own priority: a platform waits
 * for the acknowledgement of each webhook (and retries or gives up when it is late), while the inbox
 * keeps what is acknowledged until a worker gets to it. On a host of its own the worker loses nothing.
 * Returns the reason when the system refused.
 */
export function lowerWorkerPriority(
  role: 'api' | 'worker' | 'all',
  niceness: number,
  set: (priority: number) => void = (priority) => setPriority(priority),
): string | null {
  if (role !== 'worker' || niceness <= 0) return null;
  try {
    set(niceness);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
