import dayjs from 'dayjs';
import type { TFunction } from 'i18next';

/** A duration as people say it: "2 天 3 小时", "45 分钟", "3 天" (never "4320 分钟"). */
export function durationText(minutes: number, lang: string): string {
  const zh = lang.startsWith('zh');
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (d) parts.push(zh ? `${d} 天` : `${d} d`);
  if (h) parts.push(zh ? `${h} 小时` : `${h} h`);
  if (!d && (m || !parts.length)) parts.push(zh ? `${m} 分钟` : `${m} min`);
  return parts.join(' ');
}

/** A response time as people say it: "45 秒", "34 分钟", "1 天" (a report's cell, never "1440" minutes). */
export function responseText(seconds: number | null, lang: string): string {
  if (seconds === null) return '—';
  if (seconds < 60) return lang.startsWith('zh') ? `${Math.round(seconds)} 秒` : `${Math.round(seconds)} s`;
  return durationText(Math.round(seconds / 60), lang);
}

/**
 * A due time as a merchant says it: "2 小时内" ahead, "超时 3 天" past — never "3 天前", which reads as
 * when something happened, not that it is late.
 */
export function dueText(t: TFunction, at: string): string {
  const time = dayjs(at);
  return time.diff(dayjs()) < 0 ? t('common:sla.overdueBy', { time: time.fromNow(true) }) : time.fromNow();
}
