import { z } from 'zod';
import {
  AUTHORISATION_DIRECTIONS,
  BRAND_PLATFORMS,
  COMPLAINT_OUTCOMES,
  COMPLAINT_STATUSES,
  COMPLAINT_TYPES,
  LISTING_STATUSES,
  PATENT_TYPES,
  RIGHT_KINDS,
  SIMILARITIES,
} from '../db/schema/brand.js';
import type { Assessed } from './assess.js';
import type { AccountRow, ComplaintRow } from './complaint-repo.js';
import type { AuthorisationRow, PriceFloorRow, RightRow } from './rights-repo.js';
import type { Validity } from './validity.js';

const ValidityView = z.object({
  state: z.enum(['valid', 'expiring', 'expired', 'not_yet_valid', 'revoked']),
  daysLeft: z.number().int().nullable(),
});

export const RightView = z.object({
  id: z.uuid(),
  kind: z.enum(RIGHT_KINDS),
  name: z.string(),
  registrationNo: z.string(),
  owner: z.string(),
  jurisdiction: z.string(),
  classes: z.array(z.number().int()),
  goods: z.array(z.string()),
  patentType: z.enum(PATENT_TYPES).nullable(),
  workType: z.string().nullable(),
  validFrom: z.date().nullable(),
  validUntil: z.date().nullable(),
  notes: z.string(),
  validity: ValidityView,
  documents: z.number().int(),
  createdAt: z.date(),
});

export const toRightView = (
  r: RightRow,
  validity: { state: Validity; daysLeft: number | null },
  documents: number,
): z.infer<typeof RightView> => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  registrationNo: r.registrationNo,
  owner: r.owner,
  jurisdiction: r.jurisdiction,
  classes: r.classes,
  goods: r.goods,
  patentType: r.patentType,
  workType: r.workType,
  validFrom: r.validFrom,
  validUntil: r.validUntil,
  notes: r.notes,
  validity,
  documents,
  createdAt: r.createdAt,
});

export const AuthorisationView = z.object({
  id: z.uuid(),
  direction: z.enum(AUTHORISATION_DIRECTIONS),
  partyName: z.string(),
  platform: z.enum(BRAND_PLATFORMS).nullable(),
  sellerId: z.string().nullable(),
  sellerName: z.string().nullable(),
  rightId: z.uuid().nullable(),
  scope: z.string(),
  validFrom: z.date().nullable(),
  validUntil: z.date().nullable(),
  revokedAt: z.date().nullable(),
  validity: ValidityView,
  documents: z.number().int(),
});

export const toAuthorisationView = (
  a: AuthorisationRow,
  validity: { state: Validity; daysLeft: number | null },
  documents: number,
): z.infer<typeof AuthorisationView> => ({
  id: a.id,
  direction: a.direction,
  partyName: a.partyName,
  platform: a.platform,
  sellerId: a.sellerId,
  sellerName: a.sellerName,
  rightId: a.rightId,
  scope: a.scope,
  validFrom: a.validFrom,
  validUntil: a.validUntil,
  revokedAt: a.revokedAt,
  validity,
  documents,
});

export const FloorView = z.object({
  id: z.uuid(),
  sku: z.string(),
  productName: z.string(),
  authorisationId: z.uuid().nullable(),
  minPriceFen: z.number().int(),
  currency: z.string(),
  updatedAt: z.date(),
});
export const toFloorView = (f: PriceFloorRow): z.infer<typeof FloorView> => ({
  id: f.id,
  sku: f.sku,
  productName: f.productName,
  authorisationId: f.authorisationId,
  minPriceFen: f.minPriceFen,
  currency: f.currency,
  updatedAt: f.updatedAt,
});

