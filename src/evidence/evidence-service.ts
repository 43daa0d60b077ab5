import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { CustodyAction, EvidenceKind } from '../db/schema/evidence.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { BlobStore } from './blob-store.js';
import type { CustodyFields } from './custody.js';
import * as repo from './evidence-repo.js';
import { defaultKind } from './file-rules.js';
import { type Received, receiveFile } from './receive.js';
import { makeShareable, shareableMediaType } from './shareable.js';
import type { SubjectRegistry } from './subjects.js';
import { verifyTenant } from './verify.js';

export type EvidenceSubject = { type: string; id: string };

/**
 * What another domain passes to `evidence.attach`: the subject it files the file under (its own
 * registered type and id), the bytes (a Buffer or a stream) and how to describe them.
 */
export type AttachInput = {
  subjectType: string;
  subjectId: string;
  fileName: string;
  content: Buffer | Readable;
  kind?: EvidenceKind | undefined;
  title?: string | undefined;
  details?: Record<string, string | number> | undefined;
};

/** Why an item may not be deleted now (an open dispute holds it), or null. Domains register these. */
export type HoldCheck = (scope: TenantScope, item: repo.EvidenceRow) => Promise<string | null>;

export type EvidenceServiceDeps = {
  db: Db;
  clock: Clock;
  store: BlobStore;
  subjects: SubjectRegistry;
  holds?: HoldCheck[];
};

type Source = 'upload' | 'attached' | 'frozen';
const ACTION_OF: Record<Source, CustodyAction> = { upload: 'upload', attached: 'attach', frozen: 'freeze' };

export type EvidenceService = ReturnType<typeof createEvidenceService>;

