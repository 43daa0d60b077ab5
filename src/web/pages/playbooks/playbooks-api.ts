import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Json } from '../../../http/json-dates.js';
import type { AwaitingOfferView, OfferView } from '../../../playbooks/offer-routes.js';
import type { REMEDIES } from '../../../playbooks/offer-rules.js';
import type {
  ExposureView,
  LimitsView,
  PlaybookView,
  StepView,
  TicketPlaybookView,
} from '../../../playbooks/playbook-routes.js';
import type { TaskView } from '../../../playbooks/task-routes.js';
import type { PickerTemplateView, TemplateView } from '../../../playbooks/template-routes.js';
import { api } from '../../app/api.js';

export type Remedy = (typeof REMEDIES)[number];
export const REMEDY_LIST: Remedy[] = [
  'exchange',
  'return_and_refund',
  'refund',
  'partial_refund',
  'reship',
  'coupon',
  'gift',
  'statutory_compensation',
  'apology_only',
];

// The answers' types follow from the server's response schemas (src/playbooks/*-routes.ts).
export type Step = Json<typeof StepView>;
export type Playbook = Json<typeof PlaybookView>;
export type TicketPlaybook = Json<typeof TicketPlaybookView>;
export type Template = Json<typeof TemplateView>;
export type PickerTemplate = Json<typeof PickerTemplateView>;
export type Offer = Json<typeof OfferView>;
export type AwaitingOffer = Json<typeof AwaitingOfferView>;
export type Task = Json<typeof TaskView>;
export type Exposure = Json<typeof ExposureView>;
export type ExposureLine = Exposure['lines'][number];
export type Limits = Json<typeof LimitsView>['approvalLimits'];
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
    queryFn: () => api<Exposure>(`/tickets/${id}/exposure`),
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

export function useTellOffer(ticketId: string) {
  const refresh = useRefreshCase();
  return useMutation({
    mutationFn: ({ offerId, via }: { offerId: string; via: 'message' | 'phone' }) =>
      api<Offer>(`/offers/${offerId}/tell`, { method: 'POST', body: { via } }),
    onSuccess: () => refresh(ticketId),
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
