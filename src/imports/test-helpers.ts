import { readFileSync } from 'node:fs';
import type { TestApp, TestClient } from '../http/test-app.js';

export const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** A multipart/form-data body: the fields first, then the one file (as the console sends it). */
export function multipartBody(fields: Record<string, string>, file: { name: string; bytes: Uint8Array }) {
  const boundary = `----aftercare${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(file.name)}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    Buffer.from(file.bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a file for a tenant client through the multipart route. */
export async function upload(
  t: TestApp,
  client: TestClient,
  fields: Record<string, string>,
  file: { name: string; bytes: Uint8Array },
) {
  const body = multipartBody(fields, file);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { cookie: client.cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}
