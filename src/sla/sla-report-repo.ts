import { sql } from 'drizzle-orm';
import type { TenantScope } from '../db/tenant-scope.js';

export type ReportGroup = 'shop' | 'channel' | 'agent';

const GROUP_KEY: Record<ReportGroup, { key: ReturnType<typeof sql>; label: ReturnType<typeof sql> }> = {
  shop: { key: sql`t.shop_id::text`, label: sql`s.name` },
  channel: { key: sql`t.channel`, label: sql`t.channel` },
  agent: { key: sql`t.assignee_id::text`, label: sql`u.name` },
};

/** The SLA report's raw rows: one per local day (in `zone`) and group over [start, end). */
export async function dailyReportRows(
  scope: TenantScope,
  q: { start: Date; end: Date; groupBy: ReportGroup; zone: string; now: Date },
) {
  const g = GROUP_KEY[q.groupBy];
  const frt = sql`extract(epoch from t.first_responded_at - t.created_at)`;
  // The range on created_at walks tickets_created (tenant_id, created_at, id).
  const result = await scope.db.execute(sql`
    select to_char((t.created_at at time zone ${q.zone})::date, 'YYYY-MM-DD') as day,
           ${g.key} as key, ${g.label} as label,
           count(*)::int as tickets,
           count(t.first_responded_at)::int as responded,
           percentile_cont(0.5) within group (order by ${frt}) as frt_p50,
           percentile_cont(0.9) within group (order by ${frt}) as frt_p90,
           avg(case
                 when t.first_response_due_at is null then null
                 when t.first_responded_at is not null then (t.first_responded_at <= t.first_response_due_at)::int
                 when t.first_response_due_at <= ${q.now} then 0
               end) as within_target,
           avg(case
                 when t.channel <> 'live_chat' then null
                 when t.first_responded_at is not null then (${frt} <= 180)::int
                 when t.created_at <= ${q.now}::timestamptz - interval '3 minutes' then 0
               end) as three_minute_rate,
           count(*) filter (where t.channel = 'live_chat')::int as live_chats,
           count(t.closed_at)::int as resolved,
           avg(extract(epoch from t.closed_at - t.created_at)) filter (where t.closed_at is not null) as avg_resolution
    from tickets t
    left join shops s on s.tenant_id = t.tenant_id and s.id = t.shop_id
    left join users u on u.tenant_id = t.tenant_id and u.id = t.assignee_id
    where t.tenant_id = ${scope.tenantId}
      and t.created_at >= ${q.start} and t.created_at < ${q.end}
    group by 1, 2, 3
    order by 1, 2`);
  return (result as unknown as { rows: Record<string, unknown>[] }).rows;
}
