import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../test-app.js';
import { cleanText, jsonDepthExceeds } from '../text-hygiene.js';

let t: TestApp;
let owner: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signup('Text');
});

const raw = (method: 'POST' | 'PATCH', url: string, text: string) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: owner.cookie, 'content-type': 'application/json' },
    payload: text,
  });

describe('text a buyer can type reaches the API and comes back as it was', () => {
  test.each([
    ['Chinese, emoji and rare characters', '收到的杯子碎了😭 𠮷野家 ﷺ ❤️‍🔥'],
    ['right-to-left and combining marks', 'שלום e\u0301 \u202eabc'],
  ])('%s', async (_label, text) => {
    const res = await owner.request('POST', '/api/v1/tickets', {
      kind: 'complaint',
      channel: 'hotline',
      subject: text,
      body: text,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().subject).toBe(text.trim());
  });
});

describe('text PostgreSQL cannot store is cleaned or refused, never a 500', () => {
  test('a lone surrogate (an emoji cut in half) in a JSON field becomes U+FFFD', async () => {
    const res = await raw(
      'POST',
      '/api/v1/tickets',
      '{"kind":"complaint","channel":"hotline","subject":"cut \\ud83d here","body":"tail \\ude00","tags":["a\\udbff"]}',
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().subject).toBe('cut \uFFFD here');
  });

  test('NUL in a JSON field is removed', async () => {
    const res = await raw(
      'POST',
      '/api/v1/tickets',
      '{"kind":"complaint","channel":"hotline","subject":"nul\\u0000byte","body":"x"}',
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().subject).toBe('nulbyte');
  });

  test.each([
    '/api/v1/tickets?q=%00',
    '/api/v1/tickets?tag=a%00b',
    '/api/v1/tickets?q=%ED%A0%80',
    '/api/v1/search?q=%00%00',
    '/api/v1/search?q=cup%00',
    '/api/v1/search?q=%F0%9F',
  ])('%s answers 2xx or 4xx', async (url) => {
    const res = await owner.request('GET', url);
    expect(res.statusCode).toBeLessThan(500);
  });

  test('JSON nested 5,000 levels deep is 400 before it is parsed', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const res = await raw('POST', '/api/v1/tickets', deep);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/nested deeper/);
    const deepField = `{"kind":"complaint","channel":"hotline","subject":"x","tags":${'['.repeat(100)}${']'.repeat(100)}}`;
    expect((await raw('POST', '/api/v1/tickets', deepField)).statusCode).toBe(400);
  });

  test('a body that would poison Object.prototype is 400', async () => {
    const res = await raw('POST', '/api/v1/tickets', '{"__proto__":{"admin":true},"kind":"complaint"}');
    expect(res.statusCode).toBe(400);
  });

  test('malformed JSON is 400 with a short message', async () => {
    const res = await raw('POST', '/api/v1/tickets', '{"kind": "complaint", ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('malformed JSON body');
  });
});

describe('the helpers', () => {
  test.each([
    ['ok 😀', 'ok 😀'],
    ['\ud83d', '\uFFFD'],
    ['\ude00x', '\uFFFDx'],
    ['a\u0000b', 'ab'],
    ['\ud83d\ude00\ud83d', '😀\uFFFD'],
  ])('cleanText(%j) is %j', (input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });

  test.each([
    ['[]', 1, false],
    ['[[]]', 1, true],
    ['{"a":"[[[[["}', 1, false],
    ['{"a":"\\"[[[[["}', 1, false],
    ['[{"a":[1]}]', 3, false],
    ['[{"a":[[1]]}]', 3, true],
  ])('%s deeper than %i: %s', (text, max, expected) => {
    expect(jsonDepthExceeds(text, max)).toBe(expected);
  });
});

describe('attachment links', () => {
  test.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
  ])('%s is refused with 400', async (url) => {
    const created = await owner.request('POST', '/api/v1/tickets', {
      kind: 'complaint',
      channel: 'hotline',
      subject: 'attachment probe',
    });
    const res = await owner.request('POST', `/api/v1/tickets/${created.json().id}/messages`, {
      direction: 'note',
      body: 'see attachment',
      attachments: [{ name: 'x', url }],
    });
    expect(res.statusCode).toBe(400);
  });
});
