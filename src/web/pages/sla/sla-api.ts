// Types and queries of /api/v1/sla for the console pages.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api.js';
import type { Items } from '../../app/types.js';

export type Target = { minutes: number; clock: 'business' | '24x7' };
export type TargetName = 'firstResponse' | 'nextResponse' | 'resolution';
export type Targets = Partial<Record<TargetName, Target | null>>;
export const TARGET_NAMES: TargetName[] = ['firstResponse', 'nextResponse', 'resolution'];

export type Policy = {
  id: string;
  name: string;
  priority: number;
  enabled: boolean;
  match: { channels?: string[]; kinds?: string[]; severities?: string[]; shopIds?: string[] };
  targets: Targets;
  autoAck: boolean;
  escalation: { on: 'warning' | 'breach'; target?: TargetName; action: string; assigneeId?: string }[];
};

export type Calendar = {
  id: string;
  name: string;
  shopId: string | null;
  timezone: string;
  hours: { day: number; start: string; end: string }[];
  holidays: 'CN' | 'none';
  overrides: { date: string; kind: 'holiday' | 'workday'; name?: string }[];
  closures: { from: string; to: string; reason?: string }[];
  validFrom: string | null;
  validTo: string | null;
  warnings: string[];
};

export type PeakEvent = {
  id: string;
  name: string;
  kind: '618' | 'double11' | 'double12' | 'live_stream' | 'recall' | 'other';
  startsAt: string;
  endsAt: string;
  shopIds: string[];
  channels: string[];
  targets: Targets;
};

export type Notification = {
  id: string;
  kind: 'warning' | 'breach' | 'escalation' | 'surge';
  ticketId: string | null;
  ticketNumber: number | null;
  target: TargetName | null;
  audience: 'assignee' | 'supervisor';
  dueAt: string | null;
  params: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
};

export type AtRiskRow = {
  id: string;
  number: number;
  subject: string;
  severity: string;
  status: string;
  assigneeName: string | null;
  slaDueAt: string | null;
  slaState: string;
};

export type Holidays = {
  source: string;
  coveredYears: number[];
  years: {
    year: number;
    source: string;
    holidays: { from: string; to: string; nameZh: string; name: string }[];
    workdays: { date: string; name: string }[];
  }[];
  warnings: string[];
};

export type DailyRow = {
  day: string;
  key: string | null;
  label: string | null;
  tickets: number;
  responded: number;
  frtP50Sec: number | null;
  frtP90Sec: number | null;
  withinTargetShare: number | null;
  threeMinuteRate: number | null;
  resolved: number;
  avgResolutionSec: number | null;
};

export const slaKeys = {
  policies: ['sla', 'policies'] as const,
  calendars: ['sla', 'calendars'] as const,
  peaks: ['sla', 'peaks'] as const,
  holidays: ['sla', 'holidays'] as const,
  notifications: ['sla', 'notifications'] as const,
};

export const usePolicies = () =>
  useQuery({
    queryKey: slaKeys.policies,
    queryFn: async () => (await api<Items<Policy>>('/sla/policies')).items,
  });
export const useCalendars = () =>
  useQuery({
    queryKey: slaKeys.calendars,
    queryFn: async () => (await api<Items<Calendar>>('/sla/calendars')).items,
  });
export const usePeakEvents = () =>
  useQuery({
    queryKey: slaKeys.peaks,
    queryFn: async () => (await api<Items<PeakEvent>>('/sla/peak-events')).items,
  });
export const useHolidays = () =>
  useQuery({
    queryKey: slaKeys.holidays,
    queryFn: () => api<Holidays>('/sla/holidays'),
    staleTime: 3_600_000,
  });
export const useNotifications = () =>
  useQuery({
    queryKey: slaKeys.notifications,
    queryFn: async () =>
      (await api<Items<Notification>>('/sla/notifications', { query: { unread: 'true' }, silent: true }))
        .items,
    refetchInterval: 30_000,
  });
