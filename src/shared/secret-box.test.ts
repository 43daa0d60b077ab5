import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createSecretBox, resolveSecretKey } from './secret-box.js';

const dir = mkdtempSync(join(tmpdir(), 'aftercare-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('secret box', () => {
  test('a sealed secret opens to the same text and never contains it', () => {
    const box = createSecretBox(resolveSecretKey('a long enough test secret', dir));
    const sealed = box.seal('抖店 app secret 123');
    expect(sealed).not.toContain('secret 123');
    expect(box.open(sealed)).toBe('抖店 app secret 123');
  });

  test('the same text seals differently each time', () => {
    const box = createSecretBox(resolveSecretKey('a long enough test secret', dir));
    expect(box.seal('x')).not.toBe(box.seal('x'));
  });

  test('a tampered secret is refused', () => {
    const box = createSecretBox(resolveSecretKey('a long enough test secret', dir));
    const sealed = box.seal('hello');
    const tampered = `${sealed.slice(0, -4)}AAAA`;
    expect(() => box.open(tampered)).toThrow();
  });

  test('without AFTERCARE_SECRET a key file is made once and reused', () => {
    const first = resolveSecretKey(undefined, join(dir, 'k'));
    const second = resolveSecretKey(undefined, join(dir, 'k'));
    expect(first.equals(second)).toBe(true);
  });
});
