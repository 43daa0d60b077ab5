import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { buildApp } from '../app.js';
import { openDatabase } from '../db/client.js';
import { withDatabase } from '../db/test-global-setup.js';
import { createFsBlobStore } from '../evidence/blob-store.js';
import { aPhoto, multipartBody } from '../evidence/test-files.js';
import { sessionCookie } from '../http/test-app.js';
import { systemClock } from '../shared/clock.js';
import { underLoad } from '../shared/load-slowdown.js';
import { createSecretBox, resolveSecretKey } from '../shared/secret-box.js';
import { BackupError, createBackup, type Install, restoreBackup } from './backup.js';

/**
 * The operator's promise: back up, wipe, restore into an empty install, and the same case opens
 * with its thread and evidence, and the shops' sealed secrets still open. Runs on the engine the
 * suite runs on (PGlite, or PostgreSQL when DATABASE_URL is set, through pg_dump and pg_restore).
 */
const root = mkdtempSync(join(tmpdir(), 'aftercare-backup-'));
const adminUrl = process.env.DATABASE_URL;
const admin = adminUrl ? new pg.Client({ connectionString: adminUrl }) : null;
const created: string[] = [];

async function anInstall(name: string): Promise<Install> {
  const dataDir = join(root, name);
  if (!adminUrl || !admin) return { dataDir };
  if (created.length === 0) await admin.connect();
  const database = `aftercare_bk_${process.pid}_${Date.now().toString(36)}_${name}`;
  await admin.query(`create database ${database}`);
  created.push(database);
  return { dataDir, databaseUrl: withDatabase(adminUrl, database) };
}

afterAll(async () => {
  for (const database of created) await admin?.query(`drop database if exists ${database} with (force)`);
  await admin?.end();
  rmSync(root, { recursive: true, force: true });
});

async function serve(install: Install, migrate = true) {
  const database = await openDatabase({ ...install, migrate });
  const { app } = await buildApp({
    database,
    clock: systemClock,
    secretBox: createSecretBox(resolveSecretKey(install.secret, install.dataDir)),
    openSignup: true,
    secureCookies: false,
    sessionTtlHours: 24,
    logLevel: 'silent',
    webRoot: '/nonexistent',
    blobs: createFsBlobStore(join(install.dataDir, 'blobs')),
  });
  const close = async () => {
    await app.close();
    await database.close();
  };
  return { app, database, close };
}

const PASSWORD = 'plum-blossom-tea-2718';
const EMAIL = 'owner@backup.example.cn';

async function call(
  app: FastifyInstance,
  cookie: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
) {
  return app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

describe('backup and restore', () => {
  test('a wiped install restored from its backup opens the same case, thread, evidence and shop secret', {
    timeout: underLoad(240_000),
  }, async () => {
    const photo = await aPhoto();
    const a = await anInstall('a');
    const before = await serve(a);
    const signup = await before.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { tenantName: '备份测试店', email: EMAIL, password: PASSWORD },
    });
    expect(signup.statusCode, signup.body).toBe(201);
    const cookie = sessionCookie(signup);
    const shop = await call(before.app, cookie, 'POST', '/api/v1/shops', {
      platform: 'douyin',
      name: '抖店 备份',
      appKey: 'key-backup',
      appSecret: 'secret-backup-xyz',
    });
    expect(shop.statusCode, shop.body).toBe(201);
    const ticket = (
      await call(before.app, cookie, 'POST', '/api/v1/tickets', {
        kind: 'complaint',
        channel: 'platform_message',
        subject: '收到的杯子有裂缝',
        body: '打开包装发现杯子有裂缝，怎么处理？',
        shopId: shop.json().id,
        customer: { name: '王女士', phone: '13812345678' },
      })
    ).json();
    await call(before.app, cookie, 'POST', `/api/v1/tickets/${ticket.id}/messages`, {
      body: '抱歉给您添麻烦了，我们马上为您处理。',
    });
    const upload = multipartBody({ ticketId: ticket.id, kind: 'photo' }, { name: '裂缝.jpg', bytes: photo });
    const evidence = await before.app.inject({
      method: 'POST',
      url: '/api/v1/evidence',
      headers: { cookie, 'content-type': upload.contentType },
      payload: upload.payload,
    });
    expect(evidence.statusCode, evidence.body).toBe(201);
    await before.close();

    const backupDir = join(root, 'backup');
    const manifest = await createBackup(a, backupDir);
    expect(manifest).toMatchObject({ blobs: { files: expect.any(Number) }, keyFileIncluded: true });
    expect(manifest.counts.tickets).toBe(1);
    expect(manifest.blobs.files).toBeGreaterThanOrEqual(1);
    rmSync(a.dataDir, { recursive: true, force: true });

    const b = await anInstall('b');
    const { problems } = await restoreBackup(b, backupDir);
    expect(problems).toEqual([]);

    const after = await serve(b, false);
    try {
      const login = await after.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: EMAIL, password: PASSWORD },
      });
      expect(login.statusCode, login.body).toBe(200);
      const again = sessionCookie(login);
      const thread = (await call(after.app, again, 'GET', `/api/v1/tickets/${ticket.id}/messages`)).json()
        .items;
      expect(thread.map((m: { body: string }) => m.body)).toEqual(
        expect.arrayContaining([
          '打开包装发现杯子有裂缝，怎么处理？',
          '抱歉给您添麻烦了，我们马上为您处理。',
        ]),
      );
      const content = await call(after.app, again, 'GET', `/api/v1/evidence/${evidence.json().id}/content`);
      expect(content.statusCode).toBe(200);
      expect(content.rawPayload.equals(photo)).toBe(true);
      const [row] = await after.database.query<{ sealed: string }>(
        'select app_secret_sealed as sealed from shops where id = $1',
        [shop.json().id],
      );
      const box = createSecretBox(resolveSecretKey(undefined, b.dataDir));
      expect(box.open(row!.sealed)).toBe('secret-backup-xyz');
    } finally {
      await after.close();
    }

    // A second restore over a live install, a wrong key, an unfinished backup: refused, nothing lost.
    await expect(restoreBackup(b, backupDir)).rejects.toThrow(BackupError);
    await expect(restoreBackup({ ...b, secret: 'another-secret-of-16+' }, backupDir)).rejects.toThrow(
      /not the key/,
    );
    rmSync(join(backupDir, 'manifest.json'));
    await expect(restoreBackup(b, backupDir)).rejects.toThrow(/not a finished backup/);
    expect(readFileSync(join(b.dataDir, 'secret.key'), 'utf8').length).toBeGreaterThan(40);
  });
});
