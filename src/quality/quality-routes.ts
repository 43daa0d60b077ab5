import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { QUALITY_TASK_KINDS, QUALITY_TASK_STATUSES } from '../db/schema/quality.js';
import { actorOf } from '../http/access.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import { UUID_PATTERN } from '../shared/ids.js';
import type { ListingService } from './listing-service.js';
import {
  ComplaintLinkView,
  Day,
  DocumentFields,
  DocumentView,
  FlagView,
  TaskView,
  toDocumentView,
  toFlagView,
  toTaskView,
} from './listing-views.js';
import { PartialSettings, QualitySettings } from './quality-settings.js';

const isTaskCursor = (v: unknown): v is { at: string; id: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { at: unknown }).at === 'string' &&
  !Number.isNaN(Date.parse((v as { at: string }).at)) &&
  typeof (v as { id: unknown }).id === 'string' &&
  UUID_PATTERN.test((v as { id: string }).id);

/** Fix tasks, publicly flagged SKUs, qualification documents and the merchant's quality settings. */
export const qualityRoutes: FastifyPluginAsyncZod<{ listings: ListingService }> = async (
  app,
  { listings },
) => {
  app.get(
    '/quality/tasks',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['quality'],
        summary: 'Fix and clear-stock tasks, newest first',
        querystring: z.strictObject({
          shopId: z.uuid().optional(),
          status: z.enum(QUALITY_TASK_STATUSES).optional(),
          kind: z.enum(QUALITY_TASK_KINDS).optional(),
          listingId: z.uuid().optional(),
          ticketId: z.uuid().optional(),
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({ items: z.array(TaskView), nextCursor: z.string().nullable() }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const { cursor, limit, ...filter } = req.query;
      const c = decodeCursor(cursor, isTaskCursor);
      const page = await listings.tasks(
        actorOf(req),
        filter,
        limit,
        c ? { at: new Date(c.at), id: c.id } : null,
      );
      return {
        items: page.items.map(toTaskView),
        nextCursor: page.next ? encodeCursor({ at: page.next.at.toISOString(), id: page.next.id }) : null,
      };
    },
  );

  app.post(
    '/quality/tasks/:id/close',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['quality'],
        summary:
          'Close a task: done (a fix task only once its listing passes the check) or dismissed with a note',
        params: IdParams,
        body: z.strictObject({
          status: z.enum(['done', 'dismissed']),
          note: z.string().trim().max(1000).optional(),
        }),
        response: { 200: TaskView, ...ErrorResponses },
      },
    },
    async (req) => toTaskView(await listings.closeTask(actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/quality/flags',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['quality'],
        summary: 'SKUs the platform has publicly flagged for high negative feedback (not yet cleared)',
        querystring: z.strictObject({ shopId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(FlagView) }), ...ErrorResponses },
      },
    },
    async (req) => ({ items: (await listings.flags(actorOf(req), req.query.shopId)).map(toFlagView) }),
  );

  app.post(
    '/quality/flags',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['quality'],
        summary:
          'Enter a publicly flagged SKU: its listings are checked again and a clear-the-stock task opens',
        body: z.strictObject({
          shopId: z.uuid(),
          skuCode: z.string().trim().min(1).max(100),
          reason: z.string().trim().min(1).max(500),
          flaggedOn: Day.optional(),
        }),
        response: { 201: FlagView, ...ErrorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(toFlagView(await listings.flag(actorOf(req), req.body))),
  );

  app.post(
    '/quality/flags/:id/clear',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['quality'],
        summary: 'The platform lifted the flag',
        params: IdParams,
        response: { 200: FlagView, ...ErrorResponses },
      },
    },
    async (req) => toFlagView(await listings.clearFlag(actorOf(req), req.params.id)),
  );

  app.get(
    '/quality/documents',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['quality'],
        summary: 'Qualification documents with their expiry, soonest first',
        response: { 200: z.object({ items: z.array(DocumentView) }) },
      },
    },
    async (req) => ({ items: (await listings.documents(actorOf(req))).map(toDocumentView) }),
  );

  app.post(
    '/quality/documents',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['quality'],
        summary:
          'Record a shop’s (business licence, category whitelist) or a listing’s (inspection certificate) document; ' +
          'the listings it counts for are checked again',
        body: z
          .strictObject({
            holderType: z.enum(['shop', 'listing']),
            holderId: z.uuid(),
            ...DocumentFields,
          })
          .refine((d) => !d.issuedOn || !d.expiresOn || d.issuedOn <= d.expiresOn, {
            message: 'expiresOn is before issuedOn',
          }),
        response: { 201: DocumentView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toDocumentView(await listings.addDocument(actorOf(req), req.body))),
  );

  app.delete(
    '/quality/documents/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['quality'],
        summary: 'Remove a document',
        params: IdParams,
        response: { 200: DocumentView, ...ErrorResponses },
      },
    },
    async (req) => toDocumentView(await listings.deleteDocument(actorOf(req), req.params.id)),
  );

  app.get(
    '/quality/complaint-links',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['quality'],
        summary:
          'Not-as-described complaints tied to the listing as the buyer saw it when paying (the snapshot), with the claim that misled',
        querystring: z
          .strictObject({ ticketId: z.uuid().optional(), listingId: z.uuid().optional() })
          .refine((q) => q.ticketId || q.listingId, { message: 'give ticketId or listingId' }),
        response: { 200: z.object({ items: z.array(ComplaintLinkView) }), ...ErrorResponses },
      },
    },
    async (req) => ({ items: await listings.complaintLinks(actorOf(req), req.query) }),
  );

  app.get(
    '/quality/settings',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['quality'],
        summary:
          'Listing and supplier rules (image minimums, title limits, thresholds): defaults where not set',
        response: { 200: QualitySettings },
      },
    },
    async (req) => listings.settings(actorOf(req)),
  );

  app.put(
    '/quality/settings',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['quality'],
        summary: 'Change some settings (the rest keep their values)',
        body: PartialSettings,
        response: { 200: QualitySettings, ...ErrorResponses },
      },
    },
    async (req) => listings.saveSettings(actorOf(req), req.body),
  );
};
