import type { Platform } from '../channels/channel.js';
import type { CaseFacts } from './case-data.js';

/** What a reply check looks for (issue 19 §3). */
export const CHECK_CATEGORIES = [
  'insult',
  'threat',
  'blame',
  'promise',
  'personal_data',
  'absolute_claim',
  'other_platform',
  'off_platform_contact',
] as const;
export type CheckCategory = (typeof CHECK_CATEGORIES)[number];

/** warning: the agent sees why and may still send; block: the server refuses the reply. */
export const CHECK_SEVERITIES = ['warning', 'block'] as const;
export type CheckSeverity = (typeof CHECK_SEVERITIES)[number];

/** A rule table is kept per platform; 'all' covers the merchant's own channels (e-mail, hotline…). */
export const RULE_PLATFORMS = ['all', 'douyin', 'pinduoduo', 'tiktok', 'taobao'] as const;
export type RulePlatform = (typeof RULE_PLATFORMS)[number];

/**
 * Built-in detectors that are code, not a term list: 'pii' (validation needs check digits),
 * 'case_data' (the case's own order, after-sale and tracking numbers and buyer, see case-data.ts).
 */
export type Detector = 'pii' | 'case_data';

export type CheckRule = {
  /** Stable key (`insult.abuse`); a tenant's own rules start with `custom.`. */
  id: string;
  category: CheckCategory;
  /** Which platform tables hold it; the rule applies on a reply whose case is on one of them. */
  platforms: readonly RulePlatform[];
  terms: readonly string[];
  /** JavaScript regular expressions (flag u), matched on the folded text. */
  patterns: readonly string[];
  /** Ordinary words that contain a term (不怪您 contains 怪您): a term inside one is not a finding. */
  allow: readonly string[];
  detector?: Detector | undefined;
  /** Only on public channels (reviews, Weibo): personal data in a private chat is the buyer's own. Holds for terms and patterns too. */
  publicOnly?: boolean | undefined;
  severity: CheckSeverity;
  enabled: boolean;
  message: { zh: string; en: string };
  /** Where the rule comes from (a law, a platform rule): shown beside it in the rule table. */
  source: string;
  /**
   * The same source named and explained in English for English screens (built-in rules only):
   * the laws and platform rules exist in Chinese alone, so `source` stays their original wording.
   */
  sourceEn?: string | undefined;
};

export type Finding = {
  rule: string;
  category: CheckCategory;
  severity: CheckSeverity;
  start: number;
  end: number;
  text: string;
  message: string;
};

export type CheckContext = {
  platform: Platform | null;
  /** A public channel (a review reply, Weibo): everyone reads it. */
  publicChannel: boolean;
  locale: 'zh-CN' | 'en';
  /** The case's numbers and buyer (read only for public channels); none: the case_data detector finds nothing. */
  caseFacts?: CaseFacts | undefined;
};
