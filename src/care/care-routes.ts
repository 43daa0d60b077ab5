import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { IsoDate } from '../http/json-dates.js';
import { ErrorResponses, PageQuery } from '../http/schemas.js';
import { deliveryOfOutbox } from '../ingest/delivery-state.js';
import { checkRange, decodeCursor, encodeCursor, Range } from './care-paging.js';
import type { CareListItem } from './care-repo.js';
import { LIMIT_KEYS } from './care-rules.js';
import type { CareService } from './care-service.js';
import { followUpRoutes } from './follow-up-routes.js';

const Limit = z.strictObject({
  max: z.number().int().min(0).max(50),
  days: z.number().int().min(1).max(365),
});
export const CareSettingsView = z.object({
  enabled: z.boolean(),
  delayHours: z.number().int().min(0).max(720),
  withinDays: z.number().int().min(1).max(60),
  holdoutPercent: z.number().int().min(0).max(50),
  effectDays: z.number().int().min(7).max(180),
  limits: z.record(z.enum(LIMIT_KEYS), Limit),
  allProducts: z.boolean(),
  publicBaseUrl: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .nullable(),
  /** A follow-up (回访) to the buyer `followUpDays` after a case closed, on the buyer's private conversation. */
  followUpEnabled: z.boolean(),
  followUpDays: z.number().int().min(1).max(60),
});

const ProductView = z.object({
  productId: z.uuid(),
  name: z.string(),
  /** null: never set (the default for all products applies). */
  enabled: z.boolean().nullable(),
  noteZh: z.string().nullable(),
  noteEn: z.string().nullable(),
  usageZh: z.boolean(),
  usageEn: z.boolean(),
});

const Delivery = z.object({
  state: z.enum(['queued', 'retrying', 'sent', 'failed']),
  reason: z.string().optional(),
});
export const CareMessageView = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  orderExternalId: z.string().nullable(),
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  productId: z.uuid().nullable(),
  productName: z.string().nullable(),
  platform: z.string(),
  deliveredAt: IsoDate,
  group: z.enum(['care', 'holdout', 'none']),
  state: z.enum(['queued', 'manual', 'sent_by_hand', 'skipped']),
  skipReason: z.string().nullable(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  /** For queued messages: what the platform did with it (never 'sent' before it did). */
  delivery: Delivery.nullable(),
  handledAt: IsoDate.nullable(),
  createdAt: IsoDate,
});

const toView = (m: CareListItem) => ({
  id: m.id,
  orderId: m.orderId,
  orderExternalId: m.orderExternalId,
  customerId: m.customerId,
  customerName: m.customerName,
  productId: m.productId,
  productName: m.productName,
  platform: m.platform,
  deliveredAt: m.deliveredAt,
  group: m.grp,
  state: m.state,
  skipReason: m.skipReason,
  body: m.body,
  link: m.link,
  delivery: m.outboxStatus
    ? (({ manual: _m, ...d }) => d)(deliveryOfOutbox({ status: m.outboxStatus, lastError: m.outboxError }))
    : null,
  handledAt: m.handledAt,
  createdAt: m.createdAt,
});

const Counts = z.object({
  orders: z.number().int(),
  qualityReturns: z.number().int(),
  negativeReviews: z.number().int(),
});
const Metric = z.object({
  metric: z.enum(['qualityReturns', 'negativeReviews']),
  careRate: z.number().nullable(),
  holdoutRate: z.number().nullable(),
  differencePp: z.number().nullable(),
  lowPp: z.number().nullable(),
  highPp: z.number().nullable(),
  pValue: z.number().nullable(),
});

/** The care group against the random hold-out group (rates in %, differences in points). */
export const CareReportView = z.object({
  effectDays: z.number().int(),
  care: Counts,
  holdout: Counts,
  enough: z.boolean(),
  metrics: z.array(Metric),
});

const Note = z.string().trim().max(200).nullable();
const OptOutView = z.object({
  optedOut: z.boolean(),
  source: z.enum(['buyer_reply', 'agent']).nullable(),
  at: IsoDate.nullable(),
});
const CustomerParams = z.strictObject({ customerId: z.uuid() });

