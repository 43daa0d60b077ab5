// Disputes' vocabulary: pure, no I/O, imported by the schema, the rules and the console.

export const DISPUTE_TYPES = [
  'quality',
  'not_received',
  'not_as_described',
  'counterfeit',
  'refund',
  'regulator_12315',
  'chargeback',
  'other',
] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];
/** Where the dispute is decided: a platform, a regulator (12315, consumer association) or a card network. */
export const DISPUTE_FORUMS = [
  'pinduoduo',
  'douyin',
  'tiktok',
  'taobao',
  'regulator_12315',
  'consumer_association',
  'card_network',
  'other',
] as const;
export type DisputeForum = (typeof DISPUTE_FORUMS)[number];
export const DISPUTE_OUTCOMES = ['won', 'lost', 'partial', 'withdrawn'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];
export const DISPUTE_STATUSES = ['open', 'submitted', 'closed'] as const;
export const APPEAL_OUTCOMES = ['overturned', 'reduced', 'upheld'] as const;
export const PENALTY_KINDS = [
  'points',
  'deposit_deducted',
  'product_banned',
  'product_delisted',
  'business_restricted',
  'shop_closed',
  'other',
] as const;
export const PENALTY_STATUSES = ['open', 'appealed', 'decided', 'accepted'] as const;
export const HEALTH_METRICS = [
  'douyin_quality',
  'douyin_experience',
  'pdd_rating',
  'tiktok_performance',
  'taobao_dsr',
] as const;
export type HealthMetric = (typeof HEALTH_METRICS)[number];

/** The deadlines a reminder can be about (a dispute's four, a penalty's appeal and expected decision). */
export const REMINDER_DEADLINES = [
  'evidence_due',
  'response_due',
  'acceptance_due',
  'mediation_ends',
  'appeal_due',
  'decision_expected',
] as const;
export type ReminderDeadline = (typeof REMINDER_DEADLINES)[number];
/** When a reminder is raised: three days ahead, one day ahead, and once after the deadline passed. */
export const REMINDER_STAGES = ['ahead_3d', 'ahead_1d', 'overdue'] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];
/** open: raised and nobody has said they saw it; acknowledged: an agent has; resolved: the deadline no longer applies. */
export const REMINDER_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];
