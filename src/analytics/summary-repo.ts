import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { type AnalyticsFilters, COMPLAINT_KINDS } from './analytics-types.js';
import { GROWTH, SECOND_BUCKETS } from './durations.js';
import { NONE_ID, rowsOf } from './facts-repo.js';
import { wholeWeeks } from './week-span.js';

// The summaries (src/db/schema/analytics-summary.ts): how each is computed from the case facts, how
// the refresher rebuilds the days marked dirty, and the source a dashboard query aggregates — week
// rows for whole clean weeks, day rows for the other clean days, the facts themselves for marked
// days — in one statement, so its answer is always the facts' answer.

type Dim = { col: string; fact: SQL };
type Measure = { col: string; fact: SQL; agg: 'sum' | 'min' };
export type Summary = {
  table: string;
  /** The rows one day (a date SQL) holds, with the index probe that finds them. */
  from: SQL;
  probe: (day: SQL) => SQL;
  tenant: (tenantId: string) => SQL;
  where: SQL;
  dims: Dim[];
  measures: Measure[];
};

// A constant written into the statement: as a parameter each use would be a different expression.
export const none = sql.raw(`'${NONE_ID}'::uuid`);
const complaintKinds = sql`(${sql.join(
  COMPLAINT_KINDS.map((k) => sql`${k}`),
  sql`, `,
)})`;
// A null comparison (a clock not stopped yet) counts as no.
const flag = (condition: SQL): SQL => sql`coalesce((${condition})::int, 0)`;
const sum = (col: string, fact: SQL): Measure => ({ col, fact, agg: 'sum' });
const one = sql`1`;

const shopDims: Dim[] = [
  { col: 'shop_id', fact: sql`coalesce(f.shop_id, ${none})` },
  { col: 'platform', fact: sql`coalesce(f.platform, '')` },
];
const factsFrom = sql`analytics_case_facts f`;
const factsTenant = (tenantId: string) => sql`f.tenant_id = ${tenantId}`;
const caseDay = (day: SQL) => sql`f.day = ${day}`;

/** A duration (ms, SQL) into its bucket of durations.ts; null stays null. */
export const durationBucketSql = (ms: SQL): SQL =>
  sql`(case when ${ms} is null then null
            when ${ms} < 60000 then floor(greatest(${ms}, 0) / 1000)
            else ${SECOND_BUCKETS} + floor(ln(${ms} / 60000.0) / ln(${GROWTH})) end)::int`;

const frtMs = sql`(extract(epoch from f.first_responded_at - f.created_at) * 1000)`;
const resMs = sql`(extract(epoch from f.closed_at - f.created_at) * 1000)`;

export const QUALITY: Summary = {
  table: 'analytics_summary_quality',
  from: factsFrom,
  probe: caseDay,
  tenant: factsTenant,
  where: sql`true`,
  dims: [
    ...shopDims,
    { col: 'sku_id', fact: sql`coalesce(f.sku_id, ${none})` },
    { col: 'batch', fact: sql`coalesce(f.batch, '')` },
    { col: 'supplier_id', fact: sql`coalesce(f.supplier_id, ${none})` },
  ],
  measures: [
    sum('cases', one),
    sum('complaints', flag(sql`f.kind in ${complaintKinds}`)),
    sum('negative_reviews', flag(sql`f.kind = 'negative_review'`)),
    sum('goods', flag(sql`(f.quality or f.safety) and f.kind <> 'inquiry'`)),
    sum('safety', flag(sql`f.safety and f.kind <> 'inquiry'`)),
  ],
};

export const CAUSES: Summary = {
  table: 'analytics_summary_causes',
  from: factsFrom,
  probe: caseDay,
  tenant: factsTenant,
  where: sql`(f.kind in ${complaintKinds} or f.kind = 'negative_review')`,
  dims: [
    ...shopDims,
    { col: 'category', fact: sql`coalesce(f.category, 'other')` },
    { col: 'root_cause', fact: sql`coalesce(f.root_cause, '')` },
  ],
  measures: [sum('cases', one)],
};

