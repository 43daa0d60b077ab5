import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { createTestDatabase } from '../db/test-db.js';
import { newId } from '../shared/ids.js';
import { appendCustody } from './evidence-repo.js';
import { verifyChain } from './verify.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

// Names and details a JSON round trip through the database must give back exactly.
const NAMES = ['客服小王', 'quote " and \\ slash', 'control \u0001\u001f\b\f\n\r\t', 'emoji 😀 \u2028', ''];

async function aChain(length: number) {
  const tenantId = newId();
  const scope = scopeTo(database.db, tenantId);
  await scope.transaction((tx) =>
    appendCustody(
      tx,
      Array.from({ length }, (_, k) => ({
        evidenceId: newId(),
        action: 'view' as const,
        sha256: 'a'.repeat(64),
        actorType: 'user',
        actorId: k % 2 ? null : newId(),
        actorName: NAMES[k % NAMES.length]!,
        at: new Date(Date.UTC(2026, 2, 1) + k * 1001),
        detail: (k % 3
          ? { variant: 'original', bytes: 12345, note: NAMES[k % NAMES.length]! }
          : {}) as Record<string, string | number>,
      })),
    ),
  );
  const sql = (text: string) => database.query(text.replaceAll('$t', `'${tenantId}'`));
  return { scope, sql };
}

describe('custody chain verification against the database', () => {
  test('an intact chain of awkward names and details verifies, across pages', async () => {
    const { scope } = await aChain(6_001);
    expect(await verifyChain(scope)).toEqual({
      ok: true,
      checked: 6_001,
      entries: 6_001,
      files: 0,
      firstBreak: null,
    });
  }, 120_000);

  test.each([
    [
      'an edited actor',
      `update custody_entries set actor_name = 'someone else' where tenant_id = $t and seq = 7`,
      { type: 'entry', seq: 7, reason: 'hash_mismatch' },
    ],
    [
      'an edited detail',
      `update custody_entries set detail = '{"variant":"shareable"}' where tenant_id = $t and seq = 8`,
      { type: 'entry', seq: 8, reason: 'hash_mismatch' },
    ],
    [
      'a removed entry',
      `delete from custody_entries where tenant_id = $t and seq = 9`,
      { type: 'entry', seq: 9, reason: 'sequence_gap' },
    ],
    [
      'removed last entries',
      `delete from custody_entries where tenant_id = $t and seq > 18`,
      { type: 'head', seq: 19, reason: 'entries_missing_at_end' },
    ],
    [
      'a moved head',
      `update custody_heads set hash = '${'b'.repeat(64)}' where tenant_id = $t`,
      { type: 'head', seq: 20, reason: 'entries_missing_at_end' },
    ],
    [
      'an entry written around the head',
      `insert into custody_entries (tenant_id, seq, evidence_id, action, sha256, actor_type, actor_name, at, prev_hash, hash) select tenant_id, 21, evidence_id, action, sha256, actor_type, actor_name, at, hash, hash from custody_entries where tenant_id = $t and seq = 20`,
      { type: 'head', seq: 21, reason: 'entries_after_head' },
    ],
  ])('%s is the first break', async (_what, tamper, firstBreak) => {
    const { scope, sql } = await aChain(20);
    expect((await verifyChain(scope)).ok).toBe(true);
    await sql(tamper);
    expect(await verifyChain(scope)).toMatchObject({ ok: false, firstBreak });
  });
});
