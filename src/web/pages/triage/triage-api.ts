// Types and queries of the triage API (/api/v1/triage/*, /tickets/:id/triage/*).
import { useQuery } from '@tanstack/react-query';
import type { TriageResult } from '../../../triage/analyze.js';
import type { TicketTriage } from '../../../triage/rollup.js';
import { api } from '../../app/api.js';
import type { Page, Ticket } from '../../app/types.js';

export type { Category, TriageSeverity } from '../../../triage/taxonomy.js';
export { CATEGORIES, TRIAGE_SEVERITIES } from '../../../triage/taxonomy.js';
export type { TicketTriage, TriageResult };

export type LexiconEntry = {
  id: string;
  term: string;
  category: string | null;
  severity: 'critical' | 'high' | null;
  createdAt: string;
};

export type Ratio = number | null;
export type CorrectionReport = {
  since: string;
  days: number;
  reviewedTickets: number;
  categories: {
    tickets: number;
    exactMatch: Ratio;
    microPrecision: Ratio;
    microRecall: Ratio;
    perCategory: {
      category: string;
      tp: number;
      fp: number;
      fn: number;
      tn: number;
      precision: Ratio;
      recall: Ratio;
    }[];
    matrix: Record<string, Record<string, number>>;
  };
  severity: { tickets: number; accuracy: Ratio; matrix: Record<string, Record<string, number>> };
  aspects: { cases: number; counts: Record<string, { positive: number; negative: number; neutral: number }> };
};

export const lexiconKey = ['triage', 'lexicon'] as const;

export const useLexicon = () =>
  useQuery({
    queryKey: lexiconKey,
    queryFn: async () => (await api<{ items: LexiconEntry[] }>('/triage/lexicon')).items,
  });

export const useCorrectionReport = (days: number) =>
  useQuery({
    queryKey: ['triage', 'report', days],
    queryFn: () => api<CorrectionReport>('/triage/corrections/report', { query: { days } }),
  });

/** Open critical cases, due first: the lane above the inbox. */
export const useCriticalTickets = () =>
  useQuery({
    queryKey: ['tickets', 'critical-lane'],
    queryFn: () =>
      api<Page<Ticket>>('/tickets', {
        query: { status: 'open', severity: 'critical', sort: 'due', limit: 5 },
      }),
    refetchInterval: 30_000,
  });

export function triageOf(ticket: { triage: Record<string, unknown> | null }): TicketTriage | null {
  const t = ticket.triage as TicketTriage | null;
  return t && t.version === 1 && t.auto ? t : null;
}

export type Agreement = { examples: number; microF1: number; exactMatch: number };
export type AdjustmentStatus = {
  status: 'none' | 'ready' | 'too_few' | 'failed';
  examples: number;
  minExamples: number;
  before: Agreement | null;
  after: Agreement | null;
  trainedAt: string | null;
  error: string | null;
};

export const adjustmentKey = ['triage', 'adjustment'] as const;

/** The tenant's adjustment layer; polled while a retrain may be running. */
export const useAdjustment = (polling: boolean) =>
  useQuery({
    queryKey: adjustmentKey,
    queryFn: () => api<AdjustmentStatus>('/triage/adjustment'),
    refetchInterval: polling ? 2_000 : false,
  });
