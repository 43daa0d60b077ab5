import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { INBOX_STATUSES, OUTBOX_STATUSES } from '../db/schema/ingest.js';
import { actorOf } from '../http/access.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { ErrorResponses, IdParams, PageQuery } from '../http/schemas.js';
import { UUID_PATTERN } from '../shared/ids.js';
import { DeliveryView } from '../tickets/ticket-views.js';
import { deliveryOfOutbox } from './delivery-state.js';
import type { IngestService } from './ingest-service.js';
import { PddMessageHealth } from './pdd-message-status.js';

const EventView = z.object({
  id: z.string(),
  shopId: z.string(),
  platform: z.string(),
  externalEventId: z.string(),
  eventType: z.string(),
  status: z.enum(INBOX_STATUSES),
  outcome: z.string().nullable(),
  kind: z.string().nullable(),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  ticketId: z.string().nullable(),
  receivedAt: z.string(),
  processedAt: z.string().nullable(),
});
const EventDetail = EventView.extend({ payload: z.unknown() });

type EventRow = Awaited<ReturnType<IngestService['getEvent']>>;
const toEventView = (r: EventRow) => ({
  id: r.id,
  shopId: r.shopId,
  platform: r.platform,
  externalEventId: r.externalEventId,
  eventType: r.eventType,
  status: r.status,
  outcome: r.outcome,
  kind: r.kind,
  attempts: r.attempts,
  nextAttemptAt: r.nextAttemptAt.toISOString(),
  lastError: r.lastError,
  ticketId: r.ticketId,
  receivedAt: r.receivedAt.toISOString(),
  processedAt: r.processedAt?.toISOString() ?? null,
});

