import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { replyCheckResults, replyCheckRules } from '../db/schema/replycheck.js';
import { customers, orders } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { newId } from '../shared/ids.js';
import type { CaseFacts } from './case-data.js';
import type { Finding, RulePlatform } from './check-types.js';
import type { RuleOverride } from './rule-table.js';

export type RuleOverrideRow = typeof replyCheckRules.$inferSelect;

export const listRuleOverrides = (scope: TenantScope, platforms: RulePlatform[]) =>
  scope.select(replyCheckRules, [inArray(replyCheckRules.platform, platforms)]);

export async function upsertRuleOverride(scope: TenantScope, o: RuleOverride, userId: string | null) {
  const [row] = await scope.insertEach(
    replyCheckRules,
    [{ ...o, updatedBy: userId, updatedAt: new Date() }],
    {
      onConflict: {
        target: [replyCheckRules.tenantId, replyCheckRules.platform, replyCheckRules.ruleId],
        action: 'replace',
      },
    },
  );
  return row!;
}

export const deleteRuleOverride = (scope: TenantScope, platform: RulePlatform, ruleId: string) =>
  scope.delete(replyCheckRules, eq(replyCheckRules.platform, platform), eq(replyCheckRules.ruleId, ruleId));

export async function insertCheckResults(
  scope: TenantScope,
  rows: { ticketId: string; messageId: string; authorId: string | null; findings: Finding[] }[],
) {
  if (!rows.length) return;
  await scope.insertEach(
    replyCheckResults,
    rows.map((r) => ({ id: newId(), ...r })),
    { returning: false },
  );
}

export const listCheckResults = (
  scope: TenantScope,
  filter: { authorId?: string | undefined; ticketId?: string | undefined; from: Date; to: Date },
) =>
  scope.select(
    replyCheckResults,
    [
      filter.authorId ? eq(replyCheckResults.authorId, filter.authorId) : undefined,
      filter.ticketId ? eq(replyCheckResults.ticketId, filter.ticketId) : undefined,
      and(gte(replyCheckResults.createdAt, filter.from), lt(replyCheckResults.createdAt, filter.to)),
    ],
    { limit: 5000 },
  );

/**
 * What a public reply on each case must not name (case-data.ts): its order's number and tracking
 * number, the platform's case number (external ref after its kind, e.g. aftersale:<id>), the buyer's name.
 */
export async function findCaseFacts(
  scope: TenantScope,
  cases: { id: string; orderId: string | null; customerId: string | null; externalRef: string | null }[],
): Promise<Map<string, CaseFacts>> {
  const orderIds = [...new Set(cases.flatMap((c) => (c.orderId ? [c.orderId] : [])))];
  const customerIds = [...new Set(cases.flatMap((c) => (c.customerId ? [c.customerId] : [])))];
  // One after another: the replycheck step runs in the case's transaction (one client, one query at a time).
  const orderRows = orderIds.length
    ? await scope.db
        .select({ id: orders.id, externalId: orders.externalId, trackingNo: orders.trackingNo })
        .from(orders)
        .where(scope.where(orders, inArray(orders.id, orderIds)))
    : [];
  const customerRows = customerIds.length
    ? await scope.db
        .select({ id: customers.id, name: customers.name })
        .from(customers)
        .where(scope.where(customers, inArray(customers.id, customerIds)))
    : [];
  const orderOf = new Map(orderRows.map((o) => [o.id, o]));
  const nameOf = new Map(customerRows.map((c) => [c.id, c.name]));
  return new Map(
    cases.map((c) => {
      const order = c.orderId ? orderOf.get(c.orderId) : undefined;
      const ref = c.externalRef?.includes(':') ? c.externalRef.split(':').slice(1).join(':') : c.externalRef;
      const name = c.customerId ? nameOf.get(c.customerId) : undefined;
      return [
        c.id,
        {
          numbers: [order?.externalId, order?.trackingNo, ref].filter((v): v is string => Boolean(v)),
          names: name ? [name] : [],
        },
      ];
    }),
  );
}
