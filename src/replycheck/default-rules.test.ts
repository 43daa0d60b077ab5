import { describe, expect, test } from 'vitest';
import { DEFAULT_RULES } from './default-rules.js';
import type { RuleOverride } from './rule-table.js';
import { effectiveRules } from './rule-table.js';

describe('each built-in rule names its source in both languages', () => {
  test.each(DEFAULT_RULES.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    expect(rule.source).toMatch(/\p{Script=Han}/u);
    expect(rule.sourceEn).toBeTruthy();
    expect(rule.sourceEn).not.toMatch(/\p{Script=Han}/u);
    // What nobody verified in Chinese stays unverified in English.
    expect(rule.sourceEn?.includes('UNCERTAIN')).toBe(rule.source.includes('UNCERTAIN'));
  });
});

describe('an edited rule keeps its English source only while the source is the built-in one', () => {
  const edit: RuleOverride = {
    platform: 'douyin',
    ruleId: 'absolute_claim.ad_law',
    category: 'absolute_claim',
    enabled: true,
    severity: 'block',
    terms: ['最佳'],
    allow: [],
    patterns: [],
    messageZh: '',
    messageEn: '',
    source: '',
  };
  const adLaw = DEFAULT_RULES.find((r) => r.id === 'absolute_claim.ad_law')!;
  const ruleAfter = (source: string) =>
    effectiveRules(DEFAULT_RULES, [{ ...edit, source }], 'douyin').find((r) => r.id === edit.ruleId);

  test.each([
    ['no source sent', ''],
    ['the built-in source sent back by the form', adLaw.source],
  ])('%s: both texts stay', (_case, source) => {
    expect(ruleAfter(source)).toMatchObject({ source: adLaw.source, sourceEn: adLaw.sourceEn });
  });

  test("the merchant's own source replaces both", () => {
    expect(ruleAfter('本店规定')).toMatchObject({ source: '本店规定', sourceEn: undefined });
  });
});
