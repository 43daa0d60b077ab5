import { type SQL, sql } from 'drizzle-orm';
import type { TenantScope } from '../db/tenant-scope.js';
import type { AnalyticsFilters, ServiceGroup } from './analytics-types.js';
import { percentileOf } from './durations.js';
import { factsWhere, num, readRows, share } from './facts-repo.js';
import {
  AGENT_TIMES,
  CSAT,
  none,
  SERVICE,
  SHOP_TIMES,
  type Summary,
  summarySource,
  TIMES,
} from './summary-repo.js';

// First responses are the tickets' first_responded_at: set only by a reply the buyer received (or
// one sent where no delivery report exists), so an undelivered reply never counts as answered.
const KEY: Record<ServiceGroup, SQL> = {
  platform: sql`coalesce(f.platform, 'manual')`,
  shop: sql`coalesce(f.shop_id::text, '')`,
  agent: sql`coalesce(f.assignee_id::text, '')`,
};

// The same keys on a row of a summary (s): the zero uuid is "none".
const SUMMARY_KEY: Record<ServiceGroup, SQL> = {
  platform: sql`coalesce(nullif(s.platform, ''), 'manual')`,
  shop: sql`(case when s.shop_id = ${none} then '' else s.shop_id::text end)`,
  agent: sql`(case when s.assignee_id = ${none} then '' else s.assignee_id::text end)`,
};
const weekOf = (day: SQL) => sql`to_char(date_trunc('week', ${day}), 'YYYY-MM-DD')`;
/** The Monday of a date's ISO week, as a date. */
const mondayOf = (day: SQL) => sql`(${day} - (extract(isodow from ${day})::int - 1))`;

// A grouping's column on a summary row or a fact (alias given), and its key as text from the
// grouped column g.k: the zero uuid and a missing value are "none" ('' ; 'manual' for a platform).
const RAW: Record<ServiceGroup, (alias: SQL) => SQL> = {
  platform: (a) => sql`nullif(${a}.platform, '')`,
  shop: (a) => sql`nullif(${a}.shop_id, ${none})`,
  agent: (a) => sql`nullif(${a}.assignee_id, ${none})`,
};
const NAMED: Record<ServiceGroup, SQL> = {
  platform: sql`coalesce(g.k, 'manual')`,
  shop: sql`coalesce(g.k::text, '')`,
  agent: sql`coalesce(g.k::text, '')`,
};

const summed = sql`sum(s.cases) as cases, sum(s.responded) as responded, sum(s.frt_met) as frt_met,
  sum(s.frt_late) as frt_late, sum(s.closed) as closed, sum(s.res_met) as res_met, sum(s.res_late) as res_late,
  sum(s.open) as open, sum(s.live_chats) as live_chats, sum(s.live_met) as live_met, sum(s.live_late) as live_late`;

/** The smallest histogram summary that still holds the grouping and the filters asked for. */
function histogramsFor(group: ServiceGroup | null, q: AnalyticsFilters): Summary {
  if (group !== 'agent') return SHOP_TIMES;
  return q.shopId || q.platform ? TIMES : AGENT_TIMES;
}

type Grouped = { key: string; week: string };
const at = (r: Record<string, unknown>) => `${String(r.week ?? '')}\u0000${String(r.key ?? '')}`;

/**
 * Service figures per key (and per week when asked): counts from the service summary, response and
 * resolution times from the histograms (percentiles within 2.5 %, durations.ts), and the clocks
 * still running — a response or resolution due by `now` that has not come counts as missed — from
 * the open cases themselves.
 */
