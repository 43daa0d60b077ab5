import { type SQL, sql } from 'drizzle-orm';
import type { TenantScope } from '../db/tenant-scope.js';
import type { AnalyticsFilters, ServiceGroup } from './analytics-types.js';
import { factsWhere, num, numOrNull, rowsOf, share } from './facts-repo.js';

// First responses are the tickets' first_responded_at: set only by a reply the buyer received (or
// one sent where no delivery report exists), so an undelivered reply never counts as answered.
const KEY: Record<ServiceGroup, SQL> = {
  platform: sql`coalesce(f.platform, 'manual')`,
  shop: sql`coalesce(f.shop_id::text, '')`,
  agent: sql`coalesce(f.assignee_id::text, '')`,
};

const frtMs = sql`extract(epoch from f.first_responded_at - f.created_at) * 1000`;
const resolutionMs = sql`extract(epoch from f.closed_at - f.created_at) * 1000`;

const figures = (now: Date) => sql`count(*) as cases, count(f.first_responded_at) as responded,
  percentile_cont(0.5) within group (order by ${frtMs}) as frt_p50,
  percentile_cont(0.9) within group (order by ${frtMs}) as frt_p90,
  percentile_cont(0.5) within group (order by ${resolutionMs}) as res_p50,
  percentile_cont(0.9) within group (order by ${resolutionMs}) as res_p90,
  avg(case
        when f.first_response_due_at is null then null
        when f.first_responded_at is not null then (f.first_responded_at <= f.first_response_due_at)::int
        when f.first_response_due_at <= ${now} then 0
      end) as sla_met,
  avg(case
        when f.resolution_due_at is null then null
        when f.closed_at is not null then (f.closed_at <= f.resolution_due_at)::int
        when f.resolution_due_at <= ${now} then 0
      end) as res_met,
  count(*) filter (where f.channel = 'live_chat') as live_chats,
  avg(case
        when f.channel <> 'live_chat' then null
        when f.first_responded_at is not null then (f.first_responded_at <= f.created_at + interval '3 minutes')::int
        when f.created_at <= ${now}::timestamptz - interval '3 minutes' then 0
      end) as live_3min,
  count(*) filter (where f.status <> 'closed') as open,
  count(f.closed_at) as closed`;

export type ServiceFigures = {
  key: string;
  cases: number;
  responded: number;
  firstResponseP50Ms: number | null;
  firstResponseP90Ms: number | null;
  resolutionP50Ms: number | null;
  resolutionP90Ms: number | null;
  slaMetShare: number | null;
  resolutionMetShare: number | null;
  liveChats: number;
  liveChatWithin3MinShare: number | null;
  open: number;
  closed: number;
};

const toFigures = (r: Record<string, unknown>): ServiceFigures => ({
  key: String(r.key ?? ''),
  cases: num(r.cases),
  responded: num(r.responded),
  firstResponseP50Ms: numOrNull(r.frt_p50),
  firstResponseP90Ms: numOrNull(r.frt_p90),
  resolutionP50Ms: numOrNull(r.res_p50),
  resolutionP90Ms: numOrNull(r.res_p90),
  slaMetShare: share(r.sla_met),
  resolutionMetShare: share(r.res_met),
  liveChats: num(r.live_chats),
  liveChatWithin3MinShare: share(r.live_3min),
  open: num(r.open),
  closed: num(r.closed),
});

/** Response and resolution times, SLA attainment and workload of the cases opened in the range. */
export async function serviceByGroup(
  scope: TenantScope,
  group: ServiceGroup,
  q: AnalyticsFilters,
  now: Date,
): Promise<ServiceFigures[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`select ${KEY[group]} as key, ${figures(now)}
        from analytics_case_facts f where ${factsWhere(scope, q)} and f.kind <> 'platform_notice'
        group by 1 order by 2 desc`,
  );
  return rows.map(toFigures);
}

/** The same figures week by week, per key of the grouping (or all together). */
export async function serviceTrend(
  scope: TenantScope,
  group: ServiceGroup | null,
  q: AnalyticsFilters,
  now: Date,
): Promise<(ServiceFigures & { week: string })[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`select to_char(date_trunc('week', f.day), 'YYYY-MM-DD') as week, ${group ? KEY[group] : sql`''`} as key,
               ${figures(now)}
        from analytics_case_facts f where ${factsWhere(scope, q)} and f.kind <> 'platform_notice'
        group by 1, 2 order by 1, 2`,
  );
  return rows.map((r) => ({ ...toFigures(r), week: String(r.week) }));
}

