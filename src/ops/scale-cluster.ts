import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningServer, startServer } from '../shared/spawn-server.js';

/**
 * Several real server processes (tsx src/main.ts) on one PostgreSQL database, each with its
 * AFTERCARE_ROLE, as an operator runs them behind a load balancer (the scale-out test and bench).
 */
export type Cluster = {
  apis: RunningServer[];
  workers: RunningServer[];
  all: RunningServer[];
  /** Every process's log so far, each line prefixed with its role and port. */
  output(): string;
  stop(): Promise<void>;
};

export type ClusterOptions = {
  apis: number;
  workers: number;
  /**
   * The first port; the processes take it and the next ones (a shared machine gives each user a range).
   * Without it each process gets a free port of its own.
   */
  portBase?: number;
  /** Environment of every process (DATABASE_URL, secrets, fakes' addresses). */
  env: Record<string, string>;
  /** Extra environment by role (a worker's direct database address). */
  roleEnv?: Partial<Record<'api' | 'worker' | 'all', Record<string, string>>>;
  /** Extra environment of one process (its index among processes of its role). */
  envOf?: (role: 'api' | 'worker' | 'all', index: number) => Record<string, string>;
  /** 'all' for a single process doing everything (apis 1, workers 0). */
  single?: boolean;
};

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aftercare-cluster-'));
  const roles: ('api' | 'worker' | 'all')[] = options.single
    ? ['all']
    : [...Array(options.apis).fill('api'), ...Array(options.workers).fill('worker')];
  // Started together: tsx compiles each on start, which takes long on a loaded machine.
  const started = await Promise.allSettled(
    roles.map((role, i) =>
      startServer(
        {
          DATA_DIR: join(dataDir, `p${i}`),
          ...options.env,
          ...options.roleEnv?.[role],
          ...options.envOf?.(role, roles.slice(0, i).filter((r) => r === role).length),
          AFTERCARE_ROLE: role,
        },
        options.portBase === undefined ? undefined : options.portBase + i,
      ).then((server) => ({ role, server })),
    ),
  );
  const running = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  let stopped: Promise<void> | null = null;
  const stop = () => {
    stopped ??= Promise.all(running.map((r) => r.server.stop())).then(() =>
      rmSync(dataDir, { recursive: true, force: true }),
    );
    return stopped;
  };
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await stop();
    throw (failed as PromiseRejectedResult).reason;
  }
  const apis = running.filter((r) => r.role !== 'worker').map((r) => r.server);
  const workers = running.filter((r) => r.role !== 'api').map((r) => r.server);
  return {
    apis,
    workers,
    all: running.map((r) => r.server),
    output: () =>
      running
        .map((r) =>
          r.server
            .output()
            .split('\n')
            .filter(Boolean)
            .map((line) => `[${r.role} ${r.server.port}] ${line}`)
            .join('\n'),
        )
        .join('\n'),
    stop,
  };
}