export function createEvidenceService({ db, clock, store, subjects, holds = [] }: EvidenceServiceDeps) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  const custodyFor = (
    actor: Actor,
    item: repo.EvidenceRow,
    action: CustodyAction,
    at: Date,
    detail: Record<string, string | number> = {},
    sha256 = item.sha256,
  ): Omit<CustodyFields, 'seq'> => ({
    evidenceId: item.id,
    action,
    sha256,
    actorType: actor.type,
    actorId: actor.id,
    actorName: actor.name,
    at,
    detail,
  });

  async function mustFind(scope: TenantScope, id: string) {
    const item = await repo.findItem(scope, id);
    if (!item) throw new AppError('EVIDENCE_NOT_FOUND', `evidence ${id} not found`);
    return item;
  }

  /** Files a received file: blob(s) into the store, then the item and its custody entry in one transaction. */
  async function fileReceived(
    actor: Actor,
    subject: EvidenceSubject,
    received: Received,
    meta: { fileName: string; kind?: EvidenceKind | undefined; title?: string | undefined; source: Source },
    details: Record<string, string | number> = {},
  ): Promise<repo.EvidenceRow> {
    const scope = scopeOf(actor);
    let shareTemp: string | null = null;
    try {
      await subjects.mustExist(scope, subject.type, subject.id);
      const shareable = await makeShareable(
        received.tempPath,
        received.fileClass,
        received.ext,
        store.tempDir,
      );
      if (shareable.location === 'removed') shareTemp = shareable.tempPath;
      await store.putFile(actor.tenantId, received.sha256, received.tempPath);
      if (shareable.location === 'removed') {
        await store.putFile(actor.tenantId, shareable.sha256, shareable.tempPath);
        shareTemp = null;
      }
      const now = clock.now();
      return await scope.transaction(async (tx) => {
        await repo.saveBlob(tx, {
          sha256: received.sha256,
          bytes: received.bytes,
          mediaType: received.mediaType,
        });
        if (shareable.location === 'removed') {
          await repo.saveBlob(tx, {
            sha256: shareable.sha256,
            bytes: shareable.bytes,
            mediaType: shareableMediaType(received.mediaType),
          });
        }
        const [item] = await repo.insertItems(tx, [
          {
            id: newId(),
            subjectType: subject.type,
            subjectId: subject.id,
            kind: meta.kind ?? defaultKind(received.fileClass),
            source: meta.source,
            title: meta.title?.trim() || meta.fileName,
            fileName: meta.fileName,
            sha256: received.sha256,
            bytes: received.bytes,
            mediaType: received.mediaType,
            shareableSha256:
              shareable.location === 'removed'
                ? shareable.sha256
                : shareable.location === 'unremovable'
                  ? null
                  : received.sha256,
            location: shareable.location,
            details,
            createdByType: actor.type,
            createdById: actor.id,
            createdByName: actor.name,
            createdAt: now,
          },
        ]);
        if (!item) throw new Error('evidence insert returned nothing');
        await repo.appendCustody(tx, [
          custodyFor(actor, item, ACTION_OF[meta.source], now, {
            subject: `${subject.type}:${subject.id}`,
            fileName: meta.fileName,
            bytes: received.bytes,
          }),
        ]);
        return item;
      });
    } finally {
      await rm(received.tempPath, { force: true });
      if (shareTemp) await rm(shareTemp, { force: true });
    }
  }

  return {
    subjects,
    store,

    /** Streams a file to a temporary place and judges it (type, size, zip bomb); see receive.ts. */
    receive: (content: Buffer | Readable) => receiveFile(store.tempDir, content),

    /** Files an upload received by `receive` (the HTTP route reads the subject after the file). */
    fileUpload(
      actor: Actor,
      subject: EvidenceSubject,
      received: Received,
      meta: { fileName: string; kind?: EvidenceKind | undefined; title?: string | undefined },
    ) {
      return fileReceived(actor, subject, received, { ...meta, source: 'upload' });
    },

    /**
     * Attaches a file to any registered subject: the entry point for other domains (recalls,
     * brand protection, quality). Checks the subject exists in the actor's tenant, judges the
     * bytes like an upload, stores them once per tenant by SHA-256 and writes an 'attach' custody entry.
     */
    async attach(actor: Actor, input: AttachInput, source: 'attached' | 'frozen' = 'attached') {
      await subjects.mustExist(scopeOf(actor), input.subjectType, input.subjectId);
      const received = await receiveFile(store.tempDir, input.content);
      return fileReceived(
        actor,
        { type: input.subjectType, id: input.subjectId },
        received,
        { fileName: input.fileName, kind: input.kind, title: input.title, source },
        input.details,
      );
    },

    async list(actor: Actor, subject: EvidenceSubject) {
      const scope = scopeOf(actor);
      await subjects.mustExist(scope, subject.type, subject.id);
      return repo.listBySubjects(scope, [subject]);
    },

    /** Live items of several subjects at once (a dispute, its case and its order). */
    listMany: (actor: Actor, list: EvidenceSubject[]) => repo.listBySubjects(scopeOf(actor), list),

    get: (actor: Actor, id: string) => mustFind(scopeOf(actor), id),

    /**
     * The bytes of an item, after writing the custody entry (view or download) that says who
     * opened which copy when. The shareable copy is the one without location data.
     */
    async open(
      actor: Actor,
      id: string,
      options: { variant: 'original' | 'shareable'; action: 'view' | 'download' },
    ) {
      const scope = scopeOf(actor);
      const item = await mustFind(scope, id);
      const sha256 = options.variant === 'original' ? item.sha256 : item.shareableSha256;
      if (!sha256) {
        throw new AppError(
          'UNPROCESSABLE',
          'no shareable copy: the location data of this file could not be removed; share the original only where that is safe',
        );
      }
      const stream = await store.open(actor.tenantId, sha256);
      if (!stream) throw new AppError('BLOB_MISSING', `the stored file of evidence ${id} is missing`);
      await scope.transaction((tx) =>
        repo.appendCustody(tx, [
          custodyFor(actor, item, options.action, clock.now(), { variant: options.variant }, sha256),
        ]),
      );
      const mediaType = sha256 === item.sha256 ? item.mediaType : shareableMediaType(item.mediaType);
      return { item, stream, sha256, mediaType };
    },

    /** Custody entries that say these items left in an export (a dispute bundle). */
    async recordExport(actor: Actor, items: repo.EvidenceRow[], detail: Record<string, string | number>) {
      const at = clock.now();
      return scopeOf(actor).transaction((tx) =>
        repo.appendCustody(
          tx,
          items.map((item) => custodyFor(actor, item, 'export', at, detail)),
        ),
      );
    },

    custody: async (actor: Actor, id: string) => {
      const scope = scopeOf(actor);
      await mustFind(scope, id);
      return repo.recentCustody(scope, id);
    },

    custodyOf: (actor: Actor, ids: string[]) => repo.custodyOf(scopeOf(actor), ids),

    /**
     * A deletion request: refused while something holds the item (an open dispute); otherwise the
     * item leaves every list, its custody entry stays, and the bytes go once nothing uses them.
     */
    async requestDeletion(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const item = await mustFind(scope, id);
      for (const hold of holds) {
        const reason = await hold(scope, item);
        if (reason) throw new AppError('EVIDENCE_HELD', reason);
      }
      const now = clock.now();
      await scope.transaction(async (tx) => {
        await repo.appendCustody(tx, [custodyFor(actor, item, 'deletion_request', now)]);
        await repo.markDeletionRequested(tx, id, actor.name, now);
      });
      for (const sha of new Set([item.sha256, item.shareableSha256].filter((s): s is string => !!s))) {
        if (!(await repo.blobInUse(scope, sha))) {
          await repo.deleteBlobRow(scope, sha);
          await store.remove(actor.tenantId, sha);
        }
      }
    },

    addHold(check: HoldCheck) {
      holds.push(check);
    },

    /** Checks the tenant's custody chain, then every stored file against its hash. */
    verify: (tenantId: string) => verifyTenant(scopeTo(db, tenantId), store),
  };
}