async function figuresBy(
  scope: TenantScope,
  group: ServiceGroup | null,
  q: AnalyticsFilters,
  now: Date,
  byWeek: boolean,
): Promise<(ServiceFigures & Grouped)[]> {
  // Grouped by the raw columns (a uuid, the Monday as a date), named as text after: tens of
  // thousands of summary rows are hashed, a few hundred groups formatted.
  const sRaw = group ? RAW[group](sql`s`) : sql`null::text`;
  const fRaw = group ? RAW[group](sql`f`) : sql`null::text`;
  const sWeek = byWeek ? mondayOf(sql`s.day`) : sql`null::date`;
  const fWeek = byWeek ? mondayOf(sql`f.day`) : sql`null::date`;
  const named = (inner: SQL, measures: string) =>
    sql`select ${group ? NAMED[group] : sql`''`} as key, coalesce(to_char(g.w, 'YYYY-MM-DD'), '') as week${sql.raw(
      measures,
    )}
        from (${inner}) g`;
  const [counts, times, running] = await Promise.all([
    readRows<Record<string, unknown>>(
      scope,
      named(
        sql`select ${sRaw} as k, ${sWeek} as w, ${summed} from ${summarySource(scope, SERVICE, q)} s group by 1, 2`,
        ', g.cases, g.responded, g.frt_met, g.frt_late, g.closed, g.res_met, g.res_late, g.open, g.live_chats, g.live_met, g.live_late',
      ),
    ),
    readRows<Record<string, unknown>>(
      scope,
      named(
        sql`select ${sRaw} as k, ${sWeek} as w, s.measure, s.bucket, sum(s.cases) as n
            from ${summarySource(scope, histogramsFor(group, q), q)} s group by 1, 2, 3, 4`,
        ', g.measure, g.bucket, g.n',
      ),
    ),
    readRows<Record<string, unknown>>(
      scope,
      named(
        sql`select ${fRaw} as k, ${fWeek} as w,
              count(*) filter (where f.first_responded_at is null and f.first_response_due_at <= ${now}) as frt_missed,
              count(*) filter (where f.closed_at is null and f.resolution_due_at <= ${now}) as res_missed,
              count(*) filter (where f.channel = 'live_chat' and f.first_responded_at is null
                                 and f.created_at <= ${now}::timestamptz - interval '3 minutes') as live_missed
            from analytics_case_facts f
            where ${factsWhere(scope, q)} and f.kind <> 'platform_notice'
              and (first_responded_at is null or closed_at is null)
            group by 1, 2`,
        ', g.frt_missed, g.res_missed, g.live_missed',
      ),
    ),
  ]);
  const histograms = new Map<string, { frt: Map<number, number>; res: Map<number, number> }>();
  for (const t of times) {
    const h = histograms.get(at(t)) ?? { frt: new Map(), res: new Map() };
    histograms.set(at(t), h);
    (t.measure === 'frt' ? h.frt : h.res).set(num(t.bucket), num(t.n));
  }
  const missed = new Map(running.map((r) => [at(r), r]));
  const ratio = (met: unknown, late: unknown, lost: unknown) => {
    const all = num(met) + num(late) + num(lost);
    return all ? share(num(met) / all) : null;
  };
  return counts
    .map((r) => {
      const h = histograms.get(at(r));
      const m = missed.get(at(r)) ?? {};
      return {
        key: String(r.key ?? ''),
        week: String(r.week ?? ''),
        cases: num(r.cases),
        responded: num(r.responded),
        firstResponseP50Ms: h ? percentileOf(h.frt, 0.5) : null,
        firstResponseP90Ms: h ? percentileOf(h.frt, 0.9) : null,
        resolutionP50Ms: h ? percentileOf(h.res, 0.5) : null,
        resolutionP90Ms: h ? percentileOf(h.res, 0.9) : null,
        slaMetShare: ratio(r.frt_met, r.frt_late, m.frt_missed),
        resolutionMetShare: ratio(r.res_met, r.res_late, m.res_missed),
        liveChats: num(r.live_chats),
        liveChatWithin3MinShare: ratio(r.live_met, r.live_late, m.live_missed),
        open: num(r.open),
        closed: num(r.closed),
      };
    })
    .filter((f) => f.cases > 0);
}

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

/** Response and resolution times, SLA attainment and workload of the cases opened in the range. */
export async function serviceByGroup(
  scope: TenantScope,
  group: ServiceGroup,
  q: AnalyticsFilters,
  now: Date,
): Promise<ServiceFigures[]> {
  const rows = await figuresBy(scope, group, q, now, false);
  return rows
    .sort((a, b) => b.cases - a.cases || (a.key < b.key ? -1 : 1))
    .map(({ week: _week, ...figures }) => figures);
}

