import { describe, expect, test } from 'vitest';
import {
  BACKUP_FORMAT,
  type BackupManifest,
  type RestoreObservation,
  restoreProblems,
} from './backup-manifest.js';
import { COUNTED_TABLES } from './backup-repo.js';

const counts = Object.fromEntries(COUNTED_TABLES.map((t) => [t, 10])) as BackupManifest['counts'];
const manifest: BackupManifest = {
  format: BACKUP_FORMAT,
  createdAt: '2026-12-05T08:00:00.000Z',
  engine: 'pglite',
  databaseFile: 'database.tar.gz',
  lastMigration: 'abc',
  counts,
  blobs: { files: 3, bytes: 300 },
  keyFingerprint: '0123456789abcdef',
  keyFileIncluded: true,
};
const clean: RestoreObservation = {
  counts,
  missingBlobs: 0,
  corruptBlobs: 0,
  keyFingerprint: '0123456789abcdef',
  sealedChecked: 4,
  sealedUnreadable: 0,
};

describe('restoreProblems', () => {
  test.each<[string, Partial<RestoreObservation>, string[]]>([
    ['a faithful restore', {}, []],
    ['more rows after a newer release seeded some', { counts: { ...counts, audit_events: 12 } }, []],
    ['lost messages', { counts: { ...counts, messages: 7 } }, ['messages: 7 rows restored, 10 backed up']],
    [
      'a table gone',
      { counts: { ...counts, tickets: undefined } },
      ['tickets: 0 rows restored, 10 backed up'],
    ],
    ['missing files', { missingBlobs: 2 }, ['2 evidence files missing']],
    ['altered files', { corruptBlobs: 1 }, ['1 evidence files do not match their SHA-256']],
    [
      'another key',
      { keyFingerprint: 'ffffffffffffffff', sealedUnreadable: 4 },
      ['the sealing key differs from the backup: restore secret.key or set the same AFTERCARE_SECRET'],
    ],
    ['same key, damaged values', { sealedUnreadable: 1 }, ['1 of 4 sealed values cannot be opened']],
  ])('%s', (_name, change, expected) => {
    expect(restoreProblems(manifest, { ...clean, ...change })).toEqual(expected);
  });
});
