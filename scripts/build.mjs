// Compiles the server to dist/server (plain JavaScript: running it needs neither tsx nor dev
// dependencies), copies the files the server reads at run time beside it, and builds the console
// into dist/web. Usage: node scripts/build.mjs
// `node scripts/build.mjs --e2e`: the browser tests' server only, into dist/e2e-server, without type
// checking (CI's tsc stage checks; ~9 s of CPU instead of ~36 s) and with the console built only when
// it is older than its sources.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const src = join(repo, 'src');
const e2e = process.argv.includes('--e2e');
const out = join(repo, 'dist', e2e ? 'e2e-server' : 'server');

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: repo, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Models, dictionaries and other data files the server opens relative to its own modules. */
function copyAssets(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (path === join(src, 'web')) continue;
    if (statSync(path).isDirectory()) copyAssets(path);
    else if (!/\.tsx?$/.test(name)) cpSync(path, join(out, relative(src, path)));
  }
}

rmSync(out, { recursive: true, force: true });
console.log(`[build] compiling the server into ${relative(repo, out)} …`);
run([
  join(repo, 'node_modules', 'typescript', 'bin', 'tsc'),
  '-p',
  join(repo, 'tsconfig.build.json'),
  ...(e2e ? ['--noCheck', '--outDir', out] : []),
]);
copyAssets(src);
run([join(repo, 'scripts', 'ensure-web.mjs'), ...(e2e ? [] : ['--force'])]);
console.log(`[build] done: node ${relative(repo, join(out, 'main.js'))} serves the API and the console`);
