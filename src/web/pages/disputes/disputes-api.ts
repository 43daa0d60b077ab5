import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type {
  DISPUTE_TYPES,
  DISPUTE_FORUMS as FORUMS,
  DISPUTE_OUTCOMES as OUTCOMES,
  PENALTY_KINDS,
} from '../../../disputes/dispute-types.js';
import { api } from '../../app/api.js';
import type { Evidence, EvidenceKind } from '../evidence/evidence-api.js';

// The vocabulary is the server's own (src/disputes/dispute-types.ts).
export {
  DISPUTE_FORUMS as FORUMS,
  DISPUTE_OUTCOMES as OUTCOMES,
  DISPUTE_TYPES,
  HEALTH_METRICS,
  PENALTY_KINDS,
} from '../../../disputes/dispute-types.js';
export const DEADLINES = ['evidenceDueAt', 'responseDueAt', 'acceptanceDueAt', 'mediationEndsAt'] as const;

export type Dispute = {
  id: string;
  type: (typeof DISPUTE_TYPES)[number];
  platform: (typeof FORUMS)[number];
  reason: string;
  status: 'open' | 'submitted' | 'closed';
  outcome: (typeof OUTCOMES)[number] | null;
  ticketId: string | null;
  orderId: string | null;
  shopId: string | null;
  externalRef: string | null;
  source: 'manual' | 'platform_event';
  claim: string;
  position: string;
  amountAtStakeFen: number;
  amountLostFen: number | null;
  currency: string;
  openedAt: string;
  evidenceDueAt: string | null;
  responseDueAt: string | null;
  acceptanceDueAt: string | null;
  mediationEndsAt: string | null;
  nextDueAt: string | null;
  decidedAt: string | null;
  createdByName: string;
};

export type DisputeDetail = Dispute & {
  evidence: Evidence[];
  checklist: {
    items: { kind: EvidenceKind; required: boolean; have: number }[];
    missing: EvidenceKind[];
    complete: boolean;
  };
  reminders: {
    deadline: (typeof DEADLINES)[number];
    dueAt: string;
    state: 'upcoming' | 'due_soon' | 'overdue';
  }[];
};

export type WinRate = {
  key: string;
  decided: number;
  won: number;
  lost: number;
  partial: number;
  winRate: number | null;
  atStakeFen: number;
  lostFen: number;
};
export type DisputeStats = {
  byType: WinRate[];
  byPlatform: WinRate[];
  byReason: WinRate[];
  open: number;
  atStakeOpenFen: number;
};

export type Penalty = {
  id: string;
  shopId: string | null;
  platform: (typeof FORUMS)[number];
  kind: (typeof PENALTY_KINDS)[number];
  points: number | null;
  depositFen: number | null;
  reason: string;
  ruleRef: string | null;
  penalizedAt: string;
  appealDueAt: string | null;
  status: 'open' | 'appealed' | 'decided' | 'accepted';
  appealText: string | null;
  appealedAt: string | null;
  decisionExpectedFrom: string | null;
  decisionExpectedBy: string | null;
  outcome: 'overturned' | 'reduced' | 'upheld' | null;
  pointsRestored: number | null;
  nextDueAt: string | null;
};
export type PenaltyDetail = Penalty & {
  tasks: { id: string; title: string; dueAt: string | null; doneAt: string | null; doneBy: string | null }[];
  evidence: Evidence[];
};

export const useDisputes = (query: Record<string, string | undefined>) =>
  useQuery({
    queryKey: ['disputes', 'list', query],
    queryFn: () =>
      api<{ items: Dispute[]; nextCursor: string | null }>('/disputes', { query: { limit: 100, ...query } }),
  });

export const useDispute = (id: string) =>
  useQuery({ queryKey: ['disputes', 'detail', id], queryFn: () => api<DisputeDetail>(`/disputes/${id}`) });

export const useDisputeStats = () =>
  useQuery({ queryKey: ['disputes', 'stats'], queryFn: () => api<DisputeStats>('/disputes/stats') });

export const usePenalties = (status: string | undefined) =>
  useQuery({
    queryKey: ['penalties', 'list', status],
    queryFn: async () =>
      (await api<{ items: Penalty[] }>('/penalties', { query: { status, limit: 200 } })).items,
  });

export const usePenalty = (id: string | null) =>
  useQuery({
    queryKey: ['penalties', 'detail', id],
    queryFn: () => api<PenaltyDetail>(`/penalties/${id}`),
    enabled: !!id,
  });

/** "3 天 4 小时" / "3 d 4 h": durations as people say them, never in minutes. */
export function humanDuration(ms: number, locale: string): string {
  const zh = locale !== 'en';
  const abs = Math.abs(ms);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const minutes = Math.max(1, Math.floor((abs % 3_600_000) / 60_000));
  if (days)
    return zh ? `${days} 天${hours ? ` ${hours} 小时` : ''}` : `${days} d${hours ? ` ${hours} h` : ''}`;
  if (hours) return zh ? `${hours} 小时` : `${hours} h`;
  return zh ? `${minutes} 分钟` : `${minutes} min`;
}

export const when = (iso: string | null | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');
export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
