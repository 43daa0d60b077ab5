import { describe, expect, test } from 'vitest';
import { classifyFile, judgeZip } from './file-rules.js';

const MiB = 1024 * 1024;
const text = Buffer.from('2026-03-01 10:00 买家：手镯是假的\n');

describe('what a file is, from its bytes', () => {
  test.each([
    [{ ext: 'jpg', mime: 'image/jpeg' }, true, 'image'],
    [{ ext: 'mp4', mime: 'video/mp4' }, true, 'video'],
    [{ ext: 'pdf', mime: 'application/pdf' }, true, 'pdf'],
    [
      { ext: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      true,
      'document',
    ],
    [{ ext: 'zip', mime: 'application/zip' }, true, 'archive'],
    [{ ext: 'exe', mime: 'application/x-msdownload' }, false, 'EXECUTABLE_REFUSED'],
    [{ ext: 'apk', mime: 'application/vnd.android.package-archive' }, false, 'EXECUTABLE_REFUSED'],
    [{ ext: 'xlsm', mime: 'application/vnd.ms-excel.sheet.macroenabled.12' }, false, 'EXECUTABLE_REFUSED'],
    [{ ext: 'psd', mime: 'image/vnd.adobe.photoshop' }, false, 'UNSUPPORTED_MEDIA_TYPE'],
    [undefined, true, 'text'],
  ] as const)('%o → %s %s', (detected, ok, expected) => {
    const verdict = classifyFile(detected, text, 100);
    expect(verdict.ok).toBe(ok);
    expect(verdict.ok ? verdict.fileClass : verdict.code).toBe(expected);
  });

  test('an empty file is refused before anything else', () => {
    expect(classifyFile(undefined, Buffer.alloc(0), 0)).toMatchObject({ ok: false, code: 'EMPTY_FILE' });
  });
});

describe('zip bombs', () => {
  test.each([
    [{ entries: 3, packedBytes: 2 * MiB, unpackedBytes: 5 * MiB, nestedArchives: 0 }, null],
    [{ entries: 1, packedBytes: 100_000, unpackedBytes: 9 * MiB, nestedArchives: 0 }, null], // small text zips compress well
    [{ entries: 1, packedBytes: 65_000, unpackedBytes: 64 * MiB, nestedArchives: 0 }, /100 times/],
    [{ entries: 20_000, packedBytes: 4 * MiB, unpackedBytes: 5 * MiB, nestedArchives: 0 }, /20000 files/],
    [{ entries: 2, packedBytes: 90 * MiB, unpackedBytes: 2048 * MiB, nestedArchives: 0 }, /2048 MiB/],
    [{ entries: 16, packedBytes: 40_000, unpackedBytes: 5 * MiB, nestedArchives: 16 }, /further zips/],
  ])('%o', (totals, refusal) => {
    const verdict = judgeZip(totals);
    if (refusal === null) expect(verdict).toBeNull();
    else expect(verdict).toMatch(refusal);
  });
});
