import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams } from '../http/schemas.js';
import { TEMPLATE_MOMENTS } from './default-templates.js';
import { REMEDIES } from './offer-rules.js';
import type { TemplateRow } from './playbooks-repo.js';
import { TEMPLATE_AUDIENCES, type TemplateFit } from './template-audience.js';
import type { TemplateService } from './template-service.js';
import { TEMPLATE_VARIABLES } from './template-vars.js';

const Locale = z.enum(['zh-CN', 'en']);
const Body = z.string().trim().min(1).max(4000);

export const TemplateView = z.object({
  id: z.uuid(),
  key: z.string(),
  locale: Locale,
  shopId: z.uuid().nullable(),
  name: z.string(),
  body: z.string(),
  moment: z.string(),
  remedy: z.string().nullable(),
  audience: z.enum(TEMPLATE_AUDIENCES),
  builtIn: z.boolean(),
  variables: z.array(z.string()),
  updatedAt: z.iso.datetime(),
});

export const toTemplateView = (t: TemplateRow): z.infer<typeof TemplateView> => ({
  id: t.id,
  key: t.key,
  locale: t.locale,
  shopId: t.shopId,
  name: t.name,
  body: t.body,
  moment: t.moment,
  remedy: t.remedy,
  audience: t.audience,
  builtIn: t.builtIn,
  variables: [...new Set([...t.body.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!))],
  updatedAt: t.updatedAt.toISOString(),
});

const Values = z.partialRecord(z.enum(TEMPLATE_VARIABLES), z.string().max(500));
const Rendered = z.object({ text: z.string(), missing: z.array(z.string()) });
/** Whether the template may be used on the case: a public reply never carries personal data. */
const FitView = z.object({
  usable: z.boolean(),
  warning: z.enum(['private_only', 'personal_data']).nullable(),
  variables: z.array(z.string()),
});
const toFitView = (f: TemplateFit): z.infer<typeof FitView> =>
  f.usable ? { usable: true, warning: null, variables: [] } : f;
/** A template in a case's picker: rendered with the case's values, what is missing, and whether it fits. */
export const PickerTemplateView = TemplateView.extend({ preview: Rendered, fit: FitView });

export const templateRoutes: FastifyPluginAsyncZod<{ templates: TemplateService }> = async (
  app,
  { templates },
) => {
  app.get(
    '/templates',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['playbooks'],
        summary:
          'Reply templates (zh-CN and en); with shopId, that shop’s overrides too; effective=true resolves them',
        querystring: z.strictObject({
          locale: Locale.optional(),
          shopId: z.uuid().optional(),
          effective: z.enum(['true', 'false']).optional(),
        }),
        response: {
          200: z.object({ items: z.array(TemplateView), variables: z.array(z.string()) }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => ({
      items: (
        await templates.list(actorOf(req), {
          locale: req.query.locale,
          shopId: req.query.shopId,
          effective: req.query.effective === 'true',
        })
      ).map(toTemplateView),
      variables: [...TEMPLATE_VARIABLES],
    }),
  );

  app.post(
    '/templates',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['playbooks'],
        summary:
          'Add a template, or a shop’s override of one (same key and locale, with shopId); unknown variables are refused',
        body: z.strictObject({
          key: z
            .string()
            .regex(/^[a-z][a-z0-9_]{1,59}$/)
            .optional(),
          locale: Locale,
          shopId: z.uuid().optional(),
          name: z.string().trim().min(1).max(100),
          body: Body,
          moment: z.enum(TEMPLATE_MOMENTS).optional(),
          remedy: z.enum(REMEDIES).optional(),
          audience: z.enum(TEMPLATE_AUDIENCES).optional(),
        }),
        response: { 201: TemplateView, ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send(toTemplateView(await templates.create(actorOf(req), req.body))),
  );

  app.patch(
    '/templates/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['playbooks'],
        summary:
          'Edit a template’s name, text or audience (a template for public replies may not contain {customer_name}, {order_id} or {tracking_no}: 422)',
        params: IdParams,
        body: z.strictObject({
          name: z.string().trim().min(1).max(100).optional(),
          body: Body.optional(),
          audience: z.enum(TEMPLATE_AUDIENCES).optional(),
        }),
        response: { 200: TemplateView, ...ErrorResponses },
      },
    },
    async (req) => toTemplateView(await templates.update(actorOf(req), req.params.id, req.body)),
  );

  app.delete(
    '/templates/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['playbooks'],
        summary: 'Remove a template',
        params: IdParams,
        response: { 204: z.null(), ...ErrorResponses },
      },
    },
    async (req, reply) => {
      await templates.remove(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/templates/preview',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['playbooks'],
        summary:
          'Render a template (or a draft body) with a case’s data; placeholders without a value are listed as missing',
        body: z.strictObject({
          ticketId: z.uuid(),
          templateId: z.uuid().optional(),
          body: Body.optional(),
          values: Values.optional(),
        }),
        response: {
          200: Rendered.extend({ locale: Locale, values: z.record(z.string(), z.string()), fit: FitView }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const result = await templates.preview(actorOf(req), req.body);
      return { ...result, values: result.values as Record<string, string>, fit: toFitView(result.fit) };
    },
  );

  app.get(
    '/tickets/:id/templates',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['playbooks'],
        summary: 'The template picker of a case: the shop’s templates rendered with the case’s data',
        params: IdParams,
        querystring: z.strictObject({ locale: Locale.optional() }),
        response: {
          200: z.object({ locale: Locale, items: z.array(PickerTemplateView) }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const { locale, items } = await templates.forTicket(actorOf(req), req.params.id, req.query.locale);
      return {
        locale,
        items: items.map((i) => ({
          ...toTemplateView(i.template),
          preview: i.preview,
          fit: toFitView(i.fit),
        })),
      };
    },
  );
};
