import { beforeAll, describe, expect, test } from 'vitest';
import { scopeTo } from '../db/tenant-scope.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { affectedTotals } from '../recalls/affected-repo.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let shopId: string;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  shopId = (
    await a.request('POST', '/api/v1/shops', {
      platform: 'douyin',
      name: '抖店',
      appKey: 'k',
      appSecret: 's',
    })
  ).json().id;
});

async function product(supplier: string, code: string) {
  const res = await a.request('POST', '/api/v1/products', {
    name: `衬衫 ${code}`,
    shopId,
    skus: [{ code, name: `衬衫 ${code}`, priceFen: 9900, supplier }],
  });
  return res.json().skus[0].id as string;
}

async function order(skuId: string, n: number, supplier?: string) {
  return (
    await a.request('POST', '/api/v1/orders', {
      shopId,
      externalId: `O-${Math.random().toString(16).slice(2)}`,
      paidAt: new Date().toISOString(),
      items: [{ skuId, name: '衬衫', quantity: n, unitPriceFen: 9900, ...(supplier ? { supplier } : {}) }],
    })
  ).json();
}

const findSupplier = async (name: string) =>
  (
    (await a.request('GET', `/api/v1/suppliers?q=${encodeURIComponent(name)}`)).json().items as {
      id: string;
      name: string;
    }[]
  )[0];

describe('free-text suppliers become records', () => {
  test('a product or order naming a supplier links it to one record per name (spaces and case aside); the text stays', async () => {
    const sku = await product('  广州 棉纺厂 ', 'S-1');
    await order(sku, 2);
    await order(sku, 1, '广州  棉纺厂');
    const items = (await a.request('GET', '/api/v1/suppliers')).json().items;
    expect(items.map((s: { name: string }) => s.name)).toEqual(['广州 棉纺厂']);
    const [line] = await t.database.query<{ supplier: string; supplier_id: string }>(
      `select supplier, supplier_id from order_items where supplier = '广州  棉纺厂'`,
    );
    expect(line!.supplier_id).toBe(items[0].id);
    expect(items[0].scorecard).toMatchObject({
      unitsSold: 3,
      defectComplaints: 0,
      verdict: { status: 'too_few_units' },
    });
  });

  test('names are unique per merchant', async () => {
    const res = await a.request('POST', '/api/v1/suppliers', { name: '广州 棉纺厂' });
    expect(res.statusCode).toBe(409);
    expect((await b.request('POST', '/api/v1/suppliers', { name: '广州 棉纺厂' })).statusCode).toBe(201);
  });
});

