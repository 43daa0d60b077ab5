export const RECALL_STATUSES = ['draft', 'announced', 'active', 'closing', 'closed', 'cancelled'] as const;
export type RecallStatus = (typeof RECALL_STATUSES)[number];

/** Food recalls have three levels (《食品召回管理办法》); other consumer goods one plan-and-report clock. */
export const HAZARD_LEVELS = ['food_1', 'food_2', 'food_3', 'consumer'] as const;
export type HazardLevel = (typeof HAZARD_LEVELS)[number];

/** Producer: an own-brand product. Seller: carrying out a supplier's or manufacturer's recall. */
export const RECALL_ROLES = ['producer', 'seller'] as const;
export type RecallRole = (typeof RECALL_ROLES)[number];

export const RECALL_SOURCES = [
  'critical_case',
  'safety_spike',
  'supplier_notice',
  'regulator',
  'manual',
] as const;
export type RecallSource = (typeof RECALL_SOURCES)[number];

export const REMEDY_CHOICES = ['refund', 'exchange', 'repair'] as const;
export type RemedyChoice = (typeof REMEDY_CHOICES)[number];

export const RECALL_TASK_KINDS = ['stop_sale', 'platform_notice', 'regulator_report'] as const;
export type RecallTaskKind = (typeof RECALL_TASK_KINDS)[number];

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
