import { z } from 'zod';
import { COUNTED_TABLES } from './backup-repo.js';

export const BACKUP_FORMAT = 1;

const Counts = z.record(z.enum(COUNTED_TABLES), z.number().int().min(0));

/** manifest.json of a backup folder: what was saved, and what a restore must find again. */
export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.iso.datetime(),
  engine: z.enum(['pglite', 'postgres']),
  /** database.tar.gz (a PGlite data-dir dump) or database.pgdump (pg_dump's custom format). */
  databaseFile: z.enum(['database.tar.gz', 'database.pgdump']),
  lastMigration: z.string().nullable(),
  counts: Counts,
  blobs: z.object({ files: z.number().int().min(0), bytes: z.number().int().min(0) }),
  /** First 16 hex digits of SHA-256 over the sealing key: says which key the sealed values need. */
  keyFingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  /** Whether secret.key is in the backup (false when AFTERCARE_SECRET supplied the key). */
  keyFileIncluded: z.boolean(),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export type RestoreObservation = {
  counts: Partial<Record<(typeof COUNTED_TABLES)[number], number>>;
  missingBlobs: number;
  corruptBlobs: number;
  keyFingerprint: string;
  sealedChecked: number;
  sealedUnreadable: number;
};

/** Everything a restored install lacks compared with its backup, in words an operator can act on. */
export function restoreProblems(manifest: BackupManifest, seen: RestoreObservation): string[] {
  const problems: string[] = [];
  for (const table of COUNTED_TABLES) {
    const want = manifest.counts[table];
    const got = seen.counts[table];
    // Migrations of a newer release may add rows (seeded rules); never lose any.
    if (want !== undefined && (got === undefined || got < want)) {
      problems.push(`${table}: ${got ?? 0} rows restored, ${want} backed up`);
    }
  }
  if (seen.missingBlobs > 0) problems.push(`${seen.missingBlobs} evidence files missing`);
  if (seen.corruptBlobs > 0) problems.push(`${seen.corruptBlobs} evidence files do not match their SHA-256`);
  if (seen.keyFingerprint !== manifest.keyFingerprint) {
    problems.push(
      'the sealing key differs from the backup: restore secret.key or set the same AFTERCARE_SECRET',
    );
  } else if (seen.sealedUnreadable > 0) {
    problems.push(`${seen.sealedUnreadable} of ${seen.sealedChecked} sealed values cannot be opened`);
  }
  return problems;
}
