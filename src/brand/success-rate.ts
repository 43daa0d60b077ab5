import type { ComplaintStatus, ComplaintType } from '../db/schema/brand.js';

export type TypeHistory = { decided: number; succeeded: number };

/**
 * What a new account can expect before it has a history of its own. UNCERTAIN: the platforms
 * publish no figures; these are starting points that the account's own outcomes soon outweigh.
 */
const PRIOR: Partial<Record<ComplaintType, number>> = {
  trademark_counterfeit: 0.85,
  counterfeit_goods: 0.85,
  copyright_image: 0.8,
  patent_design: 0.7,
  patent_utility_model: 0.6,
  patent_invention: 0.6,
  other: 0.5,
};
const DEFAULT_PRIOR = 0.75;
/** How many outcomes the prior weighs as: after a handful, the account's own record dominates. */
const PRIOR_WEIGHT = 4;

/** The chance a well-prepared complaint of this type succeeds for this account. */
export function successEstimate(history: TypeHistory, type: ComplaintType | null): number {
  const prior = (type && PRIOR[type]) ?? DEFAULT_PRIOR;
  return (history.succeeded + prior * PRIOR_WEIGHT) / (history.decided + PRIOR_WEIGHT);
}

/** taken_down and accepted count as success; rejected and reinstated as failure; the rest is pending. */
export function outcomeOf(status: ComplaintStatus): 'succeeded' | 'failed' | null {
  if (status === 'accepted' || status === 'taken_down') return 'succeeded';
  if (status === 'rejected' || status === 'reinstated') return 'failed';
  return null;
}

export type ComplaintFact = {
  status: ComplaintStatus;
  type: ComplaintType;
  platform: string;
  accountId: string;
  submittedAt: Date | null;
  decidedAt: Date | null;
};

export type Rate = {
  key: string;
  filed: number;
  decided: number;
  succeeded: number;
  failed: number;
  pending: number;
  /** succeeded / decided; null before the first outcome. */
  successRate: number | null;
};

const emptyRate = (key: string): Rate => ({
  key,
  filed: 0,
  decided: 0,
  succeeded: 0,
  failed: 0,
  pending: 0,
  successRate: null,
});

/** Success rates grouped by a key (account, type, platform, month of decision). Drafts and withdrawals are not filed. */
export function ratesBy(facts: ComplaintFact[], keyOf: (f: ComplaintFact) => string | null): Rate[] {
  const rates = new Map<string, Rate>();
  for (const f of facts) {
    if (f.status === 'draft' || f.status === 'withdrawn' || !f.submittedAt) continue;
    const key = keyOf(f);
    if (key === null) continue;
    const rate = rates.get(key) ?? emptyRate(key);
    rate.filed++;
    const outcome = outcomeOf(f.status);
    if (outcome === 'succeeded') rate.succeeded++;
    else if (outcome === 'failed') rate.failed++;
    else rate.pending++;
    rates.set(key, rate);
  }
  for (const rate of rates.values()) {
    rate.decided = rate.succeeded + rate.failed;
    rate.successRate = rate.decided ? rate.succeeded / rate.decided : null;
  }
  return [...rates.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * What the rate would have been had the weak links withheld by the pre-check been filed too, and
 * failed (as the platform refuses them): the figure that shows what the pre-check saved.
 */
export function rateWithWeakFiled(rate: Rate, weakWithheld: number): number | null {
  const decided = rate.decided + weakWithheld;
  return decided ? rate.succeeded / decided : null;
}

// Months as the merchant counts them: Asia/Shanghai (UTC+8, no daylight saving).
export const monthOf = (d: Date | null) =>
  d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7) : null;
