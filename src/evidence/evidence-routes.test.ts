import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import { beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../auth/roles.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { createFsBlobStore } from './blob-store.js';
import { SIZE_LIMITS } from './file-rules.js';
import {
  aLinuxProgram,
  aPdf,
  aPhoto,
  aWindowsProgram,
  aZip,
  aZipBomb,
  uploadEvidence,
} from './test-files.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let blobRoot: string;
let ticketId: string;
let orderId: string;
let bTicketId: string;

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function aCase(client: TestClient) {
  const shop = await client.request('POST', '/api/v1/shops', {
    platform: 'pinduoduo',
    name: '拼多多旗舰店',
    appKey: `k-${Math.random()}`,
    appSecret: 's',
  });
  const shopId = shop.json().id as string;
  const order = await client.request('POST', '/api/v1/orders', {
    shopId,
    externalId: `PDD-${Math.random().toString(36).slice(2)}`,
    items: [{ name: '银手镯', quantity: 1, unitPriceFen: 12800, paidFen: 12800 }],
  });
  const ticket = await client.request('POST', '/api/v1/tickets', {
    kind: 'complaint',
    channel: 'platform_message',
    subject: '买家称手镯是假货',
    body: '你们卖的手镯是假的',
    shopId,
    orderId: order.json().id,
    customer: { name: '李女士' },
  });
  return { ticketId: ticket.json().id as string, orderId: order.json().id as string };
}

beforeAll(async () => {
  blobRoot = mkdtempSync(join(tmpdir(), 'aftercare-evidence-test-'));
  t = await createTestApp({ blobs: createFsBlobStore(blobRoot) });
  a = await t.signup('A');
  b = await t.signup('B');
  ({ ticketId, orderId } = await aCase(a));
  ({ ticketId: bTicketId } = await aCase(b));
});

describe('evidence uploads', () => {
  test('a photo filed on a case comes back byte for byte, addressed by its SHA-256', async () => {
    const photo = await aPhoto();
    const res = await uploadEvidence(t, a, { ticketId, kind: 'photo' }, { name: '瑕疵.jpg', bytes: photo });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({ sha256: sha(photo), bytes: photo.length, mediaType: 'image/jpeg' });
    expect(item.id).toMatch(/^[0-9a-f-]{36}$/);

    const content = await a.request('GET', `/api/v1/evidence/${item.id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('image/jpeg');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(sha(content.rawPayload)).toBe(sha(photo));

    const list = await a.request('GET', `/api/v1/evidence?ticketId=${ticketId}`);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(item.id);
  });

  test('the shareable copy of a photo has no GPS position; the original keeps it', async () => {
    const photo = await aPhoto({ gps: true, colour: '#3a3' });
    expect((await exifr.gps(photo))?.latitude).toBeCloseTo(30.25, 2);
    const item = (await uploadEvidence(t, a, { orderId }, { name: 'IMG_0001.jpg', bytes: photo })).json();
    expect(item).toMatchObject({ location: 'removed', shareable: true });

    const original = await a.request('GET', `/api/v1/evidence/${item.id}/content`);
    expect(sha(original.rawPayload)).toBe(sha(photo));
    const shared = await a.request('GET', `/api/v1/evidence/${item.id}/content?variant=shareable`);
    expect(shared.statusCode).toBe(200);
    expect(shared.headers['content-type']).toBe('image/jpeg');
    expect(await exifr.gps(shared.rawPayload)).toBeUndefined();
  });

  test('the same file twice is two items but stored once', async () => {
    const pdf = aPdf();
    const first = (await uploadEvidence(t, a, { ticketId }, { name: 'invoice.pdf', bytes: pdf })).json();
    const second = (await uploadEvidence(t, a, { orderId }, { name: '发票.pdf', bytes: pdf })).json();
    expect(first.id).not.toBe(second.id);
    expect(first.sha256).toBe(second.sha256);
    expect(first.mediaType).toBe('application/pdf');
    const dir = join(blobRoot, a.tenantId, first.sha256.slice(0, 2));
    expect(readdirSync(dir).filter((f) => f === first.sha256)).toHaveLength(1);
    const rows = await t.database.query<{ n: number }>(
      'select count(*)::int as n from evidence_blobs where tenant_id = $1 and sha256 = $2',
      [a.tenantId, first.sha256],
    );
    expect(rows[0]?.n).toBe(1);
  });

  test('a text chat export is taken as text, whatever its encoding', async () => {
    const gbkLike = Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x0d, 0x0a, 0x41]); // 你好\r\nA in GBK
    const res = await uploadEvidence(t, a, { ticketId }, { name: 'chat.txt', bytes: gbkLike });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ mediaType: 'text/plain', kind: 'chat_record' });
  });

  test('a zip of photos is accepted', async () => {
    const zip = await aZip([{ name: 'a.jpg', bytes: await aPhoto() }]);
    const res = await uploadEvidence(t, a, { ticketId }, { name: 'photos.zip', bytes: zip });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().mediaType).toBe('application/zip');
  });
});

describe('bad uploads get clear answers and leave nothing behind', () => {
  const tempFiles = () => {
    try {
      return readdirSync(join(blobRoot, 'tmp')).length;
    } catch {
      return 0;
    }
  };

  test.each([
    [
      'a Windows program renamed .jpg',
      'holiday.jpg',
      aWindowsProgram(),
      415,
      'EXECUTABLE_REFUSED',
      /Windows program/,
    ],
    ['a Linux program renamed .jpg', 'photo.jpg', aLinuxProgram(), 415, 'EXECUTABLE_REFUSED', /ELF/],
    [
      'a script renamed .png',
      'x.png',
      Buffer.from('#!/bin/sh\nrm -rf /\n'),
      415,
      'EXECUTABLE_REFUSED',
      /script/,
    ],
    ['an empty file', 'empty.jpg', Buffer.alloc(0), 400, 'EMPTY_FILE', /empty/],
    [
      'unknown binary bytes',
      'blob.bin',
      Buffer.from([0, 1, 2, 3, 0, 0xff, 0xfe, 7]),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      /recognised/,
    ],
  ])('%s', async (_what, name, bytes, status, code, message) => {
    const before = tempFiles();
    const res = await uploadEvidence(t, a, { ticketId }, { name, bytes });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toMatch(message);
    expect(tempFiles()).toBe(before);
  });

  test('a photo over the photo limit is refused with 413', async () => {
    const photo = await aPhoto();
    const big = Buffer.concat([photo, Buffer.alloc(SIZE_LIMITS.image + 1 - photo.length + 10)]);
    const res = await uploadEvidence(t, a, { ticketId }, { name: 'huge.jpg', bytes: big });
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error.message).toMatch(/image file may be at most 20 MiB/);
  });

  test('a zip bomb is refused', async () => {
    const bomb = await aZipBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await uploadEvidence(t, a, { ticketId }, { name: 'chat-export.zip', bytes: bomb });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('ZIP_BOMB');
  });

  test.each([
    ['no subject', {}, /exactly one subject/],
    ['two subjects', { ticketId: 'x', orderId: 'y' }, /ticketId|orderId/],
    [
      'an unknown subject type',
      { subjectType: 'spaceship', subjectId: '00000000-0000-4000-8000-000000000000' },
      /cannot be attached to a spaceship/,
    ],
    ['a bad kind', { kind: 'rumour' }, /kind/],
  ])('%s is a 400', async (_what, fields, message) => {
    const withTicket = 'kind' in fields ? { ...fields, ticketId } : fields;
    const res = await uploadEvidence(t, a, withTicket as Record<string, string>, {
      name: 'a.pdf',
      bytes: aPdf(),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toMatch(message);
  });

  test('a JSON body is not an upload', async () => {
    const res = await a.request('POST', '/api/v1/evidence', { ticketId });
    expect(res.statusCode).toBe(415);
  });

  test('a missing case is a 404', async () => {
    const res = await uploadEvidence(
      t,
      a,
      { ticketId: '00000000-0000-4000-8000-000000000000' },
      { name: 'a.pdf', bytes: aPdf() },
    );
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('SUBJECT_NOT_FOUND');
  });
});

describe('tenants never see each other’s evidence', () => {
  test('an upload to another tenant’s case is refused as not found', async () => {
    const res = await uploadEvidence(t, a, { ticketId: bTicketId }, { name: 'a.pdf', bytes: aPdf() });
    expect(res.statusCode).toBe(404);
  });

  test('another tenant can neither list, read, download, audit nor delete an item', async () => {
    const item = (await uploadEvidence(t, a, { ticketId }, { name: 'secret.pdf', bytes: aPdf() })).json();
    expect((await b.request('GET', `/api/v1/evidence?ticketId=${ticketId}`)).statusCode).toBe(404);
    for (const url of [
      `/api/v1/evidence/${item.id}`,
      `/api/v1/evidence/${item.id}/content`,
      `/api/v1/evidence/${item.id}/custody`,
    ]) {
      const res = await b.request('GET', url);
      expect(res.statusCode, url).toBe(404);
    }
    expect((await b.request('DELETE', `/api/v1/evidence/${item.id}`)).statusCode).toBe(404);
    const verify = (await b.request('GET', '/api/v1/evidence/verify')).json();
    expect(verify).toMatchObject({ ok: true, entries: 0, files: 0 }); // b has filed nothing
  });

  test('without a login nothing is served', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/evidence/verify' });
    expect(res.statusCode).toBe(401);
  });
});

describe('custody chain', () => {
  test('upload, view and download are entries in one chain that verifies', async () => {
    const c = await t.signup('C');
    const { ticketId: cTicket } = await aCase(c);
    const item = (await uploadEvidence(t, c, { ticketId: cTicket }, { name: 'a.pdf', bytes: aPdf() })).json();
    await c.request('GET', `/api/v1/evidence/${item.id}/content?disposition=inline`);
    await c.request('GET', `/api/v1/evidence/${item.id}/content`);
    const custody = (await c.request('GET', `/api/v1/evidence/${item.id}/custody`)).json().items;
    expect(custody.map((e: { action: string }) => e.action)).toEqual(['download', 'view', 'upload']);
    expect(custody[0].prevHash).toBe(custody[1].hash);
    const verify = (await c.request('GET', '/api/v1/evidence/verify')).json();
    expect(verify).toEqual({ ok: true, checked: 4, entries: 3, files: 1, firstBreak: null });
  });

  test('a file whose bytes changed on disk is named by verify', async () => {
    const c = await t.signup('D');
    const { ticketId: cTicket } = await aCase(c);
    const pdf = Buffer.concat([aPdf(), Buffer.from('% letter of authorisation\n')]);
    const item = (
      await uploadEvidence(t, c, { ticketId: cTicket }, { name: '授权书.pdf', bytes: pdf })
    ).json();
    expect((await c.request('GET', '/api/v1/evidence/verify')).json().ok).toBe(true);
    writeFileSync(join(blobRoot, c.tenantId, item.sha256.slice(0, 2), item.sha256), Buffer.from('forged'));
    const verify = (await c.request('GET', '/api/v1/evidence/verify')).json();
    expect(verify.ok).toBe(false);
    expect(verify.firstBreak).toMatchObject({
      type: 'file',
      reason: 'changed',
      sha256: item.sha256,
      evidenceIds: [item.id],
      fileNames: ['授权书.pdf'],
    });
  });

  test('an entry changed in the database breaks the chain at that entry', async () => {
    const c = await t.signup('E');
    const { ticketId: cTicket } = await aCase(c);
    const item = (await uploadEvidence(t, c, { ticketId: cTicket }, { name: 'a.pdf', bytes: aPdf() })).json();
    await c.request('GET', `/api/v1/evidence/${item.id}/content`);
    await t.database.query(
      "update custody_entries set actor_name = 'someone else' where tenant_id = $1 and seq = 2",
      [c.tenantId],
    );
    const verify = (await c.request('GET', '/api/v1/evidence/verify')).json();
    expect(verify).toMatchObject({
      ok: false,
      firstBreak: { type: 'entry', seq: 2, reason: 'hash_mismatch' },
    });
  });

  test('a deletion request is an entry; the item leaves the lists and its bytes go', async () => {
    const c = await t.signup('F');
    const { ticketId: cTicket } = await aCase(c);
    const item = (await uploadEvidence(t, c, { ticketId: cTicket }, { name: 'a.pdf', bytes: aPdf() })).json();
    const del = await c.request('DELETE', `/api/v1/evidence/${item.id}`);
    expect(del.statusCode, del.body).toBe(204);
    expect((await c.request('GET', `/api/v1/evidence/${item.id}`)).statusCode).toBe(404);
    expect((await c.request('GET', `/api/v1/evidence?ticketId=${cTicket}`)).json().items).toEqual([]);
    const verify = (await c.request('GET', '/api/v1/evidence/verify')).json();
    expect(verify).toMatchObject({ ok: true, entries: 2, files: 0 });
    const agent = await c.addUser('agent');
    expect((await agent.request('DELETE', `/api/v1/evidence/${item.id}`)).statusCode).toBe(403);
  });
});

describe('other domains attach files through the service', () => {
  test('a registered subject type takes a file in one call; an unregistered one is refused', async () => {
    const widgets = new Set<string>(['0190a0a0-0000-7000-8000-000000000001']);
    t.services.evidence.subjects.register(
      'widget',
      async (_scope, ids) => new Set(ids.filter((id) => widgets.has(id))),
    );
    const actor = systemActor(a.tenantId, 'recalls');
    const item = await t.services.evidence.attach(actor, {
      subjectType: 'widget',
      subjectId: '0190a0a0-0000-7000-8000-000000000001',
      fileName: 'product.jpg',
      content: await aPhoto({ colour: '#33c' }),
      kind: 'photo',
    });
    expect(item).toMatchObject({ source: 'attached', subjectType: 'widget', mediaType: 'image/jpeg' });
    const custody = await t.services.evidence.custody(actor, item.id);
    expect(custody.map((e) => e.action)).toEqual(['attach']);
    await expect(
      t.services.evidence.attach(actor, {
        subjectType: 'gadget',
        subjectId: '0190a0a0-0000-7000-8000-000000000001',
        fileName: 'x.pdf',
        content: aPdf(),
      }),
    ).rejects.toThrow(/cannot be attached to a gadget/);
  });
});
