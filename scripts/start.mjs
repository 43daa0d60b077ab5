// `npm start`: on a clone with dev dependencies, builds the console when needed and runs the server
// from its TypeScript sources; on a production install (`npm ci --omit=dev` beside a built dist/),
// runs the compiled server.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function hasTsx() {
  try {
    require.resolve('tsx');
    return existsSync(join(repo, 'src', 'main.ts'));
  } catch {
    return false;
  }
}

function exec(args) {
  const child = spawn(process.execPath, args, { cwd: repo, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  return child;
}

if (hasTsx()) {
  const web = spawn(process.execPath, [join(repo, 'scripts', 'ensure-web.mjs')], {
    cwd: repo,
    stdio: 'inherit',
  });
  web.on('exit', (code) => {
    if (code !== 0) process.exit(code ?? 1);
    exec(['--import', 'tsx', join(repo, 'src', 'main.ts')]);
  });
} else if (existsSync(join(repo, 'dist', 'server', 'main.js'))) {
  exec([join(repo, 'dist', 'server', 'main.js')]);
} else {
  console.error('Aftercare is not built: run `npm ci && npm run build`, or install the dev dependencies.');
  process.exit(1);
}
