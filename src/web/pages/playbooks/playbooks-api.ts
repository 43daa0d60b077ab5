import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.js';

export type Remedy =
  | 'refund'
  | 'return_and_refund'
  | 'exchange'
  | 'reship'
  | 'partial_refund'
  | 'coupon'
  | 'gift'
  | 'apology_only';
export const REMEDY_LIST: Remedy[] = [
  'exchange',
  'return_and_refund',
  'refund',
  'partial_refund',
  'reship',
  'coupon',
  'gift',
  'apology_only',
];

export type Step = {
  key: string;
  action: string;
  title: { zh: string; en: string };
  templateKey?: string;
  remedies?: Remedy[];
  couponFen?: number;
  statuses?: string[];
};
export type Playbook = { id: string; category: string; name: string; steps: Step[]; enabled: boolean };
export type TicketPlaybook = {
  ticketId: string;
  status: string;
  playbook: Playbook | null;
  doneSteps: { key: string; at: string; by: string }[];
  applied: boolean;
  nextStep: Step | null;
  blocklisted: { id: string; reason: string; expiresAt: string | null } | null;
};
export type Template = {
  id: string;
  key: string;
  locale: 'zh-CN' | 'en';
  shopId: string | null;
  name: string;
  body: string;
  moment: string;
  remedy: string | null;
  builtIn: boolean;
  variables: string[];
};
export type PickerTemplate = Template & { preview: { text: string; missing: string[] } };
export type Offer = {
  id: string;
  ticketId: string;
  negotiationId: string;
  round: number;
  parentId: string | null;
  party: 'shop' | 'buyer';
  remedy: Remedy;
  amountFen: number;
  couponFen: number;
  returnShippingPaid: boolean;
  note: string | null;
  status: 'awaiting_approval' | 'proposed' | 'countered' | 'accepted' | 'rejected' | 'withdrawn';
  requiredRole: 'agent' | 'supervisor' | 'admin' | null;
  proposedByName: string;
  approvedByName: string | null;
  decidedByName: string | null;
  decisionReason: string | null;
  createdAt: string;
  ticketNumber?: number;
  ticketSubject?: string;
};
export type Task = {
  id: string;
  ticketId: string;
  ticketNumber?: number;
  ticketSubject?: string;
  kind: string;
  title: string;
  titleEn: string;
  status: 'open' | 'pending_outbox' | 'queued' | 'done' | 'cancelled';
  dueAt: string | null;
  overdue: boolean;
  data: Record<string, unknown>;
  completedAt: string | null;
};
export type ExposureLine = {
  rule: string;
  citation: { zh: string; en: string };
  applies: boolean;
  amountFen: number | null;
  reason: string;
  detail: Record<string, unknown>;
  uncertain: boolean;
};
export type Limits = { agent: number | null; supervisor: number | null; admin: number | null };
export type OfferBody = { remedy: Remedy; amountFen?: number; couponFen?: number; note?: string };

const key = {
  playbook: (id: string) => ['ticket', id, 'playbook'] as const,
  picker: (id: string, locale: string | undefined) => ['ticket', id, 'templates', locale ?? 'auto'] as const,
  offers: (id: string) => ['ticket', id, 'offers'] as const,
  tasks: (id: string) => ['ticket', id, 'tasks'] as const,
  exposure: (id: string) => ['ticket', id, 'exposure'] as const,
};

export const useTicketPlaybook = (id: string) =>
  useQuery({ queryKey: key.playbook(id), queryFn: () => api<TicketPlaybook>(`/tickets/${id}/playbook`) });

export const usePicker = (id: string, locale?: 'zh-CN' | 'en') =>
  useQuery({
    queryKey: key.picker(id, locale),
    queryFn: () =>
      api<{ locale: string; items: PickerTemplate[] }>(`/tickets/${id}/templates`, { query: { locale } }),
  });

export const useOffers = (id: string) =>
  useQuery({
    queryKey: key.offers(id),
    queryFn: async () => (await api<{ items: Offer[] }>(`/tickets/${id}/offers`)).items,
  });

export const useTicketTasks = (id: string) =>
  useQuery({
    queryKey: key.tasks(id),
    queryFn: async () =>
      (await api<{ items: Task[] }>('/tasks', { query: { ticketId: id, status: 'all' } })).items,
  });

export const useExposure = (id: string) =>
  useQuery({
    queryKey: key.exposure(id),
    queryFn: () => api<{ lines: ExposureLine[]; orderValueFen: number | null }>(`/tickets/${id}/exposure`),
  });

export const useLimits = () =>
  useQuery({
    queryKey: ['playbook-settings'],
    queryFn: async () => (await api<{ approvalLimits: Limits }>('/playbook-settings')).approvalLimits,
    staleTime: 60_000,
  });

/** Every change on a case refreshes the whole case (ticket, thread, offers, tasks, playbook). */
function useRefreshCase() {
  const client = useQueryClient();
  return (ticketId?: string) => {
    if (ticketId) void client.invalidateQueries({ queryKey: ['ticket', ticketId] });
    void client.invalidateQueries({ queryKey: ['approvals'] });
    void client.invalidateQueries({ queryKey: ['my-tasks'] });
    void client.invalidateQueries({ queryKey: ['tickets'] });
  };
}

export function useApplyPlaybook(id: string) {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: () => api<TicketPlaybook>(`/tickets/${id}/playbook/apply`, { method: 'POST', body: {} }),
    onSuccess: () => refresh(id),
  });
}

export function useMarkStep(id: string) {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: (step: string) =>
      api<TicketPlaybook>(`/tickets/${id}/playbook/steps/${step}/done`, { method: 'POST' }),
    onSuccess: () => refresh(id),
  });
}

export function useCreateOffer(id: string) {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: (body: OfferBody) => api<Offer>(`/tickets/${id}/offers`, { method: 'POST', body }),
    onSuccess: () => refresh(id),
  });
}

export function useCounterOffer(ticketId: string | undefined) {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: ({ offerId, body }: { offerId: string; body: OfferBody }) =>
      api<Offer>(`/offers/${offerId}/counter`, { method: 'POST', body }),
    onSuccess: (o) => refresh(ticketId ?? o.ticketId),
  });
}

export function useDecideOffer(ticketId?: string) {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: ({
      offerId,
      action,
      reason,
    }: {
      offerId: string;
      action: 'accept' | 'approve' | 'reject';
      reason?: string;
    }) =>
      api<{ offer: Offer; tasks: Task[] }>(`/offers/${offerId}/${action}`, {
        method: 'POST',
        body: reason ? { reason } : {},
      }),
    onSuccess: (r) => refresh(ticketId ?? r.offer.ticketId),
  });
}

export function useCompleteTask(ticketId?: string) {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: ({
      taskId,
      body,
    }: {
      taskId: string;
      body: { carrier?: string; trackingNo?: string; note?: string };
    }) => api<{ task: Task; created: Task[] }>(`/tasks/${taskId}/complete`, { method: 'POST', body }),
    onSuccess: (r) => refresh(ticketId ?? r.task.ticketId),
  });
}
