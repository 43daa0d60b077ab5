import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import { COMPLAINT_CATEGORIES, TICKET_STATUSES } from '../tickets/ticket-types.js';
import { REMEDIES } from './offer-rules.js';
import type { PlaybookService } from './playbook-service.js';
import type { PlaybookRow } from './playbooks-repo.js';

const Title = z.strictObject({
  zh: z.string().trim().min(1).max(200),
  en: z.string().trim().min(1).max(200),
});
const Step = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  action: z.enum(['reply', 'request_evidence', 'offer', 'check_tracking', 'internal_note', 'task', 'close']),
  title: Title,
  templateKey: z.string().max(60).optional(),
  remedies: z.array(z.enum(REMEDIES)).max(8).optional(),
  couponFen: z.number().int().min(0).max(1_000_000_00).optional(),
  statuses: z.array(z.enum(TICKET_STATUSES)).max(8).optional(),
});
export const StepView = z.object({
  key: z.string(),
  action: z.string(),
  title: z.object({ zh: z.string(), en: z.string() }),
  templateKey: z.string().optional(),
  remedies: z.array(z.string()).optional(),
  couponFen: z.number().optional(),
  statuses: z.array(z.string()).optional(),
});
export const PlaybookView = z.object({
  id: z.uuid(),
  category: z.string(),
  name: z.string(),
  steps: z.array(StepView),
  enabled: z.boolean(),
  updatedAt: z.iso.datetime(),
});
const toPlaybookView = (p: PlaybookRow) => ({
  id: p.id,
  category: p.category,
  name: p.name,
  steps: p.steps,
  enabled: p.enabled,
  updatedAt: p.updatedAt.toISOString(),
});

export const TicketPlaybookView = z.object({
  ticketId: z.uuid(),
  status: z.string(),
  playbook: PlaybookView.nullable(),
  doneSteps: z.array(z.object({ key: z.string(), at: z.string(), by: z.string() })),
  applied: z.boolean(),
  nextStep: StepView.nullable(),
  blocklisted: z
    .object({ id: z.uuid(), reason: z.string(), expiresAt: z.iso.datetime().nullable() })
    .nullable(),
});
type TicketPlaybook = Awaited<ReturnType<PlaybookService['forTicket']>>;
const toTicketPlaybookView = (r: TicketPlaybook): z.infer<typeof TicketPlaybookView> => ({
  ticketId: r.ticket.id,
  status: r.ticket.status,
  playbook: r.playbook ? toPlaybookView(r.playbook) : null,
  doneSteps: r.run?.playbookId === r.playbook?.id ? (r.run?.doneSteps ?? []) : [],
  applied: r.run !== null,
  nextStep: r.nextStep,
  blocklisted: r.blocklisted
    ? { ...r.blocklisted, expiresAt: r.blocklisted.expiresAt?.toISOString() ?? null }
    : null,
});

const Limit = z.number().int().min(0).max(100_000_000_00).nullable();
export const ExposureView = z.object({
  ticketId: z.uuid(),
  orderId: z.uuid().nullable(),
  orderValueFen: z.number().nullable(),
  lines: z.array(
    z.object({
      rule: z.string(),
      citation: z.object({ zh: z.string(), en: z.string() }),
      applies: z.boolean(),
      amountFen: z.number().nullable(),
      reason: z.string(),
      detail: z.record(z.string(), z.unknown()),
      uncertain: z.boolean(),
    }),
  ),
});

export const LimitsView = z.object({
  approvalLimits: z.object({ agent: Limit, supervisor: Limit, admin: Limit }),
});

