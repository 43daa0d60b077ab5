import { z } from 'zod';
import {
  AUTHORISATION_DIRECTIONS,
  BRAND_PLATFORMS,
  COMPLAINT_TYPES,
  DEFENCE_STATUSES,
  WARNING_CHANNELS,
  WARNING_OUTCOMES,
} from '../db/schema/brand.js';
import type { BatchRow, DefenceRow } from './defence-repo.js';
import type { WarningRow } from './listing-repo.js';
import type { SourcingService } from './sourcing-service.js';

export const DueView = z.object({
  state: z.enum(['done', 'overdue', 'due_soon', 'pending']),
  hoursLeft: z.number().int(),
});

export const DefenceView = z.object({
  id: z.uuid(),
  platform: z.enum(BRAND_PLATFORMS),
  shopId: z.uuid().nullable(),
  ticketId: z.uuid().nullable(),
  externalRef: z.string().nullable(),
  listingTitle: z.string(),
  listingUrl: z.string().nullable(),
  sku: z.string().nullable(),
  complainant: z.string(),
  type: z.enum(COMPLAINT_TYPES),
  rightNo: z.string().nullable(),
  claim: z.string(),
  response: z.string(),
  source: z.enum(['manual', 'platform_notice']),
  status: z.enum(DEFENCE_STATUSES),
  receivedAt: z.date(),
  responseDueAt: z.date(),
  respondedAt: z.date().nullable(),
  decidedAt: z.date().nullable(),
  outcomeNote: z.string(),
  createdAt: z.date(),
});

export const toDefenceView = (d: DefenceRow): z.infer<typeof DefenceView> => ({
  id: d.id,
  platform: d.platform,
  shopId: d.shopId,
  ticketId: d.ticketId,
  externalRef: d.externalRef,
  listingTitle: d.listingTitle,
  listingUrl: d.listingUrl,
  sku: d.sku,
  complainant: d.complainant,
  type: d.type,
  rightNo: d.rightNo,
  claim: d.claim,
  response: d.response,
  source: d.source,
  status: d.status,
  receivedAt: d.receivedAt,
  responseDueAt: d.responseDueAt,
  respondedAt: d.respondedAt,
  decidedAt: d.decidedAt,
  outcomeNote: d.outcomeNote,
  createdAt: d.createdAt,
});

export const BatchView = z.object({
  id: z.uuid(),
  batchNo: z.string(),
  supplierName: z.string(),
  quantity: z.number().int().nullable(),
  receivedAt: z.date(),
  invoiceNo: z.string().nullable(),
  inspectionReportNo: z.string().nullable(),
  notes: z.string(),
});

export const toBatchView = (b: BatchRow): z.infer<typeof BatchView> => ({
  id: b.id,
  batchNo: b.batchNo,
  supplierName: b.supplierName,
  quantity: b.quantity,
  receivedAt: b.receivedAt,
  invoiceNo: b.invoiceNo,
  inspectionReportNo: b.inspectionReportNo,
  notes: b.notes,
});

export const SOURCING_GAPS = [
  'no_authorisation',
  'authorisation_expired',
  'no_invoice',
  'no_inspection_report',
  'sampling_overdue',
] as const;

export const SourcingView = z.object({
  id: z.uuid(),
  sku: z.string(),
  productName: z.string(),
  supplierName: z.string(),
  supplierId: z.uuid().nullable(),
  samplingIntervalDays: z.number().int(),
  lastSampledAt: z.date().nullable(),
  notes: z.string(),
  chain: z.array(
    z.object({
      id: z.uuid(),
      direction: z.enum(AUTHORISATION_DIRECTIONS),
      partyName: z.string(),
      validUntil: z.date().nullable(),
      state: z.string(),
      inForce: z.boolean(),
      documents: z.number().int(),
    }),
  ),
  batches: z.array(BatchView),
  files: z.number().int(),
  gaps: z.array(z.enum(SOURCING_GAPS)),
});

type Assessed = NonNullable<Awaited<ReturnType<SourcingService['forSku']>>>;

export const toSourcingView = (s: Assessed): z.infer<typeof SourcingView> => ({
  id: s.record.id,
  sku: s.record.sku,
  productName: s.record.productName,
  supplierName: s.record.supplierName,
  supplierId: s.record.supplierId,
  samplingIntervalDays: s.record.samplingIntervalDays,
  lastSampledAt: s.lastSampledAt,
  notes: s.record.notes,
  chain: s.chain.map((c) => ({
    id: c.authorisation.id,
    direction: c.authorisation.direction,
    partyName: c.authorisation.partyName,
    validUntil: c.authorisation.validUntil,
    state: c.validity.state,
    inForce: c.inForce,
    documents: c.documents,
  })),
  batches: s.batches.map(toBatchView),
  files: s.files,
  gaps: s.gaps,
});

export const WarningView = z.object({
  id: z.uuid(),
  listingId: z.uuid(),
  authorisationId: z.uuid(),
  priceFen: z.number().int(),
  floorFen: z.number().int(),
  message: z.string(),
  channel: z.enum(WARNING_CHANNELS),
  followUpDueAt: z.date().nullable(),
  outcome: z.enum(WARNING_OUTCOMES).nullable(),
  outcomeNote: z.string(),
  resolvedAt: z.date().nullable(),
  resolvedByName: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.date(),
});

export const toWarningView = (w: WarningRow): z.infer<typeof WarningView> => ({
  id: w.id,
  listingId: w.listingId,
  authorisationId: w.authorisationId,
  priceFen: w.priceFen,
  floorFen: w.floorFen,
  message: w.message,
  channel: w.channel,
  followUpDueAt: w.followUpDueAt,
  outcome: w.outcome,
  outcomeNote: w.outcomeNote,
  resolvedAt: w.resolvedAt,
  resolvedByName: w.resolvedByName,
  createdByName: w.createdByName,
  createdAt: w.createdAt,
});
