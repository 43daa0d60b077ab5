// `npm run e2e` runs the console browser test; `npm run e2e -- <name>` runs e2e/<name>.e2e.ts;
// `npm run e2e -- all` runs every browser test except the inbox-10k measurement (`-- a,b` runs those
// two the same way): the server compiled
// once (plain JavaScript: no tsx compile at each flow's server start), the flows in E2E_LANES lanes
// side by side (default 1: one after another; each lane its own process and chromium).
// Each failed flow's block (its failed step or check, the error, its last lines and its server's last
// warnings) is printed again at the very end, where a log's tail shows it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeChromium } from './_browser.js';
import { captureOutput, currentFlow, type FlowRecord, failureBlock } from './_flow.js';
import { compileServer, ensureConsoleBuilt, REPO } from './_server.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.e2e.ts'))
  .map((f) => f.replace(/\.e2e\.ts$/, ''));
const MEASUREMENTS = ['inbox-10k'];
// Browser tests that run by name only until they pass.
const NOT_YET_PASSING: string[] = [];
// Each flow's wall seconds on the CI machine (2 cores, beside the PostgreSQL tests, at 5e1347b): the
// lanes are filled longest first, each flow into the lane with the least so far.
const CI_WALL: Record<string, number> = {
  brand: 64,
  console: 48,
  daily: 66,
  disputes: 58,
  imports: 21,
  playbooks: 56,
  privacy: 20,
  quality: 33,
  recalls: 57,
  search: 24,
  security: 53,
  service: 26,
  'shop-authorise': 24,
  'shop-self-test': 15,
  sla: 12,
  triage: 14,
  trust: 72,
};

type Result = { name: string; ok: boolean; wall: number; cpu: number; serverCpu: number; block?: string };

/** CPU seconds of this process and of the children it has waited for (servers, the demo), from /proc. */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // fields after the command's closing parenthesis: cutime and cstime are the 14th and 15th, in ticks
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    // not Linux: this process only
  }
  return (own.user + own.system) / 1e6 + children;
}

/** Runs the flows one after another in this process; `hold`: print each flow's output as one block when it ends. */
async function runFlows(names: string[], hold: boolean, lane = ''): Promise<Result[]> {
  captureOutput(() => hold);
  const results: Result[] = [];
  for (const n of names) {
    const started = Date.now();
    const cpu = cpuSeconds();
    const record: FlowRecord = { name: n, printed: [], printedChars: 0, servers: [] };
    // Flows set process.env for their servers (AFTERCARE_OPEN_SIGNUP): each starts from the same env,
    // whatever ran before it in its lane (console expects sign-up closed after its first account).
    const env = { ...process.env };
    const ok = await currentFlow.run(record, async () => {
      try {
        const module = (await import(`./${n}.e2e.ts`)) as { default: () => Promise<boolean> };
        return await module.default();
      } catch (error) {
        record.thrown = error;
        record.printedBeforeThrow = record.printed.length;
        console.error(error);
        return false;
      }
    });
    for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
    Object.assign(process.env, env);
    const wall = (Date.now() - started) / 1000;
    const result: Result = {
      name: n,
      ok,
      wall,
      cpu: cpuSeconds() - cpu,
      serverCpu: record.servers.reduce((s, x) => s + x.cpuSeconds, 0),
      ...(ok ? {} : { block: failureBlock(record, wall) }),
    };
    results.push(result);
    const verdict = `${ok ? 'passed' : 'FAILED'} in ${wall.toFixed(0)} s (cpu ${result.cpu.toFixed(0)} s, its server ${result.serverCpu.toFixed(0)} s)`;
    if (hold) process.stdout.write(`\n── ${n}${lane}: ${verdict}\n${record.printed.join('')}`);
    else console.log(`── ${n}: ${verdict}`);
  }
  await closeChromium();
  return results;
}

/** Longest first, each flow into the lane with the least wall so far. */
function lanesFor(names: string[], count: number): string[][] {
  const lanes = Array.from({ length: count }, () => ({ names: [] as string[], wall: 0 }));
  for (const n of [...names].sort((a, b) => (CI_WALL[b] ?? 30) - (CI_WALL[a] ?? 30))) {
    const lane = lanes.reduce((min, l) => (l.wall < min.wall ? l : min));
    lane.names.push(n);
    lane.wall += CI_WALL[n] ?? 30;
  }
  return lanes.map((l) => l.names).filter((l) => l.length > 0);
}

