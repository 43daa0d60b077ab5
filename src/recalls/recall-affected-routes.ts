import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { ErrorBody, ErrorResponses, IdParams } from '../http/schemas.js';
import { UUID_PATTERN } from '../shared/ids.js';
import { affectedCsv, affectedXlsx } from './affected-export.js';
import type { AffectedOrder } from './affected-repo.js';
import type { RecallService } from './recall-service.js';
import { AffectedItem, Totals } from './recall-views.js';

/** A campaign's affected orders: the list, per shop, the export, the diff since announcement, recompute. */
const Errors = { ...ErrorResponses, 422: ErrorBody };

export const isCursor = (v: unknown): v is { id: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { id: unknown }).id === 'string' &&
  UUID_PATTERN.test((v as { id: string }).id);

const affectedView = (o: AffectedOrder) => ({
  ...o,
  paidAt: o.paidAt?.toISOString() ?? null,
  deliveredAt: o.deliveredAt?.toISOString() ?? null,
});

export const recallAffectedRoutes: FastifyPluginAsyncZod<{ recalls: RecallService }> = async (
  app,
  { recalls },
) => {
  app.get(
    '/recalls/:id/affected',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'Affected orders (live for a draft, frozen once announced), paged, with the totals',
        params: IdParams,
        querystring: z.strictObject({
          shopId: z.uuid().optional(),
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: {
          200: Totals.omit({ paidFen: true }).extend({
            paidFen: z.number(),
            frozen: z.boolean(),
            items: z.array(AffectedItem),
            nextCursor: z.string().nullable(),
          }),
          ...Errors,
        },
      },
    },
    async (req) => {
      const after = decodeCursor(req.query.cursor, isCursor);
      const page = await recalls.affected(
        actorOf(req),
        req.params.id,
        after?.id ?? null,
        req.query.limit,
        req.query.shopId,
      );
      return {
        ...page.totals,
        frozen: page.frozen,
        items: page.items.map(affectedView),
        nextCursor: page.next ? encodeCursor({ id: page.next }) : null,
      };
    },
  );

  app.get(
    '/recalls/:id/affected/by-shop',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'Affected orders and units per shop and platform',
        params: IdParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                shopId: z.uuid(),
                shopName: z.string(),
                platform: z.string(),
                orders: z.number(),
                units: z.number(),
              }),
            ),
          }),
          ...Errors,
        },
      },
    },
    async (req) => ({ items: await recalls.byShop(actorOf(req), req.params.id) }),
  );

  app.get(
    '/recalls/:id/affected/export',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['recalls'],
        summary: 'Every affected order as CSV or XLSX',
        params: IdParams,
        querystring: z.strictObject({ format: z.enum(['csv', 'xlsx']).default('csv') }),
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const all: AffectedOrder[] = [];
      let after: string | null = null;
      // Keyset pages keep each query small; the export is capped where a spreadsheet stops being useful.
      for (let i = 0; i < 200; i++) {
        const page = await recalls.affected(actor, req.params.id, after, 5000);
        all.push(...page.items);
        if (!page.next) break;
        after = page.next;
      }
      const name = `recall-${req.params.id.slice(0, 8)}.${req.query.format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (req.query.format === 'xlsx') {
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(await affectedXlsx(all));
      }
      return reply.type('text/csv; charset=utf-8').send(affectedCsv(all));
    },
  );

  app.get(
    '/recalls/:id/affected/diff',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary: 'What recomputing the frozen scope now would add and remove',
        params: IdParams,
        response: {
          200: z.object({
            addedOrders: z.number(),
            removedOrders: z.number(),
            addedUnits: z.number(),
            removedUnits: z.number(),
            added: z.array(z.string()),
            removed: z.array(z.string()),
          }),
          ...Errors,
        },
      },
    },
    async (req) => recalls.diff(actorOf(req), req.params.id),
  );

  app.post(
    '/recalls/:id/affected/recompute',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['recalls'],
        summary: 'Recompute the frozen scope from the order lines now; answers with the diff applied',
        params: IdParams,
        response: {
          200: z.object({
            addedOrders: z.number(),
            removedOrders: z.number(),
            addedUnits: z.number(),
            removedUnits: z.number(),
            added: z.array(z.string()),
            removed: z.array(z.string()),
          }),
          ...Errors,
        },
      },
    },
    async (req) => recalls.refreeze(actorOf(req), req.params.id),
  );
};
