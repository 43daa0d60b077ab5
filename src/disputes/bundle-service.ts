import { createHash } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { Actor } from '../auth/roles.js';
import type { CustodyRow, EvidenceRow } from '../evidence/evidence-repo.js';
import type { EvidenceService } from '../evidence/evidence-service.js';
import { AppError } from '../shared/app-error.js';
import type { DisputeService } from './dispute-service.js';
import type { Locale } from './labels.js';
import { renderSummary } from './summary-pdf.js';

/** Custody entries that say where an exhibit came from; views, downloads and exports of it do not change it. */
const PROVENANCE = new Set(['upload', 'attach', 'freeze']);
// Every zip entry carries this time: the bundle's bytes depend on its contents only.
const ZIP_TIME = new Date('2000-01-01T00:00:00Z');

/**
 * A bundle ready to send: its hash, taken by building it once into a hash (the bytes are a function of
 * the inputs, so the second build that `stream` starts gives the same bytes), without holding it in memory.
 */
export type Bundle = {
  fileName: string;
  sha256: string;
  bytes: number;
  exhibits: number;
  missing: string[];
  /** The zip, built again as it is read; an exhibit whose bytes changed meanwhile ends it with an error. */
  stream(): Readable;
};

export type BundleService = ReturnType<typeof createBundleService>;

const safeName = (name: string) =>
  [...name]
    .map((c) => (/[\p{L}\p{N}._-]/u.test(c) ? c : '_'))
    .join('')
    .slice(0, 80);

export const exhibitPath = (no: number, item: { kind: string; fileName: string }) =>
  `exhibits/${String(no).padStart(3, '0')}-${item.kind}-${safeName(item.fileName)}`;

const custodyView = (c: CustodyRow) => ({
  seq: c.seq,
  action: c.action,
  at: c.at.toISOString(),
  evidenceId: c.evidenceId,
  sha256: c.sha256,
  actorType: c.actorType,
  actorId: c.actorId,
  actorName: c.actorName,
  detail: Object.fromEntries(Object.entries(c.detail).sort(([a], [b]) => a.localeCompare(b))),
  prevHash: c.prevHash,
  hash: c.hash,
});

/**
 * The zip a platform or authority gets: every exhibit (the original bytes), manifest.json (SHA-256,
 * size and provenance custody entries per exhibit, what is missing) and the summary PDF. Built from
 * the dispute and its exhibits only, with fixed entry times and order: the same inputs give the same
 * bytes. Each build then writes an 'export' custody entry per exhibit naming the bundle's hash.
 */
export function createBundleService({
  disputes,
  evidence,
}: {
  disputes: DisputeService;
  evidence: EvidenceService;
}) {
  return {
    async build(actor: Actor, disputeId: string, locale: Locale): Promise<Bundle> {
      const { dispute, evidence: items, checklist } = await disputes.get(actor, disputeId);
      const custody = await evidence.custodyOf(
        actor,
        items.map((i) => i.id),
      );
      const timeline = await disputes.timeline(actor, disputeId);
      const exhibits = items.map((item, k) => ({ no: k + 1, item, path: exhibitPath(k + 1, item) }));
      // The latest input time dates the PDF: a rebuild with nothing new is byte-identical.
      const asOf = new Date(
        Math.max(
          dispute.updatedAt.getTime(),
          ...items.map((i) => i.createdAt.getTime()),
          ...timeline.map((e) => e.at.getTime()),
        ),
      );
      const summaryName = `summary-${locale}.pdf`;
      const summary = await renderSummary({ dispute, exhibits, checklist, timeline, locale, asOf });
      const manifest = {
        format: 'aftercare-dispute-bundle/1',
        dispute: {
          id: dispute.id,
          type: dispute.type,
          platform: dispute.platform,
          externalRef: dispute.externalRef,
          reason: dispute.reason,
          openedAt: dispute.openedAt.toISOString(),
          amountAtStakeFen: dispute.amountAtStakeFen,
          status: dispute.status,
          outcome: dispute.outcome,
        },
        asOf: asOf.toISOString(),
        hashAlgorithm: 'sha256',
        custodyHash:
          'sha256 of JSON [prevHash, seq, at, action, evidenceId, sha256, actorType, actorId, actorName, [[key, value] of detail sorted by key]]',
        exhibits: exhibits.map(({ no, item, path }) => ({
          no,
          file: path,
          evidenceId: item.id,
          kind: item.kind,
          title: item.title,
          fileName: item.fileName,
          mediaType: item.mediaType,
          bytes: item.bytes,
          sha256: item.sha256,
          filedOn: `${item.subjectType}:${item.subjectId}`,
          custody: custody
            .filter((c) => c.evidenceId === item.id && PROVENANCE.has(c.action))
            .map(custodyView),
        })),
        missing: checklist.missing,
        summary: { file: summaryName, sha256: sha(summary), bytes: summary.length },
      };
      const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
      const zipOf = () => {
        const zip = new yazl.ZipFile();
        const out = zip.outputStream as Readable;
        // yazl reports a failed entry on the zip object and does not watch lazy streams: either
        // failure (a missing or changed exhibit) ends the output with it.
        const fail = (error: Error) => out.destroy(error);
        zip.on('error', fail);
        const opts = { mtime: ZIP_TIME, mode: 0o100644 };
        zip.addBuffer(manifestBytes, 'manifest.json', { ...opts, compress: true });
        zip.addBuffer(summary, summaryName, { ...opts, compress: true });
        for (const { item, path } of exhibits) {
          zip.addReadStreamLazy(path, { ...opts, compress: false, size: item.bytes }, (cb) => {
            openExhibit(evidence, actor, item, fail).then(
              (stream) => cb(null, stream),
              (error: Error) => cb(error, undefined as never),
            );
          });
        }
        zip.end();
        return out;
      };
      // The first build only hashes (and checks every exhibit against its SHA-256 on the way).
      const hash = createHash('sha256');
      let bytes = 0;
      await pipeline(zipOf(), async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) {
          hash.update(chunk);
          bytes += chunk.length;
        }
      });
      const bundleSha = hash.digest('hex');
      await evidence.recordExport(actor, items, { bundle: bundleSha, dispute: dispute.id });
      return {
        fileName: `dispute-${dispute.externalRef ?? dispute.id.slice(0, 8)}-${locale}.zip`,
        sha256: bundleSha,
        bytes,
        exhibits: items.length,
        missing: checklist.missing,
        stream: zipOf,
      };
    },
  };
}

/** An exhibit's stored bytes, checked against its SHA-256 as they pass: a changed file never leaves silently. */
async function openExhibit(
  evidence: EvidenceService,
  actor: Actor,
  item: EvidenceRow,
  fail: (error: Error) => void,
): Promise<Readable> {
  const stream = await evidence.store.open(actor.tenantId, item.sha256);
  if (!stream) throw new AppError('BLOB_MISSING', `the stored file of exhibit ${item.fileName} is missing`);
  const hash = createHash('sha256');
  const checked = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      done(
        hash.digest('hex') === item.sha256
          ? null
          : new AppError(
              'EVIDENCE_CHANGED',
              `the stored bytes of exhibit ${item.fileName} no longer match its SHA-256`,
            ),
      );
    },
  });
  stream.on('error', (error) => checked.destroy(error));
  checked.on('error', fail);
  return stream.pipe(checked);
}

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
