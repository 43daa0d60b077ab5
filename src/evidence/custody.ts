import { createHash } from 'node:crypto';
import type { CustodyAction } from '../db/schema/evidence.js';

/** The hash the first entry of a tenant's chain points back to. */
export const GENESIS_HASH = '0'.repeat(64);

export type CustodyFields = {
  seq: number;
  evidenceId: string;
  action: CustodyAction;
  sha256: string;
  actorType: string;
  actorId: string | null;
  actorName: string;
  at: Date;
  detail: Record<string, string | number>;
};

export type CustodyEntry = CustodyFields & { prevHash: string; hash: string };

/** Keys sorted: jsonb gives them back in its own order, and the hash must not care. */
const canonicalDetail = (detail: Record<string, string | number>) =>
  Object.keys(detail)
    .sort()
    .map((k) => [k, detail[k]]);

/** SHA-256 over the previous hash and every field, as one JSON array (no field can bleed into another). */
export function custodyHash(prevHash: string, f: CustodyFields): string {
  const material = JSON.stringify([
    prevHash,
    f.seq,
    f.at.toISOString(),
    f.action,
    f.evidenceId,
    f.sha256,
    f.actorType,
    f.actorId,
    f.actorName,
    canonicalDetail(f.detail),
  ]);
  return createHash('sha256').update(material).digest('hex');
}

/** Chains new entries after the head (seq, hash): pure, so the service only stores what it returns. */
export function chainEntries(
  head: { seq: number; hash: string },
  entries: Omit<CustodyFields, 'seq'>[],
): CustodyEntry[] {
  let { seq, hash } = head;
  return entries.map((e) => {
    const fields = { ...e, seq: seq + 1 };
    const next = { ...fields, prevHash: hash, hash: custodyHash(hash, fields) };
    seq = next.seq;
    hash = next.hash;
    return next;
  });
}

export type ChainBreak = { seq: number; reason: 'sequence_gap' | 'prev_hash_mismatch' | 'hash_mismatch' };

/**
 * Checks one page of a chain after `from` (the last good entry, or the genesis). Returns the first
 * break, or the new last good entry to carry into the next page.
 */
export function verifyChainPage(
  from: { seq: number; hash: string },
  page: CustodyEntry[],
): { ok: true; last: { seq: number; hash: string } } | { ok: false; break: ChainBreak } {
  let last = from;
  for (const entry of page) {
    if (entry.seq !== last.seq + 1)
      return { ok: false, break: { seq: last.seq + 1, reason: 'sequence_gap' } };
    if (entry.prevHash !== last.hash)
      return { ok: false, break: { seq: entry.seq, reason: 'prev_hash_mismatch' } };
    if (custodyHash(entry.prevHash, entry) !== entry.hash) {
      return { ok: false, break: { seq: entry.seq, reason: 'hash_mismatch' } };
    }
    last = { seq: entry.seq, hash: entry.hash };
  }
  return { ok: true, last };
}
