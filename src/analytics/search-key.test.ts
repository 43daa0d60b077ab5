import { describe, expect, test } from 'vitest';
import { readableKeyPart } from './search-key.js';

describe('the part of a quality row key a search may match', () => {
  test.each([
    ['batch', '01a24657-5a2e-7745-8511-379f667b1909|B2', 'B2'],
    ['batch', 'sku-id|', ''],
    ['platform', 'pinduoduo', 'pinduoduo'],
    ['sku', '01a24657-5a2e-7745-8511-379f667b1909', ''],
    ['supplier', '01a24657-5a2e-7745-8511-379f667b1909', ''],
    ['shop', '01a24657-5a2e-7745-8511-379f667b1909', ''],
  ] as const)('%s %s → %j', (group, key, expected) => {
    expect(readableKeyPart(group, key)).toBe(expected);
  });
});
