import type { BrandPlatform, ComplaintType, PatentType, RightKind } from '../db/schema/brand.js';
import type { EvidenceKind } from '../db/schema/evidence.js';

/**
 * What each complaint type of the IP-protection portals needs. From Pinduoduo's rules
 * (../shared/platforms.md): trademark (counterfeit mark, shop-name infringement), copyright (pirated
 * books/software/AV, misuse of images/text/artwork; image theft 盗图 has its own flow of 7–10
 * working days), patent (design, utility model, invention), factory name and address, counterfeit
 * goods; not accepted where the goods came from the rights holder or its agent.
 * UNCERTAIN: the exact documents each portal asks for per type (Douyin, Taobao and TikTok Shop run
 * portals of their own); the lists below are the common denominator and can be extended per tenant.
 */
export type ComplaintTypeSpec = {
  right: RightKind;
  /** Patent complaints name the patent type they rest on. */
  patentType?: PatentType;
  /** Evidence kinds the filing package must hold (listing_snapshot is always required). */
  evidence: EvidenceKind[];
  /** A counterfeit claim stands on a test purchase: the goods were bought and found fake. */
  needsTestPurchase: boolean;
  /** Trademark complaints: the goods must fall in a registered class. */
  checksClass: boolean;
  /** Working days the platform usually takes to decide (UNCERTAIN beyond the 盗图 flow). */
  decisionWorkingDays: number;
};

export const COMPLAINT_TYPE_SPECS: Record<ComplaintType, ComplaintTypeSpec> = {
  trademark_counterfeit: {
    right: 'trademark',
    evidence: ['certificate', 'listing_snapshot', 'order_record', 'inspection_report'],
    needsTestPurchase: true,
    checksClass: true,
    decisionWorkingDays: 5,
  },
  trademark_shop_name: {
    right: 'trademark',
    evidence: ['certificate', 'listing_snapshot'],
    needsTestPurchase: false,
    checksClass: true,
    decisionWorkingDays: 5,
  },
  trademark_listing_misuse: {
    right: 'trademark',
    evidence: ['certificate', 'listing_snapshot'],
    needsTestPurchase: false,
    checksClass: true,
    decisionWorkingDays: 5,
  },
  copyright_image: {
    right: 'copyright',
    evidence: ['certificate', 'listing_snapshot', 'photo'],
    needsTestPurchase: false,
    checksClass: false,
    decisionWorkingDays: 10,
  },
  copyright_pirated: {
    right: 'copyright',
    evidence: ['certificate', 'listing_snapshot', 'order_record'],
    needsTestPurchase: true,
    checksClass: false,
    decisionWorkingDays: 5,
  },
  copyright_artwork: {
    right: 'copyright',
    evidence: ['certificate', 'listing_snapshot'],
    needsTestPurchase: false,
    checksClass: false,
    decisionWorkingDays: 5,
  },
  patent_invention: {
    right: 'patent',
    patentType: 'invention',
    evidence: ['certificate', 'listing_snapshot', 'document'],
    needsTestPurchase: false,
    checksClass: false,
    decisionWorkingDays: 10,
  },
  patent_utility_model: {
    right: 'patent',
    patentType: 'utility_model',
    // A utility-model or design patent is examined on form only: portals ask for the patent
    // evaluation report (专利权评价报告), filed here as a document. UNCERTAIN per platform.
    evidence: ['certificate', 'listing_snapshot', 'document'],
    needsTestPurchase: false,
    checksClass: false,
    decisionWorkingDays: 10,
  },
  patent_design: {
    right: 'patent',
    patentType: 'design',
    evidence: ['certificate', 'listing_snapshot', 'document'],
    needsTestPurchase: false,
    checksClass: false,
    decisionWorkingDays: 10,
  },
  factory_name_address: {
    right: 'business_name',
    evidence: ['certificate', 'listing_snapshot', 'order_record'],
    needsTestPurchase: true,
    checksClass: false,
    decisionWorkingDays: 5,
  },
  counterfeit_goods: {
    right: 'trademark',
    evidence: ['certificate', 'listing_snapshot', 'order_record', 'inspection_report'],
    needsTestPurchase: true,
    checksClass: true,
    decisionWorkingDays: 5,
  },
  other: {
    right: 'trademark',
    evidence: ['certificate', 'listing_snapshot'],
    needsTestPurchase: false,
    checksClass: false,
    decisionWorkingDays: 5,
  },
};

/** The portal a complaint goes to (UNCERTAIN outside Pinduoduo: shown for orientation only). */
export const IP_PORTALS: Record<BrandPlatform, string> = {
  pinduoduo: '拼多多知识产权保护平台',
  douyin: '抖音电商知识产权保护平台',
  taobao: '阿里巴巴知识产权保护平台',
  tiktok: 'TikTok Shop IP Protection Center',
  other: '',
};

/** The evidence checklist of a complaint of this type, given the kinds already filed. */
export function complaintChecklist(type: ComplaintType, have: EvidenceKind[]) {
  const spec = COMPLAINT_TYPE_SPECS[type];
  const items = spec.evidence.map((kind) => ({
    kind,
    have: have.filter((k) => k === kind).length,
  }));
  const missing = items.filter((i) => i.have === 0).map((i) => i.kind);
  return { items, missing, complete: missing.length === 0 };
}
