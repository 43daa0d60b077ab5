// The brand-protection vocabulary: pure, no I/O, imported by the schema, the rules and the console.

/** business_name: a factory or company name and address (厂名厂址), proven by the business licence. */
export const RIGHT_KINDS = ['trademark', 'copyright', 'patent', 'business_name'] as const;
export type RightKind = (typeof RIGHT_KINDS)[number];
export const PATENT_TYPES = ['invention', 'utility_model', 'design'] as const;
export type PatentType = (typeof PATENT_TYPES)[number];
export const BRAND_PLATFORMS = ['pinduoduo', 'douyin', 'tiktok', 'taobao', 'other'] as const;
export type BrandPlatform = (typeof BRAND_PLATFORMS)[number];

/** The complaint types of the platforms' IP-protection portals (Pinduoduo's list; see complaint-types.ts). */
export const COMPLAINT_TYPES = [
  'trademark_counterfeit',
  'trademark_shop_name',
  'trademark_listing_misuse',
  'copyright_image',
  'copyright_pirated',
  'copyright_artwork',
  'patent_invention',
  'patent_utility_model',
  'patent_design',
  'factory_name_address',
  'counterfeit_goods',
  'other',
] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];

export const COMPLAINT_STATUSES = [
  'draft',
  'submitted',
  'supplement_requested',
  'accepted',
  'rejected',
  'counter_noticed',
  'taken_down',
  'reinstated',
  'withdrawn',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const COMPLAINT_OUTCOMES = ['succeeded', 'failed'] as const;

export const LISTING_STATUSES = ['watching', 'complained', 'taken_down', 'cleared', 'ignored'] as const;
export const SIMILARITIES = ['identical', 'similar'] as const;

/**
 * submitted → accepted / rejected / supplement_requested; accepted → taken_down; a taken-down
 * seller may counter-notice, after which the listing is taken down for good or reinstated.
 * Drafts and submitted complaints can be withdrawn.
 */
export const COMPLAINT_MOVES: Record<ComplaintStatus, ComplaintStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: ['supplement_requested', 'accepted', 'rejected', 'taken_down', 'withdrawn'],
  supplement_requested: ['submitted', 'rejected', 'withdrawn'],
  accepted: ['taken_down', 'counter_noticed'],
  taken_down: ['counter_noticed'],
  counter_noticed: ['taken_down', 'reinstated'],
  rejected: [],
  reinstated: [],
  withdrawn: [],
};