const CheckView = z.object({
  code: z.string(),
  state: z.enum(['pass', 'warn', 'fail', 'skip']),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const PrecheckView = z.object({
  score: z.number().int(),
  estimate: z.number(),
  verdict: z.enum(['strong', 'fair', 'weak']),
  reasons: z.array(CheckView),
  checks: z.array(CheckView),
});

export const ListingView = z.object({
  id: z.uuid(),
  platform: z.enum(BRAND_PLATFORMS),
  url: z.string(),
  itemId: z.string().nullable(),
  sellerName: z.string(),
  sellerId: z.string().nullable(),
  sellerKey: z.string(),
  title: z.string(),
  priceFen: z.number().int().nullable(),
  referencePriceFen: z.number().int().nullable(),
  sku: z.string().nullable(),
  infringement: z.enum(COMPLAINT_TYPES).nullable(),
  rightId: z.uuid().nullable(),
  rightName: z.string().nullable(),
  goodsClass: z.number().int().nullable(),
  similarity: z.enum(SIMILARITIES).nullable(),
  fromRightsHolder: z.boolean(),
  testPurchaseRef: z.string().nullable(),
  status: z.enum(LISTING_STATUSES),
  source: z.enum(['manual', 'import']),
  notes: z.string(),
  lastSeenAt: z.date(),
  createdAt: z.date(),
  standing: z.enum(['authorised', 'own_shop', 'unauthorised']),
  authorisationId: z.uuid().nullable(),
  evidenceCount: z.number().int(),
  precheck: PrecheckView,
  price: z.object({
    state: z.enum(['ok', 'below_floor', 'no_floor', 'no_price']),
    floorFen: z.number().int().nullable(),
    gapFen: z.number().int(),
    action: z.enum(['warn_reseller', 'complain']).nullable(),
  }),
});

export const toListingView = (a: Assessed): z.infer<typeof ListingView> => {
  const l = a.listing;
  return {
    id: l.id,
    platform: l.platform,
    url: l.url,
    itemId: l.itemId,
    sellerName: l.sellerName,
    sellerId: l.sellerId,
    sellerKey: l.sellerKey,
    title: l.title,
    priceFen: l.priceFen,
    referencePriceFen: l.referencePriceFen,
    sku: l.sku,
    infringement: l.infringement,
    rightId: l.rightId,
    rightName: a.right?.name ?? null,
    goodsClass: l.goodsClass,
    similarity: l.similarity,
    fromRightsHolder: l.fromRightsHolder,
    testPurchaseRef: l.testPurchaseRef,
    status: l.status,
    source: l.source,
    notes: l.notes,
    lastSeenAt: l.lastSeenAt,
    createdAt: l.createdAt,
    standing: a.standing,
    authorisationId: a.authorisationId,
    evidenceCount: a.evidence.length,
    precheck: {
      score: a.precheck.score,
      estimate: a.precheck.estimate,
      verdict: a.precheck.verdict,
      reasons: a.precheck.reasons,
      checks: a.precheck.checks,
    },
    price: a.price,
  };
};

export const AccountView = z.object({
  id: z.uuid(),
  platform: z.enum(BRAND_PLATFORMS),
  name: z.string(),
});
export const toAccountView = (a: AccountRow) => ({ id: a.id, platform: a.platform, name: a.name });

export const RateView = z.object({
  key: z.string(),
  filed: z.number().int(),
  decided: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  pending: z.number().int(),
  successRate: z.number().nullable(),
});

export const ComplaintView = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  listingId: z.uuid(),
  rightId: z.uuid(),
  platform: z.enum(BRAND_PLATFORMS),
  type: z.enum(COMPLAINT_TYPES),
  status: z.enum(COMPLAINT_STATUSES),
  outcome: z.enum(COMPLAINT_OUTCOMES).nullable(),
  precheckScore: z.number().int(),
  precheckEstimate: z.number(),
  statement: z.string(),
  externalRef: z.string().nullable(),
  submittedAt: z.date().nullable(),
  supplementDueAt: z.date().nullable(),
  counterNoticeDueAt: z.date().nullable(),
  decisionExpectedBy: z.date().nullable(),
  nextDueAt: z.date().nullable(),
  decidedAt: z.date().nullable(),
  createdByName: z.string(),
  createdAt: z.date(),
});

export const toComplaintView = (c: ComplaintRow): z.infer<typeof ComplaintView> => ({
  id: c.id,
  accountId: c.accountId,
  listingId: c.listingId,
  rightId: c.rightId,
  platform: c.platform,
  type: c.type,
  status: c.status,
  outcome: c.outcome,
  precheckScore: c.precheckScore,
  precheckEstimate: c.precheckEstimate,
  statement: c.statement,
  externalRef: c.externalRef,
  submittedAt: c.submittedAt,
  supplementDueAt: c.supplementDueAt,
  counterNoticeDueAt: c.counterNoticeDueAt,
  decisionExpectedBy: c.decisionExpectedBy,
  nextDueAt: c.nextDueAt,
  decidedAt: c.decidedAt,
  createdByName: c.createdByName,
  createdAt: c.createdAt,
});
