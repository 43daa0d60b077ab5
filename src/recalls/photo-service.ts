import type { Readable } from 'node:stream';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { StatementPhotoJson } from '../db/schema/recalls.js';
import { scopeTo } from '../db/tenant-scope.js';
import type { BlobStore } from '../evidence/blob-store.js';
import type { EvidenceService } from '../evidence/evidence-service.js';
import { shareableMediaType } from '../evidence/shareable.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { isPublic } from './lifecycle.js';
import { assertNoPersonalData } from './public-text-service.js';
import * as repo from './recall-repo.js';
import type { RecallService } from './recall-service.js';

export const MAX_STATEMENT_PHOTOS = 6;

export type PhotoChoice = { evidenceId: string; captionZh: string; captionEn: string };
export type StatementPhotoService = ReturnType<typeof createStatementPhotoService>;

/**
 * Product and batch identification photos on the public page. They are uploaded through the
 * evidence vault (subject `recall`), so each has a hash, a custody log and a shareable copy without
 * location data; only that copy is published, and publishing is a custody entry (export).
 */
export function createStatementPhotoService({
  db,
  clock,
  recalls,
  evidence,
  blobs,
}: {
  db: Db;
  clock: Clock;
  recalls: RecallService;
  evidence: EvidenceService;
  blobs: BlobStore;
}) {
  return {
    async setPhotos(actor: Actor, id: string, choices: PhotoChoice[]) {
      const scope = scopeTo(db, actor.tenantId);
      const r = await recalls.mustFind(actor, id);
      if (r.status === 'closed' || r.status === 'cancelled') {
        throw new AppError('ILLEGAL_TRANSITION', `the photos of a ${r.status} recall cannot change`);
      }
      if (new Set(choices.map((c) => c.evidenceId)).size !== choices.length) {
        throw new AppError('VALIDATION_FAILED', 'a photo is named twice');
      }
      const items = await Promise.all(choices.map((c) => evidence.get(actor, c.evidenceId)));
      const photos: StatementPhotoJson[] = items.map((item, i) => {
        if (item.subjectType !== 'recall' || item.subjectId !== id) {
          throw new AppError('EVIDENCE_NOT_FOUND', `evidence ${item.id} is not a photo of this recall`);
        }
        if (!item.mediaType.startsWith('image/')) {
          throw new AppError('UNPROCESSABLE', `${item.fileName} is not a photo`);
        }
        if (!item.shareableSha256) {
          throw new AppError(
            'UNPROCESSABLE',
            `${item.fileName} carries location data that could not be removed: it cannot be published`,
          );
        }
        const sha256 = item.shareableSha256;
        const mediaType = sha256 === item.sha256 ? item.mediaType : shareableMediaType(item.mediaType);
        return {
          evidenceId: item.id,
          sha256,
          mediaType,
          captionZh: choices[i]!.captionZh,
          captionEn: choices[i]!.captionEn,
        };
      });
      await assertNoPersonalData(
        scope,
        recalls.sourceOf(r),
        r.contact,
        photos.flatMap((p, i) => [
          { field: `photo ${i + 1} caption (zh-CN)`, text: p.captionZh },
          { field: `photo ${i + 1} caption (en)`, text: p.captionEn },
        ]),
      );
      const fresh = items.filter((x) => !r.statementPhotos.some((p) => p.evidenceId === x.id));
      if (fresh.length)
        await evidence.recordExport(actor, fresh, { to: 'public recall page', recall: r.publicId });
      return repo.updateRecall(scope, id, { statementPhotos: photos, updatedAt: clock.now() });
    },

    /** A published photo for the public page: only while the campaign is public, only its shareable copy. */
    async openPublic(
      publicId: string,
      evidenceId: string,
    ): Promise<{ stream: Readable; mediaType: string } | null> {
      const r = await repo.findPublicRecall(db, publicId);
      if (!r || !isPublic(r.status)) return null;
      const photo = r.statementPhotos.find((p) => p.evidenceId === evidenceId);
      if (!photo) return null;
      const stream = await blobs.open(r.tenantId, photo.sha256);
      return stream ? { stream, mediaType: photo.mediaType } : null;
    },
  };
}