export const MONEY: Summary = {
  table: 'analytics_summary_money',
  from: factsFrom,
  probe: (day) => sql`f.money_day = ${day}`,
  tenant: factsTenant,
  where: sql`f.money_day is not null`,
  dims: [
    ...shopDims,
    { col: 'sku_id', fact: sql`coalesce(f.sku_id, ${none})` },
    { col: 'supplier_id', fact: sql`coalesce(f.supplier_id, ${none})` },
    { col: 'product_category', fact: sql`coalesce(f.product_category, '')` },
  ],
  measures: [
    sum('cases', one),
    sum('refund_fen', sql`f.refund_fen`),
    sum('compensation_fen', sql`f.compensation_fen`),
    sum('coupon_fen', sql`f.coupon_fen`),
    sum('reships', sql`f.reships`),
    sum('reship_value_fen', sql`f.reships * coalesce(f.paid_fen, 0)`),
  ],
};

const agentDims: Dim[] = [...shopDims, { col: 'assignee_id', fact: sql`coalesce(f.assignee_id, ${none})` }];
const live = sql`f.channel = 'live_chat'`;
const within3 = sql`f.first_responded_at <= f.created_at + interval '3 minutes'`;
const review = sql`f.kind = 'negative_review'`;

export const SERVICE: Summary = {
  table: 'analytics_summary_service',
  from: factsFrom,
  probe: caseDay,
  tenant: factsTenant,
  where: sql`f.kind <> 'platform_notice'`,
  dims: agentDims,
  measures: [
    sum('cases', one),
    sum('responded', flag(sql`f.first_responded_at is not null`)),
    sum(
      'frt_met',
      flag(sql`f.first_response_due_at is not null and f.first_responded_at <= f.first_response_due_at`),
    ),
    sum(
      'frt_late',
      flag(sql`f.first_response_due_at is not null and f.first_responded_at > f.first_response_due_at`),
    ),
    sum('closed', flag(sql`f.closed_at is not null`)),
    sum('res_met', flag(sql`f.resolution_due_at is not null and f.closed_at <= f.resolution_due_at`)),
    sum('res_late', flag(sql`f.resolution_due_at is not null and f.closed_at > f.resolution_due_at`)),
    sum('open', flag(sql`f.status <> 'closed'`)),
    sum('live_chats', flag(live)),
    sum('live_met', flag(sql`${live} and f.first_responded_at is not null and ${within3}`)),
    sum('live_late', flag(sql`${live} and f.first_responded_at is not null and not ${within3}`)),
    sum('neg_reviews', flag(review)),
    sum('neg_replied', flag(sql`${review} and f.first_responded_at is not null`)),
    sum(
      'neg_positive',
      flag(sql`${review} and exists (
        select 1 from analytics_feedback fb where fb.tenant_id = f.tenant_id and fb.ticket_id = f.ticket_id
          and fb.kind = 'review_revision' and fb.score >= 4)`),
    ),
    { col: 'oldest_open_at', fact: sql`case when f.status <> 'closed' then f.created_at end`, agg: 'min' },
  ],
};

export const TIMES: Summary = {
  table: 'analytics_summary_times',
  from: sql`analytics_case_facts f cross join lateral (values ('frt', ${durationBucketSql(frtMs)}),
                                                              ('res', ${durationBucketSql(resMs)})) m(measure, bucket)`,
  probe: caseDay,
  tenant: factsTenant,
  where: sql`f.kind <> 'platform_notice' and m.bucket is not null`,
  dims: [...agentDims, { col: 'measure', fact: sql`m.measure` }, { col: 'bucket', fact: sql`m.bucket` }],
  measures: [sum('cases', one)],
};

export const SHOP_TIMES: Summary = {
  ...TIMES,
  table: 'analytics_summary_shop_times',
  dims: [...shopDims, { col: 'measure', fact: sql`m.measure` }, { col: 'bucket', fact: sql`m.bucket` }],
};

/** The agent histograms across shops: the agent figures when no shop or platform narrows them. */
export const AGENT_TIMES: Summary = {
  ...TIMES,
  table: 'analytics_summary_agent_times',
  dims: [
    { col: 'assignee_id', fact: sql`coalesce(f.assignee_id, ${none})` },
    { col: 'measure', fact: sql`m.measure` },
    { col: 'bucket', fact: sql`m.bucket` },
  ],
};

const shanghai = (day: SQL) => sql`(${day}::timestamp at time zone 'Asia/Shanghai')`;
export const CSAT: Summary = {
  table: 'analytics_summary_csat',
  from: sql`analytics_feedback fb join analytics_case_facts f on f.tenant_id = fb.tenant_id and f.ticket_id = fb.ticket_id`,
  probe: (day) => sql`fb.at >= ${shanghai(day)} and fb.at < ${shanghai(sql`(${day} + 1)`)}`,
  tenant: (tenantId) => sql`fb.tenant_id = ${tenantId}`,
  where: sql`fb.kind = 'csat'`,
  dims: agentDims,
  measures: [sum('answers', one), sum('total', sql`fb.score`), sum('satisfied', flag(sql`fb.score >= 4`))],
};

