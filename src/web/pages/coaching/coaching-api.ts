// The answers of /api/v1/coaching as the console receives them (see src/coaching/coaching-routes.ts).
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';

export type Scorecard = {
  agentId: string;
  name: string;
  role: string;
  training: boolean;
  cases: number;
  score: number | null;
  onTimeShare: number | null;
  findingsPer100Replies: number | null;
  reopened: number;
  csat: number | null;
  reviewed: number;
  examples: number;
};
export type Review = {
  ticketId: string;
  agentId: string | null;
  note: string | null;
  example: 'good' | 'bad' | null;
  reviewedByName: string;
  reviewedAt: string;
};
export type SampleCase = {
  ticketId: string;
  number: number;
  subject: string;
  closedAt: string;
  replies: number;
  findings: number;
  reopened: boolean;
  csat: number | null;
  total: number;
  parts: {
    response: number | null;
    checks: number | null;
    playbook: number | null;
    outcome: number;
    satisfaction: number | null;
  };
  review: Review | null;
};
export type Approval = {
  id: string;
  ticketId: string;
  agentId: string;
  agentName: string;
  body: string;
  status: 'pending' | 'approved' | 'rejected';
  sentBody: string | null;
  messageId: string | null;
  decisionNote: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  createdAt: string;
};

/** Whether my replies wait for a supervisor (the reply box submits them for approval then). */
export const useTraining = () =>
  useQuery({
    queryKey: ['coaching-me'],
    queryFn: () => api<{ training: boolean }>('/coaching/me'),
    staleTime: 60_000,
  }).data?.training === true;

export const useSubmitForApproval = () =>
  useMutation({
    mutationFn: (b: { ticketId: string; body: string }) =>
      api<Approval>('/coaching/approvals', { method: 'POST', body: b }),
  });
