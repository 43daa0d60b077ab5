import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../auth/roles.js';
import { auditEvents } from '../db/schema/accounts.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { newId } from '../shared/ids.js';

export type AuditEntry = {
  entityType: string;
  entityId: string;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Who did it, when one call records the acts of several (a batch of platform events). */
  actor?: Actor;
  /** When, when one call records acts of several moments (a pipeline run's, written at its end). */
  at?: Date;
};

export type AuditEvent = typeof auditEvents.$inferSelect;

export async function recordAudit(scope: TenantScope, actor: Actor, entries: AuditEntry[], at: Date) {
  if (entries.length === 0) return;
  await scope.insertEach(
    auditEvents,
    entries.map((e) => {
      const by = e.actor ?? actor;
      if (by.tenantId !== scope.tenantId) throw new Error('audit entry of another tenant');
      return {
        id: newId(),
        entityType: e.entityType,
        entityId: e.entityId,
        action: e.action,
        actorType: by.type,
        actorId: by.id,
        actorName: by.name,
        before: e.before ?? null,
        after: e.after ?? null,
        at: e.at ?? at,
      };
    }),
    { returning: false },
  );
}

export function listAudit(scope: TenantScope, entityType: string, entityId: string): Promise<AuditEvent[]> {
  return scope.select(
    auditEvents,
    [and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId))],
    { orderBy: [asc(auditEvents.at), asc(auditEvents.id)], limit: 1000 },
  );
}

/** The fields that differ between two snapshots, as {before, after}: what an audit row stores. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const next = after[key];
    if (next === undefined) continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(next)) {
      b[key] = before[key] ?? null;
      a[key] = next;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
