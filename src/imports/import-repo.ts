import { desc, eq, getTableColumns, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import { importMappings, importRuns, reviews } from '../db/schema/imports.js';
import { channelCases } from '../db/schema/ingest.js';
import { products, skus, tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import type { ImportKind } from './fields.js';

export type ImportRunRow = typeof importRuns.$inferSelect;
export type ReviewRow = typeof reviews.$inferSelect;
type NewRun = Omit<typeof importRuns.$inferInsert, 'tenantId'>;
type NewReview = Omit<typeof reviews.$inferInsert, 'tenantId'>;

export const insertRun = async (scope: TenantScope, row: NewRun) => (await scope.insert(importRuns, row))[0]!;

export const findRun = (scope: TenantScope, id: string) => scope.first(importRuns, eq(importRuns.id, id));

export const updateRun = async (
  scope: TenantScope,
  id: string,
  set: Partial<Omit<ImportRunRow, 'tenantId' | 'id'>>,
) => (await scope.update(importRuns, set, eq(importRuns.id, id)))[0]!;

/** Newest first, keyset over (created_at, id); the parsed rows are not read for a list. */
export async function listRuns(scope: TenantScope, limit: number, before: { at: Date; id: string } | null) {
  const { rows: _rows, failures: _failures, ...columns } = getTableColumns(importRuns);
  return scope.db
    .select(columns)
    .from(importRuns)
    .where(
      scope.where(
        importRuns,
        before
          ? sql`(${importRuns.createdAt}, ${importRuns.id}) < (${before.at.toISOString()}::timestamptz, ${before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(importRuns.createdAt), desc(importRuns.id))
    .limit(limit + 1);
}

export type RunClaim = 'claimed' | 'busy' | 'done';

/**
 * Starts a run. Runs of one tenant go one at a time (a transaction-scoped advisory lock orders the
 * claims), so two overlapping files cannot both create the same after-sale case; a run left
 * 'running' by a crashed process stops blocking after `staleAfterMs`.
 */
export async function claimRun(
  scope: TenantScope,
  id: string,
  now: Date,
  staleAfterMs: number,
): Promise<RunClaim> {
  return scope.transaction(async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`imports:${tx.tenantId}`}))`);
    const run = await tx.first(importRuns, eq(importRuns.id, id));
    if (!run || run.status === 'completed') return 'done';
    const staleBefore = new Date(now.getTime() - staleAfterMs);
    const running = await tx.select(importRuns, [
      eq(importRuns.status, 'running'),
      sql`${importRuns.startedAt} > ${staleBefore.toISOString()}::timestamptz`,
    ]);
    if (running.length) return 'busy';
    await tx.update(importRuns, { status: 'running', startedAt: now }, eq(importRuns.id, id));
    return 'claimed';
  });
}

export async function findMapping(scope: TenantScope, platform: string, kind: ImportKind) {
  return scope.first(importMappings, eq(importMappings.platform, platform), eq(importMappings.kind, kind));
}

export async function saveMapping(
  scope: TenantScope,
  platform: string,
  kind: ImportKind,
  mapping: Record<string, string>,
  by: string,
  now: Date,
) {
  const rows = await scope.db
    .insert(importMappings)
    .values({ tenantId: scope.tenantId, platform, kind, mapping, updatedBy: by, updatedAt: now })
    .onConflictDoUpdate({
      target: [importMappings.tenantId, importMappings.platform, importMappings.kind],
      set: { mapping, updatedBy: by, updatedAt: now },
    })
    .returning();
  return rows[0]!;
}

export const listMappings = (scope: TenantScope) => scope.select(importMappings);

/** Inserts the reviews not stored yet; returns the keys that were new. */
export async function insertReviews(scope: TenantScope, rows: NewReview[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  const inserted = await scope.db
    .insert(reviews)
    .values(rows.map((r) => ({ ...r, tenantId: scope.tenantId })))
    .onConflictDoNothing({ target: [reviews.tenantId, reviews.shopId, reviews.reviewKey] })
    .returning({ key: reviews.reviewKey });
  return new Set(inserted.map((r) => r.key));
}

/** Negative reviews already stored whose case was never opened (a run that stopped half-way). */
export const findReviewsWithoutTicket = (scope: TenantScope, shopId: string, keys: string[]) =>
  keys.length
    ? scope.select(reviews, [
        eq(reviews.shopId, shopId),
        inArray(reviews.reviewKey, keys),
        eq(reviews.negative, true),
        isNull(reviews.ticketId),
      ])
    : Promise.resolve([]);

export const setReviewTicket = (scope: TenantScope, id: string, ticketId: string) =>
  scope.update(reviews, { ticketId }, eq(reviews.id, id));

export const listReviews = (scope: TenantScope, shopId: string | undefined, limit: number) =>
  scope.select(reviews, [shopId ? eq(reviews.shopId, shopId) : undefined], {
    orderBy: [desc(reviews.reviewedAt), desc(reviews.id)],
    limit,
  });

export const findProductByExternalId = (scope: TenantScope, shopId: string, externalId: string) =>
  scope.first(products, eq(products.shopId, shopId), eq(products.externalId, externalId));

export const findProductByName = (scope: TenantScope, shopId: string, name: string) =>
  scope.first(products, eq(products.shopId, shopId), eq(products.name, name), isNull(products.externalId));

export const findSku = (scope: TenantScope, productId: string, code: string) =>
  scope.first(skus, eq(skus.productId, productId), eq(skus.code, code));

/** Which of these platform references already have a case in the shop (by case link or by ticket). */
export async function findCaseTickets(
  scope: TenantScope,
  shopId: string,
  refs: string[],
): Promise<Set<string>> {
  if (!refs.length) return new Set();
  const linked = await scope.select(channelCases, [
    eq(channelCases.shopId, shopId),
    inArray(channelCases.externalRef, refs),
    isNotNull(channelCases.ticketId),
  ]);
  const opened = await scope.select(tickets, [
    eq(tickets.shopId, shopId),
    inArray(tickets.externalRef, refs),
  ]);
  return new Set([
    ...linked.map((c) => c.externalRef),
    ...opened.flatMap((t) => (t.externalRef ? [t.externalRef] : [])),
  ]);
}

/** Records an imported case under its platform reference, so later webhooks of it append to it. */
export async function linkCase(
  scope: TenantScope,
  shopId: string,
  ref: string,
  ticketId: string,
  orderRef: string | null,
  now: Date,
  { refundPhase = null }: { refundPhase?: string | null } = {},
) {
  await scope.db
    .insert(channelCases)
    .values({
      tenantId: scope.tenantId,
      shopId,
      externalRef: ref,
      ticketId,
      orderRef,
      refundPhase,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [channelCases.tenantId, channelCases.shopId, channelCases.externalRef],
      set: {
        ticketId: sql`coalesce(${channelCases.ticketId}, excluded.ticket_id)`,
        // A phase the platform's events named wins over the file's.
        refundPhase: sql`coalesce(${channelCases.refundPhase}, excluded.refund_phase)`,
        updatedAt: now,
      },
    });
}
