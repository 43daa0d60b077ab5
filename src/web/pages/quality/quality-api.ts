// Listings, findings, tasks, documents and flags as the API answers them (see /api/v1/openapi.json).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';
import type { Page } from '../../app/types.js';

export const FINDING_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export type Finding = {
  rule: string;
  severity: FindingSeverity;
  field: string;
  start: number | null;
  end: number | null;
  text: string;
  citation: string;
  citationEn: string;
  params: Record<string, string | number | null>;
};

export type ListingContent = {
  title: string;
  description: string | null;
  category: string | null;
  brand: string | null;
  material: string | null;
  style: string | null;
  priceFen: number | null;
  referencePriceFen: number | null;
  images: { url?: string | null; width?: number | null; height?: number | null }[];
  skuCodes: string[];
};

export type Listing = {
  id: string;
  shopId: string;
  platform: string;
  externalId: string;
  content: ListingContent;
  version: number;
  findings: Finding[];
  worstSeverity: FindingSeverity | null;
  checkedAt: string;
  updatedAt: string;
};

export type QualityTask = {
  id: string;
  shopId: string | null;
  kind: 'fix_listing' | 'fix_claim' | 'clear_stock' | 'renew_document';
  status: 'open' | 'done' | 'dismissed';
  listingId: string | null;
  listingVersion: number | null;
  ticketId: string | null;
  skuCode: string | null;
  claim: string | null;
  data: Record<string, unknown>;
  closedAt: string | null;
  closedByName: string | null;
  closeNote: string | null;
  createdAt: string;
};

export type QualityDocument = {
  id: string;
  holderType: 'shop' | 'listing' | 'supplier';
  holderId: string;
  kind: string;
  number: string | null;
  issuer: string | null;
  issuedOn: string | null;
  expiresOn: string | null;
  note: string | null;
  createdByName: string;
};

export type Flag = { id: string; shopId: string; skuCode: string; reason: string; createdAt: string };

export type Summary = {
  severities: { severity: FindingSeverity | null; count: number }[];
  rules: { rule: string; severity: FindingSeverity; count: number }[];
  openTasks: { kind: string; count: number }[];
  expiring: { id: string; kind: string; holderType: string; holderId: string; expiresOn: string | null }[];
};

export const DOCUMENT_KINDS = [
  'inspection_certificate',
  'business_licence',
  'category_whitelist',
  'production_licence',
  'brand_authorisation',
  'other',
] as const;

export const qualityKey = ['quality'] as const;

export const useSummary = (shopId: string | undefined) =>
  useQuery({
    queryKey: [...qualityKey, 'summary', shopId],
    queryFn: () => api<Summary>('/listings/summary', { query: { shopId } }),
    enabled: Boolean(shopId),
  });

export const useListings = (shopId: string | undefined, severity: string | undefined, q: string) =>
  useQuery({
    queryKey: [...qualityKey, 'listings', shopId, severity, q],
    queryFn: () => api<Page<Listing>>('/listings', { query: { shopId, severity, q, limit: 200 } }),
    enabled: Boolean(shopId),
  });

export const useTasks = (shopId: string | undefined, status: string) =>
  useQuery({
    queryKey: [...qualityKey, 'tasks', shopId, status],
    queryFn: () => api<Page<QualityTask>>('/quality/tasks', { query: { shopId, status, limit: 200 } }),
    enabled: Boolean(shopId),
  });

export const useDocuments = () =>
  useQuery({
    queryKey: [...qualityKey, 'documents'],
    queryFn: async () => (await api<{ items: QualityDocument[] }>('/quality/documents')).items,
  });

export const useFlags = (shopId: string | undefined) =>
  useQuery({
    queryKey: [...qualityKey, 'flags', shopId],
    queryFn: async () => (await api<{ items: Flag[] }>('/quality/flags', { query: { shopId } })).items,
    enabled: Boolean(shopId),
  });

export const yuan = (fen: number | null | undefined) =>
  fen === null || fen === undefined
    ? '—'
    : `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`;
