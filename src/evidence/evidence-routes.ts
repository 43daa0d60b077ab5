import { rm } from 'node:fs/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../auth/roles.js';
import { EVIDENCE_KINDS, EVIDENCE_SOURCES, LOCATION_STATES } from '../db/schema/evidence.js';
import { actorOf } from '../http/access.js';
import { ErrorBody, ErrorResponses, IdParams } from '../http/schemas.js';
import { AppError } from '../shared/app-error.js';
import type { EvidenceRow } from './evidence-repo.js';
import type { EvidenceService, EvidenceSubject } from './evidence-service.js';
import { MAX_UPLOAD_BYTES } from './file-rules.js';
import type { Received } from './receive.js';
import { SUBJECT_TYPE } from './subjects.js';

export const EvidenceView = z.object({
  id: z.uuid(),
  subjectType: z.string(),
  subjectId: z.uuid(),
  kind: z.enum(EVIDENCE_KINDS),
  source: z.enum(EVIDENCE_SOURCES),
  title: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  mediaType: z.string(),
  /** What the shareable copy did with location metadata (EXIF GPS). */
  location: z.enum(LOCATION_STATES),
  shareable: z.boolean(),
  createdByName: z.string(),
  createdAt: z.date(),
});
export type EvidenceView = z.infer<typeof EvidenceView>;

export const toEvidenceView = (r: EvidenceRow): EvidenceView => ({
  id: r.id,
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  kind: r.kind,
  source: r.source,
  title: r.title,
  fileName: r.fileName,
  sha256: r.sha256,
  bytes: r.bytes,
  mediaType: r.mediaType,
  location: r.location,
  shareable: r.shareableSha256 !== null,
  createdByName: r.createdByName,
  createdAt: r.createdAt,
});

const CustodyView = z.object({
  seq: z.number().int(),
  action: z.string(),
  sha256: z.string(),
  actorName: z.string(),
  actorType: z.string(),
  at: z.date(),
  detail: z.record(z.string(), z.union([z.string(), z.number()])),
  hash: z.string(),
  prevHash: z.string(),
});

const VerifyView = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  entries: z.number().int(),
  files: z.number().int(),
  firstBreak: z.record(z.string(), z.unknown()).nullable(),
});

/** Exactly one way of naming the subject: ticketId, orderId, disputeId, penaltyId, or subjectType + subjectId. */
const SubjectFields = z
  .strictObject({
    ticketId: z.uuid().optional(),
    orderId: z.uuid().optional(),
    disputeId: z.uuid().optional(),
    penaltyId: z.uuid().optional(),
    subjectType: z
      .string()
      .regex(SUBJECT_TYPE, 'a subject type such as recall or brand_complaint')
      .optional(),
    subjectId: z.uuid().optional(),
  })
  .transform((f, ctx): EvidenceSubject => {
    const named: EvidenceSubject[] = [
      ...(f.ticketId ? [{ type: 'ticket', id: f.ticketId }] : []),
      ...(f.orderId ? [{ type: 'order', id: f.orderId }] : []),
      ...(f.disputeId ? [{ type: 'dispute', id: f.disputeId }] : []),
      ...(f.penaltyId ? [{ type: 'penalty', id: f.penaltyId }] : []),
      ...(f.subjectType || f.subjectId ? [{ type: f.subjectType ?? '', id: f.subjectId ?? '' }] : []),
    ];
    const only = named[0];
    if (named.length !== 1 || !only || !only.type || !only.id) {
      ctx.addIssue({
        code: 'custom',
        message:
          'name exactly one subject: ticketId, orderId, disputeId, penaltyId, or subjectType with subjectId',
      });
      return z.NEVER;
    }
    return only;
  });

const UploadFields = z
  .object({
    kind: z.enum(EVIDENCE_KINDS).optional(),
    title: z.string().trim().max(200).optional(),
  })
  .passthrough();

// Control characters and path separators become "_": the name is shown and sent back, never a path.
const FileName = (name: string | undefined) => {
  const cleaned = [...(name ?? '')]
    .map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' || c === '/' || c === '\\' ? '_' : c))
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned || 'evidence';
};

const UploadErrors = { ...ErrorResponses, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody } as const;

const issuesOf = (error: z.ZodError) =>
  error.issues.map((i) => `${i.path.join('.') || 'fields'}: ${i.message}`).join('; ');

