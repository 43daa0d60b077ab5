import pg from 'pg';

export type LeaderLock = {
  /** Whether this process holds the lock now (taking it when free); false when the database is unreachable. */
  isLeader(): Promise<boolean>;
  release(): Promise<void>;
};

/**
 * One process in the deployment does a job (holds the Pinduoduo message-service connections):
 * a PostgreSQL session advisory lock on a connection of its own. If the process or its
 * connection dies, PostgreSQL drops the lock and another process takes it on its next try.
 */
export function createLeaderLock(databaseUrl: string, name: string): LeaderLock {
  let client: pg.Client | null = null;
  let held = false;

  async function drop() {
    held = false;
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  }

  return {
    async isLeader() {
      try {
        if (!client) {
          const c = new pg.Client({ connectionString: databaseUrl });
          c.on('error', () => {
            held = false;
            if (client === c) client = null;
          });
          await c.connect();
          client = c;
        }
        if (held) {
          await client.query('select 1'); // still connected, so still ours
        } else {
          const r = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [
            name,
          ]);
          held = r.rows[0]?.ok === true;
        }
        return held;
      } catch {
        await drop();
        return false;
      }
    },
    release: drop,
  };
}