/** Order lines per sale day (the rollup's day) and goods, with the shop's platform. */
export const LINES: Summary = {
  table: 'analytics_summary_lines',
  from: sql`analytics_order_lines_daily l left join shops sh on sh.tenant_id = l.tenant_id and sh.id = l.shop_id`,
  probe: (day) => sql`l.day = ${day}`,
  tenant: (tenantId) => sql`l.tenant_id = ${tenantId}`,
  where: sql`true`,
  dims: [
    { col: 'shop_id', fact: sql`l.shop_id` },
    { col: 'platform', fact: sql`coalesce(sh.platform, '')` },
    { col: 'sku_id', fact: sql`l.sku_id` },
    { col: 'batch', fact: sql`l.batch` },
    { col: 'supplier_id', fact: sql`l.supplier_id` },
  ],
  measures: [sum('lines', sql`l.lines`)],
};

/** Cases that could cost statutory compensation, with what the rule reads (money-repo.ts applies it). */
export const EXPOSURE: Summary = {
  table: 'analytics_summary_exposure',
  from: factsFrom,
  probe: caseDay,
  tenant: factsTenant,
  where: sql`(f.counterfeit or f.safety) and f.kind <> 'inquiry'`,
  dims: [
    ...shopDims,
    { col: 'sku_id', fact: sql`coalesce(f.sku_id, ${none})` },
    { col: 'supplier_id', fact: sql`coalesce(f.supplier_id, ${none})` },
    { col: 'product_category', fact: sql`coalesce(f.product_category, '')` },
    { col: 'paid_fen', fact: sql`coalesce(f.paid_fen, 0)` },
    { col: 'counterfeit', fact: sql`f.counterfeit` },
    { col: 'safety', fact: sql`f.safety` },
  ],
  measures: [sum('cases', one)],
};

export const SUMMARIES = [
  QUALITY,
  CAUSES,
  MONEY,
  SERVICE,
  TIMES,
  SHOP_TIMES,
  AGENT_TIMES,
  CSAT,
  LINES,
  EXPOSURE,
];

const cols = (names: string[], alias?: string) =>
  sql.raw(names.map((n) => (alias ? `${alias}.${n}` : n)).join(', '));
const dimCols = (s: Summary) => s.dims.map((d) => d.col);
const measureCols = (s: Summary) => s.measures.map((m) => m.col);
const dateArray = (days: string[]) => sql`${`{${days.join(',')}}`}::date[]`;

/** The facts of the given days (a relation `d(day)`), folded into a summary's day rows. */
function foldDays(s: Summary, tenantId: string, days: SQL): SQL {
  return sql`select ${tenantId}::uuid, 1, d.day, ${sql.join(
    s.dims.map((d) => d.fact),
    sql`, `,
  )}, ${sql.join(
    s.measures.map((m) => sql`${sql.raw(m.agg)}(${m.fact})`),
    sql`, `,
  )}
    from ${days} cross join ${s.from}
    where ${s.tenant(tenantId)} and ${s.probe(sql`d.day`)} and ${s.where}
    group by 3, ${sql.raw(s.dims.map((_, i) => String(i + 4)).join(', '))}`;
}

/**
 * Rebuilds the tenant's marked days and their weeks, under a lock per tenant (another refresher
 * skips it). The marks are taken first: a write that commits meanwhile leaves its own mark behind.
 */
