import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { DEFAULT_TEMPLATES } from './default-templates.js';
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

type Tpl = { id: string; key: string; locale: string; shopId: string | null; body: string; name: string };

describe('reply templates', () => {
  test('a new tenant has the default library in Chinese and English', async () => {
    const res = await agent.request('GET', '/api/v1/templates');
    expect(res.statusCode).toBe(200);
    const items: Tpl[] = res.json().items;
    expect(items).toHaveLength(DEFAULT_TEMPLATES.length * 2);
    for (const item of items) expect(['zh-CN', 'en']).toContain(item.locale);
    const keys = new Set(items.map((i) => i.key));
    for (const key of [
      'first_apology',
      'ask_evidence',
      'offer_exchange',
      'exchange_shipped',
      'progress_update',
      'closing',
      'satisfaction_check',
    ]) {
      expect(keys).toContain(key);
    }
    const ask = items.find((i) => i.key === 'ask_evidence' && i.locale === 'zh-CN');
    expect(ask?.body).toMatch(/照片|视频/);
    expect(ask?.body).toContain('面单');
    const en = (await agent.request('GET', '/api/v1/templates?locale=en')).json().items as Tpl[];
    expect(en.every((i) => i.locale === 'en')).toBe(true);
  });

  test('a template with an unknown variable is refused naming the variable', async () => {
    const res = await a.request('POST', '/api/v1/templates', {
      locale: 'zh-CN',
      name: '赠品',
      body: '{customer_name}您好，您的兑换码是{voucher_code}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toContain('{voucher_code}');
    const [zh] = (await a.request('GET', '/api/v1/templates?locale=zh-CN')).json().items as Tpl[];
    const edit = await a.request('PATCH', `/api/v1/templates/${zh!.id}`, { body: '你好{nickname}' });
    expect(edit.statusCode).toBe(400);
    expect(edit.json().error.message).toContain('{nickname}');
  });

  test('the preview fills in the case: buyer, order, product; a missing tracking number is listed', async () => {
    const items = (await agent.request('GET', '/api/v1/templates?locale=zh-CN')).json().items as Tpl[];
    const apology = items.find((i) => i.key === 'first_apology')!;
    const res = await agent.request('POST', '/api/v1/templates/preview', {
      ticketId: kase.ticketId,
      templateId: apology.id,
    });
    expect(res.statusCode).toBe(200);
    const preview = res.json();
    expect(preview.text).toContain('王女士');
    expect(preview.text).toContain('抖店旗舰店');
    expect(preview.missing).toEqual([]);
    const draft = await agent.request('POST', '/api/v1/templates/preview', {
      ticketId: kase.ticketId,
      body: '{sku_name}的新单号：{tracking_no}，另送{coupon_amount}优惠券',
      values: { tracking_no: 'SF1234567890' },
    });
    expect(draft.json().text).toContain('陶瓷马克杯 350ml的新单号：SF1234567890');
    expect(draft.json().missing).toEqual(['coupon_amount']); // no offer yet
  });

  test('a shop override replaces the tenant template for that shop only', async () => {
    const res = await a.request('POST', '/api/v1/templates', {
      key: 'first_apology',
      locale: 'zh-CN',
      shopId: kase.shopId,
      name: '首次致歉（旗舰店）',
      body: '{customer_name}您好，旗舰店客服在，给您添麻烦了。',
    });
    expect(res.statusCode).toBe(201);
    const again = await a.request('POST', '/api/v1/templates', {
      key: 'first_apology',
      locale: 'zh-CN',
      shopId: kase.shopId,
      name: 'dup',
      body: '您好',
    });
    expect(again.statusCode).toBe(409);
    const picker = (
      await agent.request('GET', `/api/v1/tickets/${kase.ticketId}/templates?locale=zh-CN`)
    ).json();
    const apologies = picker.items.filter((i: Tpl) => i.key === 'first_apology');
    expect(apologies).toHaveLength(1);
    expect(apologies[0].preview.text).toBe('王女士您好，旗舰店客服在，给您添麻烦了。');
    const effective = (
      await agent.request('GET', `/api/v1/templates?shopId=${kase.shopId}&effective=true&locale=zh-CN`)
    ).json().items as Tpl[];
    expect(effective.filter((i) => i.key === 'first_apology').map((i) => i.shopId)).toEqual([kase.shopId]);
    const audited = await t.database.query<{ action: string }>(
      "select action from audit_events where tenant_id = $1 and entity_type = 'template'",
      [a.tenantId],
    );
    expect(audited.map((r) => r.action)).toContain('created');
  });

  test('an English-speaking buyer gets the English templates in the picker', async () => {
    const en = await aQualityCase(a, { customerName: 'Emma', locale: 'en', shopId: kase.shopId });
    const picker = (await agent.request('GET', `/api/v1/tickets/${en.ticketId}/templates`)).json();
    expect(picker.locale).toBe('en');
    expect(picker.items.find((i: Tpl) => i.key === 'first_apology').preview.text).toMatch(/^Hello Emma/);
  });

  test('agents read templates but only supervisors edit them', async () => {
    const res = await agent.request('POST', '/api/v1/templates', {
      locale: 'en',
      name: 'x',
      body: 'Hi {customer_name}',
    });
    expect(res.statusCode).toBe(403);
  });

  test('tenant B sees none of A’s templates and cannot preview A’s case', async () => {
    const mine = (await a.request('GET', '/api/v1/templates')).json().items as Tpl[];
    const theirs = (await b.request('GET', '/api/v1/templates')).json().items as Tpl[];
    expect(theirs.some((x) => mine.some((m) => m.id === x.id))).toBe(false);
    expect(theirs.some((x) => x.shopId === kase.shopId)).toBe(false);
    const target = mine[0]!;
    expect((await b.request('PATCH', `/api/v1/templates/${target.id}`, { name: 'hijack' })).statusCode).toBe(
      404,
    );
    expect((await b.request('DELETE', `/api/v1/templates/${target.id}`)).statusCode).toBe(404);
    expect(
      (await b.request('POST', '/api/v1/templates/preview', { ticketId: kase.ticketId, body: 'x' }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await b.request('POST', '/api/v1/templates/preview', {
          ticketId: kase.ticketId,
          templateId: target.id,
        })
      ).statusCode,
    ).toBe(404);
    expect((await b.request('GET', `/api/v1/tickets/${kase.ticketId}/templates`)).statusCode).toBe(404);
    expect(
      (
        await b.request('POST', '/api/v1/templates', {
          locale: 'zh-CN',
          shopId: kase.shopId,
          name: 'x',
          body: '您好',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await a.request('GET', '/api/v1/templates')).json().items.find((x: Tpl) => x.id === target.id).name,
    ).toBe(target.name);
  });
});

describe('public and private templates', () => {
  const reviewCase = async () =>
    (
      await a.request('POST', '/api/v1/tickets', {
        kind: 'negative_review',
        channel: 'review',
        subject: '差评：杯子有裂纹',
        body: '杯子有裂纹',
        shopId: kase.shopId,
      })
    ).json().id as string;

  test('a template for public replies with {order_id} or the buyer’s name is refused (422), for private chats it is kept', async () => {
    for (const body of ['订单 {order_id} 已为您处理', '{customer_name} 您好，感谢评价']) {
      for (const audience of ['public', 'both']) {
        const res = await a.request('POST', '/api/v1/templates', {
          locale: 'zh-CN',
          name: '评价回复',
          body,
          audience,
        });
        expect(res.statusCode).toBe(422);
        expect(res.json().error.code).toBe('TEMPLATE_NOT_PUBLIC');
      }
    }
    const priv = await a.request('POST', '/api/v1/templates', {
      locale: 'zh-CN',
      name: '私聊',
      body: '订单 {order_id} 已为您处理',
    });
    expect(priv.statusCode).toBe(201);
    expect(priv.json().audience).toBe('private');
    // Moving it to public later is refused too.
    const moved = await a.request('PATCH', `/api/v1/templates/${priv.json().id}`, { audience: 'public' });
    expect(moved.statusCode).toBe(422);
    expect(
      (
        await a.request('POST', '/api/v1/templates', {
          locale: 'zh-CN',
          name: 'x',
          body: 'y',
          audience: 'everyone',
        })
      ).statusCode,
    ).toBe(400);
  });

  test('on a review case the picker marks private templates and personal data unusable; the preview warns', async () => {
    const ticketId = await reviewCase();
    const pub = (
      await a.request('POST', '/api/v1/templates', {
        locale: 'zh-CN',
        name: '感谢评价',
        body: '感谢您的评价，{shop_name} 会继续改进。',
        audience: 'public',
      })
    ).json();
    const picker = (await agent.request('GET', `/api/v1/tickets/${ticketId}/templates`)).json().items as {
      id: string;
      key: string;
      fit: { usable: boolean; warning: string | null; variables: string[] };
    }[];
    expect(picker.find((i) => i.id === pub.id)?.fit).toEqual({ usable: true, warning: null, variables: [] });
    const apology = picker.find((i) => i.key === 'first_apology')!;
    expect(apology.fit.usable).toBe(false);
    expect(apology.fit.warning).toBe('personal_data');
    expect(apology.fit.variables).toContain('customer_name');

    const draft = await agent.request('POST', '/api/v1/templates/preview', {
      ticketId,
      body: '您的订单 {order_id} 已退款',
    });
    expect(draft.json().fit).toEqual({ usable: false, warning: 'personal_data', variables: ['order_id'] });
    // The same draft on a private case is fine.
    const chat = await agent.request('POST', '/api/v1/templates/preview', {
      ticketId: kase.ticketId,
      body: '您的订单 {order_id} 已退款',
    });
    expect(chat.json().fit.usable).toBe(true);
  });
});
