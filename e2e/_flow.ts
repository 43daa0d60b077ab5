// What run.ts keeps of each browser test while it runs, so that a failure can be read at the end of
// a long log: everything the flow printed (stdout and stderr, attributed to the flow through its async
// context) and the servers it started (their CPU seconds and, on a failure, their last warnings).
import { AsyncLocalStorage } from 'node:async_hooks';

export type FlowServer = { output: () => string; cpuSeconds: number };

export type FlowRecord = {
  name: string;
  /** What the flow printed, in order (the oldest dropped beyond ~1 MB). */
  printed: string[];
  printedChars: number;
  servers: FlowServer[];
  /** The error the flow threw, if it threw instead of returning false. */
  thrown?: unknown;
  /** How many of `printed` came before the thrown error was printed. */
  printedBeforeThrow?: number;
};

export const currentFlow = new AsyncLocalStorage<FlowRecord>();

const KEEP_CHARS = 1_000_000;

/**
 * Tees stdout and stderr into the current flow's record; with `hold`, a flow's output is kept back and
 * not written through (run.ts prints it as one block when the flow ends, for lanes running side by side).
 */
let holding: () => boolean = () => false;
let captured = false;

export function captureOutput(hold: () => boolean): void {
  // Once per process (a failed flow may run again): a second wrapper would record every line twice.
  holding = hold;
  if (captured) return;
  captured = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const flow = currentFlow.getStore();
      if (flow) {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
        flow.printed.push(text);
        flow.printedChars += text.length;
        while (flow.printedChars > KEEP_CHARS && flow.printed.length > 1)
          flow.printedChars -= flow.printed.shift()!.length;
        if (holding()) {
          const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
          callback?.();
          return true;
        }
      }
      return write(chunk, ...rest);
    }) as typeof stream.write;
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal colour codes
const ANSI = /\x1b\[[0-9;]*m/g;

/** A text without its terminal colour codes. */
export const plain = (text: string) => text.replace(ANSI, '');

/** The last `n` non-empty lines of a text, without colour codes, each cut to `width` characters. */
export function lastLines(text: string, n: number, width = 400): string[] {
  return text
    .replace(ANSI, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(-n)
    .map((l) => (l.length > width ? `${l.slice(0, width)} …` : l));
}

/** The first `n` lines of an error (its message and the start of its stack or call log). */
export function errorHead(error: unknown, n: number): string[] {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  // without the runner's own frames
  const lines = text
    .replace(ANSI, '')
    .split(/\r?\n/)
    .filter((l) => !/\/e2e\/run\.ts:|\(node:internal\//.test(l));
  if (error instanceof Error && !lines[0]!.includes(error.message.split('\n')[0]!))
    lines.unshift(error.message.split('\n')[0]!);
  return lines.filter((l) => l.trim() !== '').slice(0, n);
}

/**
 * A failed flow's block, to read at the end of a log: the steps or checks that failed, the error it
 * threw, the last lines it printed and the last warnings of its server.
 */
export function failureBlock(flow: FlowRecord, wall: number): string {
  const printed = flow.printed.join('');
  const lines = printed.replace(ANSI, '').split(/\r?\n/);
  // the failed steps (✗, with the lines of their error under them: │) and checks (FAIL)
  const failing = lines.filter(
    (l, i) => /^\s*(✗|FAIL\b)/.test(l) || (/^\s*│/.test(l) && /^\s*(✗|│)/.test(lines[i - 1] ?? '')),
  );
  const out = [`── ${flow.name}: FAILED after ${wall.toFixed(0)} s`];
  if (failing.length) out.push('  failed:', ...failing.slice(0, 16).map((l) => `    ${l.trim()}`));
  if (flow.thrown !== undefined) out.push('  threw:', ...errorHead(flow.thrown, 8).map((l) => `    ${l}`));
  // (without the runner's own stack frames, for a flow that catches and prints its error itself)
  const before = flow.printed
    .slice(0, flow.printedBeforeThrow ?? flow.printed.length)
    .join('')
    .split('\n')
    .filter((l) => !/\/e2e\/run\.ts:/.test(l))
    .join('\n');
  out.push('  its last lines:', ...lastLines(before, 20).map((l) => `    ${l}`));
  flow.servers.forEach((server, i) => {
    const tail = lastLines(server.output(), 6, 300);
    if (tail.length)
      out.push(
        `  server${flow.servers.length > 1 ? ` ${i + 1}` : ''}'s last warnings and errors:`,
        ...tail.map((l) => `    ${l}`),
      );
  });
  return out.join('\n');
}
