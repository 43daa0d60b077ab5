import { aPdf, aPhoto, multipartBody, uploadEvidence } from '../evidence/test-files.js';
import type { TestApp, TestClient } from '../http/test-app.js';

/** A trademark in class 14 (jewellery), valid from 2020 to 2030, unless told otherwise. */
export async function aTrademark(client: TestClient, over: Record<string, unknown> = {}) {
  const res = await client.request('POST', '/api/v1/brand/rights', {
    kind: 'trademark',
    name: '银月 SILVERMOON',
    registrationNo: `TM${Math.random().toString().slice(2, 10)}`,
    owner: '杭州银月饰品有限公司',
    classes: [14],
    goods: ['手镯', '项链', '戒指'],
    validFrom: '2020-01-01T00:00:00Z',
    validUntil: '2030-01-01T00:00:00Z',
    ...over,
  });
  if (res.statusCode !== 201) throw new Error(`trademark: ${res.body}`);
  return res.json() as { id: string; registrationNo: string };
}

export async function anAccount(client: TestClient, platform = 'pinduoduo') {
  const res = await client.request('POST', '/api/v1/brand/accounts', {
    platform,
    name: `银月品牌维权-${Math.random()}`,
  });
  if (res.statusCode !== 201) throw new Error(`account: ${res.body}`);
  return res.json() as { id: string };
}

export const pddLink = (n: number) =>
  `https://mobile.yangkeduo.com/goods.html?goods_id=${String(500000 + n)}&refer_share=1`;

export function importCsv(t: TestApp, client: TestClient, csv: string, fields: Record<string, string> = {}) {
  const body = multipartBody(fields, { name: '侵权链接.csv', bytes: Buffer.from(csv, 'utf8') });
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/brand/listings/import',
    headers: { cookie: client.cookie, 'content-type': body.contentType },
    payload: body.payload,
  });
}

export async function capture(t: TestApp, client: TestClient, listingId: string) {
  const res = await uploadEvidence(
    t,
    client,
    { subjectType: 'brand_listing', subjectId: listingId, kind: 'listing_snapshot' },
    { name: `截图-${listingId.slice(-6)}.jpg`, bytes: await aPhoto({ colour: `#${listingId.slice(-6)}` }) },
  );
  if (res.statusCode !== 201) throw new Error(`capture: ${res.body}`);
}

export async function certificate(t: TestApp, client: TestClient, rightId: string) {
  const res = await uploadEvidence(
    t,
    client,
    { subjectType: 'brand_right', subjectId: rightId, kind: 'certificate' },
    { name: '商标注册证.pdf', bytes: Buffer.concat([aPdf(), Buffer.from(`% ${rightId}\n`)]) },
  );
  if (res.statusCode !== 201) throw new Error(`certificate: ${res.body}`);
}
