import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json, found by walking up from this file, so the same code finds
 * drizzle/ and dist/web/ whether it runs from src/ (tsx) or compiled from dist/server/.
 */
export function findInstallRoot(from: string): string {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}

export const INSTALL_ROOT = findInstallRoot(fileURLToPath(import.meta.url));
