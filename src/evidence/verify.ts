import type { TenantScope } from '../db/tenant-scope.js';
import { type BlobStore, hashStored } from './blob-store.js';
import { type ChainBreak, GENESIS_HASH, verifyChainPage } from './custody.js';
import * as repo from './evidence-repo.js';

export type FirstBreak =
  | (ChainBreak & { type: 'entry' })
  | { type: 'head'; seq: number; reason: 'entries_missing_at_end' | 'entries_after_head' }
  | {
      type: 'file';
      sha256: string;
      reason: 'changed' | 'missing';
      actualSha256: string | null;
      evidenceIds: string[];
      fileNames: string[];
    };

export type VerifyReport = {
  ok: boolean;
  /** Entries plus files checked. */
  checked: number;
  entries: number;
  files: number;
  firstBreak: FirstBreak | null;
};

const ENTRY_PAGE = 5000;
const BLOB_PAGE = 200;
const HASHING_AT_ONCE = 4;

/**
 * The whole custody chain of a tenant in seq order (each entry's hash recomputed and linked to the
 * one before, the head matching the last), then every stored file re-hashed. Stops at the first break.
 */
export async function verifyTenant(scope: TenantScope, store: BlobStore): Promise<VerifyReport> {
  const chain = await verifyChain(scope);
  if (!chain.ok) return chain;
  return verifyFiles(scope, store, chain.entries);
}

/**
 * The custody chain alone: every entry's hash and link in seq order, up to the head as it stood when
 * the check began (entries appended meanwhile are the next check's), and the head's hash.
 */
export async function verifyChain(scope: TenantScope): Promise<VerifyReport> {
  const head = await repo.custodyHead(scope);
  const broken = (entries: number, firstBreak: FirstBreak): VerifyReport => ({
    ok: false,
    checked: entries,
    entries,
    files: 0,
    firstBreak,
  });
  let last = { seq: 0, hash: GENESIS_HASH };
  let entries = 0;
  while (last.seq < head.seq) {
    const page = await repo.custodyRange(scope, last.seq, Math.min(last.seq + ENTRY_PAGE, head.seq));
    if (!page.length) {
      return broken(
        entries,
        (await repo.custodyAfter(scope, last.seq))
          ? { type: 'entry', seq: last.seq + 1, reason: 'sequence_gap' }
          : { type: 'head', seq: last.seq + 1, reason: 'entries_missing_at_end' },
      );
    }
    const result = verifyChainPage(last, page);
    if (!result.ok) return broken(entries, { type: 'entry', ...result.break });
    entries += page.length;
    last = result.last;
  }
  if (last.hash !== head.hash) {
    return broken(entries, { type: 'head', seq: last.seq, reason: 'entries_missing_at_end' });
  }
  // Entries past a head that has not moved were written around the chain.
  const now = await repo.custodyHead(scope);
  if (now.seq === head.seq && (await repo.custodyAfter(scope, head.seq))) {
    return broken(entries, { type: 'head', seq: head.seq + 1, reason: 'entries_after_head' });
  }
  return { ok: true, checked: entries, entries, files: 0, firstBreak: null };
}

/** Every stored file of the tenant re-hashed against its address. */
async function verifyFiles(scope: TenantScope, store: BlobStore, entries: number): Promise<VerifyReport> {
  let files = 0;
  let after = '';
  for (;;) {
    const blobs = await repo.blobPage(scope, after, BLOB_PAGE);
    if (!blobs.length) break;
    for (let i = 0; i < blobs.length; i += HASHING_AT_ONCE) {
      const group = blobs.slice(i, i + HASHING_AT_ONCE);
      const hashes = await Promise.all(group.map((b) => hashStored(store, scope.tenantId, b.sha256)));
      for (const [k, blob] of group.entries()) {
        const actual = hashes[k];
        files++;
        if (!actual || actual.sha256 !== blob.sha256) {
          const items = await repo.itemsOfBlob(scope, blob.sha256);
          return {
            ok: false,
            checked: entries + files,
            entries,
            files,
            firstBreak: {
              type: 'file',
              sha256: blob.sha256,
              reason: actual ? 'changed' : 'missing',
              actualSha256: actual?.sha256 ?? null,
              evidenceIds: items.map((x) => x.id),
              fileNames: items.map((x) => x.fileName),
            },
          };
        }
      }
    }
    after = blobs[blobs.length - 1]!.sha256;
    if (blobs.length < BLOB_PAGE) break;
  }
  return { ok: true, checked: entries + files, entries, files, firstBreak: null };
}