export const playbookRoutes: FastifyPluginAsyncZod<{ playbooks: PlaybookService }> = async (
  app,
  { playbooks },
) => {
  app.get(
    '/playbooks',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['playbooks'],
        summary: 'The tenant’s playbooks, one per complaint category (defaults seeded on first use)',
        response: { 200: z.object({ items: z.array(PlaybookView), categories: z.array(z.string()) }) },
      },
    },
    async (req) => ({
      items: (await playbooks.list(actorOf(req))).map(toPlaybookView),
      categories: [...COMPLAINT_CATEGORIES],
    }),
  );

  app.patch(
    '/playbooks/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['playbooks'],
        summary: 'Edit a playbook’s steps (audited)',
        params: IdParams,
        body: z.strictObject({
          name: z.string().trim().min(1).max(100).optional(),
          steps: z.array(Step).min(1).max(20).optional(),
          enabled: z.boolean().optional(),
        }),
        response: { 200: PlaybookView, ...ErrorResponses },
      },
    },
    async (req) => toPlaybookView(await playbooks.update(actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/tickets/:id/playbook',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['playbooks'],
        summary:
          'The case’s playbook, the steps done and the suggested next step; whether the buyer is blocklisted',
        params: IdParams,
        response: { 200: TicketPlaybookView, ...ErrorResponses },
      },
    },
    async (req) => toTicketPlaybookView(await playbooks.forTicket(actorOf(req), req.params.id)),
  );

  app.post(
    '/tickets/:id/playbook/apply',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['playbooks'],
        summary: 'Apply the case’s playbook (or another by id)',
        params: IdParams,
        body: z.strictObject({ playbookId: z.uuid().optional() }).default({}),
        response: { 200: TicketPlaybookView, ...ErrorResponses },
      },
    },
    async (req) =>
      toTicketPlaybookView(await playbooks.apply(actorOf(req), req.params.id, req.body.playbookId)),
  );

  app.post(
    '/tickets/:id/playbook/steps/:key/done',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['playbooks'],
        summary: 'Mark a playbook step done',
        params: z.strictObject({ id: z.uuid(), key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) }),
        response: { 200: TicketPlaybookView, ...ErrorResponses },
      },
    },
    async (req) =>
      toTicketPlaybookView(await playbooks.markStep(actorOf(req), req.params.id, req.params.key)),
  );

  app.get(
    '/tickets/:id/exposure',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['playbooks'],
        summary:
          'The stakes on a case (7-day return, statutory compensation, price protection), each citing its rule',
        params: IdParams,
        response: { 200: ExposureView, ...ErrorResponses },
      },
    },
    async (req) => playbooks.exposure(actorOf(req), req.params.id),
  );

  app.get(
    '/playbook-settings',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['playbooks'],
        summary: 'Approval limits per role (fen; null is unlimited)',
        response: { 200: LimitsView },
      },
    },
    async (req) => playbooks.settings(actorOf(req)),
  );

  app.put(
    '/playbook-settings',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['playbooks'],
        summary: 'Set the approval limits per role',
        body: z.strictObject({
          approvalLimits: z.strictObject({ agent: Limit, supervisor: Limit, admin: Limit }),
        }),
        response: { 200: LimitsView, ...ErrorResponses },
      },
    },
    async (req) => playbooks.updateSettings(actorOf(req), req.body.approvalLimits),
  );

  const PolicyView = z.object({ shopId: z.uuid(), priceProtectionDays: z.number().int() });
  app.get(
    '/playbook-settings/shops/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['playbooks'],
        summary: 'A shop’s after-sales policy: the price-protection window (default 30 days)',
        params: IdParams,
        response: { 200: PolicyView, ...ErrorResponses },
      },
    },
    async (req) => playbooks.shopPolicy(actorOf(req), req.params.id),
  );

  app.put(
    '/playbook-settings/shops/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['playbooks'],
        summary: 'Set a shop’s price-protection window',
        params: IdParams,
        body: z.strictObject({ priceProtectionDays: z.number().int().min(0).max(365) }),
        response: { 200: PolicyView, ...ErrorResponses },
      },
    },
    async (req) => playbooks.updateShopPolicy(actorOf(req), req.params.id, req.body.priceProtectionDays),
  );
};
