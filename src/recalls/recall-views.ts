import { z } from 'zod';
import type { RecallRow } from './recall-repo.js';
import {
  HAZARD_LEVELS,
  RECALL_ROLES,
  RECALL_SOURCES,
  RECALL_STATUSES,
  REMEDY_CHOICES,
} from './recall-types.js';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const ScopeView = z.object({
  skuIds: z.array(z.uuid()).optional(),
  batches: z.array(z.string()).optional(),
  suppliers: z.array(z.string()).optional(),
  shopIds: z.array(z.uuid()).optional(),
  platforms: z.array(z.string()).optional(),
  soldFrom: z.string().optional(),
  soldTo: z.string().optional(),
  deliveredFrom: z.string().optional(),
  deliveredTo: z.string().optional(),
});

export const RecallView = z.object({
  id: z.uuid(),
  publicId: z.string(),
  title: z.string(),
  hazard: z.string(),
  productName: z.string().nullable(),
  hazardLevel: z.enum(HAZARD_LEVELS),
  role: z.enum(RECALL_ROLES),
  source: z.enum(RECALL_SOURCES),
  sourceTicketId: z.uuid().nullable(),
  learnedAt: z.string(),
  status: z.enum(RECALL_STATUSES),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  team: z.array(z.string()),
  scope: ScopeView,
  remedies: z.array(z.enum(REMEDY_CHOICES)),
  claimDeadline: z.string().nullable(),
  contact: z.string().nullable(),
  budgetFen: z.number().nullable(),
  answerZh: z.string().nullable(),
  answerEn: z.string().nullable(),
  autoReply: z.boolean(),
  seriousHarm: z.boolean(),
  /** Identification photos on the public page (shareable copies: no location data). */
  statementPhotos: z.array(
    z.object({ evidenceId: z.uuid(), mediaType: z.string(), captionZh: z.string(), captionEn: z.string() }),
  ),
  clockOverride: z
    .object({ startHours: z.number().optional(), completeWorkingDays: z.number().optional() })
    .nullable(),
  rootCause: z.string().nullable(),
  faultSupplier: z.string().nullable(),
  faultBatch: z.string().nullable(),
  findingsZh: z.string().nullable(),
  findingsEn: z.string().nullable(),
  findingsPublishedAt: z.string().nullable(),
  review: z.array(z.object({ key: z.string(), done: z.boolean(), note: z.string() })),
  frozenAt: z.string().nullable(),
  announcedAt: z.string().nullable(),
  activatedAt: z.string().nullable(),
  closingAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  completionPermille: z.number().nullable(),
  /** Reminder waves in days after the first notice; the worker sends the next at nextReminderAt. */
  reminderDays: z.array(z.number()),
  nextReminderAt: z.string().nullable(),
  createdAt: z.string(),
});
export type RecallView = z.infer<typeof RecallView>;

export const toRecallView = (r: RecallRow): RecallView => ({
  id: r.id,
  publicId: r.publicId,
  title: r.title,
  hazard: r.hazard,
  productName: r.productName,
  hazardLevel: r.hazardLevel,
  role: r.role,
  source: r.source,
  sourceTicketId: r.sourceTicketId,
  learnedAt: r.learnedAt.toISOString(),
  status: r.status,
  ownerId: r.ownerId,
  ownerName: r.ownerName,
  team: r.team,
  scope: r.scope,
  remedies: r.remedies,
  claimDeadline: iso(r.claimDeadline),
  contact: r.contact,
  budgetFen: r.budgetFen,
  answerZh: r.answerZh,
  answerEn: r.answerEn,
  autoReply: r.autoReply,
  seriousHarm: r.seriousHarm,
  statementPhotos: r.statementPhotos.map((p) => ({
    evidenceId: p.evidenceId,
    mediaType: p.mediaType,
    captionZh: p.captionZh,
    captionEn: p.captionEn,
  })),
  clockOverride: r.clockOverride ?? null,
  rootCause: r.rootCause,
  faultSupplier: r.faultSupplier,
  faultBatch: r.faultBatch,
  findingsZh: r.findingsZh,
  findingsEn: r.findingsEn,
  findingsPublishedAt: iso(r.findingsPublishedAt),
  review: r.review,
  frozenAt: iso(r.frozenAt),
  announcedAt: iso(r.announcedAt),
  activatedAt: iso(r.activatedAt),
  closingAt: iso(r.closingAt),
  closedAt: iso(r.closedAt),
  cancelledAt: iso(r.cancelledAt),
  completionPermille: r.completionRate,
  reminderDays: r.reminderDays,
  nextReminderAt: iso(r.nextReminderAt),
  createdAt: r.createdAt.toISOString(),
});

export const Totals = z.object({
  orders: z.number(),
  units: z.number(),
  customers: z.number(),
  paidFen: z.number(),
});
export const ClockView = z.object({
  startBy: z.string().nullable(),
  completeBy: z.string().nullable(),
  startMet: z.boolean().nullable(),
  uncertain: z.boolean(),
  basis: z.object({ zh: z.string(), en: z.string() }),
});
export const toClockView = (c: {
  startBy: Date | null;
  completeBy: Date | null;
  startMet: boolean | null;
  uncertain: boolean;
  basis: { zh: string; en: string };
}) => ({ ...c, startBy: iso(c.startBy), completeBy: iso(c.completeBy) });

export const AffectedItem = z.object({
  orderId: z.uuid(),
  externalId: z.string(),
  shopId: z.uuid(),
  shopName: z.string(),
  platform: z.string(),
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  units: z.number(),
  paidFen: z.number(),
  batches: z.array(z.string()),
  items: z.array(z.string()),
  paidAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
