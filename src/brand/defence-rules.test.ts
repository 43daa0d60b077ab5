import { describe, expect, test } from 'vitest';
import { draftDefenceResponse } from './defence-draft.js';
import { defenceDue, defenceDueAt, moveDefence } from './defence-rules.js';
import { chainStanding, latest, sourcingGaps } from './sourcing-rules.js';

const now = new Date('2026-03-02T02:00:00.000Z');

describe('defence moves', () => {
  test.each([
    ['open', 'responded', 'answer', 'responded'],
    ['open', 'responded', '', 'VALIDATION_FAILED'],
    ['open', 'dismissed', 'answer', 'ILLEGAL_TRANSITION'],
    ['responded', 'dismissed', 'answer', 'dismissed'],
    ['responded', 'upheld', 'answer', 'upheld'],
    ['open', 'upheld', '', 'upheld'],
    ['dismissed', 'upheld', 'answer', 'ILLEGAL_TRANSITION'],
    ['open', 'withdrawn', '', 'withdrawn'],
  ] as const)('%s → %s with answer "%s": %s', (from, to, response, expected) => {
    const r = moveDefence({ status: from, response }, to, now);
    expect(r.ok ? r.set.status : r.code).toBe(expected);
  });

  test('responding stamps respondedAt, a decision decidedAt', () => {
    expect(moveDefence({ status: 'open', response: 'x' }, 'responded', now)).toEqual({
      ok: true,
      set: { status: 'responded', respondedAt: now },
    });
    expect(moveDefence({ status: 'responded', response: 'x' }, 'dismissed', now)).toEqual({
      ok: true,
      set: { status: 'dismissed', decidedAt: now },
    });
  });
});

describe('defence deadline', () => {
  test.each([
    ['pinduoduo', '2026-03-05T02:00:00.000Z'],
    ['douyin', '2026-03-09T02:00:00.000Z'],
  ])('%s default: %s', (platform, due) => {
    expect(defenceDueAt(platform, now).toISOString()).toBe(due);
  });
  test('a date named by the notice wins', () => {
    const given = new Date('2026-03-03T10:00:00.000Z');
    expect(defenceDueAt('pinduoduo', now, given)).toBe(given);
  });
  test.each([
    ['open', '2026-03-02T20:00:00.000Z', 'due_soon'],
    ['open', '2026-03-04T20:00:00.000Z', 'pending'],
    ['open', '2026-03-01T20:00:00.000Z', 'overdue'],
    ['responded', '2026-03-01T20:00:00.000Z', 'done'],
  ] as const)('%s, due %s: %s', (status, due, state) => {
    expect(defenceDue({ status, responseDueAt: new Date(due) }, now).state).toBe(state);
  });
});

describe('sourcing', () => {
  test.each([
    [[], 'none'],
    [[true, true], 'in_force'],
    [[true, false], 'expired'],
  ] as const)('chain %j is %s', (links, standing) => {
    expect(chainStanding([...links])).toBe(standing);
  });
  test('gaps: no chain, no invoice, sampling overdue', () => {
    expect(
      sourcingGaps({
        authorisation: 'none',
        evidence: ['inspection_report'],
        samplingIntervalDays: 90,
        lastSampledAt: new Date('2025-10-01T00:00:00Z'),
        now,
      }),
    ).toEqual(['no_authorisation', 'no_invoice', 'sampling_overdue']);
  });
  test('the latest date wins, nulls ignored', () => {
    expect(latest([null, new Date('2026-01-01'), undefined, new Date('2025-01-01')])).toEqual(
      new Date('2026-01-01'),
    );
    expect(latest([null])).toBeNull();
  });
});

describe('the response draft', () => {
  const input = {
    platform: 'pinduoduo',
    complainant: '某某贸易公司',
    type: 'trademark_listing_misuse' as const,
    rightNo: '12345678',
    externalRef: 'IP-1',
    listingTitle: '银月 925 银手镯',
    sku: 'SM-001',
    sourcing: {
      supplierName: '杭州银月饰品有限公司',
      chain: [
        { partyName: '杭州银月饰品有限公司', validUntil: new Date('2027-12-31T00:00:00Z'), inForce: true },
      ],
      batches: [
        {
          batchNo: 'B2026-01',
          supplierName: '杭州银月饰品有限公司',
          receivedAt: new Date('2026-01-10T02:00:00Z'),
          invoiceNo: '0441234',
          inspectionReportNo: 'NGTC-2026-88',
        },
      ],
    },
    exhibits: [{ kind: 'authorisation_letter', title: '授权书', sha256: 'a'.repeat(64) }],
  };
  test('zh-CN names the chain, the batch and the exhibit with its hash', () => {
    const text = draftDefenceResponse(input, 'zh-CN');
    expect(text).toContain('杭州银月饰品有限公司（有效期至 2027-12-31） → 我店');
    expect(text).toContain('批次 B2026-01，2026-01-10 自杭州银月饰品有限公司购入，发票号 0441234');
    expect(text).toContain('证据1：授权书「授权书」 SHA-256 aaaaaaaaaaaaaaaa…');
  });
  test('en says the same', () => {
    const text = draftDefenceResponse(input, 'en');
    expect(text).toContain('Authorisation chain: 杭州银月饰品有限公司 (valid until 2027-12-31) → our shop');
    expect(text).toContain('invoice 0441234');
  });
  test('a supplier below the last link closes the chain', () => {
    const text = draftDefenceResponse(
      { ...input, sourcing: { ...input.sourcing, supplierName: '宁波银饰批发' } },
      'zh-CN',
    );
    expect(text).toContain('（有效期至 2027-12-31） → 宁波银饰批发（供货商） → 我店');
  });
  test('a lapsed link: the draft claims no authorisation chain', () => {
    const lapsed = {
      ...input,
      sourcing: { ...input.sourcing, chain: [{ ...input.sourcing.chain[0]!, inForce: false }] },
    };
    expect(draftDefenceResponse(lapsed, 'zh-CN')).not.toContain('授权链');
  });
});
