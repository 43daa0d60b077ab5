import { describe, expect, test } from 'vitest';
import { chainEntries, custodyHash, GENESIS_HASH, verifyChainPage } from './custody.js';

const entry = (action: 'upload' | 'view' | 'download', detail: Record<string, string | number> = {}) => ({
  evidenceId: '0190a0a0-0000-7000-8000-000000000001',
  action,
  sha256: 'a'.repeat(64),
  actorType: 'user',
  actorId: '0190a0a0-0000-7000-8000-0000000000aa',
  actorName: '客服小王',
  at: new Date('2026-03-01T02:00:00.000Z'),
  detail,
});

const chain = chainEntries({ seq: 0, hash: GENESIS_HASH }, [
  entry('upload', { fileName: '授权书.pdf', bytes: 1024 }),
  entry('view'),
  entry('download'),
]);

describe('custody hash chain', () => {
  test('entries are numbered from 1 and each points at the one before', () => {
    expect(chain.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(chain[0]?.prevHash).toBe(GENESIS_HASH);
    expect(chain[1]?.prevHash).toBe(chain[0]?.hash);
    expect(verifyChainPage({ seq: 0, hash: GENESIS_HASH }, chain)).toEqual({
      ok: true,
      last: { seq: 3, hash: chain[2]?.hash },
    });
  });

  test('the order of detail keys does not change the hash (jsonb reorders them)', () => {
    const e = { ...entry('upload'), seq: 1 };
    expect(custodyHash(GENESIS_HASH, { ...e, detail: { b: 1, a: 'x' } })).toBe(
      custodyHash(GENESIS_HASH, { ...e, detail: { a: 'x', b: 1 } }),
    );
  });

  test.each([
    ['a changed actor', 1, { actorName: '别人' }, 'hash_mismatch'],
    ['a changed time', 0, { at: new Date('2026-03-02T00:00:00.000Z') }, 'hash_mismatch'],
    ['a changed file hash', 2, { sha256: 'b'.repeat(64) }, 'hash_mismatch'],
    ['a re-hashed entry', 1, { actorName: '别人', hash: 'c'.repeat(64) }, 'hash_mismatch'],
    ['a wrong predecessor', 2, { prevHash: GENESIS_HASH }, 'prev_hash_mismatch'],
  ] as const)('%s breaks the chain at that entry', (_what, index, change, reason) => {
    const tampered = chain.map((e, i) => (i === index ? { ...e, ...change } : e));
    expect(verifyChainPage({ seq: 0, hash: GENESIS_HASH }, tampered)).toEqual({
      ok: false,
      break: { seq: index + 1, reason },
    });
  });

  test('a removed entry is a gap', () => {
    const gap = [chain[0]!, chain[2]!];
    expect(verifyChainPage({ seq: 0, hash: GENESIS_HASH }, gap)).toEqual({
      ok: false,
      break: { seq: 2, reason: 'sequence_gap' },
    });
  });
});
