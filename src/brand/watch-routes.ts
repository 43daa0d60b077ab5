import fastifyMultipart, { type MultipartValue } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BRAND_PLATFORMS, COMPLAINT_TYPES, LISTING_STATUSES, SIMILARITIES } from '../db/schema/brand.js';
import { actorOf } from '../http/access.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { ErrorResponses, IdParams, PageQuery, page } from '../http/schemas.js';
import { decodeText } from '../imports/decode.js';
import { detectFormat, parseCsv, parseXlsx } from '../imports/parse-table.js';
import { AppError } from '../shared/app-error.js';
import { UUID_PATTERN } from '../shared/ids.js';
import { ListingView, toListingView } from './brand-views.js';
import { mapColumns, readRow } from './import-columns.js';
import type { WatchService } from './watch-service.js';

export const Fen = z.number().int().min(0).max(1e11);
const Text = (max: number) => z.string().trim().max(max);
const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
const MAX_ROWS = 5000;

const ListingFields = {
  sellerName: Text(200).min(1),
  sellerId: Text(100).nullable().optional(),
  title: Text(500).optional(),
  priceFen: Fen.nullable().optional(),
  referencePriceFen: Fen.nullable().optional(),
  sku: Text(100).nullable().optional(),
  infringement: z.enum(COMPLAINT_TYPES).nullable().optional(),
  rightId: z.uuid().nullable().optional(),
  rightNo: Text(60).min(1).optional(),
  goodsClass: z.number().int().min(1).max(45).nullable().optional(),
  similarity: z.enum(SIMILARITIES).nullable().optional(),
  fromRightsHolder: z.boolean().optional(),
  testPurchaseRef: Text(100).nullable().optional(),
  notes: Text(2000).optional(),
};

const CreateBody = z.strictObject({
  url: z.string().trim().min(1).max(2000),
  platform: z.enum(BRAND_PLATFORMS).optional(),
  ...ListingFields,
});

const PatchBody = z.strictObject({
  ...ListingFields,
  sellerName: ListingFields.sellerName.optional(),
  status: z.enum(['watching', 'cleared', 'ignored']).optional(),
});