/** The same figures week by week, per key of the grouping (or all together). */
export async function serviceTrend(
  scope: TenantScope,
  group: ServiceGroup | null,
  q: AnalyticsFilters,
  now: Date,
): Promise<(ServiceFigures & { week: string })[]> {
  const rows = await figuresBy(scope, group, q, now, true);
  return rows.sort((a, b) =>
    a.week < b.week ? -1 : a.week > b.week ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
}

/** Satisfaction answers (1–5) given in the range, per key and per week. */
export async function csatByGroup(
  scope: TenantScope,
  group: ServiceGroup | null,
  q: AnalyticsFilters,
): Promise<{ key: string; week: string; answers: number; sum: number; satisfied: number }[]> {
  const rows = await readRows<Record<string, unknown>>(
    scope,
    sql`select ${group ? SUMMARY_KEY[group] : sql`''`} as key, ${weekOf(sql`s.day`)} as week,
               sum(s.answers) as answers, sum(s.total) as total, sum(s.satisfied) as satisfied
        from ${summarySource(scope, CSAT, q)} s
        group by 1, 2 having sum(s.answers) > 0 order by 2, 1`,
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

/** The local date (China time) of an instant. */
const localDay = (t: Date) => new Date(t.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * Open cases now, by age, per key (the range does not apply: a backlog is today's). Cases opened
 * before the local day of a week ago are all over 7 days old: the summary counts them; the newer
 * ones are aged one by one.
 */
export async function backlog(
  scope: TenantScope,
  group: ServiceGroup,
  q: Omit<AnalyticsFilters, 'from' | 'to'>,
  now: Date,
): Promise<BacklogRow[]> {
  const cutoff = localDay(new Date(now.getTime() - 7 * 86_400_000));
  const parts = [
    sql`f.tenant_id = ${scope.tenantId}`,
    sql`f.status <> 'closed'`,
    sql`f.kind <> 'platform_notice'`,
    sql`f.created_at >= (${cutoff}::timestamp at time zone 'Asia/Shanghai')`,
  ];
  if (q.shopId) parts.push(sql`f.shop_id = ${q.shopId}`);
  if (q.platform) parts.push(sql`f.platform = ${q.platform}`);
  const age = sql`${now}::timestamptz - f.created_at`;
  const older = { from: '2000-01-01', to: localDayBefore(cutoff), shopId: q.shopId, platform: q.platform };
  const rows = await readRows<Record<string, unknown>>(
    scope,
    sql`select key, sum(open) as open, sum(d0) as d0, sum(d1) as d1, sum(d3) as d3, sum(d7) as d7, min(oldest) as oldest
        from (
          select ${KEY[group]} as key, count(*) as open,
                 count(*) filter (where ${age} < interval '1 day') as d0,
                 count(*) filter (where ${age} >= interval '1 day' and ${age} < interval '3 days') as d1,
                 count(*) filter (where ${age} >= interval '3 days' and ${age} < interval '7 days') as d3,
                 count(*) filter (where ${age} >= interval '7 days') as d7,
                 min(f.created_at) as oldest
          from analytics_case_facts f where ${sql.join(parts, sql` and `)}
          group by 1
          union all
          select ${SUMMARY_KEY[group]}, sum(s.open), 0, 0, 0, sum(s.open), min(s.oldest_open_at)
          from ${summarySource(scope, SERVICE, older)} s group by 1
        ) x
        group by 1 having sum(open) > 0 order by 2 desc, 1`,
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

const localDayBefore = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Negative reviews of the range: answered, and revised by the buyer to four or five stars. */
export async function reviewTurnarounds(
  scope: TenantScope,
  group: ServiceGroup,
  q: AnalyticsFilters,
): Promise<{ key: string; negativeReviews: number; replied: number; turnedPositive: number }[]> {
  const rows = await readRows<Record<string, unknown>>(
    scope,
    sql`select ${SUMMARY_KEY[group]} as key, sum(s.neg_reviews) as reviews, sum(s.neg_replied) as replied,
               sum(s.neg_positive) as positive
        from ${summarySource(scope, SERVICE, q)} s
        group by 1 having sum(s.neg_reviews) > 0 order by 2 desc, 1`,
  );
  return rows.map((r) => ({
    key: String(r.key ?? ''),
    negativeReviews: num(r.reviews),
    replied: num(r.replied),
    turnedPositive: num(r.positive),
  }));
}
