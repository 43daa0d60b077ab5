import type { PlaybookStep } from '../db/schema/playbooks.js';

/**
 * The suggested next step: the first step not yet done that fits the case's status; when none
 * fits, the first step not yet done; nothing once the case is closed or every step is done.
 */
export function suggestNextStep(
  steps: readonly PlaybookStep[],
  done: ReadonlySet<string>,
  status: string,
): PlaybookStep | null {
  if (status === 'closed') return null;
  const open = steps.filter((s) => !done.has(s.key));
  return open.find((s) => !s.statuses?.length || s.statuses.includes(status)) ?? open[0] ?? null;
}

/** The playbook of a case: its first category that has one. */
export function pickCategory(categories: readonly string[], available: ReadonlySet<string>): string | null {
  return categories.find((c) => available.has(c)) ?? (available.has('other') ? 'other' : null);
}
