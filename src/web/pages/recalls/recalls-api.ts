import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Json } from '../../../http/json-dates.js';
import type { StageState } from '../../../recalls/progress.js';
import type { ReportView } from '../../../recalls/recall-work-views.js';
import { api } from '../../app/api.js';

export type RecallStatus = 'draft' | 'announced' | 'active' | 'closing' | 'closed' | 'cancelled';
export type RemedyChoice = 'refund' | 'exchange' | 'repair';
export type StageKey =
  | 'open'
  | 'scope'
  | 'platforms'
  | 'statement'
  | 'notices'
  | 'remedies'
  | 'inquiries'
  | 'investigation'
  | 'review'
  | 'close';
export const STAGES: StageKey[] = [
  'open',
  'scope',
  'platforms',
  'statement',
  'notices',
  'remedies',
  'inquiries',
  'investigation',
  'review',
  'close',
];
export type { StageState };

export type Recall = {
  id: string;
  publicId: string;
  title: string;
  hazard: string;
  productName: string | null;
  hazardLevel: 'food_1' | 'food_2' | 'food_3' | 'consumer';
  role: 'producer' | 'seller';
  source: string;
  sourceTicketId: string | null;
  learnedAt: string;
  status: RecallStatus;
  ownerName: string | null;
  scope: {
    skuIds?: string[];
    batches?: string[];
    suppliers?: string[];
    shopIds?: string[];
    soldFrom?: string;
    soldTo?: string;
  };
  remedies: RemedyChoice[];
  claimDeadline: string | null;
  contact: string | null;
  budgetFen: number | null;
  answerZh: string | null;
  answerEn: string | null;
  autoReply: boolean;
  rootCause: string | null;
  faultSupplier: string | null;
  faultBatch: string | null;
  findingsZh: string | null;
  findingsEn: string | null;
  findingsPublishedAt: string | null;
  review: { key: string; done: boolean; note: string }[];
  frozenAt: string | null;
  announcedAt: string | null;
  closedAt: string | null;
  completionPermille: number | null;
  seriousHarm: boolean;
  statementPhotos: { evidenceId: string; mediaType: string; captionZh: string; captionEn: string }[];
  reminderDays: number[];
  nextReminderAt: string | null;
  ownerId: string | null;
  createdAt: string;
};
export type Totals = { orders: number; units: number; customers: number; paidFen: number };
export type Clock = {
  startBy: string | null;
  completeBy: string | null;
  startMet: boolean | null;
  uncertain: boolean;
  basis: { zh: string; en: string };
};
export type RecallDetail = Recall & {
  totals: Totals;
  clock: Clock;
  minutesToAnnounce: number | null;
  statementVersions: { 'zh-CN': number; en: number };
};
export type ShopCompletion = {
  shopId: string;
  shopName: string;
  platform: string;
  units: number;
  remediedUnits: number;
  inProgressUnits: number;
  notReached: number;
};
export type RegulatorReport = Json<typeof ReportView>;
export type ReportKey = RegulatorReport['key'];
export type Progress = {
  stages: Record<StageKey, StageState>;
  reports: RegulatorReport[];
  totals: Totals;
  completionPermille: number;
  byShop: ShopCompletion[];
  waves: { wave: string; at: string; queued: number; unsendable: number; by: string | null }[];
  noticeCounts: { wave: string; state: string; count: number }[];
  expectedInquiries: { day: number; expected: number }[];
  trust: { recipients: number; responded: number } | null;
};
export type AffectedOrder = {
  orderId: string;
  externalId: string;
  shopId: string;
  shopName: string;
  platform: string;
  customerName: string | null;
  units: number;
  paidFen: number;
  batches: string[];
  items: string[];
};
export type RecallTask = {
  id: string;
  kind: 'stop_sale' | 'platform_notice' | 'regulator_report';
  reportKey: string | null;
  shopId: string | null;
  platform: string | null;
  status: 'open' | 'done';
  data: Record<string, unknown>;
  doneAt: string | null;
  doneByName: string | null;
};

export const recallKey = (id: string) => ['recall', id] as const;

export const useRecall = (id: string) =>
  useQuery({ queryKey: recallKey(id), queryFn: () => api<RecallDetail>(`/recalls/${id}`, { silent: true }) });

export const useProgress = (id: string) =>
  useQuery({
    queryKey: [...recallKey(id), 'progress'],
    queryFn: () => api<Progress>(`/recalls/${id}/progress`),
  });

export function useRecallQuery<T>(id: string, part: string, path: string, enabled = true) {
  return useQuery({ queryKey: [...recallKey(id), part, path], queryFn: () => api<T>(path), enabled });
}

/** A write on the campaign: every view of it is refreshed afterwards. */
export function useRecallMutation<I, O = unknown>(id: string, run: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => {
      void client.invalidateQueries({ queryKey: recallKey(id) });
      void client.invalidateQueries({ queryKey: ['recalls'] });
    },
  });
}

export const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`;
export const percent = (permille: number) => `${(permille / 10).toFixed(1)}%`;
