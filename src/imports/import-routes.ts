import fastifyMultipart, { type MultipartValue } from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IMPORT_KINDS, IMPORT_STATUSES } from '../db/schema/imports.js';
import { actorOf } from '../http/access.js';
import { decodeCursor, encodeCursor } from '../http/cursor.js';
import { ErrorBody, ErrorResponses, IdParams } from '../http/schemas.js';
import { AppError } from '../shared/app-error.js';
import { UUID_PATTERN } from '../shared/ids.js';
import { TEXT_ENCODINGS } from './decode.js';
import type { ImportRunRow } from './import-repo.js';
import { type ImportService, MAX_IMPORT_BYTES } from './import-service.js';

const UploadErrors = { ...ErrorResponses, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody } as const;

const RunView = z.object({
  id: z.uuid(),
  kind: z.enum(IMPORT_KINDS),
  shopId: z.uuid(),
  platform: z.string(),
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string(),
  sizeBytes: z.number().int(),
  headers: z.array(z.string()),
  rowCount: z.number().int(),
  status: z.enum(IMPORT_STATUSES),
  mapping: z.record(z.string(), z.string()).nullable(),
  imported: z.number().int(),
  skippedDuplicate: z.number().int(),
  failed: z.number().int(),
  error: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
});
const Failure = z.object({
  line: z.number().int(),
  reason: z.string(),
  column: z.string().optional(),
  problems: z
    .array(
      z.object({
        column: z.string(),
        code: z.string(),
        params: z.record(z.string(), z.union([z.string(), z.number()])),
      }),
    )
    .optional(),
  cells: z.array(z.string()).optional(),
});
const RunDetail = RunView.extend({ failures: z.array(Failure) });
const Row = z.object({ line: z.number().int(), cells: z.array(z.string()) });
const Preview = z.object({
  run: RunView,
  sampleRows: z.array(Row),
  suggestedMapping: z.record(z.string(), z.string()),
  mappingFromSaved: z.boolean(),
  fields: z.array(z.object({ key: z.string(), type: z.string(), required: z.boolean() })),
});
const MappingView = z.object({
  platform: z.string(),
  kind: z.enum(IMPORT_KINDS),
  mapping: z.record(z.string(), z.string()),
  updatedBy: z.string(),
  updatedAt: z.date(),
});
const ReviewView = z.object({
  id: z.uuid(),
  shopId: z.uuid(),
  reviewKey: z.string(),
  orderExternalId: z.string().nullable(),
  productExternalId: z.string().nullable(),
  productName: z.string().nullable(),
  skuSpec: z.string().nullable(),
  score: z.number().int(),
  content: z.string(),
  nickname: z.string().nullable(),
  reviewedAt: z.date(),
  negative: z.boolean(),
  ticketId: z.uuid().nullable(),
});

const runView = (r: Omit<ImportRunRow, 'rows' | 'failures'>): z.infer<typeof RunView> => ({
  id: r.id,
  kind: r.kind,
  shopId: r.shopId,
  platform: r.platform,
  fileName: r.fileName,
  format: r.format,
  encoding: r.encoding,
  sizeBytes: r.sizeBytes,
  headers: r.headers,
  rowCount: r.rowCount,
  status: r.status,
  mapping: r.mapping,
  imported: r.imported,
  skippedDuplicate: r.skippedDuplicate,
  failed: r.failed,
  error: r.error,
  createdByName: r.createdByName,
  createdAt: r.createdAt,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});

const previewView = (p: Awaited<ReturnType<ImportService['preview']>>) => ({
  ...p,
  run: runView(p.run),
  sampleRows: p.sampleRows.map((r) => ({ line: r.line, cells: r.cells })),
});

const Kind = z.enum(IMPORT_KINDS);
const Encoding = z.enum(TEXT_ENCODINGS);
const FileName = z.string().trim().min(1).max(200);
const Mapping = z.record(z.string().max(40), z.string().max(200)).refine((m) => Object.keys(m).length <= 40);

const UploadFields = z.strictObject({
  kind: Kind,
  shopId: z.uuid(),
  encoding: Encoding.optional(),
});

const isRunCursor = (v: unknown): v is { at: string; id: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { at: unknown }).at === 'string' &&
  !Number.isNaN(Date.parse((v as { at: string }).at)) &&
  typeof (v as { id: unknown }).id === 'string' &&
  UUID_PATTERN.test((v as { id: string }).id);

/** Base64 of the largest file, with room for the JSON around it. */
const BASE64_BODY_LIMIT = Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 64 * 1024;

