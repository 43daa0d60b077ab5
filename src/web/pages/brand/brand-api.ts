import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type {
  ComplaintStatus,
  ComplaintType,
  BrandPlatform as Platform,
} from '../../../brand/brand-types.js';
import { ApiError, api, apiUrl } from '../../app/api.js';

// The vocabulary and the allowed complaint moves are the server's own (src/brand/brand-types.ts).
export {
  BRAND_PLATFORMS as PLATFORMS,
  type BrandPlatform as Platform,
  COMPLAINT_MOVES as MOVES,
  COMPLAINT_STATUSES,
  COMPLAINT_TYPES,
  type ComplaintStatus,
  type ComplaintType,
} from '../../../brand/brand-types.js';

export type Check = {
  code: string;
  state: 'pass' | 'warn' | 'fail' | 'skip';
  message: string;
  params: Record<string, string | number>;
};
export type Listing = {
  id: string;
  platform: Platform;
  url: string;
  sellerName: string;
  sellerKey: string;
  title: string;
  priceFen: number | null;
  referencePriceFen: number | null;
  sku: string | null;
  infringement: ComplaintType | null;
  rightId: string | null;
  rightName: string | null;
  goodsClass: number | null;
  status: 'watching' | 'complained' | 'taken_down' | 'cleared' | 'ignored';
  standing: 'authorised' | 'own_shop' | 'unauthorised';
  evidenceCount: number;
  precheck: {
    score: number;
    estimate: number;
    verdict: 'strong' | 'fair' | 'weak';
    reasons: Check[];
    checks: Check[];
  };
  price: {
    state: 'ok' | 'below_floor' | 'no_floor' | 'no_price';
    floorFen: number | null;
    gapFen: number;
    action: 'warn_reseller' | 'complain' | null;
  };
};
export type Rate = {
  key: string;
  filed: number;
  decided: number;
  succeeded: number;
  failed: number;
  pending: number;
  successRate: number | null;
};
export type Account = Rate & {
  id: string;
  platform: Platform;
  name: string;
  weakHeld: number;
  rateIfWeakFiled: number | null;
  byType: Rate[];
  byMonth: Rate[];
};
export type Complaint = {
  id: string;
  accountId: string;
  listingId: string;
  platform: Platform;
  type: ComplaintType;
  status: ComplaintStatus;
  outcome: 'succeeded' | 'failed' | null;
  precheckScore: number;
  precheckEstimate: number;
  nextDueAt: string | null;
  decidedAt: string | null;
  createdAt: string;
};
export type Right = {
  id: string;
  kind: 'trademark' | 'copyright' | 'patent' | 'business_name';
  name: string;
  registrationNo: string;
  owner: string;
  classes: number[];
  validUntil: string | null;
  validity: {
    state: 'valid' | 'expiring' | 'expired' | 'not_yet_valid' | 'revoked';
    daysLeft: number | null;
  };
  documents: number;
};
export type Alert = {
  type: 'right' | 'authorisation';
  id: string;
  name: string;
  number: string;
  state: string;
  daysLeft: number | null;
};
export type Floor = {
  id: string;
  sku: string;
  productName: string;
  authorisationId: string | null;
  minPriceFen: number;
};
export type ImportAnswer = {
  imported: number;
  duplicates: number;
  failed: number;
  results: { line: number; status: 'imported' | 'duplicate' | 'failed'; reason?: string }[];
};

export const yuan = (fen: number | null) => (fen === null ? '—' : `¥${(fen / 100).toFixed(2)}`);
export const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

export const useListings = (query: Record<string, string | undefined> = {}) =>
  useQuery({
    queryKey: ['brand', 'listings', query],
    queryFn: () =>
      api<{ items: Listing[]; nextCursor: string | null }>('/brand/listings', {
        query: { limit: 200, ...query },
      }),
  });
export const useAccounts = () =>
  useQuery({
    queryKey: ['brand', 'accounts'],
    queryFn: async () => (await api<{ items: Account[] }>('/brand/accounts')).items,
  });
export const useComplaints = (status?: string) =>
  useQuery({
    queryKey: ['brand', 'complaints', status ?? 'all'],
    queryFn: () => api<{ items: Complaint[] }>('/brand/complaints', { query: { limit: 200, status } }),
  });
export const useRights = () =>
  useQuery({
    queryKey: ['brand', 'rights'],
    queryFn: async () => (await api<{ items: Right[] }>('/brand/rights')).items,
  });
export const useAlerts = () =>
  useQuery({
    queryKey: ['brand', 'alerts'],
    queryFn: async () => (await api<{ items: Alert[] }>('/brand/rights/alerts')).items,
  });
export const useFloors = () =>
  useQuery({
    queryKey: ['brand', 'floors'],
    queryFn: async () => (await api<{ items: Floor[] }>('/brand/price-floors')).items,
  });

export function useInvalidateBrand() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['brand'] });
}

/** Multipart posts (an import, a capture): fetch with FormData, errors as ApiError. */
async function postForm<T>(path: string, form: FormData): Promise<T> {
  const res = await fetch(apiUrl(path), { method: 'POST', body: form, credentials: 'same-origin' });
  const data = (await res.json().catch(() => undefined)) as
    | (T & { error?: { code: string; message: string } })
    | undefined;
  if (!res.ok)
    throw new ApiError(
      res.status,
      data?.error?.code ?? `HTTP_${res.status}`,
      data?.error?.message ?? `HTTP ${res.status}`,
    );
  return data as T;
}

export function importLinks(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return postForm<ImportAnswer>('/brand/listings/import', form);
}

/** Files a document in the evidence vault on a brand record (a listing capture, a certificate). */
export function attachEvidence(subjectType: string, subjectId: string, kind: string, file: File) {
  const form = new FormData();
  form.append('subjectType', subjectType);
  form.append('subjectId', subjectId);
  form.append('kind', kind);
  form.append('file', file, file.name);
  return postForm<{ id: string }>('/evidence', form);
}

/** A pre-check reason in the merchant's language (the server's English message is the fallback). */
export function reasonText(t: TFunction, c: Check): string {
  const p = c.params;
  switch (c.code) {
    case 'right_valid':
      return c.state === 'warn'
        ? t('reason.right_valid_warn', p)
        : p.from
          ? t('reason.right_valid_from', p)
          : t('reason.right_valid_fail', p);
    case 'class_covers':
      return t(c.state === 'fail' ? 'reason.class_covers_fail' : 'reason.class_covers_warn', p);
    case 'similarity':
      return t(c.message.startsWith('only') ? 'reason.similarity_similar' : 'reason.similarity_unknown');
    case 'not_from_rights_holder':
      return t(
        c.message.includes('reseller')
          ? 'reason.not_from_rights_holder_reseller'
          : c.message.includes('own shops')
            ? 'reason.not_from_rights_holder_own'
            : 'reason.not_from_rights_holder_source',
      );
    case 'right_kind':
      return t('reason.right_kind', p);
    case 'type_named':
    case 'right_named':
    case 'evidence_captured':
    case 'test_purchase':
      return t(`reason.${c.code}`);
    default:
      return c.message;
  }
}
