// Builds the console (dist/web) when it is missing or older than its sources, so `npm start` works on a
// fresh clone without a separate build step. Usage: node scripts/ensure-web.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const src = join(repo, 'src', 'web');
const built = join(repo, 'dist', 'web', 'index.html');
// The console also imports the backend's enum lists and is configured by these files.
const extraInputs = [join(repo, 'src', 'tickets', 'ticket-types.ts'), join(repo, 'package-lock.json')];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function needsBuild() {
  if (process.argv.includes('--force') || !existsSync(built)) return true;
  const sources = Math.max(newestMtime(src), ...extraInputs.filter(existsSync).map(newestMtime));
  return sources > statSync(built).mtimeMs;
}

if (needsBuild()) {
  console.log('[ensure-web] building the console into dist/web …');
  const vite = join(repo, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', join(src, 'vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: repo,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    console.error('[ensure-web] console build failed');
    process.exit(result.status ?? 1);
  }
} else {
  console.log('[ensure-web] console is up to date');
}
