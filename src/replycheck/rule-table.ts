import type { CheckCategory, CheckRule, CheckSeverity, RulePlatform } from './check-types.js';

/** A tenant's edit of one rule in one platform's table (or a rule of its own, id `custom.*`). */
export type RuleOverride = {
  platform: RulePlatform;
  ruleId: string;
  category: CheckCategory;
  enabled: boolean;
  severity: CheckSeverity;
  terms: string[];
  allow: string[];
  patterns: string[];
  messageZh: string;
  messageEn: string;
  source: string;
};

/** The rules of one platform's table: the defaults with the tenant's edits, then its own rules. */
export function effectiveRules(
  defaults: readonly CheckRule[],
  overrides: readonly RuleOverride[],
  platform: RulePlatform,
): CheckRule[] {
  const mine = new Map(overrides.filter((o) => o.platform === platform).map((o) => [o.ruleId, o]));
  const out: CheckRule[] = [];
  for (const rule of defaults) {
    if (!rule.platforms.includes(platform)) continue;
    const o = mine.get(rule.id);
    mine.delete(rule.id);
    out.push(o ? applyOverride(rule, o) : { ...rule, platforms: [platform] });
  }
  for (const o of mine.values()) {
    out.push(
      applyOverride(
        {
          id: o.ruleId,
          category: o.category,
          platforms: [platform],
          terms: [],
          patterns: [],
          allow: [],
          severity: o.severity,
          enabled: o.enabled,
          message: { zh: o.messageZh, en: o.messageEn },
          source: o.source,
        },
        o,
      ),
    );
  }
  return out;
}

function applyOverride(rule: CheckRule, o: RuleOverride): CheckRule {
  // The edit form sends the source back as it was: only a source of the merchant's own words drops
  // the built-in English one, which would no longer describe it.
  const ownSource = o.source !== '' && o.source !== rule.source;
  return {
    ...rule,
    platforms: [o.platform],
    enabled: o.enabled,
    severity: o.severity,
    terms: o.terms,
    allow: o.allow,
    patterns: o.patterns,
    message: { zh: o.messageZh || rule.message.zh, en: o.messageEn || rule.message.en },
    source: ownSource ? o.source : rule.source,
    sourceEn: ownSource ? undefined : rule.sourceEn,
  };
}

export type PatternProblem = { index: number; pattern: string; reason: string };

// A group with a quantifier inside, itself repeated: (a+)+, (\d*)*, (x|xy)+… — exponential backtracking.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{]/;
const MAX_PATTERN = 200;

/**
 * Why each pattern of a rule cannot be used: it does not compile, is too long, or has a repeated group
 * that itself repeats (catastrophic backtracking would let one reply stall the server).
 */
export function patternProblems(patterns: readonly string[]): PatternProblem[] {
  const problems: PatternProblem[] = [];
  patterns.forEach((pattern, index) => {
    if (pattern.length > MAX_PATTERN) {
      problems.push({ index, pattern, reason: `longer than ${MAX_PATTERN} characters` });
      return;
    }
    try {
      const re = new RegExp(pattern, 'u');
      if (re.test('')) {
        problems.push({ index, pattern, reason: 'matches the empty text' });
        return;
      }
    } catch (error) {
      problems.push({ index, pattern, reason: error instanceof Error ? error.message : 'invalid' });
      return;
    }
    if (NESTED_QUANTIFIER.test(pattern)) {
      problems.push({
        index,
        pattern,
        reason: 'a repeated group inside a repetition (catastrophic backtracking)',
      });
    }
  });
  return problems;
}
