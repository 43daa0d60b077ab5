import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../http/access.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { ErrorBody, ErrorResponses, IdParams } from '../http/schemas.js';
import { AppError } from '../shared/app-error.js';
import { UUID_PATTERN } from '../shared/ids.js';
import { IMAGE_HEADER_MAX_BYTES, sizeFromHeader } from './image-header.js';
import { SEVERITIES } from './listing-check.js';
import type { ListingService } from './listing-service.js';
import {
  FindingView,
  ListingView,
  TaskView,
  toListingView,
  toTaskView,
  toVersionView,
  VersionView,
} from './listing-views.js';
import { PLATFORMS } from './quality-settings.js';

/** Money in fen; a yuan string ("1,299.00") gets an answer that says how to write it. */
const Fen = (name: string) =>
  z
    .number({
      error: (issue) =>
        `${name} is a whole number of fen (¥1,299.00 is 129900)${typeof issue.input === 'string' ? `, not the text "${issue.input.slice(0, 20)}"` : ''}`,
    })
    .int({ error: `${name} is a whole number of fen (¥12.50 is 1250), without decimals` })
    .min(0)
    .max(10_000_000_000)
    .nullish();

const Title = z
  .string()
  .trim()
  .min(1, 'the title is empty')
  .max(1000, 'the title is longer than 1,000 characters: a platform title is a few dozen');
