import { beforeAll, describe, expect, test } from 'vitest';
import { aPdf, aPhoto, uploadEvidence } from '../evidence/test-files.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { aPowerBankMerchant } from './test-fixtures.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let id = '';
let publicId = '';

const upload = async (client: TestClient, recallId: string, name: string, bytes: Uint8Array) => {
  const res = await uploadEvidence(
    t,
    client,
    { subjectType: 'recall', subjectId: recallId, kind: 'photo' },
    { name, bytes },
  );
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  await aPowerBankMerchant(a, 1);
  const res = await a.request('POST', '/api/v1/recalls', {
    title: '充电宝 B2024-11 批次召回',
    hazard: '部分电芯在充电时可能过热。',
    scope: { batches: ['B2024-11'] },
  });
  id = res.json().id;
  publicId = res.json().publicId;
});

describe('product and batch photos on the public page', () => {
  test('photos uploaded to the recall through the evidence vault are published without their location data, with captions', async () => {
    const label = await upload(a, id, 'batch-label.jpg', await aPhoto({ gps: true }));
    expect(label.location).toBe('removed');
    const product = await upload(a, id, 'product.png', await aPhoto({ colour: '#222222' }));
    const res = await a.request('PUT', `/api/v1/recalls/${id}/photos`, {
      items: [
        {
          evidenceId: label.id,
          captionZh: '批次号印在底部标签上',
          captionEn: 'The batch is on the bottom label',
        },
        { evidenceId: product.id },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().statementPhotos.map((p: { evidenceId: string }) => p.evidenceId)).toEqual([
      label.id,
      product.id,
    ]);
    // Publishing is recorded in the custody log.
    const custody = (await a.request('GET', `/api/v1/evidence/${label.id}/custody`)).json().items;
    expect(custody[0].action).toBe('export');

    // Not public before the announcement.
    expect(
      (await t.app.inject({ method: 'GET', url: `/recalls/${publicId}/photos/${label.id}` })).statusCode,
    ).toBe(404);
    await a.request('PUT', `/api/v1/recalls/${id}/statement`, {
      locale: 'zh-CN',
      text: '召回公告：请停止使用。',
    });
    await a.request('POST', `/api/v1/recalls/${id}/status`, { status: 'announced' });
    const page = await t.app.inject({ method: 'GET', url: `/recalls/${publicId}` });
    expect(page.body).toContain(`/recalls/${publicId}/photos/${label.id}`);
    expect(page.body).toContain('批次号印在底部标签上');
    const photo = await t.app.inject({ method: 'GET', url: `/recalls/${publicId}/photos/${label.id}` });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    // The published copy is the shareable one: a different hash from the original with GPS.
    const original = await a.request('GET', `/api/v1/evidence/${label.id}`);
    expect(photo.rawPayload.length).not.toBe(original.json().bytes);
  });

  test('a photo of another recall or tenant, a PDF, or a caption naming a buyer is refused; nothing changes', async () => {
    const other = (
      await a.request('POST', '/api/v1/recalls', {
        title: '另一个召回',
        hazard: '过热',
        scope: { batches: ['B2024-11'] },
      })
    ).json();
    const elsewhere = await upload(a, other.id, 'x.jpg', await aPhoto());
    const pdf = await upload(a, id, 'report.pdf', await aPdf());
    const mine = await upload(a, id, 'y.jpg', await aPhoto());
    const cases: [unknown, number][] = [
      [{ items: [{ evidenceId: elsewhere.id }] }, 404],
      [{ items: [{ evidenceId: pdf.id }] }, 422],
      [{ items: [{ evidenceId: mine.id, captionZh: '买家1 寄回的照片' }] }, 422],
      [{ items: [{ evidenceId: mine.id }, { evidenceId: mine.id }] }, 400],
      [{ items: Array.from({ length: 7 }, () => ({ evidenceId: mine.id })) }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await a.request('PUT', `/api/v1/recalls/${id}/photos`, body);
      expect(res.statusCode, res.body).toBe(status);
    }
    expect((await a.request('GET', `/api/v1/recalls/${id}`)).json().statementPhotos).toHaveLength(2);
    expect((await b.request('PUT', `/api/v1/recalls/${id}/photos`, { items: [] })).statusCode).toBe(404);
    const bRecall = (await a.request('GET', `/api/v1/recalls/${id}`)).json();
    expect(bRecall.statementPhotos).toHaveLength(2);
    expect(
      (await t.app.inject({ method: 'GET', url: `/recalls/${publicId}/photos/${mine.id}` })).statusCode,
    ).toBe(404);
  });
});
