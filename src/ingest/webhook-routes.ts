import type { FastifyPluginAsync } from 'fastify';
import { isPlatform } from '../channels/channel.js';
import { CHANNELS } from '../channels/registry.js';
import { errorBody } from '../http/errors.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../http/text-hygiene.js';
import type { IngestService } from './ingest-service.js';

export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * POST /hooks/<platform>/<shopId>. The body is kept as the exact bytes (signatures are computed
 * over them), whatever the content type; over 1 MiB → 413. The event is stored before the 200.
 */
export const webhookRoutes: FastifyPluginAsync<{ ingest: IngestService }> = async (app, { ingest }) => {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  app.post<{ Params: { platform: string; shopId: string } }>(
    '/hooks/:platform/:shopId',
    { config: { access: 'public' }, bodyLimit: WEBHOOK_BODY_LIMIT, schema: { hide: true } },
    async (request, reply) => {
      const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      // A body nested deeper than any platform sends is refused before anything parses it.
      if (jsonDepthExceeds(rawBody.toString('latin1'))) {
        // structure is ASCII: no decoding needed
        const message = `JSON nested deeper than ${MAX_JSON_DEPTH} levels`;
        const platform = request.params.platform;
        return reply
          .status(400)
          .type('application/json')
          .send({
            ...(isPlatform(platform) ? (CHANNELS[platform].failBody(message) as object) : {}),
            ...errorBody('BAD_REQUEST', message),
          });
      }
      const answer = await ingest.acceptWebhook({
        platform: request.params.platform,
        shopId: request.params.shopId,
        rawBody,
        headers: request.headers,
      });
      if (answer.security) {
        // The security log is the only trace a refused push leaves.
        request.log.warn(
          {
            security: 'webhook_rejected',
            platform: request.params.platform,
            shopId: request.params.shopId,
            reason: answer.security,
            ip: request.ip,
            bytes: rawBody.length,
          },
          'webhook refused: signature check failed',
        );
      } else if (answer.status === 200) {
        request.log.debug({ accepted: answer.accepted, duplicates: answer.duplicates }, 'webhook accepted');
      }
      return reply.status(answer.status).type('application/json').send(answer.body);
    },
  );
};
