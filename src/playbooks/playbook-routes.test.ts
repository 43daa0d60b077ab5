import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { aQualityCase, type CaseFixture } from './test-fixtures.js';

let t: TestApp;
let a: TestClient;
let b: TestClient;
let agent: TestClient;
let kase: CaseFixture;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  agent = await a.addUser('agent');
  kase = await aQualityCase(a);
});

type Line = {
  rule: string;
  applies: boolean;
  amountFen: number | null;
  reason: string;
  citation: { zh: string; en: string };
  uncertain: boolean;
};
const exposure = async (client: TestClient, ticketId: string) => {
  const res = await client.request('GET', `/api/v1/tickets/${ticketId}/exposure`);
  expect(res.statusCode).toBe(200);
  return res.json().lines as Line[];
};

describe('playbooks', () => {
  test('every complaint category has a default playbook, seeded for the tenant on first use', async () => {
    const res = await agent.request('GET', '/api/v1/playbooks');
    expect(res.statusCode).toBe(200);
    const { items, categories } = res.json();
    expect(items.map((p: { category: string }) => p.category).sort()).toEqual([...categories].sort());
    const service = items.find((p: { category: string }) => p.category === 'service_attitude');
    expect(service.steps.map((s: { action: string }) => s.action)).toEqual([
      'reply',
      'offer',
      'internal_note',
      'reply',
    ]);
    const logistics = items.find((p: { category: string }) => p.category === 'logistics_delay');
    expect(logistics.steps.slice(1, 3).map((s: { key: string }) => s.key)).toEqual([
      'check_tracking',
      'update_buyer',
    ]);
  });

  test('a quality defect case: apologise → ask for evidence → offer exchange or return with a coupon', async () => {
    const before = (await agent.request('GET', `/api/v1/tickets/${kase.ticketId}/playbook`)).json();
    expect(before).toMatchObject({
      applied: false,
      playbook: { category: 'quality_defect' },
      nextStep: { key: 'apologise', templateKey: 'first_apology' },
    });
    const applied = await agent.request('POST', `/api/v1/tickets/${kase.ticketId}/playbook/apply`, {});
    expect(applied.statusCode).toBe(200);
    expect(applied.json().applied).toBe(true);
    const step1 = (
      await agent.request('POST', `/api/v1/tickets/${kase.ticketId}/playbook/steps/apologise/done`)
    ).json();
    expect(step1.nextStep).toMatchObject({ key: 'ask_evidence', action: 'request_evidence' });
    const step2 = (
      await agent.request('POST', `/api/v1/tickets/${kase.ticketId}/playbook/steps/ask_evidence/done`)
    ).json();
    expect(step2.nextStep).toMatchObject({
      key: 'offer',
      remedies: ['exchange', 'return_and_refund'],
      couponFen: 10_00,
    });
    expect(step2.doneSteps.map((s: { key: string }) => s.key)).toEqual(['apologise', 'ask_evidence']);
    const unknown = await agent.request('POST', `/api/v1/tickets/${kase.ticketId}/playbook/steps/dance/done`);
    expect(unknown.statusCode).toBe(400);
    const audit = (await a.request('GET', `/api/v1/tickets/${kase.ticketId}/audit`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toContain('playbook_applied');
  });

  test('a supervisor edits a playbook; steps naming unknown templates are refused; agents cannot edit', async () => {
    const items = (await a.request('GET', '/api/v1/playbooks')).json().items;
    const slow = items.find((p: { category: string }) => p.category === 'slow_response');
    const steps = [
      ...slow.steps,
      { key: 'vip_call', action: 'task', title: { zh: '电话回访', en: 'Call the buyer back' } },
    ];
    expect((await agent.request('PATCH', `/api/v1/playbooks/${slow.id}`, { steps })).statusCode).toBe(403);
    const bad = await a.request('PATCH', `/api/v1/playbooks/${slow.id}`, {
      steps: [
        { key: 'x', action: 'reply', title: { zh: '回复', en: 'Reply' }, templateKey: 'no_such_template' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('no_such_template');
    const ok = await a.request('PATCH', `/api/v1/playbooks/${slow.id}`, { steps });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().steps.at(-1).key).toBe('vip_call');
  });
});

describe('exposure', () => {
  test('a cup delivered yesterday: returnable within 7 days, no statutory compensation, each line cites its rule', async () => {
    const lines = await exposure(agent, kase.ticketId);
    expect(lines.find((l) => l.rule === 'seven_day_return')).toMatchObject({
      applies: true,
      reason: 'within_window',
      amountFen: 199_00,
    });
    expect(lines.some((l) => l.rule === 'fraud_compensation')).toBe(false);
    for (const line of lines) {
      expect(line.citation.zh.length).toBeGreaterThan(8);
      expect(line.citation.en.length).toBeGreaterThan(8);
    }
    expect(lines.find((l) => l.rule === 'price_protection')).toMatchObject({
      uncertain: true,
      applies: false,
    });
  });

  test('alleged counterfeit: 3× the price with the ¥500 floor (Consumer Protection Law art. 55)', async () => {
    const k = await aQualityCase(a, { shopId: kase.shopId, categories: ['counterfeit_suspected'] });
    const fraud = (await exposure(agent, k.ticketId)).find((l) => l.rule === 'fraud_compensation');
    expect(fraud).toMatchObject({ applies: true, amountFen: 597_00 });
    expect(fraud?.citation.zh).toContain('消费者权益保护法');
  });

  test('unsafe food: 10× with the ¥1,000 floor (Food Safety Law art. 148); fresh food is outside the 7-day return', async () => {
    const k = await aQualityCase(a, {
      shopId: kase.shopId,
      categories: ['safety_hazard'],
      productCategory: '生鲜/水果',
      priceFen: 68_00,
    });
    const lines = await exposure(agent, k.ticketId);
    expect(lines.find((l) => l.rule === 'unsafe_food_compensation')).toMatchObject({
      applies: true,
      amountFen: 1_000_00,
    });
    expect(lines.find((l) => l.rule === 'seven_day_return')).toMatchObject({
      applies: false,
      reason: 'excluded_category',
    });
  });

  test('price protection: the difference within the shop’s window, none once the window is shortened', async () => {
    const k = await aQualityCase(a, {
      shopId: kase.shopId,
      categories: ['price_dispute'],
      priceFen: 199_00,
      currentPriceFen: 159_00,
    });
    expect((await exposure(agent, k.ticketId)).find((l) => l.rule === 'price_protection')).toMatchObject({
      applies: true,
      amountFen: 40_00,
    });
    expect(
      (await agent.request('GET', `/api/v1/playbook-settings/shops/${kase.shopId}`)).json()
        .priceProtectionDays,
    ).toBe(30);
    expect(
      (
        await agent.request('PUT', `/api/v1/playbook-settings/shops/${kase.shopId}`, {
          priceProtectionDays: 2,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await a.request('PUT', `/api/v1/playbook-settings/shops/${kase.shopId}`, { priceProtectionDays: 2 }))
        .statusCode,
    ).toBe(200);
    expect((await exposure(agent, k.ticketId)).find((l) => l.rule === 'price_protection')).toMatchObject({
      applies: false,
      reason: 'window_passed',
    });
    await a.request('PUT', `/api/v1/playbook-settings/shops/${kase.shopId}`, { priceProtectionDays: 30 });
  });

  test('tenant B cannot read A’s playbook state, exposure or shop policy, nor edit A’s playbooks', async () => {
    expect((await b.request('GET', `/api/v1/tickets/${kase.ticketId}/playbook`)).statusCode).toBe(404);
    expect((await b.request('POST', `/api/v1/tickets/${kase.ticketId}/playbook/apply`, {})).statusCode).toBe(
      404,
    );
    expect(
      (await b.request('POST', `/api/v1/tickets/${kase.ticketId}/playbook/steps/apologise/done`)).statusCode,
    ).toBe(404);
    expect((await b.request('GET', `/api/v1/tickets/${kase.ticketId}/exposure`)).statusCode).toBe(404);
    expect((await b.request('GET', `/api/v1/playbook-settings/shops/${kase.shopId}`)).statusCode).toBe(404);
    expect(
      (await b.request('PUT', `/api/v1/playbook-settings/shops/${kase.shopId}`, { priceProtectionDays: 1 }))
        .statusCode,
    ).toBe(404);
    const aPlaybook = (await a.request('GET', '/api/v1/playbooks')).json().items[0];
    expect(
      (await b.request('PATCH', `/api/v1/playbooks/${aPlaybook.id}`, { enabled: false })).statusCode,
    ).toBe(404);
    const bIds = (await b.request('GET', '/api/v1/playbooks')).json().items.map((p: { id: string }) => p.id);
    expect(bIds).not.toContain(aPlaybook.id);
    expect((await a.request('GET', '/api/v1/playbooks')).json().items[0].enabled).toBe(true);
  });
});
