import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { UUID_PATTERN } from '../shared/ids.js';
import { isPublic } from './lifecycle.js';
import type { StatementPhotoService } from './photo-service.js';
import { PUBLIC_ID_PATTERN } from './public-id.js';
import { PUBLIC_CSS, type PublicRecall, renderNotFound, renderPublicPage } from './public-page.js';
import { findPublicRecall, latestStatementOf } from './recall-repo.js';
import type { Locale } from './recall-types.js';
import { localDate } from './statement.js';

/**
 * The public recall page: no login, server-rendered HTML with no script (it works under a CSP
 * without inline script), and only what the merchant published — the statement and the findings.
 */
export const publicRecallRoutes: FastifyPluginAsyncZod<{ db: Db; photos: StatementPhotoService }> = async (
  app,
  { db, photos },
) => {
  app.get(
    '/recalls/:publicId/photos/:evidenceId',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        params: z.object({ publicId: z.string().max(100), evidenceId: z.string().max(100) }),
      },
    },
    async (req, reply) => {
      const { publicId, evidenceId } = req.params;
      const photo =
        PUBLIC_ID_PATTERN.test(publicId) && UUID_PATTERN.test(evidenceId)
          ? await photos.openPublic(publicId, evidenceId)
          : null;
      if (!photo) return reply.status(404).type('text/plain; charset=utf-8').send('not found');
      return reply
        .type(photo.mediaType)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .header('cache-control', 'public, max-age=300')
        .send(photo.stream);
    },
  );

  app.get(
    '/public/recall.css',
    { config: { access: 'public' }, schema: { hide: true } },
    async (_req, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(PUBLIC_CSS),
  );

  app.get(
    '/recalls/:publicId',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        params: z.object({ publicId: z.string().max(100) }),
        querystring: z.object({ lang: z.string().max(10).optional() }),
      },
    },
    async (req, reply) => {
      const asked = req.query.lang === 'en' ? 'en' : req.query.lang === 'zh-CN' ? 'zh-CN' : null;
      const fallback: Locale =
        asked ?? (/^en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'zh-CN');
      reply.header('cache-control', 'no-cache').header('x-robots-tag', 'noindex');
      const notFound = () =>
        reply.status(404).type('text/html; charset=utf-8').send(renderNotFound(fallback));
      if (!PUBLIC_ID_PATTERN.test(req.params.publicId)) return notFound();
      const r = await findPublicRecall(db, req.params.publicId);
      if (!r || !isPublic(r.status) || !r.announcedAt) return notFound();
      const [zh, en] = await Promise.all([
        latestStatementOf(db, r.tenantId, r.id, 'zh-CN'),
        latestStatementOf(db, r.tenantId, r.id, 'en'),
      ]);
      const locales = [...(zh ? (['zh-CN'] as const) : []), ...(en ? (['en'] as const) : [])];
      const locale: Locale = locales.includes(fallback) ? fallback : (locales[0] ?? 'zh-CN');
      const statement = locale === 'en' ? en : zh;
      if (!statement) return notFound();
      const page: PublicRecall = {
        publicId: r.publicId,
        title: r.title,
        status: r.status as PublicRecall['status'],
        announcedAt: r.announcedAt,
        statement: statement.text,
        findings: locale === 'en' ? (r.findingsEn ?? r.findingsZh) : r.findingsZh,
        findingsPublishedAt: r.findingsPublishedAt,
        locales,
        photos: r.statementPhotos.map((p) => ({
          url: `/recalls/${r.publicId}/photos/${p.evidenceId}`,
          caption: locale === 'en' ? p.captionEn || p.captionZh : p.captionZh,
        })),
      };
      return reply
        .type('text/html; charset=utf-8')
        .send(renderPublicPage(page, locale, (d) => localDate(d, locale)));
    },
  );
};
