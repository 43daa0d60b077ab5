import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/roles.js';
import { actorOf } from '../http/access.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { ErrorResponses, IdParams, PageQuery, page } from '../http/schemas.js';
import { queryTerms } from '../search/terms.js';
import { UUID_PATTERN } from '../shared/ids.js';
import type { Cursor, TicketFilter } from './ticket-repo.js';
import type { TicketService } from './ticket-service.js';
import {
  COMPLAINT_CATEGORIES,
  ROOT_CAUSES,
  SEVERITIES,
  TICKET_CHANNELS,
  TICKET_KINDS,
  TICKET_STATUSES,
} from './ticket-types.js';
import {
  AuditView,
  MessageView,
  TicketDetail,
  TicketView,
  toMessageView,
  toTicketView,
} from './ticket-views.js';

const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(500)
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).max(20));

const Tag = z.string().trim().min(1).max(40);
const Category = z.string().trim().min(1).max(60);

const isCursor = (v: unknown): v is Cursor =>
  typeof v === 'object' &&
  v !== null &&
  (typeof (v as Cursor).v === 'string' || (v as Cursor).v === null) &&
  typeof (v as Cursor).id === 'string' &&
  UUID_PATTERN.test((v as Cursor).id) &&
  ((v as Cursor).v === null ||
    (v as Cursor).v === 'infinity' ||
    !Number.isNaN(Date.parse((v as Cursor).v ?? '')));

export const ListQuery = z.strictObject({
  ...PageQuery,
  /** Full-text search over subject and messages (Chinese and English); combined with the filters. */
  q: z.string().max(1000).optional(),
  status: csvOf([...TICKET_STATUSES, 'open'] as const).optional(),
  kind: csvOf(TICKET_KINDS).optional(),
  channel: csvOf(TICKET_CHANNELS).optional(),
  severity: csvOf(SEVERITIES).optional(),
  shopId: z
    .string()
    .max(400)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.uuid()).max(20))
    .optional(),
  assigneeId: z.union([z.literal('me'), z.literal('none'), z.uuid()]).optional(),
  customerId: z.uuid().optional(),
  orderId: z.uuid().optional(),
  category: Category.optional(),
  tag: Tag.optional(),
  sort: z.enum(['due', 'created', 'updated']).default('due'),
});

/** The inbox filters of a list query (shared with GET /search). */
export function filterOf(actor: Actor, q: z.infer<typeof ListQuery>): TicketFilter {
  const statuses = q.status?.filter((s) => s !== 'open') as (typeof TICKET_STATUSES)[number][] | undefined;
  return {
    statuses,
    openOnly: q.status?.includes('open'),
    kinds: q.kind,
    channels: q.channel,
    severities: q.severity,
    shopIds: q.shopId,
    assigneeId:
      q.assigneeId === 'me' ? (actor.id ?? undefined) : q.assigneeId === 'none' ? null : q.assigneeId,
    customerId: q.customerId,
    orderId: q.orderId,
    category: q.category,
    tag: q.tag,
  };
}

const CreateBody = z.strictObject({
  kind: z.enum(TICKET_KINDS),
  channel: z.enum(TICKET_CHANNELS),
  subject: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000).optional(),
  severity: z.enum(SEVERITIES).optional(),
  categories: z.array(z.enum(COMPLAINT_CATEGORIES)).max(13).optional(),
  tags: z.array(Tag).max(20).optional(),
  shopId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  customer: z
    .strictObject({
      name: z.string().trim().min(1).max(100),
      externalId: z.string().trim().min(1).max(100).optional(),
      phone: z
        .string()
        .trim()
        .regex(/^\+?[\d\s-]{5,20}$/, 'digits only')
        .optional(),
      email: z.email().max(254).optional(),
    })
    .optional(),
  orderId: z.uuid().optional(),
  /** The line of that order (the SKU) the case is about. */
  orderItemId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  externalRef: z.string().trim().min(1).max(100).optional(),
});

const PatchBody = z.strictObject({
  subject: z.string().trim().min(1).max(200).optional(),
  kind: z.enum(TICKET_KINDS).optional(),
  severity: z.enum(SEVERITIES).optional(),
  categories: z.array(z.enum(COMPLAINT_CATEGORIES)).max(13).optional(),
  tags: z.array(Tag).max(20).optional(),
  assigneeId: z.uuid().nullable().optional(),
  orderId: z.uuid().nullable().optional(),
  orderItemId: z.uuid().nullable().optional(),
});

const MessageBody = z.strictObject({
  direction: z.enum(['inbound', 'outbound', 'note']).default('outbound'),
  body: z.string().trim().min(1).max(20_000),
  attachments: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(200),
        // http(s) only: a javascript: or data: link would run or render in the agent's browser.
        url: z
          .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
          .max(2000)
          .optional(),
        sha256: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .optional(),
        kind: z.string().max(40).optional(),
      }),
    )
    .max(20)
    .optional(),
});

const StatusBody = z.strictObject({
  status: z.enum(TICKET_STATUSES),
  rootCause: z.enum(ROOT_CAUSES).optional(),
  resolution: z.string().trim().min(1).max(2000).optional(),
});

