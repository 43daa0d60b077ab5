import type { FastifyInstance } from 'fastify';

/**
 * PostgreSQL text and jsonb cannot hold U+0000: a NUL anywhere in a JSON body would fail the insert
 * with a 500. API bodies are cleaned of it (recursively) before validation; webhook bodies are left
 * byte-exact for their signatures.
 */
export function stripNul<T>(value: T, depth = 0): T {
  if (typeof value === 'string')
    return (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = stripNul(value[i], depth + 1);
    return value;
  }
  if (Buffer.isBuffer(value)) return value;
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const clean = stripNul(obj[key], depth + 1);
    if (key.includes('\u0000')) {
      delete obj[key];
      obj[key.replaceAll('\u0000', '')] = clean;
    } else obj[key] = clean;
  }
  return value;
}

export function installNulStripping(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    if (request.body !== undefined && request.url.startsWith('/api/')) request.body = stripNul(request.body);
  });
}
