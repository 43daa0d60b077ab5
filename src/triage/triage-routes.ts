import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { TicketView, toTicketView } from '../tickets/ticket-views.js';
import { ASPECTS } from './aspects.js';
import { SentimentAdaptationView } from './sentiment-adaptation-views.js';
import { CATEGORIES, LANGUAGES, TRIAGE_SEVERITIES } from './taxonomy.js';
import type { CorrectionRow, LexiconRow, TriageService } from './triage-service.js';

const iso = z.iso.datetime();

const LexiconEntry = z.object({
  id: z.uuid(),
  term: z.string(),
  category: z.enum(CATEGORIES).nullable(),
  severity: z.enum(['critical', 'high']).nullable(),
  createdAt: iso,
});
const toLexiconEntry = (r: LexiconRow) => ({
  id: r.id,
  term: r.term,
  category: (r.category ?? null) as never,
  severity: (r.severity ?? null) as never,
  createdAt: r.createdAt.toISOString(),
});

const Correction = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  field: z.enum(['categories', 'severity']),
  autoValue: z.union([z.string(), z.array(z.string())]),
  agentValue: z.union([z.string(), z.array(z.string())]),
  userId: z.uuid().nullable(),
  userName: z.string(),
  createdAt: iso,
});
const toCorrection = (r: CorrectionRow) => ({ ...r, createdAt: r.createdAt.toISOString() });

const Analysis = z.object({
  language: z.enum(LANGUAGES),
  sentiment: z.enum(['negative', 'neutral', 'positive']),
  score: z.number(),
  categories: z.array(z.enum(CATEGORIES)),
  severity: z.enum(TRIAGE_SEVERITIES),
  aspects: z.array(
    z.object({
      aspect: z.enum(ASPECTS),
      polarity: z.enum(['positive', 'negative', 'neutral']),
      terms: z.array(z.string()),
    }),
  ),
  pii: z.array(z.object({ type: z.string(), start: z.number(), end: z.number(), masked: z.string() })),
  explanation: z.record(z.string(), z.unknown()),
  truncated: z.boolean().optional(),
});

const Ratio = z.number().nullable();
const Matrix = z.record(z.string(), z.record(z.string(), z.number()));
const Report = z.object({
  since: iso,
  days: z.number(),
  reviewedTickets: z.number(),
  categories: z.object({
    tickets: z.number(),
    exactMatch: Ratio,
    microPrecision: Ratio,
    microRecall: Ratio,
    perCategory: z.array(
      z.object({
        category: z.string(),
        tp: z.number(),
        fp: z.number(),
        fn: z.number(),
        tn: z.number(),
        precision: Ratio,
        recall: Ratio,
      }),
    ),
    matrix: Matrix,
  }),
  severity: z.object({ tickets: z.number(), accuracy: Ratio, matrix: Matrix }),
  aspects: z.object({
    cases: z.number(),
    counts: z.record(
      z.string(),
      z.object({ positive: z.number(), negative: z.number(), neutral: z.number() }),
    ),
  }),
});

const Agreement = z.object({ examples: z.number(), microF1: z.number(), exactMatch: z.number() });
const AdjustmentView = z.object({
  status: z.enum(['none', 'ready', 'too_few', 'failed']),
  examples: z.number(),
  minExamples: z.number(),
  before: Agreement.nullable(),
  after: Agreement.nullable(),
  trainedAt: iso.nullable(),
  error: z.string().nullable(),
});

