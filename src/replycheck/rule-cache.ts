import type { TenantScope } from '../db/tenant-scope.js';
import type { RulePlatform } from './check-types.js';
import { DEFAULT_RULES } from './default-rules.js';
import { type CompiledRules, compileRules } from './reply-check.js';
import { listRuleOverrides } from './replycheck-repo.js';
import { effectiveRules, type RuleOverride } from './rule-table.js';

// Compiling a table builds an automaton (~1 ms): once per tenant and platform, then reused. Another
// node's edit shows here within the TTL; this node's own edits drop the entry at once.
const TTL_MS = 30_000;
const cache = new Map<string, { at: number; compiled: CompiledRules }>();

export const toOverride = (row: RuleOverride): RuleOverride => ({
  platform: row.platform,
  ruleId: row.ruleId,
  category: row.category,
  enabled: row.enabled,
  severity: row.severity,
  terms: row.terms,
  allow: row.allow,
  patterns: row.patterns,
  messageZh: row.messageZh,
  messageEn: row.messageEn,
  source: row.source,
});

export async function tableRules(scope: TenantScope, platform: RulePlatform) {
  const overrides = (await listRuleOverrides(scope, [platform])).map(toOverride);
  return { overrides, rules: effectiveRules(DEFAULT_RULES, overrides, platform) };
}

export async function compiledRules(scope: TenantScope, platform: RulePlatform): Promise<CompiledRules> {
  const key = `${scope.tenantId}:${platform}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.compiled;
  const compiled = compileRules((await tableRules(scope, platform)).rules, platform);
  cache.set(key, { at: Date.now(), compiled });
  return compiled;
}

export function forgetRules(tenantId: string): void {
  for (const key of cache.keys()) if (key.startsWith(`${tenantId}:`)) cache.delete(key);
}
