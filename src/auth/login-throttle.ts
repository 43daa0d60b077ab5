/**
 * Failed logins slow the next try down, per account and per client address, with delays that double
 * after a few free failures (up to a cap) and are forgotten after a quiet period. Per account stops a
 * spread-out guess at one password; per address stops one client trying many accounts. In memory:
 * each API process keeps its own counts (behind a load balancer the limits are per node).
 */
export type ThrottleRule = {
  /** Failures allowed before any delay. */
  freeFailures: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Failures older than this are forgotten. */
  forgetAfterMs: number;
};

export const ACCOUNT_RULE: ThrottleRule = {
  freeFailures: 5,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 3_600_000,
};

export const ADDRESS_RULE: ThrottleRule = {
  freeFailures: 20,
  baseDelayMs: 2_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 3_600_000,
};

type Entry = { failures: number; lastFailureAt: number; blockedUntil: number };

/** The wait after the n-th failure in a row under a rule: 0, then base, 2·base, 4·base… up to the cap. */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  const over = failures - rule.freeFailures;
  if (over <= 0) return 0;
  return Math.min(rule.maxDelayMs, rule.baseDelayMs * 2 ** Math.min(over - 1, 30));
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

export function createLoginThrottle(options: { maxKeys?: number } = {}) {
  const maxKeys = options.maxKeys ?? 100_000;
  const entries = new Map<string, Entry>();

  const current = (key: string, rule: ThrottleRule, now: number): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && now - entry.lastFailureAt > rule.forgetAfterMs) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  return {
    /** How long the caller must still wait before another try (0: go ahead). */
    retryAfterMs(keys: { key: string; rule: ThrottleRule }[], now: number): number {
      let wait = 0;
      for (const { key, rule } of keys) {
        const entry = current(key, rule, now);
        if (entry) wait = Math.max(wait, entry.blockedUntil - now);
      }
      return Math.max(0, wait);
    },

    fail(keys: { key: string; rule: ThrottleRule }[], now: number) {
      for (const { key, rule } of keys) {
        const failures = (current(key, rule, now)?.failures ?? 0) + 1;
        entries.delete(key); // re-insert: the map's order is the eviction order
        if (entries.size >= maxKeys) entries.delete(entries.keys().next().value as string);
        entries.set(key, { failures, lastFailureAt: now, blockedUntil: now + delayAfter(failures, rule) });
      }
    },

    /** A right password clears the account's count; the address keeps its own. */
    succeed(key: string) {
      entries.delete(key);
    },
  };
}
