import { maskPii } from '../triage/pii.js';

/**
 * Case subjects have been stored masked since issue 10 (finding 5); these rules bring older rows
 * into line. Pure: the backfill job (subject-masking-job.ts) reads, decides here and writes.
 */

/** The subject as it is stored today, or null when it already is. */
export function maskedSubject(subject: string): string | null {
  const masked = maskPii(subject);
  return masked === subject ? null : masked;
}

/**
 * An audit entry's before/after with its `subject` masked, or null when nothing changes. Only the
 * subject: other fields are ids, states and classifications, and order numbers must stay exact.
 */
export function maskedAuditValue(value: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!value || typeof value.subject !== 'string') return null;
  const subject = maskedSubject(value.subject);
  return subject === null ? null : { ...value, subject };
}
