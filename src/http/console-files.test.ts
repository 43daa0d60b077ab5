import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cacheControlOf } from './console-files.js';
import { createTestApp, type TestApp } from './test-app.js';

// A built console as src/web/precompress.ts leaves it: each text file with its .br and .gz copies.
const root = mkdtempSync(join(tmpdir(), 'aftercare-console-'));
const chunk = `export const words = ${JSON.stringify('售后工作台 '.repeat(400))};\n`;
const shell = '<!doctype html><html lang="zh-CN"><script src="/assets/index-Ab12.js"></script></html>';
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), shell);
for (const [path, text] of [
  ['assets/index-Ab12.js', chunk],
  ['index.html', shell],
] as const) {
  writeFileSync(join(root, path), text);
  writeFileSync(join(root, `${path}.br`), brotliCompressSync(text));
  writeFileSync(join(root, `${path}.gz`), gzipSync(text));
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ webRoot: root });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const get = (url: string, encoding?: string) =>
  t.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('the built console', () => {
  test('a hashed chunk is sent as its brotli copy and kept by the browser for a year', async () => {
    const res = await get('/assets/index-Ab12.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(chunk);
  });

  test('gzip when the browser takes no brotli, the file as it is when it takes neither', async () => {
    const gz = await get('/assets/index-Ab12.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(chunk);
    const plain = await get('/assets/index-Ab12.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(chunk);
  });

  test('the shell is asked for again on every load, so a new release shows at once', async () => {
    for (const url of ['/', '/index.html', '/inbox', '/tickets/7b5d1c1e-0000-4000-8000-000000000000']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      const body =
        res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.rawPayload).toString() : res.body;
      expect(body, url).toBe(shell);
    }
  });

  test('a missing chunk and an unknown API path are 404s, never the shell', async () => {
    const api = await get('/api/v1/nothing-here', 'br');
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const traversal = await get('/assets/..%2f..%2fetc%2fpasswd', 'br');
    expect(traversal.body).not.toContain('root:');
  });

  test.each([
    [join('assets', 'index-Ab12.js'), 'public, max-age=31536000, immutable'],
    [join('assets', 'sub', 'x.css'), 'public, max-age=31536000, immutable'],
    ['index.html', 'no-cache'],
    ['favicon.svg', 'no-cache'],
    ['assets-old.js', 'no-cache'],
  ])('cache-control of %s', (path, expected) => {
    // The install itself may sit under a folder named assets: only the console's own assets/ counts.
    const webRoot = join(root, 'assets', 'dist', 'web');
    expect(cacheControlOf(webRoot, join(webRoot, path))).toBe(expected);
  });
});
