import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { withDatabase } from './db/test-global-setup.js';
import { REPO_ROOT, startServer } from './shared/spawn-server.js';

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), 'aftercare-main-'));
const adminUrl = process.env.DATABASE_URL;
const dbName = `aftercare_t_main_${process.pid}`;
const env: Record<string, string | undefined> = {
  DATA_DIR: dataDir,
  DATABASE_URL: adminUrl ? withDatabase(adminUrl, dbName) : '',
};

beforeAll(async () => {
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.query(`create database ${dbName}`);
    await admin.end();
  }
});

afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
});

const json = { 'content-type': 'application/json' };

describe('the server process', () => {
  test('what a merchant creates is still there after a restart', async () => {
    const first = await startServer(env);
    try {
      const signup = await fetch(`${first.url}/api/v1/auth/signup`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          tenantName: '重启测试店',
          email: 'restart@example.cn',
          password: 'plum-blossom-tea-2718',
        }),
      });
      expect(signup.status).toBe(201);
      const cookie = signup.headers.get('set-cookie')!.split(';')[0]!;
      const shop = await fetch(`${first.url}/api/v1/shops`, {
        method: 'POST',
        headers: { ...json, cookie },
        body: JSON.stringify({ platform: 'manual', name: '热线' }),
      });
      const ticket = await fetch(`${first.url}/api/v1/tickets`, {
        method: 'POST',
        headers: { ...json, cookie },
        body: JSON.stringify({
          kind: 'complaint',
          channel: 'hotline',
          subject: '电话投诉：收到破损',
          shopId: (await shop.json()).id,
        }),
      });
      expect(ticket.status).toBe(201);
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = await startServer(env);
    try {
      const login = await fetch(`${second.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: 'restart@example.cn', password: 'plum-blossom-tea-2718' }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const inbox = await (
        await fetch(`${second.url}/api/v1/tickets?status=open`, { headers: { cookie } })
      ).json();
      expect(inbox.items.map((t: { subject: string }) => t.subject)).toContain('电话投诉：收到破损');
    } finally {
      await second.stop();
    }
  }, 120_000);

  test.skipIf(Boolean(adminUrl))(
    'a second process on the same data directory refuses to start',
    async () => {
      const server = await startServer(env);
      try {
        await expect(startServer(env)).rejects.toThrow(/in use by process/);
      } finally {
        await server.stop();
      }
    },
    120_000,
  );

  test('the admin command creates a tenant even with sign-up closed, and names the bad field', async () => {
    const cli = (args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'src/cli/admin.ts', ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, ...env },
      });
    const ok = await cli([
      'create-tenant',
      '--name',
      '命令行店',
      '--email',
      'cli@example.cn',
      '--password',
      'plum-blossom-tea-2718',
    ]);
    expect(JSON.parse(ok.stdout)).toMatchObject({ email: 'cli@example.cn', tenantId: expect.any(String) });
    await expect(
      cli(['create-tenant', '--name', 'x', '--email', 'not-an-email', '--password', 'plum-blossom-tea-2718']),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('--email'),
    });
    // A weak password is refused with its reason (an e-mail used by another merchant is not news).
    await expect(
      cli(['create-tenant', '--name', 'x', '--email', 'cli@example.cn', '--password', 'password123']),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('easy to guess'),
    });
    await expect(cli(['frobnicate'])).rejects.toMatchObject({
      stderr: expect.stringContaining('unknown command'),
    });
  }, 120_000);
});
