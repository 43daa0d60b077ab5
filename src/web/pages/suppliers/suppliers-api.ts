// Suppliers, their scorecards, audits and inspections as the API answers them.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';
import type { QualityDocument } from '../quality/quality-api.js';

export type Verdict =
  | { status: 'too_few_units'; ratePct: number | null; minUnits: number }
  | { status: 'ok'; ratePct: number }
  | { status: 'consider_replacing'; ratePct: number; thresholdPct: number };

export type Scorecard = {
  unitsSold: number;
  defectComplaints: number;
  verdict: Verdict;
  months: { month: string; units: number; complaints: number }[];
};

export type Supplier = {
  id: string;
  name: string;
  status: 'active' | 'on_probation' | 'replacing' | 'dropped';
  contacts: { name: string; role?: string; phone?: string; email?: string; wechat?: string }[];
  address: string | null;
  note: string | null;
  mergedInto: string | null;
  scorecard: Scorecard;
};

export type Audit = {
  id: string;
  visitedOn: string;
  auditor: string;
  checklist: { item: string; passed: boolean | null; note?: string }[];
  findings: string | null;
  score: number;
};

export type Inspection = {
  id: string;
  kind: 'batch_report' | 'sampling_test';
  skuCode: string | null;
  batch: string | null;
  standardCode: string | null;
  institution: string | null;
  reportNo: string | null;
  testedOn: string;
  result: 'pass' | 'fail';
  sampleSize: number | null;
  defectsFound: number | null;
};

export type SupplierDetail = Supplier & {
  aliases: string[];
  audits: Audit[];
  inspections: Inspection[];
  qualifications: QualityDocument[];
  claims: { claim: string | null; listingId: string; title: string; complaints: number }[];
};

export const suppliersKey = ['suppliers'] as const;

export const useSuppliers = (q: string) =>
  useQuery({
    queryKey: [...suppliersKey, 'list', q],
    queryFn: async () => (await api<{ items: Supplier[] }>('/suppliers', { query: { q } })).items,
  });

export const useSupplier = (id: string | undefined) =>
  useQuery({
    queryKey: [...suppliersKey, 'one', id],
    queryFn: () => api<SupplierDetail>(`/suppliers/${id}`),
    enabled: Boolean(id),
  });
