import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { IsoDate } from '../http/json-dates.js';
import { ErrorResponses, PageQuery } from '../http/schemas.js';
import { DELIVERY_STATUSES } from '../tickets/ticket-types.js';
import { checkRange, decodeCursor, encodeCursor, Range } from './care-paging.js';
import type { CareService } from './care-service.js';
import type { FollowUpListItem } from './follow-up-repo.js';

export const FollowUpView = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  ticketNumber: z.number().int().nullable(),
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  platform: z.string().nullable(),
  closedAt: IsoDate,
  /**
   * written: the follow-up is in the case thread (its delivery says whether the buyer has it);
   * holdout: drawn at random into the group that gets none, so the report can measure the effect.
   */
  state: z.enum(['written', 'skipped', 'holdout']),
  skipReason: z.string().nullable(),
  messageId: z.uuid().nullable(),
  /**
   * The message's true delivery state: queued, sent (the platform took it), failed, manual (a person
   * must send it) or sent_by_hand (a person said they did; the platform never confirmed it).
   */
  deliveryStatus: z.enum(DELIVERY_STATUSES).nullable(),
  deliveryError: z.string().nullable(),
  /** The follow-up's text, to copy into the platform's back office (null: none was written). */
  body: z.string().nullable(),
  /** When the buyer first wrote in the case after the follow-up (null: no answer yet). */
  answeredAt: IsoDate.nullable(),
  createdAt: IsoDate,
});

/** A closed case whose follow-up is still to come: written at `dueAt` (the worker's next run once due). */
export const UpcomingFollowUpView = z.object({
  ticketId: z.uuid(),
  ticketNumber: z.number().int(),
  customerName: z.string().nullable(),
  platform: z.string().nullable(),
  channel: z.string(),
  closedAt: IsoDate,
  dueAt: IsoDate,
});
const Group = z.object({
  cases: z.number().int(),
  complaints: z.number().int(),
  negativeReviews: z.number().int(),
});
/** Follow-ups written against the random hold-out group (rates in %, differences in points). */
export const FollowUpReportView = z.object({
  effectDays: z.number().int(),
  written: Group,
  holdout: Group,
  enough: z.boolean(),
  metrics: z.array(
    z.object({
      metric: z.enum(['complaints', 'negativeReviews']),
      careRate: z.number().nullable(),
      holdoutRate: z.number().nullable(),
      differencePp: z.number().nullable(),
      lowPp: z.number().nullable(),
      highPp: z.number().nullable(),
      pValue: z.number().nullable(),
    }),
  ),
});

export const UpcomingFollowUpsView = z.object({
  /** The follow-up switch in the care settings: off, nothing is coming. */
  enabled: z.boolean(),
  followUpDays: z.number().int(),
  items: z.array(UpcomingFollowUpView),
});

const toView = (f: FollowUpListItem) => ({
  id: f.id,
  ticketId: f.ticketId,
  ticketNumber: f.ticketNumber,
  customerId: f.customerId,
  customerName: f.customerName,
  platform: f.platform,
  closedAt: f.closedAt,
  state: f.state,
  skipReason: f.skipReason,
  messageId: f.messageId,
  deliveryStatus: (DELIVERY_STATUSES as readonly string[]).includes(f.deliveryStatus ?? '')
    ? (f.deliveryStatus as (typeof DELIVERY_STATUSES)[number])
    : null,
  deliveryError: f.deliveryError,
  body: f.body,
  answeredAt: f.answeredAt,
  createdAt: f.createdAt,
});

/** Follow-ups after a case closed (registered by careRoutes, under its prefix). */
export function followUpRoutes(app: FastifyInstance, care: CareService) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/care/follow-ups',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['care'],
        summary: 'Closed cases the follow-up worker looked at: the follow-up written, or why none',
        querystring: z.strictObject({ ...Range, ...PageQuery }),
        response: {
          200: z.object({ items: z.array(FollowUpView), nextCursor: z.string().nullable() }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      checkRange(req.query);
      const { cursor, limit, from, to } = req.query;
      const rows = await care.listFollowUps(actorOf(req), { from, to }, limit, decodeCursor(cursor));
      const items = rows.slice(0, limit);
      return {
        items: items.map(toView),
        nextCursor: rows.length > limit ? encodeCursor(items.at(-1)!) : null,
      };
    },
  );

  app.withTypeProvider<ZodTypeProvider>().post(
    '/care/follow-ups/:id/sent-by-hand',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['care'],
        summary:
          'A person sent this written follow-up from the platform’s back office (audited; it then reads sent by a person, never delivered by the platform)',
        params: z.strictObject({ id: z.uuid() }),
        response: {
          200: z.object({ id: z.uuid(), ticketId: z.uuid(), deliveryStatus: z.literal('sent_by_hand') }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => care.markFollowUpSentByHand(actorOf(req), req.params.id),
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/care/follow-ups/upcoming',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['care'],
        summary: 'Closed cases whose follow-up is still to come, soonest first',
        querystring: z.strictObject({ limit: PageQuery.limit }),
        response: { 200: UpcomingFollowUpsView, ...ErrorResponses },
      },
    },
    async (req) => {
      const r = await care.upcomingFollowUps(actorOf(req), req.query.limit);
      return {
        enabled: r.enabled,
        followUpDays: r.followUpDays,
        items: r.items.map((d) => ({
          ticketId: d.ticketId,
          ticketNumber: d.number,
          customerName: d.customerName,
          platform: d.platform,
          channel: d.channel,
          closedAt: d.closedAt,
          dueAt: d.dueAt,
        })),
      };
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/care/follow-ups/report',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['care'],
        summary:
          'Cases closed in the range with a follow-up against the hold-out group: later complaints and negative reviews',
        querystring: z.strictObject(Range),
        response: { 200: FollowUpReportView, ...ErrorResponses },
      },
    },
    async (req) => {
      checkRange(req.query);
      return care.followUpReport(actorOf(req), req.query.from, req.query.to);
    },
  );
}