export const importRoutes: FastifyPluginAsyncZod<{ imports: ImportService }> = async (app, { imports }) => {
  // Scoped to these routes: nowhere else takes multipart bodies.
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, fieldSize: 1000, parts: 12 },
  });

  app.post(
    '/imports',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['imports'],
        summary: `Upload a CSV or XLSX export (multipart: kind, shopId, encoding?, then file; at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB); answers the preview`,
        consumes: ['multipart/form-data'],
        response: { 201: Preview, ...UploadErrors },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) {
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          'send multipart/form-data with the fields kind, shopId (and encoding) before the file, or use POST /imports/base64',
        );
      }
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION_FAILED', 'no file in the upload');
      const bytes = await file.toBuffer(); // 413 past the limit
      const fields = Object.fromEntries(
        Object.entries(file.fields)
          .filter(([, v]) => v && !Array.isArray(v) && (v as MultipartValue).type === 'field')
          .map(([k, v]) => [k, String((v as MultipartValue).value)]),
      );
      const parsed = UploadFields.safeParse(fields);
      if (!parsed.success) {
        throw new AppError(
          'VALIDATION_FAILED',
          `invalid upload fields: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'fields'}: ${i.message}`).join('; ')}`,
        );
      }
      const preview = await imports.upload(actorOf(req), {
        ...parsed.data,
        fileName: file.filename || 'upload.csv',
        bytes,
      });
      return reply.status(201).send(previewView(preview));
    },
  );

  app.post(
    '/imports/base64',
    {
      config: { access: 'supervisor' },
      bodyLimit: BASE64_BODY_LIMIT,
      schema: {
        tags: ['imports'],
        summary: 'Upload an export as base64 in JSON (for scripts); same answer as the multipart upload',
        body: z.strictObject({
          kind: Kind,
          shopId: z.uuid(),
          fileName: FileName,
          encoding: Encoding.optional(),
          contentBase64: z.string().max(BASE64_BODY_LIMIT),
        }),
        response: { 201: Preview, ...UploadErrors },
      },
    },
    async (req, reply) => {
      const { contentBase64, ...rest } = req.body;
      if (!/^[A-Za-z0-9+/=\s]*$/.test(contentBase64)) {
        throw new AppError('VALIDATION_FAILED', 'contentBase64 is not base64');
      }
      const bytes = Buffer.from(contentBase64, 'base64');
      const preview = await imports.upload(actorOf(req), { ...rest, bytes });
      return reply.status(201).send(previewView(preview));
    },
  );

  app.get(
    '/imports',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['imports'],
        summary: 'Import history, newest first',
        querystring: z.strictObject({
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(RunView), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const cursor = decodeCursor(req.query.cursor, isRunCursor);
      const page = await imports.list(
        actorOf(req),
        req.query.limit,
        cursor ? { at: new Date(cursor.at), id: cursor.id } : null,
      );
      return {
        items: page.items.map(runView),
        nextCursor: page.next ? encodeCursor({ at: page.next.at.toISOString(), id: page.next.id }) : null,
      };
    },
  );

  app.get(
    '/imports/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['imports'],
        summary: 'One import with its report: counts and every failed row with its line and reason',
        params: IdParams,
        response: { 200: RunDetail, ...ErrorResponses },
      },
    },
    async (req) => {
      const run = await imports.get(actorOf(req), req.params.id);
      return { ...runView(run), failures: run.failures };
    },
  );

  app.get(
    '/imports/:id/preview',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['imports'],
        summary: 'The preview of an upload again: header row, first rows, suggested mapping',
        params: IdParams,
        response: { 200: Preview, ...ErrorResponses },
      },
    },
    async (req) => previewView(await imports.preview(actorOf(req), req.params.id)),
  );

  app.post(
    '/imports/:id/run',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['imports'],
        summary:
          'Import the upload with the confirmed column mapping (field → header). Answers 200 with the report, ' +
          'or 202 with the run still running when it takes longer than waitMs (then poll GET /imports/:id)',
        params: IdParams,
        querystring: z.strictObject({ waitMs: z.coerce.number().int().min(0).max(60_000).optional() }),
        body: z.strictObject({ mapping: Mapping, saveMapping: z.boolean().optional() }),
        response: { 200: RunDetail, 202: RunDetail, ...ErrorResponses, 422: ErrorBody },
      },
    },
    async (req, reply) => {
      const { run, done } = await imports.run(actorOf(req), req.params.id, req.body, req.query.waitMs);
      return reply.status(done ? 200 : 202).send({ ...runView(run), failures: run.failures });
    },
  );

  app.get(
    '/imports/:id/failures.csv',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['imports'],
        summary: 'The failed rows as CSV (line, reason, original cells; formulas neutralised)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const { fileName, csv } = await imports.failuresCsv(actorOf(req), req.params.id);
      const name = `failed-rows-${fileName.replace(/\.[^.]+$/, '')}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(csv);
    },
  );

  app.get(
    '/import-mappings',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['imports'],
        summary: 'Saved column mappings per platform and kind',
        response: { 200: z.object({ items: z.array(MappingView) }) },
      },
    },
    async (req) => ({ items: await imports.mappings(actorOf(req)) }),
  );

  app.put(
    '/import-mappings/:platform/:kind',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['imports'],
        summary: 'Save the column mapping for a platform and kind',
        params: z.strictObject({
          platform: z.enum(['pinduoduo', 'douyin', 'tiktok', 'taobao', 'manual']),
          kind: Kind,
        }),
        body: z.strictObject({ mapping: Mapping }),
        response: { 200: MappingView, ...ErrorResponses },
      },
    },
    async (req) => imports.saveMapping(actorOf(req), req.params.platform, req.params.kind, req.body.mapping),
  );

  app.get(
    '/reviews',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['imports'],
        summary: 'Imported reviews, newest first (negative ones link to their case)',
        querystring: z.strictObject({
          shopId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(ReviewView) }) },
      },
    },
    async (req) => ({
      items: (await imports.reviews(actorOf(req), req.query.shopId, req.query.limit)).map((r) => ({
        id: r.id,
        shopId: r.shopId,
        reviewKey: r.reviewKey,
        orderExternalId: r.orderExternalId,
        productExternalId: r.productExternalId,
        productName: r.productName,
        skuSpec: r.skuSpec,
        score: r.score,
        content: r.content,
        nickname: r.nickname,
        reviewedAt: r.reviewedAt,
        negative: r.negative,
        ticketId: r.ticketId,
      })),
    }),
  );
};
