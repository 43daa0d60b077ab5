import { z } from 'zod';
import { QUALITY_TASK_KINDS, QUALITY_TASK_STATUSES } from '../db/schema/quality.js';
import { CITATIONS } from './citations.js';
import { DOCUMENT_KINDS, SEVERITIES } from './listing-check.js';
import type { DocumentRow, FlagRow, ListingRow, ListingVersionRow } from './listing-repo.js';
import type { QualityTaskRow } from './task-repo.js';

export const FindingView = z.object({
  rule: z.enum(Object.keys(CITATIONS) as [keyof typeof CITATIONS]),
  severity: z.enum(SEVERITIES),
  field: z.string(),
  start: z
    .number()
    .int()
    .nullable()
    .describe('UTF-16 offset into the field; null for findings about no text'),
  end: z.number().int().nullable().describe('end, exclusive: field.slice(start, end) === text'),
  text: z.string(),
  citation: z.string(),
  citationEn: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});

const Image = z.object({
  url: z.string().nullable().optional(),
  width: z.number().int().nullable().optional(),
  height: z.number().int().nullable().optional(),
});

export const ContentView = z.object({
  title: z.string(),
  description: z.string().nullable(),
  category: z.string().nullable(),
  brand: z.string().nullable(),
  material: z.string().nullable(),
  style: z.string().nullable(),
  priceFen: z.number().int().nullable(),
  referencePriceFen: z.number().int().nullable(),
  images: z.array(Image),
  skuCodes: z.array(z.string()),
});

export const ListingView = z.object({
  id: z.uuid(),
  shopId: z.uuid(),
  platform: z.string(),
  externalId: z.string(),
  content: ContentView,
  version: z.number().int(),
  findings: z.array(FindingView),
  worstSeverity: z.enum(SEVERITIES).nullable(),
  checkedAt: z.date(),
  updatedAt: z.date(),
});

export const toListingView = (l: ListingRow): z.infer<typeof ListingView> => ({
  id: l.id,
  shopId: l.shopId,
  platform: l.platform,
  externalId: l.externalId,
  content: l.content,
  version: l.version,
  findings: l.findings,
  worstSeverity: l.worstSeverity as z.infer<typeof ListingView>['worstSeverity'],
  checkedAt: l.checkedAt,
  updatedAt: l.updatedAt,
});

export const VersionView = z.object({
  version: z.number().int(),
  content: ContentView,
  validFrom: z.date(),
  source: z.enum(['import', 'api']),
});
export const toVersionView = (v: ListingVersionRow) => ({
  version: v.version,
  content: v.content,
  validFrom: v.validFrom,
  source: v.source,
});

export const TaskView = z.object({
  id: z.uuid(),
  shopId: z.uuid().nullable(),
  kind: z.enum(QUALITY_TASK_KINDS),
  status: z.enum(QUALITY_TASK_STATUSES),
  listingId: z.uuid().nullable(),
  listingVersion: z.number().int().nullable(),
  ticketId: z.uuid().nullable(),
  skuCode: z.string().nullable(),
  claim: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  closedAt: z.date().nullable(),
  closedByName: z.string().nullable(),
  closeNote: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const toTaskView = (t: QualityTaskRow): z.infer<typeof TaskView> => ({
  id: t.id,
  shopId: t.shopId,
  kind: t.kind,
  status: t.status,
  listingId: t.listingId,
  listingVersion: t.listingVersion,
  ticketId: t.ticketId,
  skuCode: t.skuCode,
  claim: t.claim,
  data: t.data,
  closedAt: t.closedAt,
  closedByName: t.closedByName,
  closeNote: t.closeNote,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
});

export const FlagView = z.object({
  id: z.uuid(),
  shopId: z.uuid(),
  skuCode: z.string(),
  reason: z.string(),
  flaggedOn: z.date().nullable(),
  createdByName: z.string(),
  createdAt: z.date(),
});
export const toFlagView = (f: FlagRow) => ({
  id: f.id,
  shopId: f.shopId,
  skuCode: f.skuCode,
  reason: f.reason,
  flaggedOn: f.flaggedOn,
  createdByName: f.createdByName,
  createdAt: f.createdAt,
});

/** A calendar day as YYYY-MM-DD, kept as UTC midnight. */
export const Day = z.iso.date().transform((d) => new Date(`${d}T00:00:00Z`));

/** What a qualification document says, whoever holds it. */
export const DocumentFields = {
  kind: z.enum(DOCUMENT_KINDS),
  number: z.string().trim().max(100).optional(),
  issuer: z.string().trim().max(200).optional(),
  issuedOn: Day.optional(),
  expiresOn: Day.optional(),
  note: z.string().trim().max(1000).optional(),
};

export const DocumentView = z.object({
  id: z.uuid(),
  holderType: z.enum(['shop', 'listing', 'supplier']),
  holderId: z.uuid(),
  kind: z.enum(DOCUMENT_KINDS),
  number: z.string().nullable(),
  issuer: z.string().nullable(),
  issuedOn: z.date().nullable(),
  expiresOn: z.date().nullable(),
  note: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.date(),
});
export const toDocumentView = (d: DocumentRow): z.infer<typeof DocumentView> => ({
  id: d.id,
  holderType: d.holderType,
  holderId: d.holderId,
  kind: d.kind as z.infer<typeof DocumentView>['kind'],
  number: d.number,
  issuer: d.issuer,
  issuedOn: d.issuedOn,
  expiresOn: d.expiresOn,
  note: d.note,
  createdByName: d.createdByName,
  createdAt: d.createdAt,
});

export const ComplaintLinkView = z.object({
  ticketId: z.uuid(),
  listingId: z.uuid(),
  listingExternalId: z.string(),
  orderId: z.uuid(),
  skuCode: z.string().nullable(),
  supplierId: z.uuid().nullable(),
  claim: z.string().nullable(),
  claimStart: z.number().int().nullable(),
  claimEnd: z.number().int().nullable(),
  snapshot: VersionView,
  seenAfter: z
    .boolean()
    .describe('the listing was first seen after the order was paid: this is the earliest version on record'),
  linkedAt: z.date(),
});