export const ticketRoutes: FastifyPluginAsyncZod<{ tickets: TicketService }> = async (app, { tickets }) => {
  app.get(
    '/tickets',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tickets'],
        summary: 'The inbox: filter, sort by SLA due / created / updated, page by cursor',
        querystring: ListQuery,
        response: {
          200: page(TicketView).extend({
            total: z.number().int().optional().describe('How many match, given with the first page'),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const q = req.query;
      const filter = { ...filterOf(actor, q), text: q.q?.trim() ? queryTerms(q.q) : undefined };
      const cursor = decodeCursor(q.cursor, isCursor);
      const [{ rows, nextCursor }, total] = await Promise.all([
        tickets.list(actor, filter, q.sort, q.limit, cursor),
        cursor ? undefined : tickets.count(actor, filter),
      ]);
      return {
        items: rows.map(toTicketView),
        nextCursor: nextCursor ? encodeCursor(nextCursor) : null,
        ...(total === undefined ? {} : { total }),
      };
    },
  );

  app.post(
    '/tickets',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tickets'],
        summary: 'Open a case (a hotline call, an e-mail, a case typed in by hand)',
        body: CreateBody,
        response: { 201: TicketView, ...ErrorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(toTicketView(await tickets.create(actorOf(req), req.body))),
  );

  app.get(
    '/tickets/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tickets'],
        summary: 'One case with its shop, customer and order',
        params: IdParams,
        response: { 200: TicketDetail, ...ErrorResponses },
      },
    },
    async (req) => {
      const { ticket, shop, customer, order, items, assigneeName } = await tickets.get(
        actorOf(req),
        req.params.id,
      );
      return {
        ...toTicketView(ticket),
        assigneeName,
        shopName: shop?.name ?? null,
        shopPlatform: shop?.platform ?? null,
        customerName: customer?.name ?? null,
        shop: shop
          ? { id: shop.id, name: shop.name, platform: shop.platform, timezone: shop.timezone }
          : null,
        customer: customer
          ? {
              id: customer.id,
              name: customer.name,
              externalId: customer.externalId,
              phoneMasked: customer.phoneMasked,
              email: customer.email,
              locale: customer.locale,
            }
          : null,
        order: order
          ? {
              id: order.id,
              externalId: order.externalId,
              status: order.status,
              totalFen: order.totalFen,
              currency: order.currency,
              paidAt: order.paidAt?.toISOString() ?? null,
              deliveredAt: order.deliveredAt?.toISOString() ?? null,
              carrier: order.carrier,
              trackingNo: order.trackingNo,
              items: items.map((i) => ({
                id: i.id,
                name: i.name,
                quantity: i.quantity,
                paidFen: i.paidFen,
                batch: i.batch,
                supplier: i.supplier,
              })),
            }
          : null,
      };
    },
  );

  app.patch(
    '/tickets/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tickets'],
        summary: 'Assign, re-classify, tag or link an order',
        params: IdParams,
        body: PatchBody,
        response: { 200: TicketView, ...ErrorResponses },
      },
    },
    async (req) => toTicketView(await tickets.update(actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/tickets/:id/messages',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tickets'],
        summary: 'The thread: inbound, outbound and internal notes',
        params: IdParams,
        response: { 200: z.object({ items: z.array(MessageView) }), ...ErrorResponses },
      },
    },
    async (req) => ({ items: (await tickets.messages(actorOf(req), req.params.id)).map(toMessageView) }),
  );

  app.post(
    '/tickets/:id/messages',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tickets'],
        summary: 'Reply to the buyer, add an internal note, or record a buyer message',
        params: IdParams,
        body: MessageBody,
        response: { 201: z.object({ message: MessageView, ticket: TicketView }), ...ErrorResponses },
      },
    },
    async (req, reply) => {
      const { message, ticket } = await tickets.addMessage(actorOf(req), req.params.id, req.body);
      return reply.status(201).send({ message: toMessageView(message), ticket: toTicketView(ticket) });
    },
  );

  app.post(
    '/tickets/:id/messages/:messageId/sent-by-hand',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tickets'],
        summary:
          'Say a reply waiting for a person (the platform has no API for it) was sent from the platform’s back office: sent by hand, audited',
        params: z.strictObject({ id: z.uuid(), messageId: z.uuid() }),
        body: z.strictObject({}).optional(),
        response: { 200: MessageView, ...ErrorResponses },
      },
    },
    async (req) =>
      toMessageView(await tickets.markSentByHand(actorOf(req), req.params.id, req.params.messageId)),
  );

  app.post(
    '/tickets/:id/status',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tickets'],
        summary: 'Move the case along its status machine; closing needs a root cause',
        params: IdParams,
        body: StatusBody,
        response: { 200: TicketView, ...ErrorResponses },
      },
    },
    async (req) => toTicketView(await tickets.changeStatus(actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/tickets/:id/audit',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tickets'],
        summary: 'Every change of the case: who, when, before, after',
        params: IdParams,
        response: { 200: z.object({ items: z.array(AuditView) }), ...ErrorResponses },
      },
    },
    async (req) => ({
      items: (await tickets.audit(actorOf(req), req.params.id)).map((e) => ({
        id: e.id,
        action: e.action,
        actorType: e.actorType,
        actorName: e.actorName,
        before: e.before ?? null,
        after: e.after ?? null,
        at: e.at.toISOString(),
      })),
    }),
  );
};
