import { expect, test } from 'vitest';
import { newId, UUID_PATTERN } from './ids.js';

test('ids are version-7 UUIDs, all different, sorting in the order they were made — past one draw of random bytes', () => {
  const ids = Array.from({ length: 2_000 }, newId);
  for (const id of ids) {
    expect(id).toMatch(UUID_PATTERN);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
  }
  expect(new Set(ids).size).toBe(ids.length);
  expect([...ids].sort()).toEqual(ids);
});