const OutboxView = z.object({
  id: z.string(),
  kind: z.string(),
  shopId: z.string(),
  platform: z.string(),
  ticketId: z.string().nullable(),
  messageId: z.string().nullable(),
  caseRef: z.string().nullable(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  /** The true state: queued, retrying (with the last reason), sent, failed (with the reason). */
  delivery: DeliveryView,
  ticketNumber: z.number().nullable().optional(),
  ticketSubject: z.string().nullable().optional(),
});
type OutboxRow = Awaited<ReturnType<IngestService['retry']>>;
type OutboxListRow = Awaited<ReturnType<IngestService['listOutbox']>>['items'][number];
const toOutboxView = (r: OutboxRow | OutboxListRow) => ({
  id: r.id,
  kind: r.kind,
  shopId: r.shopId,
  platform: r.platform,
  ticketId: r.ticketId,
  messageId: r.messageId,
  caseRef: r.caseRef,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.nextAttemptAt.toISOString(),
  lastError: r.lastError,
  createdAt: r.createdAt.toISOString(),
  sentAt: r.sentAt?.toISOString() ?? null,
  delivery: deliveryOfOutbox(r),
  ...('ticketNumber' in r ? { ticketNumber: r.ticketNumber, ticketSubject: r.ticketSubject } : {}),
});

const ShopHealth = z.object({
  shopId: z.string(),
  name: z.string(),
  platform: z.string(),
  enabled: z.boolean(),
  eventsLastHour: z.number(),
  eventsPerMinute: z.number(),
  lastEventAt: z.string().nullable(),
  pending: z.number(),
  failing: z.number(),
  dead: z.number(),
  unhandled: z.number(),
  outboxPending: z.number(),
  outboxFailed: z.number(),
  /** Why the shop "has failures": the latest failed delivery's stored reason and when. */
  lastDeliveryError: z.string().nullable(),
  lastDeliveryErrorAt: z.string().nullable(),
  /** Pinduoduo message service connection, when this process runs it for the shop. */
  messageService: PddMessageHealth.nullable(),
});

const isEventCursor = (v: unknown): v is { at: string; id: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { at: unknown }).at === 'string' &&
  !Number.isNaN(Date.parse((v as { at: string }).at)) &&
  typeof (v as { id: unknown }).id === 'string' &&
  UUID_PATTERN.test((v as { id: string }).id);

export const ingestRoutes: FastifyPluginAsyncZod<{ ingest: IngestService }> = async (app, { ingest }) => {
  app.get(
    '/ingest/events',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['ingest'],
        summary: 'Inbound platform events (filter unhandled / dead for the console lists)',
        querystring: z.strictObject({
          ...PageQuery,
          status: z.enum(INBOX_STATUSES).optional(),
          shopId: z.uuid().optional(),
        }),
        response: {
          200: z.object({ items: z.array(EventView), nextCursor: z.string().nullable() }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, next } = await ingest.listEvents(
        actorOf(request),
        { status: q.status, shopId: q.shopId },
        q.limit,
        decodeCursor(q.cursor, isEventCursor),
      );
      return { items: items.map(toEventView), nextCursor: next ? encodeCursor(next) : null };
    },
  );

  app.get(
    '/ingest/events/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['ingest'],
        summary:
          'One inbound event with its payload, personal data masked; reveal=true (supervisor, audited) shows it unmasked',
        params: IdParams,
        querystring: z.strictObject({ reveal: z.enum(['true', 'false']).optional() }),
        response: { 200: EventDetail, ...ErrorResponses },
      },
    },
    async (request) => {
      const row = await ingest.getEvent(actorOf(request), request.params.id, request.query.reveal === 'true');
      return { ...toEventView(row), payload: row.payload };
    },
  );

  app.post(
    '/ingest/events/:id/replay',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['ingest'],
        summary: 'Queue a dead-lettered or unhandled event again',
        params: IdParams,
        response: { 200: EventView, ...ErrorResponses },
      },
    },
    async (request) => toEventView(await ingest.replay(actorOf(request), request.params.id)),
  );

  app.get(
    '/ingest/health',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['ingest'],
        summary: 'Channel health per shop',
        response: { 200: z.object({ items: z.array(ShopHealth) }), ...ErrorResponses },
      },
    },
    async (request) => ({ items: await ingest.health(actorOf(request)) }),
  );

  app.get(
    '/ingest/outbox',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['ingest'],
        summary:
          'Outbound deliveries (queued, sent, failed), newest first; failed ones per shop for the console',
        querystring: z.strictObject({
          ...PageQuery,
          status: z.enum(OUTBOX_STATUSES).optional(),
          ticketId: z.uuid().optional(),
          shopId: z.uuid().optional(),
        }),
        response: {
          200: z.object({ items: z.array(OutboxView), nextCursor: z.string().nullable() }),
          ...ErrorResponses,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const { items, next } = await ingest.listOutbox(
        actorOf(request),
        { status: q.status, ticketId: q.ticketId, shopId: q.shopId },
        q.limit,
        decodeCursor(q.cursor, isEventCursor),
      );
      return { items: items.map(toOutboxView), nextCursor: next ? encodeCursor(next) : null };
    },
  );

  app.post(
    '/ingest/outbox/retry-failed',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['ingest'],
        summary: "Send every failed delivery of a shop again (after fixing the shop's settings)",
        body: z.strictObject({ shopId: z.uuid() }),
        response: { 200: z.object({ retried: z.number() }), ...ErrorResponses },
      },
    },
    async (request) => ({ retried: await ingest.retryFailed(actorOf(request), request.body.shopId) }),
  );

  app.post(
    '/ingest/outbox/:id/retry',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['ingest'],
        summary: 'Send a failed delivery again',
        params: IdParams,
        response: { 200: OutboxView, ...ErrorResponses },
      },
    },
    async (request) => toOutboxView(await ingest.retry(actorOf(request), { outboxId: request.params.id })),
  );

  app.post(
    '/ingest/messages/:id/retry',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['ingest'],
        summary: 'Send a failed outbound message again',
        params: IdParams,
        response: { 200: OutboxView, ...ErrorResponses },
      },
    },
    async (request) => toOutboxView(await ingest.retry(actorOf(request), { messageId: request.params.id })),
  );
};
