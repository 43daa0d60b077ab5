// The case taxonomy is defined once, in tickets/ticket-types.ts; triage names it its own way.

export type { ComplaintCategory as Category, Severity as TriageSeverity } from '../tickets/ticket-types.js';
export {
  COMPLAINT_CATEGORIES as CATEGORIES,
  maxSeverity,
  SEVERITIES as TRIAGE_SEVERITIES,
  SEVERITY_RANK,
} from '../tickets/ticket-types.js';

export const LANGUAGES = ['zh', 'en', 'mixed', 'unknown'] as const;
export type Language = (typeof LANGUAGES)[number];
export type Sentiment = 'negative' | 'neutral' | 'positive';
