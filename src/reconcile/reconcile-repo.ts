import type { Database } from '../db/client.js';
import type { ReconcileOutcome } from '../db/schema/reconcile.js';

/**
 * The reconciler's rows. Claims are cross-tenant (a worker serves every tenant) and fenced by the
 * worker's id: a worker whose lease ran out writes nothing, since another has the shop by then.
 */
export type ReconcileShopRow = {
  tenantId: string;
  shopId: string;
  nextRunAt: Date;
  requestedAt: Date | null;
  claimedBy: string | null;
  claimedUntil: Date | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastOutcome: ReconcileOutcome | null;
  lastErrorCategory: string | null;
  lastError: string | null;
  lastFound: number;
  lastSeen: number;
  totalFound: number;
  consecutiveFailures: number;
};

const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

function rowOf(r: Record<string, unknown>): ReconcileShopRow {
  return {
    tenantId: String(r.tenant_id),
    shopId: String(r.shop_id),
    nextRunAt: date(r.next_run_at)!,
    requestedAt: date(r.requested_at),
    claimedBy: (r.claimed_by as string | null) ?? null,
    claimedUntil: date(r.claimed_until),
    lastStartedAt: date(r.last_started_at),
    lastFinishedAt: date(r.last_finished_at),
    lastOutcome: (r.last_outcome as ReconcileOutcome | null) ?? null,
    lastErrorCategory: (r.last_error_category as string | null) ?? null,
    lastError: (r.last_error as string | null) ?? null,
    lastFound: Number(r.last_found),
    lastSeen: Number(r.last_seen),
    totalFound: Number(r.total_found),
    consecutiveFailures: Number(r.consecutive_failures),
  };
}

/** Gives every enabled shop of the pulled platforms its row (due now); existing rows stay as they are. */
export async function enrolShops(database: Database, platforms: string[]): Promise<void> {
  if (!platforms.length) return;
  await database.query(
    `insert into reconcile_shops (tenant_id, shop_id)
     select tenant_id, id from shops
     where enabled and app_key is not null and platform = any($1::text[])
     on conflict do nothing`,
    [platforms],
  );
}

/** Claims up to `limit` due shops (asked for first, then by schedule) for `worker` until `until`. */
export async function claimDueShops(
  database: Database,
  worker: string,
  now: Date,
  until: Date,
  limit: number,
): Promise<ReconcileShopRow[]> {
  const rows = await database.query(
    `update reconcile_shops r
     set claimed_by = $1, claimed_until = $2, last_started_at = $3, requested_at = null, updated_at = $3
     from (
       select tenant_id, shop_id from reconcile_shops
       where (next_run_at <= $3 or requested_at is not null)
         and (claimed_until is null or claimed_until < $3)
       order by requested_at nulls last, next_run_at
       limit $4
       for update skip locked
     ) d
     where r.tenant_id = d.tenant_id and r.shop_id = d.shop_id
     returning r.*`,
    [worker, until.toISOString(), now.toISOString(), limit],
  );
  return rows.map(rowOf);
}

/** Extends a claim this worker still holds; false when it lost it (then it stops writing). */
export async function extendClaim(
  database: Database,
  key: { tenantId: string; shopId: string },
  worker: string,
  until: Date,
): Promise<boolean> {
  const rows = await database.query(
    `update reconcile_shops set claimed_until = $4
     where tenant_id = $1 and shop_id = $2 and claimed_by = $3 returning shop_id`,
    [key.tenantId, key.shopId, worker, until.toISOString()],
  );
  return rows.length === 1;
}

export type RunResult = {
  outcome: ReconcileOutcome;
  found: number;
  seen: number;
  errorCategory: string | null;
  error: string | null;
  nextRunAt: Date;
};

/** Writes what a run did and lets the shop go (only while this worker holds it). */
export async function finishRun(
  database: Database,
  key: { tenantId: string; shopId: string },
  worker: string,
  now: Date,
  result: RunResult,
): Promise<void> {
  await database.query(
    `update reconcile_shops set
       claimed_by = null, claimed_until = null, last_finished_at = $4, last_outcome = $5,
       last_found = $6, last_seen = $7, total_found = total_found + $6,
       last_error_category = $8, last_error = $9,
       consecutive_failures = case when $5 = 'ok' then 0 else consecutive_failures + 1 end,
       next_run_at = $10, updated_at = $4
     where tenant_id = $1 and shop_id = $2 and claimed_by = $3`,
    [
      key.tenantId,
      key.shopId,
      worker,
      now.toISOString(),
      result.outcome,
      result.found,
      result.seen,
      result.errorCategory,
      result.error,
      result.nextRunAt.toISOString(),
    ],
  );
}

export async function readWatermarks(
  database: Database,
  key: { tenantId: string; shopId: string },
): Promise<Map<string, Date>> {
  const rows = await database.query<{ feed: string; watermark: string }>(
    'select feed, watermark from reconcile_watermarks where tenant_id = $1 and shop_id = $2',
    [key.tenantId, key.shopId],
  );
  return new Map(rows.map((r) => [r.feed, new Date(r.watermark)]));
}

/** Moves a feed's watermark on (never back), only while `worker` holds the shop; false when it does not. */
export async function advanceWatermark(
  database: Database,
  key: { tenantId: string; shopId: string },
  worker: string,
  feed: string,
  to: Date,
  now: Date,
): Promise<boolean> {
  const rows = await database.query(
    `insert into reconcile_watermarks (tenant_id, shop_id, feed, watermark, updated_at)
     select $1, $2, $4, $5, $6
     where exists (select 1 from reconcile_shops where tenant_id = $1 and shop_id = $2 and claimed_by = $3)
     on conflict (tenant_id, shop_id, feed) do update
       set watermark = greatest(reconcile_watermarks.watermark, excluded.watermark), updated_at = excluded.updated_at
     returning feed`,
    [key.tenantId, key.shopId, worker, feed, to.toISOString(), now.toISOString()],
  );
  return rows.length === 1;
}

/** 立即对账: the shop is due now (its row is made if the worker has not seen it yet). */
export async function requestRun(database: Database, tenantId: string, shopId: string, now: Date) {
  await database.query(
    `insert into reconcile_shops (tenant_id, shop_id, requested_at) values ($1, $2, $3)
     on conflict (tenant_id, shop_id) do update set requested_at = excluded.requested_at`,
    [tenantId, shopId, now.toISOString()],
  );
}

/** A tenant's rows and watermarks, for channel health. */
export async function readTenantState(database: Database, tenantId: string) {
  const shops = (await database.query('select * from reconcile_shops where tenant_id = $1', [tenantId])).map(
    rowOf,
  );
  const marks = await database.query<{ shop_id: string; feed: string; watermark: string }>(
    'select shop_id, feed, watermark from reconcile_watermarks where tenant_id = $1',
    [tenantId],
  );
  return {
    shops: new Map(shops.map((s) => [s.shopId, s])),
    watermarks: marks.map((m) => ({ shopId: m.shop_id, feed: m.feed, watermark: new Date(m.watermark) })),
  };
}
