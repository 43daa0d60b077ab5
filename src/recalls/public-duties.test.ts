import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { aPowerBankMerchant, type PowerBankMerchant } from './test-fixtures.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let m: PowerBankMerchant;
let id = '';

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  m = await aPowerBankMerchant(a, 2);
  const res = await a.request('POST', '/api/v1/recalls', {
    title: '充电宝 B2024-11 批次召回',
    hazard: '部分电芯在充电时可能过热，存在起火风险。',
    scope: { batches: ['B2024-11'] },
    role: 'producer',
    contact: '客服热线 13900001111',
  });
  expect(res.statusCode, res.body).toBe(201);
  id = res.json().id;
});

const statement = (text: string) =>
  a.request('PUT', `/api/v1/recalls/${id}/statement`, { locale: 'zh-CN', text });

describe('the public statement and page carry no personal data', () => {
  test("a buyer's phone, address, name or order number in the statement is refused with 422 naming each, masked; nothing is saved", async () => {
    const order = m.inScope[0]!.externalId;
    const res = await statement(
      `召回公告。买家1（电话 13812345678，地址 上海市浦东新区世纪大道100号）的订单 ${order} 已退款。`,
    );
    expect(res.statusCode).toBe(422);
    const { code, message } = res.json().error;
    expect(code).toBe('PERSONAL_DATA_IN_PUBLIC_TEXT');
    for (const named of [
      "a buyer's name",
      'a mobile number (138****5678)',
      'an address',
      'an order number',
    ]) {
      expect(message).toContain(named);
    }
    expect(message).not.toContain('13812345678');
    expect(message).not.toContain(order);
    const saved = (await a.request('GET', `/api/v1/recalls/${id}/statement?locale=zh-CN`)).json();
    expect(saved.version).toBe(0);
  });

  test("the campaign's own contact line may carry the merchant's phone; the generated draft saves as it is", async () => {
    const draft = (await a.request('GET', `/api/v1/recalls/${id}/statement?locale=zh-CN`)).json();
    expect(draft.text).toContain('13900001111');
    const res = await statement(draft.text);
    expect(res.statusCode, res.body).toBe(200);
  });

  test('a title naming a buyer is refused; findings with an order number are refused', async () => {
    const title = await a.request('PATCH', `/api/v1/recalls/${id}`, { title: '买家2 的充电宝召回' });
    expect(title.statusCode).toBe(422);
    expect(title.json().error.code).toBe('PERSONAL_DATA_IN_PUBLIC_TEXT');
    await a.request('POST', `/api/v1/recalls/${id}/status`, { status: 'announced' });
    const findings = await a.request('PUT', `/api/v1/recalls/${id}/findings`, {
      rootCause: '电芯供应商更换了隔膜材料',
      findingsZh: `经查，订单 ${m.inScope[1]!.externalId} 的电芯隔膜不合格。`,
    });
    expect(findings.statusCode, findings.body).toBe(422);
    expect(findings.json().error.message).toContain('findings (zh-CN)');
  });

  test('the console can check a text before saving it; another tenant cannot', async () => {
    const res = await a.request('POST', `/api/v1/recalls/${id}/public-text/check`, {
      text: '请联系 13812345678',
    });
    expect(res.json().findings).toEqual([{ type: 'mobile', masked: '138****5678', field: 'text' }]);
    expect(
      (await b.request('POST', `/api/v1/recalls/${id}/public-text/check`, { text: 'x' })).statusCode,
    ).toBe(404);
  });

  test('the public page shows neither buyers nor their orders', async () => {
    const r = (await a.request('GET', `/api/v1/recalls/${id}`)).json();
    const page = await t.app.inject({ method: 'GET', url: `/recalls/${r.publicId}` });
    expect(page.statusCode).toBe(200);
    for (const o of m.inScope) expect(page.body).not.toContain(o.externalId);
    expect(page.body).not.toContain('买家1');
  });
});

describe('reports owed to the regulator', () => {
  test('a consumer-goods producer owes the recall plan within 24 h and a summary after completion; serious harm adds one', async () => {
    const r = (await a.request('GET', `/api/v1/recalls/${id}`)).json();
    let res = await a.request('GET', `/api/v1/recalls/${id}/reports`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((x: { key: string }) => x.key)).toEqual(['plan', 'summary']);
    const plan = res.json().items[0];
    expect(Date.parse(plan.dueAt) - Date.parse(r.learnedAt)).toBe(24 * 3_600_000);
    expect(plan).toMatchObject({ state: 'due_soon', uncertain: true, filedAt: null });
    await a.request('PATCH', `/api/v1/recalls/${id}`, { seriousHarm: true });
    res = await a.request('GET', `/api/v1/recalls/${id}/reports`);
    expect(res.json().items.map((x: { key: string }) => x.key)).toEqual(['plan', 'serious_harm', 'summary']);
  });

  test('filing is recorded once (who, when, which office, their reference); the progress view counts it', async () => {
    const res = await a.request('POST', `/api/v1/recalls/${id}/reports/plan/filed`, {
      authority: '上海市市场监督管理局',
      reference: '沪市监召〔2026〕12号',
    });
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json().items.find((x: { key: string }) => x.key === 'plan');
    expect(plan).toMatchObject({ state: 'filed', filing: { reference: '沪市监召〔2026〕12号' } });
    expect(plan.filedByName).toBeTruthy();
    const again = await a.request('POST', `/api/v1/recalls/${id}/reports/plan/filed`, {});
    expect(again.statusCode).toBe(409);
    const seller = await a.request('POST', `/api/v1/recalls/${id}/reports/seller/filed`, {});
    expect(seller.statusCode).toBe(422);
    const progress = (await a.request('GET', `/api/v1/recalls/${id}/progress`)).json();
    expect(progress.facts.reports).toEqual({ overdue: 0, unfiled: 2, total: 3 });
    expect(progress.reports.map((x: { state: string }) => x.state)).toContain('filed');
  });

  test('a bad report key is 400; another tenant gets 404 and changes nothing', async () => {
    expect((await a.request('POST', `/api/v1/recalls/${id}/reports/nope/filed`, {})).statusCode).toBe(400);
    expect((await b.request('GET', `/api/v1/recalls/${id}/reports`)).statusCode).toBe(404);
    expect((await b.request('POST', `/api/v1/recalls/${id}/reports/summary/filed`, {})).statusCode).toBe(404);
    const items = (await a.request('GET', `/api/v1/recalls/${id}/reports`)).json().items;
    expect(items.find((x: { key: string }) => x.key === 'summary').filedAt).toBeNull();
  });
});
