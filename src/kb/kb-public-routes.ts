import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLIC_ID_PATTERN } from '../recalls/public-id.js';
import type { KbService } from './kb-service.js';
import type { KbLocale } from './kb-types.js';
import { KB_CSS, renderKbNotFound, renderKbPage } from './public-page.js';

/** The public knowledge-base page of a product: no login, HTML without script, published articles only. */
export const kbPublicRoutes: FastifyPluginAsyncZod<{ kb: KbService }> = async (app, { kb }) => {
  app.get('/public/kb.css', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(KB_CSS),
  );

  app.get(
    '/kb/:publicId',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        params: z.object({ publicId: z.string().max(100) }),
        querystring: z.object({ lang: z.string().max(10).optional() }),
      },
    },
    async (req, reply) => {
      const asked: KbLocale | null =
        req.query.lang === 'en' ? 'en' : req.query.lang === 'zh-CN' ? 'zh-CN' : null;
      const fallback: KbLocale =
        asked ?? (/^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'zh-CN');
      reply.header('cache-control', 'no-cache').header('x-robots-tag', 'noindex');
      const notFound = () =>
        reply.status(404).type('text/html; charset=utf-8').send(renderKbNotFound(fallback));
      if (!PUBLIC_ID_PATTERN.test(req.params.publicId)) return notFound();
      const page = await kb.publicPage(req.params.publicId);
      if (!page) return notFound();
      const locales = new Set(page.articles.map((a) => a.locale));
      const locale: KbLocale = locales.has(fallback) ? fallback : locales.has('zh-CN') ? 'zh-CN' : fallback;
      return reply
        .type('text/html; charset=utf-8')
        .send(renderKbPage(page.productName, page.articles, locale, req.params.publicId));
    },
  );
};
