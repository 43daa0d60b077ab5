import type { EvidenceKind } from '../db/schema/evidence.js';

const DAY_MS = 86_400_000;

export type SourcingGap =
  | 'no_authorisation'
  | 'authorisation_expired'
  | 'no_invoice'
  | 'no_inspection_report'
  | 'sampling_overdue';

/** The chain as a whole: none on file, every link in force, or one link (at least) lapsed. */
export const chainStanding = (links: boolean[]): 'in_force' | 'expired' | 'none' =>
  links.length === 0 ? 'none' : links.every(Boolean) ? 'in_force' : 'expired';

/**
 * Whether a SKU's sourcing record proves it genuine: a supplier whose authorisation is in force,
 * purchase invoices, a batch inspection report, and a sampling test within the interval.
 */
export function sourcingGaps(input: {
  authorisation: 'in_force' | 'expired' | 'none';
  evidence: EvidenceKind[];
  samplingIntervalDays: number;
  lastSampledAt: Date | null;
  now: Date;
}): SourcingGap[] {
  const gaps: SourcingGap[] = [];
  if (input.authorisation === 'none') gaps.push('no_authorisation');
  if (input.authorisation === 'expired') gaps.push('authorisation_expired');
  if (!input.evidence.includes('invoice')) gaps.push('no_invoice');
  if (!input.evidence.includes('inspection_report')) gaps.push('no_inspection_report');
  if (
    !input.lastSampledAt ||
    input.now.getTime() - input.lastSampledAt.getTime() > input.samplingIntervalDays * DAY_MS
  ) {
    gaps.push('sampling_overdue');
  }
  return gaps;
}

/** The latest of several optional dates (a recorded sampling, the supplier's own sampling tests). */
export const latest = (dates: (Date | null | undefined)[]) =>
  dates.reduce<Date | null>((a, d) => (d && (!a || d > a) ? d : a), null);