describe('records, audits, inspections, qualifications', () => {
  test('a supplier with contacts, an audit with its checklist and score, a batch report with its standard', async () => {
    const s = await a.request('POST', '/api/v1/suppliers', {
      name: '杭州丝绸厂',
      contacts: [{ name: '王经理', role: '销售', phone: '13800138000' }],
    });
    expect(s.statusCode).toBe(201);
    const id = s.json().id;
    const audit = await a.request('POST', `/api/v1/suppliers/${id}/audits`, {
      visitedOn: '2025-05-01',
      auditor: '质检 李',
      checklist: [
        { item: '原料进货检验记录', passed: true },
        { item: '成品抽检', passed: false, note: '无记录' },
      ],
      findings: '成品抽检无记录',
      score: 72,
    });
    expect(audit.statusCode).toBe(201);
    const report = await a.request('POST', `/api/v1/suppliers/${id}/inspections`, {
      kind: 'batch_report',
      skuCode: 'SILK-1',
      batch: 'B2505',
      standardCode: 'GB 18401-2010',
      institution: '浙江省纺织品检测院',
      testedOn: '2025-05-03',
      result: 'pass',
    });
    expect(report.statusCode).toBe(201);
    const sample = await a.request('POST', `/api/v1/suppliers/${id}/inspections`, {
      kind: 'sampling_test',
      batch: 'B2505',
      testedOn: '2025-05-10',
      result: 'fail',
      sampleSize: 50,
      defectsFound: 4,
    });
    expect(sample.statusCode).toBe(201);
    const licence = await a.request('POST', `/api/v1/suppliers/${id}/qualifications`, {
      kind: 'production_licence',
      number: 'SC123',
      expiresOn: '2026-01-01',
    });
    expect(licence.statusCode).toBe(201);
    const detail = (await a.request('GET', `/api/v1/suppliers/${id}`)).json();
    expect(detail).toMatchObject({ name: '杭州丝绸厂', contacts: [{ name: '王经理' }] });
    expect(detail.audits[0]).toMatchObject({ score: 72, checklist: [{ passed: true }, { passed: false }] });
    expect(detail.inspections.map((i: { kind: string }) => i.kind).sort()).toEqual([
      'batch_report',
      'sampling_test',
    ]);
    expect(detail.qualifications[0]).toMatchObject({ kind: 'production_licence', holderType: 'supplier' });
  });

  test.each([
    [
      { kind: 'batch_report', testedOn: '2025-05-03', result: 'pass', standardCode: 'GB 18401-2010' },
      /names the standard.*institution/,
    ],
    [
      {
        kind: 'batch_report',
        testedOn: '2025-05-03',
        result: 'pass',
        standardCode: 'whatever',
        institution: 'x',
      },
      /not a standard code/,
    ],
    [
      { kind: 'sampling_test', testedOn: '2025-05-03', result: 'fail', sampleSize: 5, defectsFound: 9 },
      /more than sampleSize/,
    ],
    [{ kind: 'sampling_test', testedOn: '2025-13-40', result: 'fail' }, /testedOn/],
  ])('a bad inspection is refused with its reason (%#)', async (body, message) => {
    const id = (await findSupplier('杭州丝绸厂'))!.id;
    const res = await a.request('POST', `/api/v1/suppliers/${id}/inspections`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(message);
  });
});

describe('merges never orphan order lines', () => {
  test('merging moves products, SKUs and order lines; the text stays; the old name resolves to the survivor', async () => {
    const sku = await product('苏州制衣', 'S-2');
    await order(sku, 5);
    const from = (await findSupplier('苏州制衣'))!;
    const into = (await findSupplier('广州 棉纺厂'))!;
    const res = await a.request('POST', `/api/v1/suppliers/${from.id}/merge`, { intoId: into.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().moved).toEqual({ products: 0, skus: 1, orderLines: 1 });
    const lines = await t.database.query<{ supplier: string; supplier_id: string }>(
      `select supplier, supplier_id from order_items where supplier = '苏州制衣'`,
    );
    expect(lines).toEqual([{ supplier: '苏州制衣', supplier_id: into.id }]);
    // A new order line naming the merged supplier lands on the survivor.
    await order(sku, 1, '苏州制衣');
    const detail = (await a.request('GET', `/api/v1/suppliers/${into.id}`)).json();
    expect(detail.aliases).toEqual(['苏州制衣']);
    expect(detail.scorecard.unitsSold).toBe(9);
  });

  test('a merge into itself, into a merged supplier, or a delete that would orphan order lines is refused', async () => {
    const into = (await findSupplier('广州 棉纺厂'))!;
    const [merged] = await t.database.query<{ id: string }>(
      `select id from suppliers where name = '苏州制衣'`,
    );
    expect(
      (await a.request('POST', `/api/v1/suppliers/${into.id}/merge`, { intoId: into.id })).statusCode,
    ).toBe(400);
    const silk = (await findSupplier('杭州丝绸厂'))!;
    const intoMerged = await a.request('POST', `/api/v1/suppliers/${silk.id}/merge`, { intoId: merged!.id });
    expect(intoMerged.statusCode).toBe(409);
    const del = await a.request('DELETE', `/api/v1/suppliers/${into.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().error.message).toMatch(/order lines.*orphan/);
    const lonely = (await a.request('POST', '/api/v1/suppliers', { name: '无订单供应商' })).json();
    expect((await a.request('DELETE', `/api/v1/suppliers/${lonely.id}`)).statusCode).toBe(200);
  });
});

test('a recall scoped by a supplier name reaches every line of its record, merged names included', async () => {
  const scope = scopeTo(t.database.db, a.tenantId);
  const totals = await affectedTotals(scope, { kind: 'live', scope: { suppliers: ['苏州制衣'] } });
  // 苏州制衣 was merged into 广州 棉纺厂: its lines (5 + 1) and the survivor's (2 + 1) are all in scope.
  expect(totals.units).toBe(9);
});

describe('scorecard', () => {
  test('a supplier past the defect threshold is flagged "consider replacing" with its numbers', async () => {
    const sku = await product('东莞劣质厂', 'BAD-1');
    const orders = [];
    for (let i = 0; i < 4; i++) orders.push(await order(sku, 10));
    for (const o of orders.slice(0, 2)) {
      const res = await a.request('POST', '/api/v1/tickets', {
        kind: 'complaint',
        channel: 'hotline',
        subject: '衣服起球严重',
        shopId,
        orderId: o.id,
        categories: ['quality_defect'],
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const s = (await findSupplier('东莞劣质厂')) as unknown as {
      scorecard: { verdict: unknown; unitsSold: number; defectComplaints: number };
    };
    expect(s.scorecard).toMatchObject({
      unitsSold: 40,
      defectComplaints: 2,
      verdict: { status: 'consider_replacing', ratePct: 5, thresholdPct: 3 },
    });
  });
});

describe('tenant isolation', () => {
  test('tenant B sees none of A’s suppliers and can change none', async () => {
    const s = (await findSupplier('杭州丝绸厂'))!;
    const other = (await b.request('GET', '/api/v1/suppliers'))
      .json()
      .items.map((x: { name: string }) => x.name);
    expect(other).toEqual(['广州 棉纺厂']);
    expect((await b.request('GET', `/api/v1/suppliers/${s.id}`)).statusCode).toBe(404);
    expect((await b.request('PATCH', `/api/v1/suppliers/${s.id}`, { note: 'x' })).statusCode).toBe(404);
    expect((await b.request('DELETE', `/api/v1/suppliers/${s.id}`)).statusCode).toBe(404);
    expect(
      (
        await b.request('POST', `/api/v1/suppliers/${s.id}/audits`, {
          visitedOn: '2025-01-01',
          auditor: 'x',
          checklist: [],
          score: 1,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await b.request('POST', `/api/v1/suppliers/${s.id}/inspections`, {
          kind: 'sampling_test',
          testedOn: '2025-01-01',
          result: 'pass',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await b.request('POST', `/api/v1/suppliers/${s.id}/qualifications`, { kind: 'other' })).statusCode,
    ).toBe(404);
    const mine = (await b.request('GET', '/api/v1/suppliers')).json().items[0].id;
    expect((await b.request('POST', `/api/v1/suppliers/${mine}/merge`, { intoId: s.id })).statusCode).toBe(
      404,
    );
  });

  test('an agent reads suppliers but cannot change them', async () => {
    const agent = await a.addUser('agent');
    expect((await agent.request('GET', '/api/v1/suppliers')).statusCode).toBe(200);
    expect((await agent.request('POST', '/api/v1/suppliers', { name: 'x' })).statusCode).toBe(403);
  });
});
