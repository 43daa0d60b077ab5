import { createHash } from 'node:crypto';
import yauzl from 'yauzl';
import { custodyHash } from '../evidence/custody.js';

/** Every entry of a zip, read into memory (bundles in tests and the browser acceptance test). */
export function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

type ManifestCustody = {
  seq: number;
  action: string;
  at: string;
  evidenceId: string;
  sha256: string;
  actorType: string;
  actorId: string | null;
  actorName: string;
  detail: Record<string, string | number>;
  prevHash: string;
  hash: string;
};

export type Manifest = {
  exhibits: { file: string; sha256: string; bytes: number; kind: string; custody: ManifestCustody[] }[];
  missing: string[];
  summary: { file: string; sha256: string };
};

/**
 * What a platform or authority can check on its own: every exhibit's bytes hash to the manifest's
 * SHA-256, the summary too, and each custody entry's hash follows from its fields. Returns problems.
 */
export async function checkBundle(bytes: Buffer): Promise<{ manifest: Manifest; problems: string[] }> {
  const files = await unzip(bytes);
  const manifestBytes = files.get('manifest.json');
  if (!manifestBytes)
    return {
      manifest: { exhibits: [], missing: [], summary: { file: '', sha256: '' } },
      problems: ['no manifest.json'],
    };
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
  const problems: string[] = [];
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  for (const exhibit of manifest.exhibits) {
    const file = files.get(exhibit.file);
    if (!file) problems.push(`${exhibit.file} is missing`);
    else if (sha(file) !== exhibit.sha256) problems.push(`${exhibit.file} does not match its SHA-256`);
    for (const c of exhibit.custody) {
      if (c.sha256 !== exhibit.sha256) problems.push(`custody entry ${c.seq} names another file`);
      const fields = { ...c, at: new Date(c.at), action: c.action as never };
      if (custodyHash(c.prevHash, fields) !== c.hash)
        problems.push(`custody entry ${c.seq} does not match its hash`);
    }
  }
  const summary = files.get(manifest.summary.file);
  if (!summary || sha(summary) !== manifest.summary.sha256)
    problems.push('the summary does not match its SHA-256');
  return { manifest, problems };
}
