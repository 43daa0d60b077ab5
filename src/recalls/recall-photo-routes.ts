import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { IdParams } from '../http/schemas.js';
import { MAX_STATEMENT_PHOTOS, type StatementPhotoService } from './photo-service.js';
import type { RecallService } from './recall-service.js';
import { RecallView, toRecallView } from './recall-views.js';
import { Errors } from './recall-work-views.js';

const Caption = z.string().trim().max(200);

/** The identification photos the statement and the public page show, and a check of a public text. */
export const recallPhotoRoutes: FastifyPluginAsyncZod<{
  photos: StatementPhotoService;
  recalls: RecallService;
}> = async (app, { photos, recalls }) => {
  app.put(
    '/recalls/:id/photos',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['recalls'],
        summary: `Choose the product and batch photos for the public page (evidence of this recall, images, at most ${MAX_STATEMENT_PHOTOS}); their shareable copies (no location data) are published`,
        params: IdParams,
        body: z.strictObject({
          items: z
            .array(
              z.strictObject({
                evidenceId: z.uuid(),
                captionZh: Caption.default(''),
                captionEn: Caption.default(''),
              }),
            )
            .max(MAX_STATEMENT_PHOTOS),
        }),
        response: { 200: RecallView, ...Errors },
      },
    },
    async (req) => toRecallView(await photos.setPhotos(actorOf(req), req.params.id, req.body.items)),
  );

  app.post(
    '/recalls/:id/public-text/check',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['recalls'],
        summary:
          "Personal data a public text of this campaign would publish (buyers' names, phones, addresses, order numbers…), each masked",
        params: IdParams,
        body: z.strictObject({ text: z.string().max(20_000) }),
        response: {
          200: z.object({
            findings: z.array(z.object({ type: z.string(), masked: z.string(), field: z.string() })),
          }),
          ...Errors,
        },
      },
    },
    async (req) => ({
      findings: await recalls.checkPublicText(actorOf(req), req.params.id, [
        { field: 'text', text: req.body.text },
      ]),
    }),
  );
};
