// Types and queries of /api/v1/analytics for the dashboard.
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type {
  MoneyRowDto,
  QualityRowDto,
  ServiceRowDto,
  ServiceTrendPoint,
} from '../../../analytics/analytics-views.js';
import { api, apiUrl } from '../../app/api.js';

export type QualityRow = QualityRowDto;
export type MoneyRow = MoneyRowDto;
export type ServiceRow = ServiceRowDto;
export type ServicePoint = ServiceTrendPoint;

export type Filters = {
  from: string;
  to: string;
  shopId?: string | undefined;
  platform?: string | undefined;
};
export type QualityGroup = 'sku' | 'batch' | 'supplier' | 'shop' | 'platform';
export type MoneyGroup = 'category' | 'sku' | 'supplier' | 'platform' | 'shop' | 'month';
export type ServiceGroup = 'platform' | 'shop' | 'agent';

export type TrendPoint = {
  week: string;
  orders: number;
  complaints: number;
  negativeReviews: number;
  complaintsPer1000Orders: number | null;
  negativeReviewsPer1000Orders: number | null;
};
export type ParetoRow = { key: string; count: number; share: number; cumulativeShare: number };
export type CaseLine = {
  id: string;
  number: number;
  subject: string;
  kind: string;
  category: string | null;
  severity: string;
  status: string;
  rootCause: string | null;
  platform: string | null;
  batch: string | null;
  sku: string | null;
  createdAt: string;
};
export type BacklogRow = {
  key: string;
  label: string;
  open: number;
  under1d: number;
  d1to3: number;
  d3to7: number;
  over7d: number;
  oldestAt: string | null;
};
export type ReviewRow = {
  key: string;
  label: string;
  negativeReviews: number;
  replied: number;
  turnedPositive: number;
  turnedPositiveShare: number | null;
};
export type Focus = { groupBy: QualityGroup; key: string; label: string };

const q = (f: Filters, extra: Record<string, string | undefined> = {}) => ({ ...f, ...extra });

export const useQuality = (f: Filters, groupBy: QualityGroup, search: string, minOrders?: number) =>
  useQuery({
    queryKey: ['analytics', 'quality', f, groupBy, search, minOrders],
    queryFn: async () =>
      (
        await api<{ rows: QualityRow[] }>('/analytics/quality', {
          query: q(f, {
            groupBy,
            q: search || undefined,
            minOrders: minOrders === undefined ? undefined : String(minOrders),
          }),
        })
      ).rows,
  });

export const useQualityTrend = (f: Filters, focus: Focus | null) =>
  useQuery({
    queryKey: ['analytics', 'quality-trend', f, focus?.groupBy, focus?.key],
    queryFn: async () =>
      (
        await api<{ points: TrendPoint[] }>('/analytics/quality/trend', {
          query: q(f, { groupBy: focus?.groupBy, key: focus?.key }),
        })
      ).points,
  });

export const useCauses = (f: Filters, focus: Focus | null) =>
  useQuery({
    queryKey: ['analytics', 'causes', f, focus?.groupBy, focus?.key],
    queryFn: () =>
      api<{ rootCauses: ParetoRow[]; categories: ParetoRow[] }>('/analytics/quality/causes', {
        query: q(f, { groupBy: focus?.groupBy, key: focus?.key }),
      }),
  });

export const fetchCases = (f: Filters, focus: Focus | null, only: string, cursor?: string) =>
  api<{ items: CaseLine[]; nextCursor: string | null }>('/analytics/quality/cases', {
    query: q(f, { groupBy: focus?.groupBy, key: focus?.key, only, cursor, limit: '20' }),
  });

export const useMoney = (f: Filters, groupBy: MoneyGroup) =>
  useQuery({
    queryKey: ['analytics', 'money', f, groupBy],
    queryFn: async () =>
      (await api<{ rows: MoneyRow[] }>('/analytics/money', { query: q(f, { groupBy }) })).rows,
  });

export const useService = (f: Filters, groupBy: ServiceGroup) =>
  useQuery({
    queryKey: ['analytics', 'service', f, groupBy],
    queryFn: async () =>
      (await api<{ rows: ServiceRow[] }>('/analytics/service', { query: q(f, { groupBy }) })).rows,
  });

export const useServiceTrend = (f: Filters, groupBy: ServiceGroup | null) =>
  useQuery({
    queryKey: ['analytics', 'service-trend', f, groupBy],
    queryFn: async () =>
      (
        await api<{ points: ServicePoint[] }>('/analytics/service/trend', {
          query: q(f, { groupBy: groupBy ?? undefined }),
        })
      ).points,
  });

export const useBacklog = (f: Filters, groupBy: ServiceGroup) =>
  useQuery({
    queryKey: ['analytics', 'backlog', f.shopId, f.platform, groupBy],
    queryFn: async () =>
      (
        await api<{ rows: BacklogRow[] }>('/analytics/service/backlog', {
          query: { groupBy, shopId: f.shopId, platform: f.platform },
        })
      ).rows,
  });

export const useReviews = (f: Filters, groupBy: ServiceGroup) =>
  useQuery({
    queryKey: ['analytics', 'reviews', f, groupBy],
    queryFn: async () =>
      (await api<{ rows: ReviewRow[] }>('/analytics/service/reviews', { query: q(f, { groupBy }) })).rows,
  });

export const exportUrl = (
  table: string,
  format: 'csv' | 'xlsx',
  f: Filters,
  extra: Record<string, string | undefined> = {},
) => apiUrl('/analytics/export', { table, format, ...f, ...extra });

/** A duration as a merchant reads it: minutes under an hour, hours under two days, then days. */
export function formatDuration(ms: number | null, t: TFunction): string {
  if (ms === null) return '—';
  const minutes = ms / 60_000;
  if (minutes < 60) return t('analytics:unit.min', { v: Math.round(minutes * 10) / 10 });
  const hours = minutes / 60;
  if (hours < 48) return t('analytics:unit.hour', { v: Math.round(hours * 10) / 10 });
  return t('analytics:unit.day', { v: Math.round((hours / 24) * 10) / 10 });
}

export const formatShare = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

/** A row's name in the reader's language where the key names itself (platform, no batch, unassigned). */
export function rowLabel(group: string, row: { key: string; label: string }, t: TFunction): string {
  if (group === 'platform') return t(`common:platform.${row.key}`, row.key);
  if (group === 'agent' && !row.key) return t('analytics:none.agent');
  if (group === 'category' && !row.key) return t('analytics:none.category');
  if (group === 'batch' && row.label.startsWith('— · '))
    return `${t('analytics:none.batch')} · ${row.label.slice(4)}`;
  return row.label;
}
