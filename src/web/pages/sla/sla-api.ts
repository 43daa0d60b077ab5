// Types and queries of /api/v1/sla for the console pages.
import { useQuery } from '@tanstack/react-query';
import type { Json } from '../../../http/json-dates.js';
import type { SlaTargetName } from '../../../sla/clock.js';
import type {
  AtRiskView,
  CalendarView,
  HolidaysView,
  NotificationView,
  PeakEventView,
  PolicyView,
  TargetsView,
  TargetView,
} from '../../../sla/sla-views.js';
import { api } from '../../app/api.js';
import type { Items } from '../../app/types.js';

// The answers' types follow from the server's response schemas (src/sla/sla-views.ts): `Json<View>`
// is the JSON the console receives, so a field the server adds or renames shows up here at compile time.
export type Target = Json<typeof TargetView>;
export type TargetName = SlaTargetName;
export type Targets = Json<typeof TargetsView>;
export const TARGET_NAMES: TargetName[] = ['firstResponse', 'nextResponse', 'resolution'];

export type Policy = Json<typeof PolicyView>;
export type Calendar = Json<typeof CalendarView>;
export type PeakEvent = Json<typeof PeakEventView>;
export type Notification = Json<typeof NotificationView>;
export type AtRiskRow = Json<typeof AtRiskView>;
export type Holidays = Json<typeof HolidaysView>;

export type { DailyRow } from '../../../sla/sla-report-views.js';

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
