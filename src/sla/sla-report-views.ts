import { z } from 'zod';

/** One day of SLA figures for one shop, channel or agent: the API's answer and the console's type. */
export const DailyRowView = z.object({
  day: z.string(),
  key: z.string().nullable(),
  label: z.string().nullable(),
  tickets: z.number().int(),
  responded: z.number().int(),
  frtP50Sec: z.number().nullable(),
  frtP90Sec: z.number().nullable(),
  /** Share of cases whose first human reply came within the target (open, not yet due: left out). */
  withinTargetShare: z.number().nullable(),
  /** Live chat: share of conversations answered by a person within 3 minutes (platform style). */
  threeMinuteRate: z.number().nullable(),
  liveChats: z.number().int(),
  resolved: z.number().int(),
  avgResolutionSec: z.number().nullable(),
});
export type DailyRow = z.infer<typeof DailyRowView>;

export const DailyReportView = z.object({
  groupBy: z.enum(['shop', 'channel', 'agent']),
  tz: z.string(),
  items: z.array(DailyRowView),
});

export const ReportListView = z.object({
  reports: z.array(
    z.object({ name: z.string(), path: z.string(), csv: z.string(), groupBy: z.array(z.string()) }),
  ),
});
