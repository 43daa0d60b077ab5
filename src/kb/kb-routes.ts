import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { ErrorResponses, IdParams, PageQuery } from '../http/schemas.js';
import { AppError } from '../shared/app-error.js';
import type { ArticleRow, VersionRow } from './kb-repo.js';
import type { KbService } from './kb-service.js';
import { KB_KINDS, KB_LOCALES, KB_STATUSES } from './kb-types.js';

const ArticleView = z.object({
  id: z.uuid(),
  shopId: z.uuid().nullable(),
  productId: z.uuid().nullable(),
  kind: z.enum(KB_KINDS),
  locale: z.enum(KB_LOCALES),
  status: z.enum(KB_STATUSES),
  title: z.string(),
  body: z.string(),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
});
const toArticleView = (a: ArticleRow): z.infer<typeof ArticleView> => ({
  id: a.id,
  shopId: a.shopId,
  productId: a.productId,
  kind: a.kind,
  locale: a.locale,
  status: a.status,
  title: a.title,
  body: a.body,
  version: a.version,
  updatedAt: a.updatedAt.toISOString(),
});
const VersionView = z.object({
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  status: z.enum(KB_STATUSES),
  editedByName: z.string(),
  createdAt: z.iso.datetime(),
});
const toVersionView = (v: VersionRow) => ({
  version: v.version,
  title: v.title,
  body: v.body,
  status: v.status,
  editedByName: v.editedByName,
  createdAt: v.createdAt.toISOString(),
});

const Title = z.string().trim().min(1).max(200);
const Body = z.string().min(1).max(50_000);

const encodeCursor = (a: ArticleRow) =>
  Buffer.from(JSON.stringify([a.updatedAt.toISOString(), a.id])).toString('base64url');
function decodeCursor(raw: string | undefined) {
  if (!raw) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString()) as [string, string];
    const updatedAt = new Date(at);
    if (Number.isNaN(updatedAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad');
    return { updatedAt, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', 'cursor: not a cursor this list gave');
  }
}

export const kbRoutes: FastifyPluginAsyncZod<{ kb: KbService }> = async (app, { kb }) => {
  app.get(
    '/kb/articles',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['knowledge base'],
        summary:
          'Knowledge-base articles, newest edit first, filtered by product, shop, kind, language, status',
        querystring: z.strictObject({
          productId: z.uuid().optional(),
          shopId: z.uuid().optional(),
          kind: z.enum(KB_KINDS).optional(),
          locale: z.enum(KB_LOCALES).optional(),
          status: z.enum(KB_STATUSES).optional(),
          ...PageQuery,
        }),
        response: {
          200: z.object({ items: z.array(ArticleView), nextCursor: z.string().nullable() }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const { cursor, limit, ...filter } = req.query;
      const page = await kb.list(actorOf(req), filter, limit, decodeCursor(cursor));
      return {
        items: page.items.map(toArticleView),
        nextCursor: page.more ? encodeCursor(page.items.at(-1)!) : null,
      };
    },
  );

  app.post(
    '/kb/articles',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['knowledge base'],
        summary:
          'Write an article for a shop or a product (markup is removed; plain text with ## and - marks)',
        body: z.strictObject({
          shopId: z.uuid().nullable().optional(),
          productId: z.uuid().nullable().optional(),
          kind: z.enum(KB_KINDS),
          locale: z.enum(KB_LOCALES),
          title: Title,
          body: Body,
          status: z.enum(KB_STATUSES).optional(),
        }),
        response: { 201: ArticleView, ...ErrorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(toArticleView(await kb.create(actorOf(req), req.body))),
  );

  app.get(
    '/kb/articles/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['knowledge base'],
        summary: 'One article',
        params: IdParams,
        response: { 200: ArticleView, ...ErrorResponses },
      },
    },
    async (req) => toArticleView(await kb.get(actorOf(req), req.params.id)),
  );

  app.patch(
    '/kb/articles/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['knowledge base'],
        summary: 'Edit an article (a new version) or publish, unpublish, archive it',
        params: IdParams,
        body: z
          .strictObject({
            kind: z.enum(KB_KINDS).optional(),
            title: Title.optional(),
            body: Body.optional(),
            status: z.enum(KB_STATUSES).optional(),
          })
          .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
        response: { 200: ArticleView, ...ErrorResponses },
      },
    },
    async (req) => toArticleView(await kb.update(actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/kb/articles/:id/versions',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['knowledge base'],
        summary: 'Every version of an article, newest first',
        params: IdParams,
        response: { 200: z.object({ items: z.array(VersionView) }), ...ErrorResponses },
      },
    },
    async (req) => ({ items: (await kb.versions(actorOf(req), req.params.id)).map(toVersionView) }),
  );

  app.get(
    '/kb/products/:id/page',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['knowledge base'],
        summary: 'The public page of a product’s articles (made on first use): its link for buyers',
        params: IdParams,
        response: { 200: z.object({ publicId: z.string(), url: z.string() }), ...ErrorResponses },
      },
    },
    async (req) => {
      const page = await kb.productPage(actorOf(req), req.params.id);
      return { publicId: page.publicId, url: `${req.protocol}://${req.host}/kb/${page.publicId}` };
    },
  );
};