/** Satisfaction answers (1–5) given in the range, per key and per week. */
export async function csatByGroup(
  scope: TenantScope,
  group: ServiceGroup | null,
  q: AnalyticsFilters,
): Promise<{ key: string; week: string; answers: number; sum: number; satisfied: number }[]> {
  const day = sql`(fb.at at time zone 'Asia/Shanghai')::date`;
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`select ${group ? KEY[group] : sql`''`} as key, to_char(date_trunc('week', ${day}), 'YYYY-MM-DD') as week,
               count(*) as answers, sum(fb.score) as total, count(*) filter (where fb.score >= 4) as satisfied
        from analytics_feedback fb
        join analytics_case_facts f on f.tenant_id = fb.tenant_id and f.ticket_id = fb.ticket_id
        where fb.tenant_id = ${scope.tenantId} and fb.kind = 'csat'
          and ${factsWhere(scope, q, day)}
        group by 1, 2 order by 2, 1`,
  );
  return rows.map((r) => ({
    key: String(r.key ?? ''),
    week: String(r.week),
    answers: num(r.answers),
    sum: num(r.total),
    satisfied: num(r.satisfied),
  }));
}

export type BacklogRow = {
  key: string;
  open: number;
  under1d: number;
  d1to3: number;
  d3to7: number;
  over7d: number;
  oldestAt: Date | null;
};

/** Open cases now, by age, per key (the range does not apply: a backlog is today's). */
export async function backlog(
  scope: TenantScope,
  group: ServiceGroup,
  q: Omit<AnalyticsFilters, 'from' | 'to'>,
  now: Date,
): Promise<BacklogRow[]> {
  const parts = [
    sql`f.tenant_id = ${scope.tenantId}`,
    sql`f.status <> 'closed'`,
    sql`f.kind <> 'platform_notice'`,
  ];
  if (q.shopId) parts.push(sql`f.shop_id = ${q.shopId}`);
  if (q.platform) parts.push(sql`f.platform = ${q.platform}`);
  const age = sql`${now}::timestamptz - f.created_at`;
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`select ${KEY[group]} as key, count(*) as open,
               count(*) filter (where ${age} < interval '1 day') as d0,
               count(*) filter (where ${age} >= interval '1 day' and ${age} < interval '3 days') as d1,
               count(*) filter (where ${age} >= interval '3 days' and ${age} < interval '7 days') as d3,
               count(*) filter (where ${age} >= interval '7 days') as d7,
               min(f.created_at) as oldest
        from analytics_case_facts f where ${sql.join(parts, sql` and `)}
        group by 1 order by 2 desc`,
  );
  return rows.map((r) => ({
    key: String(r.key ?? ''),
    open: num(r.open),
    under1d: num(r.d0),
    d1to3: num(r.d1),
    d3to7: num(r.d3),
    over7d: num(r.d7),
    oldestAt: r.oldest ? new Date(r.oldest as string) : null,
  }));
}

/** Negative reviews of the range: answered, and revised by the buyer to four or five stars. */
export async function reviewTurnarounds(
  scope: TenantScope,
  group: ServiceGroup,
  q: AnalyticsFilters,
): Promise<{ key: string; negativeReviews: number; replied: number; turnedPositive: number }[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`select ${KEY[group]} as key, count(*) as reviews, count(f.first_responded_at) as replied,
               count(*) filter (where exists (
                 select 1 from analytics_feedback fb
                 where fb.tenant_id = f.tenant_id and fb.ticket_id = f.ticket_id
                   and fb.kind = 'review_revision' and fb.score >= 4)) as positive
        from analytics_case_facts f where ${factsWhere(scope, q)} and f.kind = 'negative_review'
        group by 1 order by 2 desc`,
  );
  return rows.map((r) => ({
    key: String(r.key ?? ''),
    negativeReviews: num(r.reviews),
    replied: num(r.replied),
    turnedPositive: num(r.positive),
  }));
}
