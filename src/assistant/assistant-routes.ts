import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses, PageQuery } from '../http/schemas.js';
import { AppError } from '../shared/app-error.js';
import type { LogRow } from './assistant-repo.js';
import type { AssistantService } from './assistant-service.js';
import { INTENTS } from './intent.js';
import { ASSISTANT_CHANNELS } from './settings.js';

const SettingsView = z.object({
  enabled: z.boolean(),
  threshold: z.number().min(0).max(1),
  channels: z.array(z.enum(ASSISTANT_CHANNELS)),
  intents: z.array(z.enum(INTENTS)),
  shipWithinHours: z.number().int().min(1).max(720),
  publicBaseUrl: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .nullable(),
});

const LogView = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  messageId: z.uuid(),
  intent: z.string().nullable(),
  confidence: z.number(),
  outcome: z.enum(['answered', 'handed_over']),
  reason: z.string().nullable(),
  cues: z.array(z.string()),
  answerMessageId: z.uuid().nullable(),
  draft: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
const toLogView = (l: LogRow) => ({ ...l, createdAt: l.createdAt.toISOString() });

const Range = {
  from: z.coerce.date(),
  to: z.coerce.date(),
};
const checkRange = (q: { from: Date; to: Date }) => {
  if (q.to <= q.from) throw new AppError('VALIDATION_FAILED', 'to: must be after from');
  if (q.to.getTime() - q.from.getTime() > 400 * 86_400_000)
    throw new AppError('VALIDATION_FAILED', 'to: at most 400 days after from');
};

const encodeCursor = (l: LogRow) =>
  Buffer.from(JSON.stringify([l.createdAt.toISOString(), l.id])).toString('base64url');
function decodeCursor(raw: string | undefined) {
  if (!raw) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString()) as [string, string];
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad');
    return { createdAt, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this list gave');
  }
}

export const assistantRoutes: FastifyPluginAsyncZod<{ assistant: AssistantService }> = async (
  app,
  { assistant },
) => {
  app.get(
    '/assistant/stats',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['assistant'],
        summary:
          'Buyer messages answered automatically, handed over, and answered ones whose buyer wrote again within 24 h',
        querystring: z.strictObject(Range),
        response: {
          200: z.object({
            answered: z.number().int(),
            handedOver: z.number().int(),
            reopenedWithin24h: z.number().int(),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      checkRange(req.query);
      return assistant.stats(actorOf(req), req.query.from, req.query.to);
    },
  );

  app.get(
    '/assistant/log',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['assistant'],
        summary: 'What the assistant did with each buyer message, newest first',
        querystring: z.strictObject({
          ...Range,
          outcome: z.enum(['answered', 'handed_over']).optional(),
          ...PageQuery,
        }),
        response: {
          200: z.object({ items: z.array(LogView), nextCursor: z.string().nullable() }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      checkRange(req.query);
      const { cursor, limit, ...filter } = req.query;
      const page = await assistant.log(actorOf(req), filter, limit, decodeCursor(cursor));
      return {
        items: page.items.map(toLogView),
        nextCursor: page.more ? encodeCursor(page.items.at(-1)!) : null,
      };
    },
  );

  app.get(
    '/assistant/settings',
    {
      config: { access: 'agent' },
      schema: { tags: ['assistant'], summary: 'The assistant’s settings', response: { 200: SettingsView } },
    },
    async (req) => assistant.settings(actorOf(req)),
  );

  app.put(
    '/assistant/settings',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['assistant'],
        summary: 'Switch the assistant on or off, set its confidence threshold, channels and questions',
        body: SettingsView.strict(),
        response: { 200: SettingsView, ...ErrorResponses },
      },
    },
    async (req) => assistant.saveSettings(actorOf(req), req.body),
  );

  app.post(
    '/assistant/preview',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['assistant'],
        summary: 'What the assistant would answer to a text (on a case, for its order): nothing is sent',
        body: z.strictObject({ text: z.string().min(1).max(2000), ticketId: z.uuid().optional() }),
        response: {
          200: z.object({
            intent: z.string().nullable(),
            confidence: z.number(),
            escalation: z.string().nullable(),
            cues: z.array(z.string()),
            outcome: z.enum(['answered', 'handed_over']),
            reason: z.string().nullable(),
            answer: z.string().nullable(),
            draft: z.string().nullable(),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const d = await assistant.preview(actorOf(req), req.body.text, req.body.ticketId);
      return {
        intent: d.recognised.intent,
        confidence: d.recognised.confidence,
        escalation: d.recognised.escalation,
        cues: d.recognised.cues,
        outcome: d.outcome,
        reason: d.reason,
        answer: d.answer,
        draft: d.draft,
      };
    },
  );
};