export const triageRoutes: FastifyPluginAsyncZod<{ triage: TriageService; tickets: TicketService }> = async (
  app,
  { triage, tickets },
) => {
  app.post(
    '/triage/analyze',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['triage'],
        summary: 'Analyse a text with the built-in and this tenant’s lexicon (PII is returned masked)',
        body: z.strictObject({ text: z.string().max(100_000) }),
        response: { 200: Analysis, ...ErrorResponses },
      },
    },
    async (req) => triage.analyzeText(actorOf(req), req.body.text),
  );

  app.get(
    '/triage/lexicon',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['triage'],
        summary: 'This tenant’s own lexicon terms',
        response: { 200: z.object({ items: z.array(LexiconEntry) }), ...ErrorResponses },
      },
    },
    async (req) => ({ items: (await triage.listLexicon(actorOf(req))).map(toLexiconEntry) }),
  );

  app.post(
    '/triage/lexicon',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['triage'],
        summary: 'Add a term: it puts texts in a category and/or raises their severity',
        body: z.strictObject({
          term: z.string().trim().min(1).max(50),
          category: z.enum(CATEGORIES).optional(),
          severity: z.enum(['critical', 'high']).optional(),
        }),
        response: { 201: LexiconEntry, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toLexiconEntry(await triage.addLexicon(actorOf(req), req.body))),
  );

  app.delete(
    '/triage/lexicon/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['triage'],
        summary: 'Remove a term',
        params: IdParams,
        response: { 204: z.null(), ...ErrorResponses },
      },
    },
    async (req, reply) => {
      await triage.removeLexicon(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/tickets/:id/triage/corrections',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['triage'],
        summary: 'Correct (or confirm) the automatic categories and/or severity of a ticket',
        params: IdParams,
        body: z
          .strictObject({
            categories: z.array(z.enum(CATEGORIES)).max(13).optional(),
            severity: z.enum(TRIAGE_SEVERITIES).optional(),
          })
          .refine((b) => b.categories !== undefined || b.severity !== undefined, {
            message: 'give categories, severity, or both',
          }),
        response: { 200: TicketView, ...ErrorResponses },
      },
    },
    async (req) => toTicketView(await triage.correct(actorOf(req), tickets, req.params.id, req.body)),
  );

  app.get(
    '/tickets/:id/triage/corrections',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['triage'],
        summary: 'The corrections made on a ticket, newest first',
        params: IdParams,
        response: { 200: z.object({ items: z.array(Correction) }), ...ErrorResponses },
      },
    },
    async (req) => ({ items: (await triage.listCorrections(actorOf(req), req.params.id)).map(toCorrection) }),
  );

  app.get(
    '/triage/corrections/report',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['triage'],
        summary: 'Triage against agents: per-category confusion, category and severity matrices',
        querystring: z.strictObject({ days: z.coerce.number().int().min(1).max(366).default(90) }),
        response: { 200: Report, ...ErrorResponses },
      },
    },
    async (req) => triage.report(actorOf(req), req.query.days),
  );

  app.get(
    '/triage/adjustment',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['triage'],
        summary:
          'This tenant’s adjustment layer, learned from its agents’ corrections: status and the before/after agreement with the agents',
        response: { 200: AdjustmentView, ...ErrorResponses },
      },
    },
    async (req) => triage.adjustmentStatus(actorOf(req)),
  );

  app.post(
    '/triage/adjustment/retrain',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['triage'],
        summary: 'Retrain this tenant’s adjustment layer in the background (202: started, not finished)',
        body: z.strictObject({}).optional(),
        response: { 202: z.object({ started: z.literal(true) }), ...ErrorResponses },
      },
    },
    async (req, reply) => {
      triage.retrainAdjustment(actorOf(req));
      return reply.status(202).send({ started: true });
    },
  );

  app.get(
    '/triage/sentiment-adaptation',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['triage'],
        summary:
          'This tenant’s sentiment adaptation, self-trained on its own buyers’ texts: status, texts read, agreement with the shipped model',
        response: { 200: SentimentAdaptationView, ...ErrorResponses },
      },
    },
    async (req) => triage.sentimentAdaptation.view(actorOf(req).tenantId),
  );

  app.post(
    '/triage/sentiment-adaptation/retrain',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['triage'],
        summary: 'Retrain this tenant’s sentiment adaptation in the background (202: started, not finished)',
        body: z.strictObject({}).optional(),
        response: { 202: z.object({ started: z.literal(true) }), ...ErrorResponses },
      },
    },
    async (req, reply) => {
      triage.sentimentAdaptation.start(actorOf(req).tenantId);
      return reply.status(202).send({ started: true });
    },
  );

  app.get(
    '/tickets/:id/messages/:messageId/original',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['triage'],
        summary: 'The unmasked body of a message (PII shown); the reveal is audited',
        params: z.strictObject({ id: z.uuid(), messageId: z.uuid() }),
        response: { 200: z.object({ id: z.uuid(), body: z.string() }), ...ErrorResponses },
      },
    },
    async (req) => triage.revealMessage(actorOf(req), req.params.id, req.params.messageId),
  );
};
