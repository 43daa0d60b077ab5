import { z } from 'zod';
import { ErrorBody, ErrorResponses } from '../http/schemas.js';
import type { InquiryService } from './inquiry-service.js';
import type { InvestigationService } from './investigation-service.js';
import type { NoticeService } from './notice-service.js';
import type { ProgressService } from './progress-service.js';
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

export type RecallWorkDeps = {
  notices: NoticeService;
  remedies: RemedyService;
  inquiries: InquiryService;
  investigation: InvestigationService;
  progress: ProgressService;
};
