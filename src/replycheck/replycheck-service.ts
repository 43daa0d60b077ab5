import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import { findShop } from '../shops/shop-repo.js';
import { replyLimitsOf } from '../shops/shop-settings.js';
import { findTicket } from '../tickets/ticket-repo.js';
import { checkContextOf } from './check-context.js';
import type { CheckCategory, CheckContext, CheckSeverity, RulePlatform } from './check-types.js';
import { DEFAULT_RULES } from './default-rules.js';
import { checkReply } from './reply-check.js';
import { replyLimitFor } from './reply-limits.js';
import {
  deleteRuleOverride,
  findCaseFacts,
  listCheckResults,
  upsertRuleOverride,
} from './replycheck-repo.js';
import { compiledRules, forgetRules, tableRules } from './rule-cache.js';
import { patternProblems } from './rule-table.js';

export type RuleEdit = {
  category?: CheckCategory | undefined;
  enabled: boolean;
  severity: CheckSeverity;
  terms: string[];
  allow: string[];
  patterns: string[];
  message?: { zh?: string | undefined; en?: string | undefined } | undefined;
  source?: string | undefined;
};

export type ReplyCheckService = ReturnType<typeof createReplyCheckService>;

export function createReplyCheckService({ db }: { db: Db }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  return {
    /** The findings a reply would get on this case; nothing is sent or stored. */
    async check(actor: Actor, ticketId: string, body: string, locale: CheckContext['locale']) {
      const scope = scopeOf(actor);
      const ticket = await findTicket(scope, ticketId);
      if (!ticket) throw new AppError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
      const shop = ticket.shopId ? await findShop(scope, ticket.shopId) : undefined;
      const { table, ctx } = checkContextOf(ticket.channel, shop?.platform, locale);
      const caseFacts = ctx.publicChannel ? (await findCaseFacts(scope, [ticket])).get(ticket.id) : undefined;
      return checkReply(await compiledRules(scope, table), body, { ...ctx, caseFacts });
    },

    /** The longest reply this case's channel takes (the shop's own limit, else the platform's table). */
    async limit(actor: Actor, ticketId: string) {
      const scope = scopeOf(actor);
      const ticket = await findTicket(scope, ticketId);
      if (!ticket) throw new AppError('TICKET_NOT_FOUND', `ticket ${ticketId} not found`);
      const shop = ticket.shopId ? await findShop(scope, ticket.shopId) : undefined;
      const { ctx } = checkContextOf(ticket.channel, shop?.platform, 'zh-CN');
      return {
        ...replyLimitFor(ticket.channel, shop?.platform, replyLimitsOf(shop?.settings)),
        publicChannel: ctx.publicChannel,
      };
    },

    /** One platform's rule table as it applies to the tenant, each rule marked edited or default. */
    async table(actor: Actor, platform: RulePlatform) {
      const { rules, overrides } = await tableRules(scopeOf(actor), platform);
      const edited = new Set(overrides.map((o) => o.ruleId));
      return rules.map((r) => ({ ...r, edited: edited.has(r.id), builtin: !r.id.startsWith('custom.') }));
    },

    async saveRule(actor: Actor, platform: RulePlatform, ruleId: string, edit: RuleEdit) {
      const builtin = DEFAULT_RULES.find((r) => r.id === ruleId);
      if (!builtin && !ruleId.startsWith('custom.')) {
        throw new AppError(
          'RULE_NOT_FOUND',
          `no rule ${ruleId}: a rule of your own needs an id starting with custom.`,
        );
      }
      if (builtin && !builtin.platforms.includes(platform)) {
        throw new AppError('RULE_NOT_FOUND', `rule ${ruleId} is not in the ${platform} table`);
      }
      const category = builtin?.category ?? edit.category;
      if (!category) throw new AppError('VALIDATION_FAILED', 'category: a rule of your own needs a category');
      const problems = patternProblems(edit.patterns);
      if (problems.length) {
        throw new AppError(
          'VALIDATION_FAILED',
          problems.map((p) => `patterns.${p.index}: ${p.reason} (${p.pattern.slice(0, 40)})`).join('; '),
        );
      }
      if (!builtin && !edit.terms.length && !edit.patterns.length) {
        throw new AppError('VALIDATION_FAILED', 'terms: a rule of your own needs terms or patterns');
      }
      const scope = scopeOf(actor);
      await upsertRuleOverride(
        scope,
        {
          platform,
          ruleId,
          category,
          enabled: edit.enabled,
          severity: edit.severity,
          terms: clean(edit.terms),
          allow: clean(edit.allow),
          patterns: edit.patterns,
          messageZh: edit.message?.zh?.trim() || (builtin ? '' : ruleId),
          messageEn: edit.message?.en?.trim() || (builtin ? '' : ruleId),
          source: edit.source?.trim() ?? '',
        },
        actor.id,
      );
      forgetRules(actor.tenantId);
      return (await this.table(actor, platform)).find((r) => r.id === ruleId)!;
    },

    /** Back to the built-in rule (or away, for a rule of the tenant's own). */
    async resetRule(actor: Actor, platform: RulePlatform, ruleId: string) {
      const removed = await deleteRuleOverride(scopeOf(actor), platform, ruleId);
      if (!removed.length)
        throw new AppError('RULE_NOT_FOUND', `rule ${ruleId} has no edit in the ${platform} table`);
      forgetRules(actor.tenantId);
    },

    results: (actor: Actor, filter: { authorId?: string | undefined; from: Date; to: Date }) =>
      listCheckResults(scopeOf(actor), filter),
  };
}

const clean = (list: string[]) => [...new Set(list.map((s) => s.trim()).filter(Boolean))];
