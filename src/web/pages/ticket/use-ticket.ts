import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api.js';
import type {
  AuditEvent,
  Items,
  Message,
  RootCause,
  Ticket,
  TicketDetail,
  TicketStatus,
} from '../../app/types.js';

export const ticketKey = (id: string) => ['ticket', id] as const;

export function useTicket(id: string) {
  return useQuery({
    queryKey: ticketKey(id),
    queryFn: () => api<TicketDetail>(`/tickets/${id}`, { silent: true }),
  });
}

export function useMessages(id: string) {
  return useQuery({
    queryKey: [...ticketKey(id), 'messages'],
    queryFn: async () => (await api<Items<Message>>(`/tickets/${id}/messages`)).items,
  });
}

export function useAudit(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...ticketKey(id), 'audit'],
    queryFn: async () => (await api<Items<AuditEvent>>(`/tickets/${id}/audit`)).items,
    enabled,
  });
}

/** After any change: merge the new ticket view into the detail, refresh the activity and the inbox. */
function useApplyTicket(id: string) {
  const queryClient = useQueryClient();
  return (ticket: Ticket) => {
    queryClient.setQueryData<TicketDetail>(ticketKey(id), (old) =>
      old ? { ...old, ...withoutJoins(ticket) } : old,
    );
    void queryClient.invalidateQueries({ queryKey: ticketKey(id) });
    void queryClient.invalidateQueries({ queryKey: ['tickets'] });
  };
}

// The plain ticket view omits the joined names; keep the detail's until it is refetched.
function withoutJoins(ticket: Ticket): Partial<Ticket> {
  const { shopName, shopPlatform, customerName, assigneeName, ...rest } = ticket;
  return rest;
}

export type TicketPatch = {
  severity?: Ticket['severity'];
  tags?: string[];
  assigneeId?: string | null;
};

export function useUpdateTicket(id: string) {
  const apply = useApplyTicket(id);
  return useMutation({
    mutationFn: (patch: TicketPatch) => api<Ticket>(`/tickets/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: apply,
  });
}

export type StatusChange = { status: TicketStatus; rootCause?: RootCause; resolution?: string };

export function useChangeStatus(id: string) {
  const apply = useApplyTicket(id);
  return useMutation({
    mutationFn: (body: StatusChange) => api<Ticket>(`/tickets/${id}/status`, { method: 'POST', body }),
    onSuccess: apply,
  });
}

export function useSendMessage(id: string) {
  const apply = useApplyTicket(id);
  return useMutation({
    mutationFn: (body: { direction: 'outbound' | 'note'; body: string }) =>
      api<{ message: Message; ticket: Ticket }>(`/tickets/${id}/messages`, { method: 'POST', body }),
    onSuccess: ({ ticket }) => apply(ticket),
  });
}
