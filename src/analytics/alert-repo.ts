import { and, desc, eq, sql } from 'drizzle-orm';
import { analyticsAlerts } from '../db/schema/analytics.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { newId } from '../shared/ids.js';
import { num, rowsOf } from './facts-repo.js';

export type AlertRow = typeof analyticsAlerts.$inferSelect;

export type Candidate = {
  skuId: string;
  batch: string;
  safety: number;
  quality: number;
  caseIds: string[];
  firstAt: Date;
};

/** Batches with goods complaints in the window (the few the test needs to look at). */
export async function windowCandidates(
  scope: TenantScope,
  from: string,
  to: string,
  minCount: number,
): Promise<Candidate[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`select f.sku_id, coalesce(f.batch, '') as batch,
               count(*) filter (where f.safety) as safety, count(*) filter (where f.quality) as quality,
               (array_agg(f.ticket_id order by f.created_at))[1:20] as ids, min(f.created_at) as first_at
        from analytics_case_facts f
        where f.tenant_id = ${scope.tenantId} and (f.safety or f.quality) and f.kind <> 'inquiry'
          and f.sku_id is not null and f.day between ${from}::date and ${to}::date
        group by 1, 2 having count(*) >= ${minCount}`,
  );
  return rows.map((r) => ({
    skuId: String(r.sku_id),
    batch: String(r.batch),
    safety: num(r.safety),
    quality: num(r.quality),
    caseIds: ((r.ids as string[] | string | null) && Array.isArray(r.ids)
      ? (r.ids as string[])
      : parsePgArray(r.ids)
    ).map(String),
    firstAt: new Date(r.first_at as string),
  }));
}

// pg returns uuid[] as a '{a,b}' string.
const parsePgArray = (v: unknown): string[] =>
  typeof v === 'string'
    ? v
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean)
    : [];

/** Order lines sold per SKU (and per batch) between two days. */
export async function linesSold(
  scope: TenantScope,
  skuIds: string[],
  from: string,
  to: string,
): Promise<{ skuId: string; batch: string; lines: number }[]> {
  if (!skuIds.length) return [];
  const list = sql`array[${sql.join(
    skuIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`select l.sku_id, l.batch, sum(l.lines) as lines from analytics_order_lines_daily l
        where l.tenant_id = ${scope.tenantId} and l.sku_id = any(${list})
          and l.day between ${from}::date and ${to}::date
        group by 1, 2`,
  );
  return rows.map((r) => ({ skuId: String(r.sku_id), batch: String(r.batch), lines: num(r.lines) }));
}

/** The SKUs' safety and quality complaints between two days. */
export async function skuComplaints(
  scope: TenantScope,
  skuIds: string[],
  from: string,
  to: string,
): Promise<{ skuId: string; safety: number; quality: number }[]> {
  if (!skuIds.length) return [];
  const list = sql`array[${sql.join(
    skuIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`select f.sku_id, count(*) filter (where f.safety) as safety, count(*) filter (where f.quality) as quality
        from analytics_case_facts f
        where f.tenant_id = ${scope.tenantId} and (f.safety or f.quality) and f.kind <> 'inquiry'
          and f.sku_id = any(${list}) and f.day between ${from}::date and ${to}::date
        group by 1`,
  );
  return rows.map((r) => ({ skuId: String(r.sku_id), safety: num(r.safety), quality: num(r.quality) }));
}

/** The shop-wide rates (per order line) over a span, for SKUs too new to have their own. */
export async function shopRates(
  scope: TenantScope,
  from: string,
  to: string,
): Promise<{ safety: number; quality: number }> {
  const [row] = await rowsOf<Record<string, unknown>>(
    scope,
    sql`select (select count(*) filter (where f.safety) from analytics_case_facts f
                where f.tenant_id = ${scope.tenantId} and f.kind <> 'inquiry' and f.day between ${from}::date and ${to}::date) as safety,
               (select count(*) filter (where f.quality) from analytics_case_facts f
                where f.tenant_id = ${scope.tenantId} and f.kind <> 'inquiry' and f.day between ${from}::date and ${to}::date) as quality,
               (select sum(l.lines) from analytics_order_lines_daily l
                where l.tenant_id = ${scope.tenantId} and l.day between ${from}::date and ${to}::date) as lines`,
  );
  // A shop too young for a history of its own is held to a modest prior (half a complaint per 1,000 lines).
  const lines = Math.max(1_000, num(row?.lines));
  return { safety: (num(row?.safety) + 0.5) / lines, quality: (num(row?.quality) + 0.5) / lines };
}

/** Batches already decided (dismissed, or a recall opened) since a day: not raised again. */
export async function recentlyDecided(scope: TenantScope, since: string): Promise<Set<string>> {
  const rows = await scope.select(analyticsAlerts, [
    sql`${analyticsAlerts.status} <> 'open' and ${analyticsAlerts.windowTo} >= ${since}::date`,
  ]);
  return new Set(rows.map((r) => `${r.skuId}|${r.batch}`));
}

export type NewAlert = Omit<
  AlertRow,
  'tenantId' | 'id' | 'status' | 'recallId' | 'decidedByName' | 'updatedAt'
>;

/** Raises the alert, or refreshes the open one of the same batch with the latest evidence. */
export async function upsertOpenAlert(scope: TenantScope, alert: NewAlert): Promise<void> {
  await scope.db
    .insert(analyticsAlerts)
    .values({ ...alert, tenantId: scope.tenantId, id: newId(), status: 'open', updatedAt: alert.raisedAt })
    .onConflictDoUpdate({
      target: [analyticsAlerts.tenantId, analyticsAlerts.skuId, analyticsAlerts.batch],
      targetWhere: sql`status = 'open'`,
      set: {
        signal: alert.signal,
        windowFrom: alert.windowFrom,
        windowTo: alert.windowTo,
        observed: alert.observed,
        expected: alert.expected,
        pValue: alert.pValue,
        evidence: alert.evidence,
        updatedAt: alert.raisedAt,
      },
    });
}

export const listAlerts = (scope: TenantScope, limit: number) =>
  scope.select(analyticsAlerts, [], {
    orderBy: [sql`${analyticsAlerts.status} = 'open' desc`, desc(analyticsAlerts.raisedAt)],
    limit,
  });

export const findAlert = (scope: TenantScope, id: string) =>
  scope.first(analyticsAlerts, eq(analyticsAlerts.id, id));

export async function decideAlert(
  scope: TenantScope,
  id: string,
  set: { status: 'dismissed' | 'recall_opened'; recallId?: string; decidedByName: string; updatedAt: Date },
): Promise<AlertRow | undefined> {
  const [row] = await scope.update(
    analyticsAlerts,
    set,
    and(eq(analyticsAlerts.id, id), eq(analyticsAlerts.status, 'open')),
  );
  return row;
}