const RowResult = z.object({
  line: z.number().int(),
  status: z.enum(['imported', 'duplicate', 'failed']),
  reason: z.string().optional(),
  listingId: z.uuid().optional(),
});
const ImportAnswer = z.object({
  batch: z.uuid(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
  results: z.array(RowResult),
});

const ImportDefaults = z.strictObject({
  rightId: z.uuid().optional(),
  infringement: z.enum(COMPLAINT_TYPES).optional(),
  platform: z.enum(BRAND_PLATFORMS).optional(),
});

const summarise = (batch: string, results: z.infer<typeof RowResult>[]) => ({
  batch,
  imported: results.filter((r) => r.status === 'imported').length,
  duplicates: results.filter((r) => r.status === 'duplicate').length,
  failed: results.filter((r) => r.status === 'failed').length,
  results,
});

const isBefore = (v: unknown): v is { id: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { id: unknown }).id === 'string' &&
  UUID_PATTERN.test((v as { id: string }).id);

export const watchRoutes: FastifyPluginAsyncZod<{ watch: WatchService }> = async (app, { watch }) => {
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, fieldSize: 200, parts: 6 },
  });

  app.post(
    '/listings',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary: 'Watch a suspect listing (one link); answers it with its pre-filing check',
        body: CreateBody,
        response: { 201: ListingView, ...ErrorResponses },
      },
    },
    async (req, reply) => reply.status(201).send(toListingView(await watch.create(actorOf(req), req.body))),
  );

  app.post(
    '/listings/batch',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary: `Watch up to ${MAX_ROWS} listings from JSON rows; each row is imported, a duplicate, or refused with its reason`,
        body: z.strictObject({
          ...ImportDefaults.shape,
          rows: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_ROWS),
        }),
        response: { 200: ImportAnswer, ...ErrorResponses },
      },
    },
    async (req) => {
      const { rows, ...defaults } = req.body;
      const parsed = rows.map((row, i) => {
        const one = CreateBody.safeParse({
          ...defaults,
          ...row,
          platform: row.platform ?? defaults.platform,
        });
        return one.success
          ? {
              line: i + 1,
              input: {
                ...one.data,
                rightId: one.data.rightId ?? defaults.rightId,
                infringement: one.data.infringement ?? defaults.infringement,
              },
            }
          : {
              line: i + 1,
              reason: one.error.issues.map((x) => `${x.path.join('.') || 'row'}: ${x.message}`).join('; '),
            };
      });
      return importParsed(parsed, req);
    },
  );

  async function importParsed(
    parsed: (
      | { line: number; input: Parameters<WatchService['create']>[1] }
      | { line: number; reason: string }
    )[],
    req: Parameters<typeof actorOf>[0],
  ) {
    const good = parsed.filter(
      (p): p is { line: number; input: Parameters<WatchService['create']>[1] } => 'input' in p,
    );
    const { batch, results } = await watch.importRows(actorOf(req), good);
    const refused = parsed
      .filter((p): p is { line: number; reason: string } => 'reason' in p)
      .map((p) => ({ line: p.line, status: 'failed' as const, reason: p.reason }));
    return summarise(
      batch,
      [...results, ...refused].sort((a, b) => a.line - b.line),
    );
  }

  app.post(
    '/listings/import',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary:
          'Import suspect links from a CSV or XLSX (multipart: rightId?, infringement?, platform?, then file). Columns: 链接/url, 店铺/seller, 标题/title, 价格/price, 原价, SKU, 侵权类型, 类别, 测试购买',
        consumes: ['multipart/form-data'],
        response: { 200: ImportAnswer, ...ErrorResponses },
      },
    },
    async (req) => {
      if (!req.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send multipart/form-data with the file last');
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION_FAILED', 'no file in the upload');
      const bytes = await file.toBuffer();
      const fields = Object.fromEntries(
        Object.entries(file.fields)
          .filter(([, v]) => v && !Array.isArray(v) && (v as MultipartValue).type === 'field')
          .map(([k, v]) => [k, String((v as MultipartValue).value)]),
      );
      const defaults = ImportDefaults.safeParse(fields);
      if (!defaults.success) {
        throw new AppError(
          'VALIDATION_FAILED',
          `invalid fields: ${defaults.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
        );
      }
      const format = detectFormat(file.filename || 'links.csv', bytes);
      const table = format === 'xlsx' ? await parseXlsx(bytes) : parseCsv(decodeText(bytes).text);
      if (table.rows.length > MAX_ROWS) {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `the file has ${table.rows.length} rows; at most ${MAX_ROWS} links are taken at once`,
        );
      }
      const { columns, missing } = mapColumns(table.headers);
      if (missing.length) {
        throw new AppError(
          'UNPROCESSABLE',
          `the file has no ${missing.join(' or ')} column (链接/url and 店铺/seller are needed); headers: ${table.headers.join(', ')}`,
        );
      }
      const parsed = table.rows.map((row) => {
        const read = readRow(row.cells, columns, defaults.data);
        return read.ok ? { line: row.line, input: read.input } : { line: row.line, reason: read.reason };
      });
      return importParsed(parsed, req);
    },
  );

  app.get(
    '/listings',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary:
          'The watch list, newest first, each with its pre-filing check (score, verdict, reasons) and price check',
        querystring: z.strictObject({
          ...PageQuery,
          status: z.enum(LISTING_STATUSES).optional(),
          sellerKey: Text(300).optional(),
          sku: Text(100).optional(),
          platform: z.enum(BRAND_PLATFORMS).optional(),
          priced: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: page(ListingView), ...ErrorResponses },
      },
    },
    async (req) => {
      const q = req.query;
      const before = decodeCursor(q.cursor, isBefore);
      const { rows, assessed } = await watch.list(
        actorOf(req),
        {
          status: q.status,
          sellerKey: q.sellerKey,
          sku: q.sku,
          platform: q.platform,
          withPrice: q.priced === 'true',
        },
        before?.id ?? null,
        q.limit + 1,
      );
      const last = assessed[assessed.length - 1];
      return {
        items: assessed.map(toListingView),
        nextCursor: rows.length > q.limit && last ? encodeCursor({ id: last.listing.id }) : null,
      };
    },
  );

  app.get(
    '/listings/sellers',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary: 'Watched listings grouped by seller, the sellers with most listings first',
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                sellerKey: z.string(),
                platform: z.string(),
                sellerName: z.string(),
                listings: z.number().int(),
                watching: z.number().int(),
                complained: z.number().int(),
                takenDown: z.number().int(),
              }),
            ),
          }),
          ...ErrorResponses,
        },
      },
    },
    async (req) => ({ items: await watch.sellers(actorOf(req), req.query.limit) }),
  );

  app.get(
    '/listings/:id',
    {
      config: { access: 'agent' },
      schema: { tags: ['brand'], params: IdParams, response: { 200: ListingView, ...ErrorResponses } },
    },
    async (req) => toListingView(await watch.get(actorOf(req), req.params.id)),
  );

  app.patch(
    '/listings/:id',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        params: IdParams,
        body: PatchBody,
        response: { 200: ListingView, ...ErrorResponses },
      },
    },
    async (req) => toListingView(await watch.update(actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/listings/:id/prices',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['brand'],
        summary: 'Record a price seen on the listing (kept as history)',
        params: IdParams,
        body: z.strictObject({
          priceFen: Fen,
          referencePriceFen: Fen.nullable().optional(),
          observedAt: z.coerce.date().optional(),
        }),
        response: { 200: ListingView, ...ErrorResponses },
      },
    },
    async (req) => toListingView(await watch.observePrice(actorOf(req), req.params.id, req.body)),
  );
};
