import { createHash } from 'node:crypto';
import yazl from 'yazl';
import type { Actor } from '../auth/roles.js';
import { readStored } from '../evidence/blob-store.js';
import type { EvidenceService } from '../evidence/evidence-service.js';
import { AppError } from '../shared/app-error.js';
import type { ComplaintService } from './complaint-service.js';
import type { DraftLocale } from './defence-draft.js';
import { comparisonHtml, layoutExhibits, ROLE_FOLDER, sha256Sums } from './filing-layout.js';
import type { PortfolioService } from './portfolio-service.js';

// Every entry carries this time: the package's bytes depend on its contents only.
const ZIP_TIME = new Date('2000-01-01T00:00:00Z');
const MAX_PACKAGE_BYTES = 200 * 1024 * 1024;

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export type FilingPackage = {
  fileName: string;
  bytes: Buffer;
  sha256: string;
  files: number;
  missing: string[];
};
export type FilingPackageService = ReturnType<typeof createFilingPackageService>;

/**
 * The zip a merchant uploads to the platform's IP portal for one complaint: the rights certificate,
 * the infringing link's screenshots, a comparison page, the authorisation (when the right is held
 * through a licence) and the supporting files, each re-hashed against the vault before it goes in;
 * manifest.json (what each file is, its SHA-256 and size, what the checklist still lacks) and
 * SHA256SUMS. Each build writes an 'export' custody entry per exhibit naming the package's hash.
 */
export function createFilingPackageService(deps: {
  complaints: ComplaintService;
  portfolio: PortfolioService;
  evidence: EvidenceService;
}) {
  const { complaints, portfolio, evidence } = deps;
  return {
    async build(actor: Actor, complaintId: string, locale: DraftLocale): Promise<FilingPackage> {
      const detail = await complaints.get(actor, complaintId);
      const { complaint, listing, checklist } = detail;
      if (!listing)
        throw new AppError('BRAND_RECORD_NOT_FOUND', `the listing of complaint ${complaintId} is gone`);
      const right = await portfolio.getRight(actor, complaint.rightId);
      // A licensee files on the owner's right: the authorisations received on it go in.
      const auths = (await portfolio.listAuthorisations(actor, 'received')).filter(
        (a) => a.authorisation.rightId === right.id && !a.authorisation.revokedAt,
      );
      const authItems = auths.length
        ? await evidence.listMany(
            actor,
            auths.map((a) => ({ type: 'brand_authorisation', id: a.authorisation.id })),
          )
        : [];
      const items = [...detail.evidence, ...authItems];
      const laid = layoutExhibits(items);
      let total = 0;
      const contents: Buffer[] = [];
      for (const { item } of laid) {
        total += item.bytes;
        if (total > MAX_PACKAGE_BYTES) {
          throw new AppError(
            'UNPROCESSABLE',
            'the files of this complaint exceed 200 MB: leave the videos out of the filing',
          );
        }
        const bytes = await readStored(evidence.store, actor.tenantId, item.sha256);
        if (!bytes) throw new AppError('BLOB_MISSING', `the stored file of ${item.fileName} is missing`);
        if (sha(bytes) !== item.sha256) {
          throw new AppError(
            'EVIDENCE_CHANGED',
            `the stored bytes of ${item.fileName} no longer match its SHA-256`,
          );
        }
        contents.push(bytes);
      }
      const comparisonPath = `${ROLE_FOLDER.comparison}/comparison-${locale}.html`;
      const comparison = Buffer.from(
        comparisonHtml(
          {
            right,
            listing,
            screenshots: laid.filter((l) => l.role === 'infringing_link').map((l) => l.path),
            reasons: [],
          },
          locale,
        ),
        'utf8',
      );
      const files = [
        ...laid.map((l, k) => ({
          path: l.path,
          role: l.role,
          evidenceId: l.item.id as string | null,
          kind: l.item.kind,
          title: l.item.title,
          mediaType: l.item.mediaType,
          bytes: l.item.bytes,
          sha256: l.item.sha256,
          capturedAt: l.item.createdAt.toISOString() as string | null,
          content: contents[k]!,
        })),
        {
          path: comparisonPath,
          role: 'comparison' as const,
          evidenceId: null,
          kind: 'comparison',
          title: locale === 'en' ? 'Right beside listing' : '权利与被投诉商品对比',
          mediaType: 'text/html; charset=utf-8',
          bytes: comparison.length,
          sha256: sha(comparison),
          capturedAt: null,
          content: comparison,
        },
      ].sort((a, b) => a.path.localeCompare(b.path));
      const manifest = {
        format: 'aftercare-ip-filing/1',
        hashAlgorithm: 'sha256',
        portal: detail.portal,
        complaint: {
          id: complaint.id,
          platform: complaint.platform,
          type: complaint.type,
          status: complaint.status,
          externalRef: complaint.externalRef,
          precheckScore: complaint.precheckScore,
        },
        right: {
          kind: right.kind,
          name: right.name,
          registrationNo: right.registrationNo,
          owner: right.owner,
          classes: right.classes,
          validFrom: right.validFrom?.toISOString() ?? null,
          validUntil: right.validUntil?.toISOString() ?? null,
        },
        listing: {
          url: listing.url,
          sellerName: listing.sellerName,
          sellerId: listing.sellerId,
          title: listing.title,
          priceFen: listing.priceFen,
          testPurchaseRef: listing.testPurchaseRef,
        },
        files: files.map(({ content: _content, ...f }) => f),
        missing: checklist.missing,
      };
      const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
      const zip = new yazl.ZipFile();
      const opts = { mtime: ZIP_TIME, mode: 0o100644 };
      zip.addBuffer(manifestBytes, 'manifest.json', { ...opts, compress: true });
      zip.addBuffer(
        Buffer.from(sha256Sums([{ path: 'manifest.json', sha256: sha(manifestBytes) }, ...files]), 'utf8'),
        'SHA256SUMS',
        { ...opts, compress: true },
      );
      // Images and PDFs are compressed already; the HTML page is not.
      for (const f of files) zip.addBuffer(f.content, f.path, { ...opts, compress: f.role === 'comparison' });
      zip.end();
      const bytes = await collect(zip.outputStream);
      const packageSha = sha(bytes);
      await evidence.recordExport(actor, items, { ipFiling: packageSha, complaint: complaint.id });
      return {
        fileName: `ip-filing-${complaint.externalRef ?? complaint.id.slice(0, 8)}-${locale}.zip`,
        bytes,
        sha256: packageSha,
        files: files.length,
        missing: checklist.missing,
      };
    },
  };
}

function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
