import { asc, count, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { custodyEntries, custodyHeads, evidenceBlobs, evidenceItems } from '../db/schema/evidence.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { type CustodyEntry, type CustodyFields, chainEntries, GENESIS_HASH } from './custody.js';

export type EvidenceRow = typeof evidenceItems.$inferSelect;
export type NewEvidence = Omit<typeof evidenceItems.$inferInsert, 'tenantId'>;
export type CustodyRow = typeof custodyEntries.$inferSelect;

export async function saveBlob(
  scope: TenantScope,
  blob: { sha256: string; bytes: number; mediaType: string },
) {
  await scope.db
    .insert(evidenceBlobs)
    .values({ ...blob, tenantId: scope.tenantId })
    .onConflictDoNothing();
}

export async function insertItems(scope: TenantScope, items: NewEvidence[]): Promise<EvidenceRow[]> {
  return items.length ? scope.insert(evidenceItems, items) : [];
}

export function findItem(scope: TenantScope, id: string): Promise<EvidenceRow | undefined> {
  return scope.first(evidenceItems, eq(evidenceItems.id, id), isNull(evidenceItems.deletionRequestedAt));
}

export function findItems(scope: TenantScope, ids: string[]): Promise<EvidenceRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return scope.select(evidenceItems, [
    inArray(evidenceItems.id, ids),
    isNull(evidenceItems.deletionRequestedAt),
  ]);
}

/** Live items of some subjects (a dispute with its case and order), oldest first. */
export function listBySubjects(
  scope: TenantScope,
  subjects: { type: string; id: string }[],
  limit = 1000,
): Promise<EvidenceRow[]> {
  if (!subjects.length) return Promise.resolve([]);
  const match = sql.join(
    subjects.map(
      (s) => sql`(${evidenceItems.subjectType} = ${s.type} and ${evidenceItems.subjectId} = ${s.id})`,
    ),
    sql` or `,
  );
  return scope.select(evidenceItems, [isNull(evidenceItems.deletionRequestedAt), sql`(${match})`], {
    orderBy: [asc(evidenceItems.createdAt), asc(evidenceItems.id)],
    limit,
  });
}

export async function markDeletionRequested(scope: TenantScope, id: string, by: string, at: Date) {
  await scope.update(
    evidenceItems,
    { deletionRequestedAt: at, deletionRequestedBy: by },
    eq(evidenceItems.id, id),
  );
}

/** Live items still using a blob (as the original or as the shareable copy). */
export async function blobInUse(scope: TenantScope, sha256: string): Promise<boolean> {
  const [row] = await scope.db
    .select({ n: count() })
    .from(evidenceItems)
    .where(
      scope.where(
        evidenceItems,
        isNull(evidenceItems.deletionRequestedAt),
        sql`(${evidenceItems.sha256} = ${sha256} or ${evidenceItems.shareableSha256} = ${sha256})`,
      ),
    );
  return (row?.n ?? 0) > 0;
}

export async function deleteBlobRow(scope: TenantScope, sha256: string) {
  await scope.delete(evidenceBlobs, eq(evidenceBlobs.sha256, sha256));
}

/**
 * Appends entries to the tenant's chain: the head row is locked until commit, so concurrent
 * writers line up and no two entries share a seq or a predecessor. Call inside a transaction.
 */
export async function appendCustody(
  scope: TenantScope,
  entries: Omit<CustodyFields, 'seq'>[],
): Promise<CustodyEntry[]> {
  if (!entries.length) return [];
  await scope.db
    .insert(custodyHeads)
    .values({ tenantId: scope.tenantId, seq: 0, hash: GENESIS_HASH })
    .onConflictDoNothing();
  const [head] = await scope.db.select().from(custodyHeads).where(scope.where(custodyHeads)).for('update');
  if (!head) throw new Error('custody head missing');
  const chained = chainEntries(head, entries);
  await scope.insertEach(custodyEntries, chained, { returning: false });
  const last = chained[chained.length - 1]!;
  await scope.update(custodyHeads, { seq: last.seq, hash: last.hash });
  return chained;
}

export async function custodyHead(scope: TenantScope) {
  return (await scope.first(custodyHeads)) ?? { seq: 0, hash: GENESIS_HASH };
}

/**
 * The chain entries with seq in (afterSeq, upToSeq], oldest first, aggregated into one JSON value by
 * the database: PGlite decodes one value instead of thousands of rows (100,000 entries: about 25 s
 * as rows, a few seconds as JSON pages), and PostgreSQL sends one.
 */
export async function custodyRange(
  scope: TenantScope,
  afterSeq: number,
  upToSeq: number,
): Promise<CustodyEntry[]> {
  const result = (await scope.db.execute(sql`
    select json_agg(json_build_array(seq, prev_hash, hash, at, action, evidence_id, sha256, actor_type,
                                     actor_id, actor_name, detail) order by seq)::text as entries
    from ${custodyEntries}
    where tenant_id = ${scope.tenantId} and seq > ${afterSeq} and seq <= ${upToSeq}`)) as unknown as {
    rows: { entries: string | null }[];
  };
  const text = result.rows[0]?.entries;
  if (!text) return [];
  return (JSON.parse(text) as ChainTuple[]).map(
    ([seq, prevHash, hash, at, action, evidenceId, sha256, actorType, actorId, actorName, detail]) => ({
      seq,
      prevHash,
      hash,
      at: new Date(at),
      action,
      evidenceId,
      sha256,
      actorType,
      actorId,
      actorName,
      detail,
    }),
  );
}

type ChainTuple = [
  number,
  string,
  string,
  string,
  CustodyEntry['action'],
  string,
  string,
  string,
  string | null,
  string,
  Record<string, string | number>,
];

/** Whether entries exist past a seq (a chain longer than its head says). */
export async function custodyAfter(scope: TenantScope, seq: number): Promise<boolean> {
  const [row] = await scope.select(custodyEntries, [gt(custodyEntries.seq, seq)], { limit: 1 });
  return row !== undefined;
}

export function custodyOf(scope: TenantScope, evidenceIds: string[]): Promise<CustodyRow[]> {
  if (!evidenceIds.length) return Promise.resolve([]);
  return scope.select(custodyEntries, [inArray(custodyEntries.evidenceId, evidenceIds)], {
    orderBy: [asc(custodyEntries.seq)],
    limit: 20_000,
  });
}

export function recentCustody(scope: TenantScope, evidenceId: string, limit = 200): Promise<CustodyRow[]> {
  return scope.select(custodyEntries, [eq(custodyEntries.evidenceId, evidenceId)], {
    orderBy: [desc(custodyEntries.seq)],
    limit,
  });
}

export function blobPage(scope: TenantScope, afterSha: string, limit: number) {
  return scope.select(evidenceBlobs, [gt(evidenceBlobs.sha256, afterSha)], {
    orderBy: [asc(evidenceBlobs.sha256)],
    limit,
  });
}

/** File names under which a blob was filed: verify names the files whose bytes changed. */
export async function itemsOfBlob(scope: TenantScope, sha256: string) {
  return scope.db
    .select({ id: evidenceItems.id, fileName: evidenceItems.fileName })
    .from(evidenceItems)
    .where(
      scope.where(
        evidenceItems,
        sql`(${evidenceItems.sha256} = ${sha256} or ${evidenceItems.shareableSha256} = ${sha256})`,
      ),
    )
    .orderBy(asc(evidenceItems.createdAt))
    .limit(20);
}
