import type { ListingContent } from '../db/schema/quality.js';
import { TermMatcher } from './term-matcher.js';
import { contradictedClaims, materialClaims } from './title-facts.js';

export type Claim = { text: string; start: number; end: number; contradicted: boolean };

const matcher = new TermMatcher();

/** The claims a title makes that a buyer can find untrue: materials, absolute and medical terms. */
export function claimsOf(content: Pick<ListingContent, 'title' | 'material'>): Claim[] {
  const contradicted = contradictedClaims(content.title, content.material);
  const claims: Claim[] = materialClaims(content.title).map((c) => ({
    ...c,
    contradicted: contradicted.some((x) => x.start === c.start),
  }));
  for (const hit of matcher.search(content.title)) {
    if (hit.rule === 'inducement_term') continue;
    claims.push({
      text: content.title.slice(hit.start, hit.end),
      start: hit.start,
      end: hit.end,
      contradicted: false,
    });
  }
  return claims.sort((a, b) => a.start - b.start);
}

/** A claim's core word: 纯棉 → 棉, 真丝 → 丝, 足金 → 金 (a buyer writes "不是棉的"). */
const core = (claim: string) => claim.replace(/^(纯|全|真|足|千足|100%|百分百)/, '').slice(-1);

/**
 * The claim of the listing a complaint says was untrue: one the complaint names (or names the core
 * of), else one the stated material contradicts, else — when the listing makes exactly one claim —
 * that one. Null when the complaint cannot be tied to a claim; the fix task then asks to review it.
 */
export function misleadingClaim(
  content: Pick<ListingContent, 'title' | 'material'>,
  complaint: string,
): Claim | null {
  const claims = claimsOf(content);
  return (
    claims.find((c) => complaint.includes(c.text)) ??
    claims.find((c) => complaint.includes(core(c.text))) ??
    claims.find((c) => c.contradicted) ??
    (claims.length === 1 ? claims[0]! : null)
  );
}
