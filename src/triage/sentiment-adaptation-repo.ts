import { and, count, desc, eq } from 'drizzle-orm';
import { messages } from '../db/schema/tickets.js';
import { triageSentimentAdaptations } from '../db/schema/triage.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type SentimentAdaptationRow = typeof triageSentimentAdaptations.$inferSelect;

export const findSentimentAdaptation = (scope: TenantScope) => scope.first(triageSentimentAdaptations);

/** How many buyers' messages the tenant holds (a retrain waits for enough new ones). */
export async function countInboundTexts(scope: TenantScope): Promise<number> {
  const [row] = await scope.db
    .select({ n: count() })
    .from(messages)
    .where(scope.where(messages, eq(messages.direction, 'inbound')));
  return row?.n ?? 0;
}

/** The bodies of the tenant's latest buyers' messages, newest first. */
export async function latestInboundTexts(scope: TenantScope, limit: number): Promise<string[]> {
  const rows = await scope.db
    .select({ body: messages.body })
    .from(messages)
    .where(and(scope.where(messages, eq(messages.direction, 'inbound'))))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit);
  return rows.map((r) => r.body);
}

/** One row per tenant; two processes training at once both write, the later one wins. */
export async function saveSentimentAdaptation(
  scope: TenantScope,
  row: Omit<SentimentAdaptationRow, 'tenantId'>,
) {
  await scope.db
    .insert(triageSentimentAdaptations)
    .values({ tenantId: scope.tenantId, ...row })
    .onConflictDoUpdate({ target: triageSentimentAdaptations.tenantId, set: row });
}
