import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadSlowdown } from './load-slowdown.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export type RunningServer = {
  process: ChildProcess;
  url: string;
  port: number;
  output: () => string;
  /** CPU seconds the server has used so far (Linux; 0 elsewhere or once it has exited). */
  cpuSeconds: () => number;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/**
 * Starts the real server as a child process and waits for /healthz (tests, e2e): from its sources
 * through tsx, or — given `compiled`, a main.js built by `node scripts/build.mjs` — as plain JavaScript
 * (no compile at each start: ~11 s of CPU less per start on a loaded 2-core machine).
 */
export async function startServer(
  env: Record<string, string | undefined>,
  port?: number,
  compiled?: string,
): Promise<RunningServer> {
  const chosen = port ?? (await freePort());
  let output = '';
  const args = compiled ? ['--enable-source-maps', compiled] : ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(chosen),
      // Tests and benchmarks reach loopback only: a shop on a platform's real gateway is refused
      // before any DNS lookup.
      AFTERCARE_OUTBOUND_ONLY_ALLOWED: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${chosen}`;
  // tsx compiles the server on start: seconds on a quiet machine, minutes on a loaded shared one. The
  // limit grows with the load while waiting (at most 16 × 2 minutes).
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 120_000 * loadSlowdown(16)) {
      child.kill('SIGKILL');
      throw new Error(`server did not start: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    process: child,
    url,
    port: chosen,
    output: () => output,
    cpuSeconds: () => processCpuSeconds(child.pid),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      // a server that does not stop within 10 s of SIGTERM is killed
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** utime + stime of a running process and of the children it has waited for, from /proc. */
function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // after the command: utime, stime, cutime, cstime are the 12th to 15th fields, in ticks
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return 0;
  }
}