const Text = (max: number) => z.string().trim().max(max).nullish();
const Px = z.number().int().min(1).max(100_000).nullish();
const Image = z.strictObject({
  url: z.string().trim().max(2000).nullish(),
  width: Px,
  height: Px,
  headerBase64: z
    .string()
    .max(Math.ceil((IMAGE_HEADER_MAX_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/=\s]*$/, 'headerBase64 is not base64')
    .optional()
    .describe('the first bytes of the image file (up to 256 KiB): its size is read from the header'),
});
type ImageIn = z.infer<typeof Image>;

const ListingFields = {
  title: Title,
  description: Text(20_000),
  category: Text(200),
  brand: Text(100),
  material: Text(200),
  style: Text(100),
  priceFen: Fen('priceFen'),
  referencePriceFen: Fen('referencePriceFen'),
  images: z.array(Image).max(20).optional(),
};

const CheckBody = z.strictObject({
  platform: z.enum(PLATFORMS),
  ...ListingFields,
  shopId: z.uuid().optional().describe('check against what is on record for this shop'),
  skuCodes: z.array(z.string().trim().min(1).max(100)).max(200).optional(),
});

const ImportBody = z.strictObject({
  shopId: z.uuid(),
  listings: z
    .array(
      z.strictObject({
        externalId: z.string().trim().min(1, 'externalId is empty').max(100),
        ...ListingFields,
        skuCodes: z.array(z.string().trim().min(1).max(100)).max(200).optional(),
      }),
    )
    .min(1, 'no listings')
    .max(1000, 'at most 1,000 listings per request: send the rest in another'),
});

const RowResult = z.object({
  row: z.number().int(),
  externalId: z.string(),
  status: z.enum(['created', 'updated', 'unchanged', 'failed']),
  listingId: z.uuid().nullable(),
  reason: z.string().nullable(),
  warnings: z.array(z.string()),
  findings: z.number().int(),
  worstSeverity: z.enum(SEVERITIES).nullable(),
});

/** Sizes as given, or read from the header bytes; the warnings name the images without one. */
export function resolveImages(images: ImageIn[] | undefined) {
  const warnings: string[] = [];
  const resolved = (images ?? []).map((img, i) => {
    let { width, height } = img;
    if ((!width || !height) && img.headerBase64) {
      const size = sizeFromHeader(Buffer.from(img.headerBase64, 'base64'));
      if (size) ({ width, height } = size);
      else warnings.push(`image ${i + 1}: its header is not a readable image, so its size is unknown`);
    } else if (!width || !height) {
      warnings.push(`image ${i + 1} has no size (width and height): the pixel minimum cannot be checked`);
    }
    return { url: img.url ?? null, width: width ?? null, height: height ?? null };
  });
  return { images: resolved, warnings };
}

const ListQuery = z.strictObject({
  shopId: z.uuid().optional(),
  severity: z.enum([...SEVERITIES, 'clean']).optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const isListCursor = (v: unknown): v is { rank: number; id: string } =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as { rank: unknown }).rank) &&
  typeof (v as { id: unknown }).id === 'string' &&
  UUID_PATTERN.test((v as { id: string }).id);

const PricePoint = z.object({ skuCode: z.string(), priceFen: z.number().int(), at: z.date() });

export const listingRoutes: FastifyPluginAsyncZod<{ listings: ListingService }> = async (
  app,
  { listings },
) => {
  app.post(
    '/listings/check',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['quality'],
        summary:
          'Check a listing before it goes live (nothing is stored): Advertising Law terms, medical claims, title facts, ' +
          'image sizes, reference price, category qualifications. With shopId, what is on record for that shop counts',
        body: CheckBody,
        response: {
          200: z.object({ findings: z.array(FindingView), warnings: z.array(z.string()) }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const { shopId, skuCodes, images, ...input } = req.body;
      const resolved = resolveImages(images);
      const findings = await listings.check(
        actorOf(req),
        { ...input, images: resolved.images },
        { shopId, skuCodes },
      );
      return { findings, warnings: resolved.warnings };
    },
  );

  app.post(
    '/listings',
    {
      config: { access: 'supervisor' },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags: ['quality'],
        summary:
          'Import listings of a shop through the API (up to 1,000 a request): new ones are created, changed ones get a new ' +
          'version (the snapshot a later complaint links to), every one is checked. A request with an invalid row is refused whole, naming the row',
        body: ImportBody,
        response: {
          200: z.object({
            results: z.array(RowResult),
            counts: z.object({
              created: z.number(),
              updated: z.number(),
              unchanged: z.number(),
              failed: z.number(),
            }),
          }),
          ...ErrorResponses,
          413: ErrorBody,
        },
      },
    },
    async (req) => {
      const records = req.body.listings.map((l, i) => {
        const { images, skuCodes, ...rest } = l;
        const resolved = resolveImages(images);
        return {
          row: i + 1,
          record: {
            ...rest,
            images: resolved.images,
            skuCodes: skuCodes ?? [],
            priceFen: l.priceFen ?? null,
            referencePriceFen: l.referencePriceFen ?? null,
          },
          warnings: resolved.warnings,
        };
      });
      const results = await listings.importRecords(actorOf(req), req.body.shopId, records);
      const count = (s: string) => results.filter((r) => r.status === s).length;
      return {
        results,
        counts: {
          created: count('created'),
          updated: count('updated'),
          unchanged: count('unchanged'),
          failed: count('failed'),
        },
      };
    },
  );

  app.get(
    '/listings',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['quality'],
        summary: 'Listings with the findings of their last check, worst first',
        querystring: ListQuery,
        response: {
          200: z.object({ items: z.array(ListingView), nextCursor: z.string().nullable() }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const { cursor, limit, ...filter } = req.query;
      const page = await listings.list(actorOf(req), filter, limit, decodeCursor(cursor, isListCursor));
      return { items: page.items.map(toListingView), nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.get(
    '/listings/summary',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['quality'],
        summary:
          'A shop’s compliance at a glance: listings by worst severity, findings by rule, open tasks, expiring documents',
        querystring: z.strictObject({ shopId: z.uuid().optional() }),
        response: {
          200: z.object({
            severities: z.array(z.object({ severity: z.string().nullable(), count: z.number().int() })),
            rules: z.array(z.object({ rule: z.string(), severity: z.string(), count: z.number().int() })),
            openTasks: z.array(z.object({ kind: z.string(), count: z.number().int() })),
            expiring: z.array(
              z.object({
                id: z.uuid(),
                kind: z.string(),
                holderType: z.string(),
                holderId: z.uuid(),
                expiresOn: z.date().nullable(),
              }),
            ),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const s = await listings.summary(actorOf(req), req.query.shopId);
      return {
        ...s,
        expiring: s.expiring.map((d) => ({
          id: d.id,
          kind: d.kind,
          holderType: d.holderType,
          holderId: d.holderId,
          expiresOn: d.expiresOn,
        })),
      };
    },
  );

  app.get(
    '/listings/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['quality'],
        summary: 'One listing: its findings, versions, price history (listed and charged) and tasks',
        params: IdParams,
        response: {
          200: ListingView.extend({
            versions: z.array(VersionView),
            listedPrices: z.array(
              z.object({
                skuCode: z.string(),
                priceFen: z.number().int(),
                referencePriceFen: z.number().int().nullable(),
                at: z.date(),
              }),
            ),
            chargedPrices: z.array(PricePoint),
            tasks: z.array(TaskView),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => {
      const d = await listings.get(actorOf(req), req.params.id);
      return {
        ...toListingView(d.listing),
        versions: d.versions.map(toVersionView),
        listedPrices: d.listed.map((p) => ({
          skuCode: p.skuCode,
          priceFen: p.priceFen,
          referencePriceFen: p.referencePriceFen,
          at: p.observedAt,
        })),
        chargedPrices: d.charged,
        tasks: d.tasks.map(toTaskView),
      };
    },
  );

  app.get(
    '/listings/:id/snapshot',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['quality'],
        summary:
          'The listing as it stood at a moment (what a buyer saw when paying); seenAfter when it was first seen later',
        params: IdParams,
        querystring: z.strictObject({ at: z.iso.datetime({ offset: true }) }),
        response: { 200: VersionView.extend({ seenAfter: z.boolean() }), ...ErrorResponses },
      },
    },
    async (req) => {
      const found = await listings.versionAt(actorOf(req), req.params.id, new Date(req.query.at));
      if (!found) throw new AppError('NOT_FOUND', 'the listing has no version on record');
      return { ...toVersionView(found.version), seenAfter: found.seenAfter };
    },
  );
};