/** Each lane a child process (its own chromium and process.env: flows set AFTERCARE_OPEN_SIGNUP). */
async function runLanes(lanes: string[][]): Promise<Result[]> {
  const dir = mkdtempSync(join(tmpdir(), 'aftercare-e2e-lanes-'));
  try {
    const done = lanes.map((names, i) => {
      const file = join(dir, `lane-${i + 1}.json`);
      console.log(`lane ${i + 1}: ${names.join(', ')}`);
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(here, 'run.ts'), '--lane', String(i + 1), file, ...names],
        { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      // whole lines only, so two lanes' blocks do not mix within a line
      let pending = '';
      child.stdout.on('data', (d) => {
        pending += String(d);
        const end = pending.lastIndexOf('\n');
        if (end >= 0) {
          process.stdout.write(pending.slice(0, end + 1));
          pending = pending.slice(end + 1);
        }
      });
      return new Promise<Result[]>((resolve) =>
        child.on('close', (code) => {
          if (pending) process.stdout.write(`${pending}\n`);
          try {
            resolve(JSON.parse(readFileSync(file, 'utf8')) as Result[]);
          } catch {
            // the lane died before writing its results: each of its flows failed
            resolve(
              names.map((name) => ({
                name,
                ok: false,
                wall: 0,
                cpu: 0,
                serverCpu: 0,
                block: `── ${name}: FAILED: its lane ${i + 1} exited with ${code} before reporting (see its output above)`,
              })),
            );
          }
        }),
      );
    });
    return (await Promise.all(done)).flat();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--lane') {
  // a lane of `all`: its flows, then its results for the parent
  const [, lane, file, ...names] = args;
  const results = await runFlows(names, true, ` (lane ${lane})`);
  writeFileSync(file!, JSON.stringify(results));
  process.exit(0);
}

const name = args[0] ?? 'console';
// `all`, one name, or several names with commas (run like `all`)
const names =
  name === 'all'
    ? available.filter((n) => !MEASUREMENTS.includes(n) && !NOT_YET_PASSING.includes(n))
    : name.split(',');
if (names.some((n) => !available.includes(n))) {
  console.error(`usage: npm run e2e [-- <name>|<name>,<name>…|all]   (one of: ${available.join(', ')})`);
  process.exit(2);
}
const several = names.length > 1;

let results: Result[];
const flaky: Result[] = [];
if (several) {
  const started = Date.now();
  ensureConsoleBuilt();
  compileServer();
  const lanes = Math.max(1, Math.min(4, Number(process.env.E2E_LANES ?? 1) || 1));
  results = lanes > 1 ? await runLanes(lanesFor(names, lanes)) : await runFlows(names, false);
  // A flow that failed beside the others runs once more, alone: the flows wait on a loaded machine's
  // timing. One that passes then is reported as flaky with its first failure, not hidden.
  const first = results.filter((r) => !r.ok);
  if (first.length && process.env.E2E_RETRY !== '0') {
    console.log(`\n== e2e: ${first.map((r) => r.name).join(', ')} failed; once more, alone`);
    for (const again of await runFlows(
      first.map((r) => r.name),
      false,
    )) {
      const i = results.findIndex((r) => r.name === again.name);
      if (again.ok && i >= 0) {
        flaky.push(results[i]!);
        results[i] = again;
      }
    }
  }
  // Where the stage's time goes (chromium's own CPU is not in these: it runs until the lane ends).
  console.log(`\ne2e ${name}: ${((Date.now() - started) / 1000).toFixed(0)} s wall, ${lanes} lane(s)`);
  for (const r of results) {
    console.log(
      `  ${r.name.padEnd(16)} ${r.ok ? 'ok    ' : 'FAILED'} wall ${r.wall.toFixed(0).padStart(4)} s  cpu ${r.cpu
        .toFixed(0)
        .padStart(4)} s (server ${r.serverCpu.toFixed(0).padStart(3)} s)`,
    );
  }
} else {
  results = await runFlows(names, false);
}
const failed = results.filter((r) => !r.ok);
if (flaky.length) {
  console.log(`\n== e2e flaky (${flaky.length}): failed beside the others, passed alone`);
  for (const r of flaky) console.log(r.block ?? `── ${r.name}: FAILED the first time`);
}
if (failed.length) {
  console.log(`\n== e2e failures (${failed.length})`);
  for (const r of failed) console.log(r.block ?? `── ${r.name}: FAILED`);
}
if (several)
  console.log(
    `e2e ${name}: ${results.length - failed.length} passed, ${failed.length} failed${failed.length ? ` (${failed.map((r) => r.name).join(', ')})` : ''}${flaky.length ? `, ${flaky.length} flaky (${flaky.map((r) => r.name).join(', ')})` : ''}`,
  );
process.exit(failed.length ? 1 : 0);
