import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses } from '../http/schemas.js';
import { AppError } from '../shared/app-error.js';
import type { TicketService } from './ticket-service.js';
import { ROOT_CAUSES } from './ticket-types.js';

// The inbox's bulk actions. Each case is done on its own, so one case that cannot move (already
// closed, gone) is reported beside the others instead of failing the whole selection.
const BulkBody = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('assign'),
    ids: z.array(z.uuid()).min(1).max(200),
    assigneeId: z.uuid().nullable(),
  }),
  z.strictObject({
    action: z.literal('close'),
    ids: z.array(z.uuid()).min(1).max(200),
    rootCause: z.enum(ROOT_CAUSES),
    resolution: z.string().trim().min(1).max(2000).optional(),
  }),
  z.strictObject({
    action: z.literal('tag'),
    ids: z.array(z.uuid()).min(1).max(200),
    tag: z.string().trim().min(1).max(40),
  }),
]);

const BulkResult = z.object({
  done: z.number().int(),
  failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })),
});

export const bulkRoutes: FastifyPluginAsyncZod<{ tickets: TicketService }> = async (app, { tickets }) => {
  app.post(
    '/tickets/bulk',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['tickets'],
        summary: 'Assign, close or tag several cases at once; each case that cannot is listed with why',
        body: BulkBody,
        response: { 200: BulkResult, ...ErrorResponses },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const body = req.body;
      const ids = [...new Set(body.ids)];
      const failed: z.infer<typeof BulkResult>['failed'] = [];
      for (const id of ids) {
        try {
          if (body.action === 'assign') {
            await tickets.update(actor, id, { assigneeId: body.assigneeId });
          } else if (body.action === 'close') {
            await tickets.changeStatus(actor, id, {
              status: 'closed',
              rootCause: body.rootCause,
              resolution: body.resolution,
            });
          } else {
            await tickets.updateMany(actor, [
              {
                id,
                patch: (current) => ({ tags: [...new Set([...current.tags, body.tag])].slice(0, 20) }),
              },
            ]);
          }
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          failed.push({ id, code: error.code, message: error.message });
        }
      }
      return { done: ids.length - failed.length, failed };
    },
  );
};
