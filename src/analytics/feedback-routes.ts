import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { actorOf } from '../http/access.js';
import { ErrorResponses } from '../http/schemas.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { insertFeedback, ticketExists } from './feedback-repo.js';

const Score = z.number().int().min(1).max(5);
const FeedbackBody = z.strictObject({
  ticketId: z.uuid(),
  kind: z.enum(['csat', 'review_revision']),
  score: Score,
  previousScore: Score.optional(),
  at: z.coerce.date().optional(),
});

/**
 * What the buyer said afterwards: the satisfaction answer to the survey, or a review revised after
 * the merchant's reply (recorded by an agent, an import or a platform sync). The service dashboard
 * reads both: the CSAT trend and negative reviews turned positive.
 */
export const feedbackRoutes: FastifyPluginAsyncZod<{ db: Db; clock: Clock }> = async (app, { db, clock }) => {
  app.post(
    '/analytics/feedback',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['analytics'],
        body: FeedbackBody,
        response: {
          201: z.object({ id: z.string(), ticketId: z.string(), kind: z.string(), score: z.number() }),
          ...ErrorResponses,
        },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const scope = scopeTo(db, actor.tenantId);
      const body = req.body;
      if (!(await ticketExists(scope, body.ticketId)))
        throw new AppError('TICKET_NOT_FOUND', `ticket ${body.ticketId} not found`);
      if (body.kind === 'review_revision' && body.previousScore === undefined)
        throw new AppError('VALIDATION_FAILED', 'a revised review needs its previous score');
      const now = clock.now();
      if (body.at && body.at > now) throw new AppError('VALIDATION_FAILED', 'at lies in the future');
      const row = await insertFeedback(scope, {
        id: newId(),
        ticketId: body.ticketId,
        kind: body.kind,
        score: body.score,
        previousScore: body.previousScore ?? null,
        at: body.at ?? now,
        recordedByName: actor.name,
      });
      return reply.status(201).send({ id: row.id, ticketId: row.ticketId, kind: row.kind, score: row.score });
    },
  );
};
