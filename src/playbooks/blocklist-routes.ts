import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import type { BlocklistService } from './blocklist-service.js';
import type { BlockRow } from './playbooks-repo.js';

const BlockView = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string(),
  reason: z.string(),
  createdByName: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime().nullable(),
  liftedAt: z.iso.datetime().nullable(),
  liftedByName: z.string().nullable(),
});
const toBlockView = (b: BlockRow & { customerName?: string }) => ({
  id: b.id,
  customerId: b.customerId,
  customerName: b.customerName ?? '',
  reason: b.reason,
  createdByName: b.createdByName,
  createdAt: b.createdAt.toISOString(),
  expiresAt: b.expiresAt?.toISOString() ?? null,
  liftedAt: b.liftedAt?.toISOString() ?? null,
  liftedByName: b.liftedByName,
});

export const blocklistRoutes: FastifyPluginAsyncZod<{ blocklist: BlocklistService }> = async (
  app,
  { blocklist },
) => {
  app.get(
    '/blocklist',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['blocklist'],
        summary: 'Buyers on the blocklist (in force; all=true adds lifted and expired entries)',
        querystring: z.strictObject({
          all: z.enum(['true', 'false']).default('false'),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: z.object({ items: z.array(BlockView) }) },
      },
    },
    async (req) => ({
      items: (await blocklist.list(actorOf(req), req.query.all === 'true', req.query.limit)).map(toBlockView),
    }),
  );

  app.post(
    '/blocklist',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['blocklist'],
        summary: 'Put an abusive buyer on the blocklist, with the reason and an optional expiry',
        body: z.strictObject({
          customerId: z.uuid(),
          reason: z.string().trim().min(2).max(500),
          expiresAt: z.coerce.date().optional(),
        }),
        response: { 201: BlockView, ...ErrorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(toBlockView(await blocklist.add(actorOf(req), req.body))),
  );

  app.delete(
    '/blocklist/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['blocklist'],
        summary: 'Lift a blocklist entry',
        params: IdParams,
        response: { 200: BlockView, ...ErrorResponses },
      },
    },
    async (req) => toBlockView(await blocklist.lift(actorOf(req), req.params.id)),
  );
};
