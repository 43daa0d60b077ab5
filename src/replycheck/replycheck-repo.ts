import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { replyCheckResults, replyCheckRules } from '../db/schema/replycheck.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { newId } from '../shared/ids.js';
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
