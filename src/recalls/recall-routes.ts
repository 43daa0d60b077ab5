import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { ErrorBody, ErrorResponses, IdParams } from '../http/schemas.js';
import { noticeTexts } from './notice-texts.js';
import { isCursor, recallAffectedRoutes } from './recall-affected-routes.js';
import type { RecallService } from './recall-service.js';
import {
  HAZARD_LEVELS,
  LOCALES,
  RECALL_ROLES,
  RECALL_SOURCES,
  RECALL_STATUSES,
  REMEDY_CHOICES,
} from './recall-types.js';
import { ClockView, RecallView, Totals, toClockView, toRecallView } from './recall-views.js';

const Errors = { ...ErrorResponses, 422: ErrorBody };
const Text = (max: number) => z.string().trim().min(1).max(max);
const List = (item: z.ZodType<string>) => z.array(item).max(500).optional();
const When = z.coerce
  .date()
  .refine((d) => d.getFullYear() >= 2000 && d.getFullYear() <= 2100, 'a date between 2000 and 2100');

export const ScopeBody = z.strictObject({
  skuIds: List(z.uuid()),
  batches: List(Text(60)),
  suppliers: List(Text(100)),
  shopIds: List(z.uuid()),
  platforms: z
    .array(z.enum(['douyin', 'pinduoduo', 'tiktok', 'taobao', 'manual']))
    .max(5)
    .optional(),
  soldFrom: When.optional(),
  soldTo: When.optional(),
  deliveredFrom: When.optional(),
  deliveredTo: When.optional(),
});
type ScopeBody = z.infer<typeof ScopeBody>;
const scopeJson = (s: ScopeBody) => ({
  ...s,
  soldFrom: s.soldFrom?.toISOString(),
  soldTo: s.soldTo?.toISOString(),
  deliveredFrom: s.deliveredFrom?.toISOString(),
  deliveredTo: s.deliveredTo?.toISOString(),
});
const ClockOverride = z.strictObject({
  startHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  completeWorkingDays: z.number().int().min(1).max(365).optional(),
});

const CreateBody = z.strictObject({
  title: Text(200),
  hazard: Text(2000),
  scope: ScopeBody,
  productName: Text(200).optional(),
  hazardLevel: z.enum(HAZARD_LEVELS).optional(),
  role: z.enum(RECALL_ROLES).optional(),
  source: z.enum(RECALL_SOURCES).optional(),
  sourceTicketId: z.uuid().optional(),
  learnedAt: When.optional(),
  remedies: z.array(z.enum(REMEDY_CHOICES)).min(1).max(3).optional(),
  claimDeadline: When.optional(),
  contact: Text(300).optional(),
  budgetFen: z.number().int().min(0).max(100_000_000_000).optional(),
  team: z.array(Text(100)).max(50).optional(),
  seriousHarm: z.boolean().optional(),
});

const PatchBody = z.strictObject({
  title: Text(200).optional(),
  hazard: Text(2000).optional(),
  productName: Text(200).nullable().optional(),
  scope: ScopeBody.optional(),
  hazardLevel: z.enum(HAZARD_LEVELS).optional(),
  role: z.enum(RECALL_ROLES).optional(),
  remedies: z.array(z.enum(REMEDY_CHOICES)).min(1).max(3).optional(),
  claimDeadline: When.nullable().optional(),
  contact: Text(300).nullable().optional(),
  budgetFen: z.number().int().min(0).max(100_000_000_000).nullable().optional(),
  answerZh: Text(1000).optional(),
  answerEn: Text(1000).optional(),
  autoReply: z.boolean().optional(),
  team: z.array(Text(100)).max(50).optional(),
  clockOverride: ClockOverride.nullable().optional(),
  /** Death, serious injury or major damage occurred or may occur (a 2-working-day report in some provinces). */
  seriousHarm: z.boolean().optional(),
  /** Reminder waves, in days after the first notice (1–90, at most 6); [] turns them off. */
  reminderDays: z.array(z.number().int().min(1).max(90)).max(6).optional(),
});

const Detail = RecallView.extend({
  totals: Totals,
  clock: ClockView,
  minutesToAnnounce: z.number().nullable(),
  statementVersions: z.object({ 'zh-CN': z.number(), en: z.number() }),
});

const StatementView = z.object({
  locale: z.enum(LOCALES),
  text: z.string(),
  version: z.number(),
  savedAt: z.string().nullable(),
  generated: z.boolean(),
});
const toStatementView = (s: {
  locale: 'zh-CN' | 'en';
  text: string;
  version: number;
  savedAt: Date | null;
  generated: boolean;
}) => ({
  ...s,
  savedAt: s.savedAt?.toISOString() ?? null,
});

const isListCursor = (v: unknown): v is { at: string; id: string } => {
  const at = (v as { at?: unknown } | null)?.at;
  return isCursor(v) && typeof at === 'string' && !Number.isNaN(Date.parse(at));
};

/** The address buyers are sent to: the host they reached this server on. */
export const publicBase = (req: { protocol: string; host: string }) => `${req.protocol}://${req.host}`;

