import { systemActor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { maskPii } from '../triage/pii.js';
import { maskedAuditValue, maskedSubject } from './subject-masking.js';
import {
  markBackfilled,
  rewriteAudit,
  subjectAuditAfter,
  subjectsAfter,
  tenantsToBackfill,
} from './subject-masking-repo.js';

/** Raise it when the masking rules learn something new: every tenant is visited again. */
export const SUBJECT_BACKFILL_VERSION = 1;
const PAGE = 500;

export type BackfillResult = { tenants: number; subjects: number; auditEntries: number };

/**
 * Masks case subjects written before subjects were stored masked, and the same subjects in the
 * cases' audit trail, once per tenant (a tenant counter marks it done). Idempotent and safe to run
 * in several workers at once: the subject is masked from the row as locked, and masking masked text
 * changes nothing. Subjects go through the ticket service (audited as pii_masked, the search index
 * rewritten by its step); the audit entries are rewritten in place, the new one included.
 *
 * Raw platform payloads (inbox_events) are kept as they arrived on purpose: they are the platform's
 * evidence, replayed on demand, and every view of them is masked unless a supervisor reveals it
 * (audited) — see ingest/event-admin.ts. Erasing a buyer (on request or by retention) masks them too.
 */
export async function maskOldSubjects(deps: {
  db: Db;
  tickets: TicketService;
  version?: number;
}): Promise<BackfillResult> {
  const version = deps.version ?? SUBJECT_BACKFILL_VERSION;
  const result: BackfillResult = { tenants: 0, subjects: 0, auditEntries: 0 };
  for (const tenantId of await tenantsToBackfill(deps.db, version)) {
    const done = await maskTenant(deps.db, deps.tickets, tenantId);
    await markBackfilled(scopeTo(deps.db, tenantId), version);
    result.tenants++;
    result.subjects += done.subjects;
    result.auditEntries += done.auditEntries;
  }
  return result;
}

async function maskTenant(db: Db, tickets: TicketService, tenantId: string) {
  const scope = scopeTo(db, tenantId);
  const actor = systemActor(tenantId, 'personal data backfill');
  let subjects = 0;
  for (let after: string | null = null; ; ) {
    const page = await subjectsAfter(scope, after, PAGE);
    if (!page.length) break;
    after = page[page.length - 1]!.id;
    const stale = page.filter((row) => maskedSubject(row.subject) !== null);
    if (!stale.length) continue;
    const written = await tickets.updateMany(
      actor,
      stale.map((row) => ({
        id: row.id,
        patch: (current) => ({ subject: maskPii(current.subject) }),
        action: 'pii_masked',
      })),
    );
    subjects += written.length;
  }
  let auditEntries = 0;
  for (let after: string | null = null; ; ) {
    const page = await subjectAuditAfter(scope, after, PAGE);
    if (!page.length) break;
    after = page[page.length - 1]!.id;
    const rewritten = page.flatMap((row) => {
      const before = maskedAuditValue(row.before);
      const afterValue = maskedAuditValue(row.after);
      if (!before && !afterValue) return [];
      return [{ id: row.id, before: before ?? row.before, after: afterValue ?? row.after }];
    });
    await rewriteAudit(scope, rewritten);
    auditEntries += rewritten.length;
  }
  return { subjects, auditEntries };
}
