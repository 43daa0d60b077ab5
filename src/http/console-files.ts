import { relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** A year: the console's built files under assets/ carry a hash of their content in their names. */
const HASHED_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * Cache-Control of a console file: the hashed files under assets/ never change under their name, so
 * a browser keeps them (without it every page load asked again for each of ~130 chunks); every other
 * file (index.html names the current chunks) is asked again each time, so a new release shows at once.
 */
export function cacheControlOf(webRoot: string, path: string): string {
  return relative(webRoot, path).startsWith(`assets${sep}`)
    ? `public, max-age=${HASHED_MAX_AGE_SECONDS}, immutable`
    : 'no-cache';
}

/**
 * Serves the built console at /: its .br or .gz copy when the browser takes one (the build writes them
 * beside each file, src/web/precompress.ts), and every other path of the console's own routes gets
 * index.html from the not-found handler (app.ts).
 */
export async function serveConsole(app: FastifyInstance, webRoot: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    // The header is set per file below; send's own (max-age=0) would override it.
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', cacheControlOf(webRoot, path));
    },
  });
}
