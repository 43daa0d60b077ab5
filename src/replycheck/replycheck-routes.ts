import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import { CHECK_CATEGORIES, CHECK_SEVERITIES, RULE_PLATFORMS } from './check-types.js';
import { REPLY_MEDIUMS } from './reply-limits.js';
import type { ReplyCheckService } from './replycheck-service.js';

export const ReplyLimitView = z.object({
  medium: z.enum(REPLY_MEDIUMS),
  limit: z.number().int(),
  /** False: the platform's figure is UNCERTAIN (src/replycheck/reply-limits.ts). */
  verified: z.boolean(),
  publicChannel: z.boolean(),
});

const FindingView = z.object({
  rule: z.string(),
  category: z.enum(CHECK_CATEGORIES),
  severity: z.enum(CHECK_SEVERITIES),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  message: z.string(),
});

export const RuleView = z.object({
  id: z.string(),
  category: z.enum(CHECK_CATEGORIES),
  enabled: z.boolean(),
  severity: z.enum(CHECK_SEVERITIES),
  terms: z.array(z.string()),
  allow: z.array(z.string()),
  patterns: z.array(z.string()),
  detector: z.string().nullable(),
  publicOnly: z.boolean(),
  message: z.object({ zh: z.string(), en: z.string() }),
  source: z.string(),
  /** English screens show this, with `source` as the original Chinese wording; null: only `source`. */
  sourceEn: z.string().nullable(),
  edited: z.boolean(),
  builtin: z.boolean(),
});
type Rule = Awaited<ReturnType<ReplyCheckService['table']>>[number];
const toRuleView = (r: Rule): z.infer<typeof RuleView> => ({
  id: r.id,
  category: r.category,
  enabled: r.enabled,
  severity: r.severity,
  terms: [...r.terms],
  allow: [...r.allow],
  patterns: [...r.patterns],
  detector: r.detector ?? null,
  publicOnly: r.publicOnly ?? false,
  message: r.message,
  source: r.source,
  sourceEn: r.sourceEn ?? null,
  edited: r.edited,
  builtin: r.builtin,
});

const Term = z.string().trim().min(1).max(50);
const RuleParams = z.strictObject({
  platform: z.enum(RULE_PLATFORMS),
  ruleId: z.string().regex(/^[a-z_]+\.[a-z0-9_]{1,40}$/, 'like insult.abuse or custom.my_rule'),
});

export const replyCheckRoutes: FastifyPluginAsyncZod<{ replyChecks: ReplyCheckService }> = async (
  app,
  { replyChecks },
) => {
  app.post(
    '/replies/check',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['reply checks'],
        summary: 'Check a draft reply on a case before sending (nothing is sent or stored)',
        body: z.strictObject({
          ticketId: z.uuid(),
          body: z.string().max(20_000),
          locale: z.enum(['zh-CN', 'en']).optional(),
        }),
        response: { 200: z.object({ findings: z.array(FindingView) }), ...ErrorResponses },
      },
    },
    async (req) => {
      const locale =
        req.body.locale ?? (/^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'zh-CN');
      return { findings: await replyChecks.check(actorOf(req), req.body.ticketId, req.body.body, locale) };
    },
  );

  app.get(
    '/tickets/:id/reply-limit',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['reply checks'],
        summary:
          'The longest reply the case’s channel takes, in characters (the shop’s replyLimits, else the platform table); longer replies are refused with 422 REPLY_TOO_LONG',
        params: IdParams,
        response: { 200: ReplyLimitView, ...ErrorResponses },
      },
    },
    async (req) => replyChecks.limit(actorOf(req), req.params.id),
  );

  app.get(
    '/reply-checks/rules',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['reply checks'],
        summary: 'One platform’s reply-check rule table, with the tenant’s edits',
        querystring: z.strictObject({ platform: z.enum(RULE_PLATFORMS).default('all') }),
        response: { 200: z.object({ platform: z.enum(RULE_PLATFORMS), items: z.array(RuleView) }) },
      },
    },
    async (req) => ({
      platform: req.query.platform,
      items: (await replyChecks.table(actorOf(req), req.query.platform)).map(toRuleView),
    }),
  );

  app.put(
    '/reply-checks/rules/:platform/:ruleId',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['reply checks'],
        summary: 'Edit a rule of a platform table (terms, allow-list, patterns, on/off, blocking) or add one',
        params: RuleParams,
        body: z.strictObject({
          category: z.enum(CHECK_CATEGORIES).optional(),
          enabled: z.boolean(),
          severity: z.enum(CHECK_SEVERITIES),
          terms: z.array(Term).max(2000),
          allow: z.array(Term).max(2000).default([]),
          patterns: z.array(z.string().min(1).max(500)).max(50).default([]),
          message: z
            .strictObject({ zh: z.string().max(300).optional(), en: z.string().max(300).optional() })
            .optional(),
          source: z.string().max(500).optional(),
        }),
        response: { 200: RuleView, ...ErrorResponses },
      },
    },
    async (req) =>
      toRuleView(await replyChecks.saveRule(actorOf(req), req.params.platform, req.params.ruleId, req.body)),
  );

  app.delete(
    '/reply-checks/rules/:platform/:ruleId',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['reply checks'],
        summary: 'Undo the tenant’s edit of a rule (or remove a rule of its own)',
        params: RuleParams,
        response: { 204: z.null(), ...ErrorResponses },
      },
    },
    async (req, reply) => {
      await replyChecks.resetRule(actorOf(req), req.params.platform, req.params.ruleId);
      return reply.status(204).send(null);
    },
  );
};
