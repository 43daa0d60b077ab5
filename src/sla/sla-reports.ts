import { DateTime } from 'luxon';
import type { TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import { dailyReportRows, type ReportGroup } from './sla-report-repo.js';
import type { DailyRow } from './sla-report-views.js';

export type { ReportGroup } from './sla-report-repo.js';

export type { DailyRow } from './sla-report-views.js';

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
  const rows = await dailyReportRows(scope, { ...q, start: start.toJSDate(), end: end.toJSDate() });
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
    '首次响应中位数秒 frt_p50_s',
    '首次响应90分位秒 frt_p90_s',
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