export const recallRoutes: FastifyPluginAsyncZod<{ recalls: RecallService }> = async (app, { recalls }) => {
  await app.register(recallAffectedRoutes, { recalls });
  app.post(
    '/recalls',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['recalls'],
        summary: 'Open a recall campaign (draft) scoped by SKU, batch, supplier, shop and sale dates',
        body: CreateBody,
        response: { 201: z.object({ id: z.uuid(), publicId: z.string() }), ...Errors },
      },
    },
    async (req, reply) => {
      const row = await recalls.create(actorOf(req), { ...req.body, scope: scopeJson(req.body.scope) });
      return reply.status(201).send({ id: row.id, publicId: row.publicId });
    },
  );

  app.get(
    '/recalls',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'Recall campaigns, newest first',
        querystring: z.strictObject({
          status: z.enum(RECALL_STATUSES).optional(),
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
        }),
        response: {
          200: z.object({ items: z.array(RecallView), nextCursor: z.string().nullable() }),
          ...Errors,
        },
      },
    },
    async (req) => {
      const after = decodeCursor(req.query.cursor, isListCursor);
      const rows = await recalls.list(actorOf(req), req.query.status, after, req.query.limit + 1);
      const page = rows.slice(0, req.query.limit);
      const last = page.at(-1);
      return {
        items: page.map(toRecallView),
        nextCursor:
          rows.length > req.query.limit && last
            ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id })
            : null,
      };
    },
  );

  app.get(
    '/recalls/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'One campaign with its totals and legal clock',
        params: IdParams,
        response: { 200: Detail, ...Errors },
      },
    },
    async (req) => {
      const d = await recalls.get(actorOf(req), req.params.id);
      return {
        ...toRecallView(d.recall),
        totals: d.totals,
        clock: toClockView(d.clock),
        minutesToAnnounce: d.minutesToAnnounce,
        statementVersions: d.statementVersions,
      };
    },
  );

  app.patch(
    '/recalls/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['recalls'],
        summary: 'Edit a campaign (the scope only while a draft)',
        params: IdParams,
        body: PatchBody,
        response: { 200: RecallView, ...Errors },
      },
    },
    async (req) =>
      toRecallView(
        await recalls.update(actorOf(req), req.params.id, {
          ...req.body,
          scope: req.body.scope ? scopeJson(req.body.scope) : undefined,
        }),
      ),
  );

  app.post(
    '/recalls/:id/status',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['recalls'],
        summary:
          'Move the campaign: announce (needs a saved statement; freezes the scope), activate, close, cancel. 409 for an illegal move.',
        params: IdParams,
        body: z.strictObject({ status: z.enum(RECALL_STATUSES) }),
        response: { 200: RecallView, ...Errors },
      },
    },
    async (req) => toRecallView(await recalls.changeStatus(actorOf(req), req.params.id, req.body.status)),
  );

  app.get(
    '/recalls/:id/statement',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'The saved statement in a locale, or a generated draft',
        params: IdParams,
        querystring: z.strictObject({ locale: z.enum(LOCALES).default('zh-CN') }),
        response: { 200: StatementView, ...Errors },
      },
    },
    async (req) => toStatementView(await recalls.statement(actorOf(req), req.params.id, req.query.locale)),
  );

  app.put(
    '/recalls/:id/statement',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['recalls'],
        summary: 'Save an edited statement as a new version',
        params: IdParams,
        body: z.strictObject({ locale: z.enum(LOCALES), text: Text(20_000) }),
        response: { 200: StatementView, ...Errors },
      },
    },
    async (req) =>
      toStatementView(
        await recalls.saveStatement(actorOf(req), req.params.id, req.body.locale, req.body.text),
      ),
  );

  app.get(
    '/recalls/:id/statement/versions',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'Every saved version of the statement',
        params: IdParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                locale: z.enum(LOCALES),
                version: z.number(),
                text: z.string(),
                authorName: z.string(),
                createdAt: z.string(),
              }),
            ),
          }),
          ...Errors,
        },
      },
    },
    async (req) => ({
      items: (await recalls.statementVersions(actorOf(req), req.params.id)).map((s) => ({
        locale: s.locale,
        version: s.version,
        text: s.text,
        authorName: s.authorName,
        createdAt: s.createdAt.toISOString(),
      })),
    }),
  );

  app.get(
    '/recalls/:id/texts',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary:
          'Ready-to-post texts for WeChat, Weibo, SMS and platform messages, within each medium’s length',
        params: IdParams,
        querystring: z.strictObject({ locale: z.enum(LOCALES).default('zh-CN') }),
        response: {
          200: z.object({
            publicUrl: z.string(),
            texts: z.record(
              z.string(),
              z.object({ text: z.string(), length: z.number(), limit: z.number() }),
            ),
          }),
          ...Errors,
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const r = await recalls.mustFind(actor, req.params.id);
      const publicUrl = `${publicBase(req)}/recalls/${r.publicId}`;
      return { publicUrl, texts: noticeTexts(await recalls.facts(actor, r.id), publicUrl, req.query.locale) };
    },
  );
};
