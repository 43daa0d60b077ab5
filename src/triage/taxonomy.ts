export const CATEGORIES = [
  'quality_defect',
  'damaged_in_transit',
  'not_as_described',
  'wrong_or_missing_item',
  'logistics_delay',
  'service_attitude',
  'slow_response',
  'refund_dispute',
  'counterfeit_suspected',
  'safety_hazard',
  'price_dispute',
  'privacy_concern',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const TRIAGE_SEVERITIES = ['low', 'normal', 'high', 'critical'] as const;
export type TriageSeverity = (typeof TRIAGE_SEVERITIES)[number];
export const SEVERITY_RANK: Record<TriageSeverity, number> = { low: 0, normal: 1, high: 2, critical: 3 };
export const maxSeverity = (a: TriageSeverity, b: TriageSeverity): TriageSeverity =>
  SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;

export const LANGUAGES = ['zh', 'en', 'mixed', 'unknown'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Sentiment = 'negative' | 'neutral' | 'positive';
