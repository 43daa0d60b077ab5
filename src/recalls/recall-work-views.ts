import { z } from 'zod';
import { ErrorBody, ErrorResponses } from '../http/schemas.js';
import type { DutyService, reportsOf } from './duty-service.js';
import type { InquiryService } from './inquiry-service.js';
import type { InvestigationService } from './investigation-service.js';
import type { NoticeService } from './notice-service.js';
import type { StatementPhotoService } from './photo-service.js';
import type { ProgressService } from './progress-service.js';
import type { RecallService } from './recall-service.js';
import { REPORT_KEYS } from './regulator-reports.js';
import type { RemedyService } from './remedy-service.js';

/** What the recall work routes share: the error answers, text fields and a sent wave. */
export const Errors = { ...ErrorResponses, 422: ErrorBody };
export const Text = (max: number) => z.string().trim().min(1).max(max);
export const iso = (d: Date | null) => d?.toISOString() ?? null;
export const WaveView = z.object({
  wave: z.string(),
  at: z.string(),
  queued: z.number(),
  unsendable: z.number(),
  /** 'schedule' for a reminder the worker sent on its own; else who sent it. */
  by: z.string().nullable(),
});
export const toWaveView = (w: {
  wave: string;
  at: string;
  queued: number;
  unsendable: number;
  by?: string;
}) => ({
  wave: w.wave,
  at: w.at,
  queued: w.queued,
  unsendable: w.unsendable,
  by: w.by ?? null,
});

/** A report owed to the regulator, its due time and state, and the filing once recorded. */
const Words = z.object({ zh: z.string(), en: z.string() });
export const ReportView = z.object({
  key: z.enum(REPORT_KEYS),
  dueAt: z.string().nullable(),
  projected: z.boolean(),
  state: z.enum(['filed', 'overdue', 'due_soon', 'open', 'waiting']),
  authority: Words,
  basis: Words,
  uncertain: z.boolean(),
  filedAt: z.string().nullable(),
  filedByName: z.string().nullable(),
  filing: z.record(z.string(), z.unknown()).nullable(),
});
export const toReportView = (d: ReturnType<typeof reportsOf>[number]) => ({
  key: d.key,
  dueAt: iso(d.dueAt),
  projected: d.projected,
  state: d.state,
  authority: d.authority,
  basis: d.basis,
  uncertain: d.uncertain,
  filedAt: iso(d.filedAt),
  filedByName: d.filedByName,
  filing: d.filing,
});

export type RecallWorkDeps = {
  recalls: RecallService;
  photos: StatementPhotoService;
  duties: DutyService;
  notices: NoticeService;
  remedies: RemedyService;
  inquiries: InquiryService;
  investigation: InvestigationService;
  progress: ProgressService;
};