/** Sends stored bytes with headers that keep a browser from running or sniffing them. */
export function sendFile(
  reply: FastifyReply,
  file: { stream: NodeJS.ReadableStream; mediaType: string; sha256: string; fileName: string },
  disposition: 'inline' | 'attachment',
) {
  const inlineSafe =
    disposition === 'inline' && /^(image|video|audio)\/|^application\/pdf$/.test(file.mediaType);
  return reply
    .header('content-type', file.mediaType.startsWith('text/') ? 'text/plain; charset=utf-8' : file.mediaType)
    .header(
      'content-disposition',
      `${inlineSafe ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'; img-src 'self'; media-src 'self'")
    .header('cache-control', 'private, no-store')
    .header('x-evidence-sha256', file.sha256)
    .send(file.stream);
}

export type FreezeCase = (actor: Actor, ticketId: string, locale: 'zh-CN' | 'en') => Promise<EvidenceRow[]>;

export const evidenceRoutes: FastifyPluginAsyncZod<{
  evidence: EvidenceService;
  freeze: FreezeCase;
}> = async (app, { evidence, freeze }) => {
  // Scoped to these routes: the upload takes one file and a few short fields.
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 1000, parts: 12 },
  });

  app.post(
    '/evidence',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['evidence'],
        summary:
          'Upload evidence (multipart: file plus ticketId, orderId, disputeId, penaltyId or subjectType+subjectId; kind?, title?). Type from the bytes; 413 past the limit of its type',
        consumes: ['multipart/form-data'],
        response: { 201: EvidenceView, ...UploadErrors },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) {
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          'send multipart/form-data with a file and the subject fields',
        );
      }
      const actor = actorOf(req);
      const fields: Record<string, string> = {};
      let received: Received | null = null;
      let fileName = 'evidence';
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            if (received) throw new AppError('VALIDATION_FAILED', 'send one file per upload');
            fileName = FileName(part.filename);
            received = await evidence.receive(part.file);
          } else {
            fields[part.fieldname] = String(part.value);
          }
        }
        if (!received) throw new AppError('VALIDATION_FAILED', 'no file in the upload (field "file")');
        const { kind, title, ...subjectFields } = fields;
        const meta = UploadFields.safeParse({ kind, title });
        if (!meta.success)
          throw new AppError('VALIDATION_FAILED', `invalid upload fields: ${issuesOf(meta.error)}`);
        const subject = SubjectFields.safeParse(subjectFields);
        if (!subject.success) {
          throw new AppError('VALIDATION_FAILED', `invalid upload fields: ${issuesOf(subject.error)}`);
        }
        const item = await evidence.fileUpload(actor, subject.data, received, {
          fileName,
          kind: meta.data.kind,
          title: meta.data.title,
        });
        received = null;
        return reply.status(201).send(toEvidenceView(item));
      } finally {
        if (received) await rm(received.tempPath, { force: true });
      }
    },
  );

  app.post(
    '/evidence/freeze',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['evidence'],
        summary:
          "Save as evidence: the case's chat thread (and its order) rendered into hashed PDFs filed on the case and order",
        body: z.strictObject({ ticketId: z.uuid(), locale: z.enum(['zh-CN', 'en']).default('zh-CN') }),
        response: { 201: z.object({ items: z.array(EvidenceView) }), ...ErrorResponses },
      },
    },
    async (req, reply) =>
      reply.status(201).send({
        items: (await freeze(actorOf(req), req.body.ticketId, req.body.locale)).map(toEvidenceView),
      }),
  );

  app.get(
    '/evidence',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['evidence'],
        summary: 'Evidence of one subject (ticketId, orderId, disputeId, penaltyId or subjectType+subjectId)',
        querystring: SubjectFields,
        response: { 200: z.object({ items: z.array(EvidenceView) }), ...ErrorResponses },
      },
    },
    async (req) => ({ items: (await evidence.list(actorOf(req), req.query)).map(toEvidenceView) }),
  );

  app.get(
    '/evidence/verify',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['evidence'],
        summary: "Verify the tenant's custody chain and every stored file; names the first break",
        response: { 200: VerifyView, ...ErrorResponses },
      },
    },
    async (req) => evidence.verify(actorOf(req).tenantId),
  );

  app.get(
    '/evidence/:id',
    {
      config: { access: 'agent' },
      schema: { tags: ['evidence'], params: IdParams, response: { 200: EvidenceView, ...ErrorResponses } },
    },
    async (req) => toEvidenceView(await evidence.get(actorOf(req), req.params.id)),
  );

  app.get(
    '/evidence/:id/content',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['evidence'],
        summary:
          'The bytes (original by default; variant=shareable is the copy without location data). Writes a view or download custody entry',
        params: IdParams,
        querystring: z.strictObject({
          variant: z.enum(['original', 'shareable']).default('original'),
          disposition: z.enum(['inline', 'attachment']).default('attachment'),
        }),
        response: { ...ErrorResponses, 410: ErrorBody, 422: ErrorBody },
      },
    },
    async (req, reply) => {
      const { variant, disposition } = req.query;
      const file = await evidence.open(actorOf(req), req.params.id, {
        variant,
        action: disposition === 'inline' ? 'view' : 'download',
      });
      return sendFile(reply, { ...file, fileName: file.item.fileName }, disposition);
    },
  );

  app.get(
    '/evidence/:id/custody',
    {
      config: { access: 'agent' },
      schema: {
        tags: ['evidence'],
        summary: 'Custody entries of one item, newest first',
        params: IdParams,
        response: { 200: z.object({ items: z.array(CustodyView) }), ...ErrorResponses },
      },
    },
    async (req) => ({ items: await evidence.custody(actorOf(req), req.params.id) }),
  );

  app.delete(
    '/evidence/:id',
    {
      config: { access: 'supervisor' },
      schema: {
        tags: ['evidence'],
        summary: 'Request deletion (refused with 409 while an open dispute holds the item)',
        params: IdParams,
        response: { 204: z.null(), ...ErrorResponses },
      },
    },
    async (req, reply) => {
      await evidence.requestDeletion(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );
};