export const careRoutes: FastifyPluginAsyncZod<{ care: CareService }> = async (app, { care }) => {
  app.get(
    '/care/settings',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['care'],
        summary: 'Care after delivery: settings',
        response: { 200: CareSettingsView },
      },
    },
    async (req) => care.settings(actorOf(req)),
  );

  app.put(
    '/care/settings',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['care'],
        summary:
          'Switch care on or off; delay, hold-out share, limits per platform (UNCERTAIN: set your own)',
        // The follow-up fields may be left out (kept as they are).
        body: CareSettingsView.partial({ followUpEnabled: true, followUpDays: true }).strict(),
        response: { 200: CareSettingsView, ...ErrorResponses },
      },
    },
    async (req) => {
      const current = await care.settings(actorOf(req));
      return care.saveSettings(actorOf(req), {
        ...req.body,
        followUpEnabled: req.body.followUpEnabled ?? current.followUpEnabled,
        followUpDays: req.body.followUpDays ?? current.followUpDays,
        limits: req.body.limits as never,
      });
    },
  );

  app.get(
    '/care/products',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['care'],
        summary: 'Products with their care switch, note and whether a usage article is published',
        response: { 200: z.object({ items: z.array(ProductView) }) },
      },
    },
    async (req) => ({
      items: (await care.products(actorOf(req))).map((p) => ({
        productId: p.id,
        name: p.name,
        enabled: p.enabled,
        noteZh: p.note_zh,
        noteEn: p.note_en,
        usageZh: Boolean(p.usage_zh),
        usageEn: Boolean(p.usage_en),
      })),
    }),
  );

  app.put(
    '/care/products/:productId',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['care'],
        summary: 'Care on or off for one product, with an optional sentence of the shop’s own',
        params: z.strictObject({ productId: z.uuid() }),
        body: z.strictObject({ enabled: z.boolean(), noteZh: Note, noteEn: Note }),
        response: {
          200: z.object({ productId: z.uuid(), enabled: z.boolean(), noteZh: Note, noteEn: Note }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const saved = await care.saveProduct(actorOf(req), req.params.productId, {
        enabled: req.body.enabled,
        noteZh: req.body.noteZh || null,
        noteEn: req.body.noteEn || null,
      });
      return {
        productId: saved.productId,
        enabled: saved.enabled,
        noteZh: saved.noteZh,
        noteEn: saved.noteEn,
      };
    },
  );

  app.post(
    '/care/preview',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['care'],
        summary: 'The care message a buyer of this product would get now (nothing is sent)',
        body: z.strictObject({ productId: z.uuid(), locale: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: {
          200: z.object({ body: z.string(), link: z.string().nullable(), hasTips: z.boolean() }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => care.preview(actorOf(req), req.body.productId, req.body.locale),
  );

  app.post(
    '/care/run',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['care'],
        summary: 'Look at delivered orders now (the worker does it every minute)',
        response: {
          200: z.object({
            looked: z.number().int(),
            care: z.number().int(),
            holdout: z.number().int(),
            none: z.number().int(),
            followUps: z.number().int(),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => care.run(actorOf(req)),
  );

  app.get(
    '/care/messages',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['care'],
        summary: 'Delivered orders the care worker looked at: group, message and how it went out',
        querystring: z.strictObject({
          ...Range,
          group: z.enum(['care', 'holdout', 'none']).optional(),
          ...PageQuery,
        }),
        response: {
          200: z.object({ items: z.array(CareMessageView), nextCursor: z.string().nullable() }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      checkRange(req.query);
      const { cursor, limit, ...filter } = req.query;
      const rows = await care.list(actorOf(req), filter, limit, decodeCursor(cursor));
      const items = rows.slice(0, limit);
      return {
        items: items.map(toView),
        nextCursor: rows.length > limit ? encodeCursor(items.at(-1)!) : null,
      };
    },
  );

  app.post(
    '/care/messages/:id/sent-by-hand',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['care'],
        summary: 'A person sent this care message from the platform’s back office',
        params: z.strictObject({ id: z.uuid() }),
        response: {
          200: z.object({ id: z.uuid(), state: z.enum(['queued', 'manual', 'sent_by_hand', 'skipped']) }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const m = await care.markSentByHand(actorOf(req), req.params.id);
      return { id: m.id, state: m.state };
    },
  );

  app.get(
    '/care/report',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['care'],
        summary:
          'Care group against the random hold-out: quality returns and negative reviews after delivery, with the difference, its 95 % interval and p',
        querystring: z.strictObject(Range),
        response: {
          200: CareReportView,
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      checkRange(req.query);
      return care.report(actorOf(req), req.query.from, req.query.to);
    },
  );

  app.get(
    '/care/opt-outs/:customerId',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['care'],
        summary: 'Whether a buyer asked for no more care messages',
        params: CustomerParams,
        response: { 200: OptOutView, ...ErrorResponses },
      },
    },
    async (req) => care.optOutOf(actorOf(req), req.params.customerId),
  );

  app.put(
    '/care/opt-outs/:customerId',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['care'],
        summary: 'The buyer wants no more care messages (an agent records it for them)',
        params: CustomerParams,
        response: { 200: OptOutView, ...ErrorResponses },
      },
    },
    async (req) => care.optOut(actorOf(req), req.params.customerId),
  );

  app.delete(
    '/care/opt-outs/:customerId',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['care'],
        summary: 'The buyer asked to get care messages again',
        params: CustomerParams,
        response: { 200: OptOutView, ...ErrorResponses },
      },
    },
    async (req) => care.optIn(actorOf(req), req.params.customerId),
  );

  followUpRoutes(app, care);
};
