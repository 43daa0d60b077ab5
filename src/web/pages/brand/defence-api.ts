import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';
import type { ComplaintType, Platform } from './brand-api.js';

export type DefenceStatus = 'open' | 'responded' | 'dismissed' | 'upheld' | 'withdrawn';
/** The moves the server allows (src/brand/defence-rules.ts). */
export const DEFENCE_MOVES: Record<DefenceStatus, DefenceStatus[]> = {
  open: ['responded', 'upheld', 'withdrawn'],
  responded: ['dismissed', 'upheld', 'withdrawn'],
  dismissed: [],
  upheld: [],
  withdrawn: [],
};
export type Due = { state: 'done' | 'overdue' | 'due_soon' | 'pending'; hoursLeft: number };
export type Defence = {
  id: string;
  platform: Platform;
  ticketId: string | null;
  externalRef: string | null;
  listingTitle: string;
  listingUrl: string | null;
  sku: string | null;
  complainant: string;
  type: ComplaintType;
  rightNo: string | null;
  claim: string;
  response: string;
  source: 'manual' | 'platform_notice';
  status: DefenceStatus;
  receivedAt: string;
  responseDueAt: string;
  respondedAt: string | null;
  decidedAt: string | null;
  outcomeNote: string;
  due: Due;
};
export type DefenceStats = {
  open: number;
  overdue: number;
  responded: number;
  dismissed: number;
  upheld: number;
  withdrawn: number;
};
export type SourcingGap =
  | 'no_authorisation'
  | 'authorisation_expired'
  | 'no_invoice'
  | 'no_inspection_report'
  | 'sampling_overdue';
export type Batch = {
  id: string;
  batchNo: string;
  supplierName: string;
  quantity: number | null;
  receivedAt: string;
  invoiceNo: string | null;
  inspectionReportNo: string | null;
};
export type Sourcing = {
  id: string;
  sku: string;
  productName: string;
  supplierName: string;
  samplingIntervalDays: number;
  lastSampledAt: string | null;
  chain: {
    id: string;
    partyName: string;
    validUntil: string | null;
    state: string;
    inForce: boolean;
    documents: number;
  }[];
  batches: Batch[];
  files: number;
  gaps: SourcingGap[];
};
export type EvidenceItem = {
  id: string;
  kind: string;
  title: string;
  fileName: string;
  sha256: string;
  createdAt: string;
};
export type DefenceDetail = Defence & {
  sourcing: Sourcing | null;
  evidence: EvidenceItem[];
  checklist: { items: { kind: string; have: number }[]; missing: string[]; complete: boolean };
};
export type Authorisation = {
  id: string;
  direction: 'granted' | 'received';
  partyName: string;
  validUntil: string | null;
  validity: { state: string };
};
export type Warning = {
  id: string;
  listingId: string;
  priceFen: number;
  floorFen: number;
  message: string;
  channel: string;
  followUpDueAt: string | null;
  outcome: string | null;
  createdAt: string;
  state: 'awaiting' | 'follow_up_due' | 'price_back' | 'closed';
  round: number;
  listing: {
    id: string;
    url: string;
    title: string;
    sellerName: string;
    priceFen: number | null;
    sku: string | null;
  } | null;
};

export const useDefences = () =>
  useQuery({
    queryKey: ['brand', 'defences'],
    queryFn: () => api<{ items: Defence[]; stats: DefenceStats }>('/brand/defences'),
  });
export const useDefence = (id: string | null) =>
  useQuery({
    queryKey: ['brand', 'defence', id],
    enabled: !!id,
    queryFn: () => api<DefenceDetail>(`/brand/defences/${id}`),
  });
export const useSourcing = () =>
  useQuery({
    queryKey: ['brand', 'sourcing'],
    queryFn: () =>
      api<{ items: Sourcing[]; unsourced: { sku: string; name: string; units: number }[] }>(
        '/brand/sourcing',
      ),
  });
export const useReceivedAuthorisations = () =>
  useQuery({
    queryKey: ['brand', 'authorisations', 'received'],
    queryFn: async () =>
      (await api<{ items: Authorisation[] }>('/brand/authorisations', { query: { direction: 'received' } }))
        .items,
  });
export const useWarnings = () =>
  useQuery({
    queryKey: ['brand', 'warnings'],
    queryFn: async () =>
      (await api<{ items: Warning[] }>('/brand/warnings', { query: { open: 'true' } })).items,
  });