export async function refreshSummaries(scope: TenantScope): Promise<{ days: number } | null> {
  return scope.transaction(async (tx) => {
    const locked = await rowsOf<{ ok: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(hashtext('analytics_summary'), hashtext(${tx.tenantId})) as ok`,
    );
    if (!locked[0]?.ok) return null;
    const marked = await rowsOf<{ day: string }>(
      tx,
      sql`with m as (delete from analytics_summary_dirty where tenant_id = ${tx.tenantId} returning day)
          select distinct to_char(day, 'YYYY-MM-DD') as day from m order by 1`,
    );
    if (!marked.length) return { days: 0 };
    const days = marked.map((m) => m.day);
    const weeks = [...new Set(days.map(mondayOf))];
    for (const s of SUMMARIES) {
      const table = sql.raw(s.table);
      const all = cols(['tenant_id', 'grain', 'day', ...dimCols(s), ...measureCols(s)]);
      await tx.db.execute(
        sql`delete from ${table} where tenant_id = ${tx.tenantId} and grain = 1 and day = any(${dateArray(days)})`,
      );
      await tx.db.execute(
        sql`insert into ${table} (${all}) ${foldDays(s, tx.tenantId, sql`unnest(${dateArray(days)}) d(day)`)}`,
      );
      await tx.db.execute(
        sql`delete from ${table} where tenant_id = ${tx.tenantId} and grain = 7 and day = any(${dateArray(weeks)})`,
      );
      await tx.db.execute(
        sql`insert into ${table} (${all})
            select s.tenant_id, 7, w.monday, ${cols(dimCols(s), 's')}, ${sql.raw(
              s.measures.map((m) => `${m.agg}(s.${m.col})`).join(', '),
            )}
            from unnest(${dateArray(weeks)}) w(monday)
            join ${table} s on s.tenant_id = ${tx.tenantId} and s.grain = 1 and s.day between w.monday and w.monday + 6
            group by s.tenant_id, w.monday, ${cols(dimCols(s), 's')}`,
      );
    }
    return { days: days.length };
  });
}

function mondayOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** The tenants with days waiting for the refresher. */
export async function tenantsWithDirtyDays(db: Db): Promise<string[]> {
  const res = (await db.execute(sql`select distinct tenant_id from analytics_summary_dirty`)) as unknown as {
    rows: { tenant_id: string }[];
  };
  return res.rows.map((r) => r.tenant_id);
}

export type SourceOptions = {
  /** Weeks that cross into another month are read day by day (money by month). */
  splitMonths?: boolean;
};

/**
 * A summary's rows for the range (columns: day, the dims, the measures), narrowed to the shop or
 * platform asked for: aggregate them as the summary's measures say (sum, or min).
 */
export function summarySource(
  scope: TenantScope,
  s: Summary,
  q: Pick<AnalyticsFilters, 'shopId' | 'platform'> & { from: string; to: string },
  options: SourceOptions = {},
): SQL {
  const table = sql.raw(s.table);
  const t = scope.tenantId;
  const from = sql`${q.from}::date`;
  const to = sql`${q.to}::date`;
  const out = cols(['day', ...dimCols(s), ...measureCols(s)], 's');
  const weeks = wholeWeeks(q.from, q.to);
  const first = sql`${weeks?.first ?? q.from}::date`;
  const last = sql`${weeks?.last ?? q.from}::date`;
  const crossing = options.splitMonths
    ? sql` or date_trunc('month', w) <> date_trunc('month', w + interval '6 days')`
    : sql``;
  const parts: SQL[] = [];
  if (weeks) {
    parts.push(sql`select ${out} from ${table} s
      where s.tenant_id = ${t} and s.grain = 7 and s.day between ${first} and ${last}
        and s.day not in (select w from by_day)`);
    parts.push(sql`select ${out} from by_day u join ${table} s
      on s.tenant_id = ${t} and s.grain = 1 and s.day between u.w and u.w + 6
      where s.day not in (select day from dirty)`);
  }
  const edges = weeks
    ? sql`(s.day between ${from} and ${first} - 1 or s.day between ${last} + 7 and ${to})`
    : sql`s.day between ${from} and ${to}`;
  parts.push(sql`select ${out} from ${table} s
    where s.tenant_id = ${t} and s.grain = 1 and ${edges} and s.day not in (select day from dirty)`);
  parts.push(sql`select d.day, ${sql.join(
    [...s.dims.map((d) => d.fact), ...s.measures.map((m) => m.fact)],
    sql`, `,
  )}
    from dirty d cross join ${s.from}
    where ${s.tenant(t)} and ${s.probe(sql`d.day`)} and ${s.where}`);
  const filters: SQL[] = [];
  if (q.shopId) filters.push(sql`x.shop_id = ${q.shopId}`);
  if (q.platform) filters.push(sql`x.platform = ${q.platform}`);
  return sql`(with dirty as (
      select distinct day from analytics_summary_dirty where tenant_id = ${t} and day between ${from} and ${to}
    ), by_day as (
      select w::date as w from generate_series(${first}::timestamp, ${last}::timestamp, interval '7 days') w
      where ${weeks ? sql`true` : sql`false`}
        and (exists (select 1 from dirty where dirty.day between w::date and w::date + 6)${crossing})
    )
    select x.* from (${sql.join(parts, sql` union all `)}) x
    ${filters.length ? sql`where ${sql.join(filters, sql` and `)}` : sql``})`;
}
