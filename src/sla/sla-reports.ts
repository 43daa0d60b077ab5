import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';

export type ReportGroup = 'shop' | 'channel' | 'agent';

export type DailyRow = {
  day: string;
  key: string | null;
  label: string | null;
  tickets: number;
  responded: number;
  frtP50Sec: number | null;
  frtP90Sec: number | null;
  /** Share of cases whose first human reply came within the target (open, not yet due: left out). */
  withinTargetShare: number | null;
  /** Live chat: share of conversations answered by a person within 3 minutes (platform style). */
  threeMinuteRate: number | null;
  liveChats: number;
  resolved: number;
  avgResolutionSec: number | null;
};

const GROUP_KEY: Record<ReportGroup, { key: ReturnType<typeof sql>; label: ReturnType<typeof sql> }> = {
  shop: { key: sql`t.shop_id::text`, label: sql`s.name` },
  channel: { key: sql`t.channel`, label: sql`t.channel` },
  agent: { key: sql`t.assignee_id::text`, label: sql`u.name` },
};

/** Daily SLA figures per shop, channel or agent over [from, to] (local dates in `zone`). */
export async function dailyReport(
  scope: TenantScope,
  q: { from: string; to: string; groupBy: ReportGroup; zone: string; now: Date },
): Promise<DailyRow[]> {
  const start = DateTime.fromISO(q.from, { zone: q.zone }).startOf('day');
  const end = DateTime.fromISO(q.to, { zone: q.zone }).startOf('day').plus({ days: 1 });
  if (!start.isValid || !end.isValid)
    throw new AppError('VALIDATION_FAILED', 'from and to must be dates (YYYY-MM-DD)');
  if (end <= start) throw new AppError('VALIDATION_FAILED', 'to is before from');
  if (end.diff(start, 'days').days > 366)
    throw new AppError('VALIDATION_FAILED', 'a report covers at most 366 days');
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
      and t.created_at >= ${start.toJSDate()} and t.created_at < ${end.toJSDate()}
    group by 1, 2, 3
    order by 1, 2`);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  const num = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 1000) / 1000);
  return rows.map((r) => ({
    day: String(r.day),
    key: (r.key as string | null) ?? null,
    label: (r.label as string | null) ?? null,
    tickets: Number(r.tickets),
    responded: Number(r.responded),
    frtP50Sec: num(r.frt_p50),
    frtP90Sec: num(r.frt_p90),
    withinTargetShare: num(r.within_target),
    threeMinuteRate: num(r.three_minute_rate),
    liveChats: Number(r.live_chats),
    resolved: Number(r.resolved),
    avgResolutionSec: num(r.avg_resolution),
  }));
}

/** A cell a spreadsheet must not run as a formula (= + - @, tab, CR): prefixed with an apostrophe. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function dailyReportCsv(rows: DailyRow[], groupBy: ReportGroup): string {
  const head = [
    '日期 day',
    `${{ shop: '店铺 shop', channel: '渠道 channel', agent: '客服 agent' }[groupBy]}`,
    '案件数 tickets',
    '已首次回复 responded',
    '首次响应P50秒 frt_p50_s',
    '首次响应P90秒 frt_p90_s',
    '达标率 within_target',
    '3分钟回复率 three_minute_rate',
    '已解决 resolved',
    '平均解决秒 avg_resolution_s',
  ];
  const lines = [head.map(csvCell).join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.day,
        r.label ?? r.key ?? '',
        r.tickets,
        r.responded,
        r.frtP50Sec,
        r.frtP90Sec,
        r.withinTargetShare,
        r.threeMinuteRate,
        r.resolved,
        r.avgResolutionSec,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
