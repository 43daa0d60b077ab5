import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { fixedClock } from '../shared/clock.js';

// Tuesday 2026-03-10 10:00 in Shanghai.
const clock = fixedClock('2026-03-10T02:00:00Z');
let t: TestApp;
let a: TestClient;
let b: TestClient;
let shopId: string;
let bangkokShopId: string;

beforeAll(async () => {
  t = await createTestApp({ clock });
  a = await t.signup('A');
  b = await t.signup('B');
  shopId = (
    await a.request('POST', '/api/v1/shops', {
      platform: 'douyin',
      name: '抖店旗舰店',
      appKey: 'k1',
      appSecret: 's1',
    })
  ).json().id;
  bangkokShopId = (
    await a.request('POST', '/api/v1/shops', {
      platform: 'tiktok',
      name: 'TikTok TH',
      timezone: 'Asia/Bangkok',
      appKey: 'k2',
      appSecret: 's2',
    })
  ).json().id;
});

const aCase = (extra: Record<string, unknown> = {}) => ({
  kind: 'inquiry',
  channel: 'platform_message',
  subject: '什么时候发货？',
  body: '请问什么时候发货？',
  shopId,
  customer: { name: '李先生' },
  ...extra,
});

async function open(client: TestClient, extra: Record<string, unknown> = {}) {
  const res = await client.request('POST', '/api/v1/tickets', aCase(extra));
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('due times on cases', () => {
  test('a new inquiry gets 4 business hours and an automatic acknowledgement that is not a human reply', async () => {
    const ticket = await open(a);
    expect(ticket.sla).toMatchObject({
      firstResponseDueAt: '2026-03-10T06:00:00.000Z',
      dueAt: '2026-03-10T06:00:00.000Z',
      state: 'ok',
    });
    expect(ticket.status).toBe('new');
    expect(ticket.firstRespondedAt).toBeNull();
    const thread = (await a.request('GET', `/api/v1/tickets/${ticket.id}/messages`)).json().items;
    expect(thread.map((m: { direction: string }) => m.direction)).toEqual(['inbound', 'outbound']);
    expect(thread[1].body).toContain('今天 14:00');
    expect(thread[1].body).toContain('北京时间');
    expect(thread[1].authorType).toBe('system');
    // Douyin has no buyer-message API for a case opened by hand: it waits for a person, never shown as sent.
    expect(thread[1].deliveryStatus).toBe('manual');
  });

  test('an English-speaking buyer is acknowledged in English, in the shop time zone', async () => {
    const customer = (
      await a.request('POST', '/api/v1/customers', { name: 'Somchai', shopId: bangkokShopId, locale: 'en' })
    ).json();
    const ticket = await open(a, { shopId: bangkokShopId, customerId: customer.id, customer: undefined });
    // 09:00 in Bangkok; Bangkok calendars ignore China holidays; 4 business hours → 13:00 local.
    expect(ticket.sla.firstResponseDueAt).toBe('2026-03-10T06:00:00.000Z');
    const thread = (await a.request('GET', `/api/v1/tickets/${ticket.id}/messages`)).json().items;
    expect(thread[1].body).toMatch(/reply by today at 13:00 \(Asia\/Bangkok\)/);
  });

  test('a critical case runs 24×7 with one hour; live chat gets 3 minutes', async () => {
    const critical = await open(a, { kind: 'complaint', severity: 'critical' });
    expect(critical.sla.firstResponseDueAt).toBe('2026-03-10T03:00:00.000Z');
    const chat = await open(a, { channel: 'live_chat' });
    expect(chat.sla.firstResponseDueAt).toBe('2026-03-10T02:03:00.000Z');
  });

  test('raising the severity to critical moves the case onto the 24×7 clock', async () => {
    const ticket = await open(a, { kind: 'complaint' });
    expect(ticket.sla.firstResponseDueAt).toBe('2026-03-10T06:00:00.000Z');
    const patched = await a.request('PATCH', `/api/v1/tickets/${ticket.id}`, { severity: 'critical' });
    expect(patched.json().sla.firstResponseDueAt).toBe('2026-03-10T03:00:00.000Z');
  });

  test('a negative review gets no form-letter acknowledgement', async () => {
    const review = await open(a, { kind: 'negative_review', channel: 'review' });
    const thread = (await a.request('GET', `/api/v1/tickets/${review.id}/messages`)).json().items;
    expect(thread).toHaveLength(1);
  });

  test('a human reply meets the first response; awaiting the buyer pauses the clock', async () => {
    const ticket = await open(a, { kind: 'complaint' });
    const reply = await a.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'outbound',
      body: '您好，请发一下照片',
    });
    expect(reply.json().ticket.status).toBe('acknowledged');
    const after = (await a.request('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(after.sla.dueAt).toBe(after.sla.resolutionDueAt);
    const waiting = await a.request('POST', `/api/v1/tickets/${ticket.id}/status`, {
      status: 'awaiting_customer',
    });
    expect(waiting.json().sla).toMatchObject({ state: 'paused', dueAt: null, resolutionDueAt: null });
    clock.advance(60 * 60_000);
    const back = await a.request('POST', `/api/v1/tickets/${ticket.id}/messages`, {
      direction: 'inbound',
      body: '照片',
    });
    expect(back.json().ticket.status).toBe('investigating');
    const resumed = (await a.request('GET', `/api/v1/tickets/${ticket.id}`)).json();
    // 24 h around the clock, one hour of which was spent waiting for the buyer.
    expect(resumed.sla.resolutionDueAt).toBe('2026-03-11T03:00:00.000Z');
    expect(resumed.sla.nextResponseDueAt).not.toBeNull();
    clock.set('2026-03-10T02:00:00Z');
  });

  test('an expected-wait notice tells the buyer and moves the next-response due time', async () => {
    const ticket = await open(a);
    const res = await a.request('POST', `/api/v1/sla/tickets/${ticket.id}/expected-wait`, {
      until: '2026-03-12T10:00:00Z',
      reason: 'warehouse',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().message.body).toContain('与仓库核实');
    expect(res.json().ticket.sla.nextResponseDueAt).toBe('2026-03-12T10:00:00.000Z');
    const past = await a.request('POST', `/api/v1/sla/tickets/${ticket.id}/expected-wait`, {
      until: '2020-01-01T00:00:00Z',
    });
    expect(past.statusCode).toBe(400);
  });

  test('the clock of a case shows its policy, timeline and thresholds', async () => {
    const ticket = await open(a);
    const res = await a.request('GET', `/api/v1/sla/tickets/${ticket.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ policyName: expect.stringContaining('Basic inquiries'), state: 'ok' });
    expect(res.json().timeline.map((e: { type: string }) => e.type)).toEqual([
      'opened',
      'inbound',
      'outbound',
    ]);
  });
});

describe('policies, calendars and peak events', () => {
  test('the defaults from the brief are there on first use', async () => {
    const res = await a.request('GET', '/api/v1/sla/policies');
    expect(res.statusCode).toBe(200);
    const names = res.json().items.map((p: { name: string }) => p.name);
    expect(names).toHaveLength(6);
    expect(names[0]).toContain('Critical');
  });

  test('first readers at the same moment all see the defaults, seeded once', async () => {
    const fresh = await t.signup('SLA first use');
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => fresh.request('GET', '/api/v1/sla/policies')),
    );
    for (const res of answers) expect(res.json().items).toHaveLength(6);
  });

  test('zero or negative targets are refused with a clear message', async () => {
    for (const minutes of [0, -5, 1.5]) {
      const res = await a.request('POST', '/api/v1/sla/policies', {
        name: 'bad',
        targets: { firstResponse: { minutes, clock: 'business' } },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    }
    const none = await a.request('POST', '/api/v1/sla/policies', { name: 'empty', targets: {} });
    expect(none.statusCode).toBe(400);
  });

  test('a supervisor adds a policy for one shop that wins by priority', async () => {
    const res = await a.request('POST', '/api/v1/sla/policies', {
      name: 'VIP shop',
      priority: 5,
      match: { shopIds: [bangkokShopId], kinds: ['inquiry'] },
      targets: { firstResponse: { minutes: 30, clock: '24x7' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const ticket = await open(a, { shopId: bangkokShopId });
    expect(ticket.sla.firstResponseDueAt).toBe('2026-03-10T02:30:00.000Z');
    expect((await a.request('DELETE', `/api/v1/sla/policies/${res.json().id}`)).statusCode).toBe(204);
  });

  test('an agent cannot change policies', async () => {
    const agent = await a.addUser('agent');
    const res = await agent.request('POST', '/api/v1/sla/policies', {
      name: 'x',
      targets: { firstResponse: { minutes: 5 } },
    });
    expect(res.statusCode).toBe(403);
  });

  test('unknown time zones and overlapping calendars are refused', async () => {
    const base = { name: 'Shop hours', shopId, hours: [{ day: 1, start: '09:00', end: '21:00' }] };
    const badZone = await a.request('POST', '/api/v1/sla/calendars', { ...base, timezone: 'Asia/Atlantis' });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json().error.message).toContain('unknown time zone');
    const badHours = await a.request('POST', '/api/v1/sla/calendars', {
      ...base,
      hours: [
        { day: 1, start: '09:00', end: '12:00' },
        { day: 1, start: '11:00', end: '18:00' },
      ],
    });
    expect(badHours.statusCode).toBe(400);
    const first = await a.request('POST', '/api/v1/sla/calendars', { ...base, validFrom: '2026-01-01' });
    expect(first.statusCode).toBe(201);
    const overlap = await a.request('POST', '/api/v1/sla/calendars', {
      ...base,
      validFrom: '2026-06-01',
      validTo: '2026-12-31',
    });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error.code).toBe('CALENDAR_OVERLAP');
    const before = await a.request('POST', '/api/v1/sla/calendars', { ...base, validTo: '2025-12-31' });
    expect(before.statusCode).toBe(201);
    await a.request('DELETE', `/api/v1/sla/calendars/${first.json().id}`);
    await a.request('DELETE', `/api/v1/sla/calendars/${before.json().id}`);
  });

  test('a calendar reaching into 2027 carries a visible warning; the preview names holidays and 调休', async () => {
    const res = await a.request('POST', '/api/v1/sla/calendars', {
      name: 'Default',
      hours: [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '18:00' })),
      validTo: '2027-06-30',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual([expect.stringContaining('2027')]);
    const preview = await a.request(
      'GET',
      `/api/v1/sla/calendars/${res.json().id}/preview?from=2026-02-13T00:00:00%2B08:00&days=3`,
    );
    expect(preview.json().days.map((d: { date: string; note: string | null }) => [d.date, d.note])).toEqual([
      ['2026-02-13', null],
      ['2026-02-14', '春节调休'],
      ['2026-02-15', '春节'],
    ]);
    const holidays = (await a.request('GET', '/api/v1/sla/holidays')).json();
    expect(holidays.coveredYears).toEqual([2025, 2026]);
    expect(holidays.source).toContain('国务院办公厅');
    await a.request('DELETE', `/api/v1/sla/calendars/${res.json().id}`);
  });

  test('a peak event gives cases in its window its own targets', async () => {
    const res = await a.request('POST', '/api/v1/sla/peak-events', {
      name: '双11 大促',
      kind: 'double11',
      startsAt: '2026-03-10T00:00:00Z',
      endsAt: '2026-03-11T00:00:00Z',
      shopIds: [shopId],
      targets: { firstResponse: { minutes: 480, clock: 'business' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    const ticket = await open(a);
    expect(ticket.sla.firstResponseDueAt).toBe('2026-03-10T10:00:00.000Z'); // 8 business hours: 10:00–18:00
    const bad = await a.request('PATCH', `/api/v1/sla/peak-events/${res.json().id}`, {
      endsAt: '2026-03-01T00:00:00Z',
    });
    expect(bad.statusCode).toBe(400);
    expect((await a.request('DELETE', `/api/v1/sla/peak-events/${res.json().id}`)).statusCode).toBe(204);
  });
});

describe('warnings, breaches and escalation', () => {
  test('the sweeper warns at 75 %, breaches at 100 %, escalates once, however often it runs', async () => {
    const c = await t.signup('Sweep');
    const agent = await c.addUser('agent');
    const shop = (await c.request('POST', '/api/v1/shops', { platform: 'manual', name: '拼多多店' })).json()
      .id;
    clock.set('2026-03-10T02:00:00Z');
    const ticket = (
      await c.request('POST', '/api/v1/tickets', {
        ...aCase({ shopId: shop }),
        kind: 'complaint',
        assigneeId: agent.userId,
      })
    ).json();
    expect(ticket.sla.firstResponseDueAt).toBe('2026-03-10T06:00:00.000Z');

    clock.set('2026-03-10T05:00:00Z'); // 13:00: 75 % of 4 business hours
    const first = await Promise.all([
      t.services.sweeper.sweepTenant(c.tenantId, clock.now()),
      t.services.sweeper.sweepTenant(c.tenantId, clock.now()),
    ]);
    expect(first.reduce((n, r) => n + r.warnings, 0)).toBe(1);
    const mine = (await agent.request('GET', '/api/v1/sla/notifications')).json().items;
    expect(mine).toMatchObject([
      {
        kind: 'warning',
        target: 'firstResponse',
        audience: 'assignee',
        ticketId: ticket.id,
        // A merchant with several shops sees which one the case is in.
        shopName: '拼多多店',
        shopPlatform: 'manual',
      },
    ]);
    expect((await c.request('GET', `/api/v1/tickets/${ticket.id}`)).json().sla.state).toBe('warning');

    clock.set('2026-03-10T06:00:01Z');
    const breach = await t.services.sweeper.sweepTenant(c.tenantId, clock.now());
    expect(breach).toMatchObject({ breaches: 1, escalations: 1 });
    const again = await t.services.sweeper.sweepTenant(c.tenantId, clock.now());
    expect(again).toMatchObject({ warnings: 0, breaches: 0, notifications: 0 });

    const after = (await c.request('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(after.severity).toBe('high'); // raise_priority on a first-response breach
    expect(after.sla.state).toBe('breached');
    const supervisorView = (await c.request('GET', '/api/v1/sla/notifications?unread=true')).json().items;
    expect(supervisorView.map((n: { kind: string }) => n.kind).sort()).toEqual(['breach', 'escalation']);
    expect((await c.request('POST', '/api/v1/sla/notifications/read', { ids: 'all' })).json().updated).toBe(
      2,
    );
    const audit = (await c.request('GET', `/api/v1/tickets/${ticket.id}/audit`)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toContain('sla_escalated');
    clock.set('2026-03-10T02:00:00Z');
  });

  test('the supervisor sees what breaches within the next hour, due first', async () => {
    const c = await t.signup('Risk');
    clock.set('2026-03-10T02:00:00Z');
    const chat = (
      await c.request('POST', '/api/v1/tickets', { ...aCase({ shopId: undefined }), channel: 'live_chat' })
    ).json();
    await c.request('POST', '/api/v1/tickets', { ...aCase({ shopId: undefined }) });
    const res = await c.request('GET', '/api/v1/sla/at-risk?withinMinutes=60');
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([chat.id]);
  });
});

describe('reports', () => {
  test('daily figures per channel with the 3-minute reply rate, and a CSV that neutralises formulas', async () => {
    const c = await t.signup('Reports');
    const shop = (
      await c.request('POST', '/api/v1/shops', { platform: 'manual', name: '=HYPERLINK("x")' })
    ).json().id;
    clock.set('2026-03-10T02:00:00Z');
    const fast = (
      await c.request('POST', '/api/v1/tickets', { ...aCase({ shopId: shop }), channel: 'live_chat' })
    ).json();
    const slow = (
      await c.request('POST', '/api/v1/tickets', { ...aCase({ shopId: shop }), channel: 'live_chat' })
    ).json();
    clock.advance(60_000);
    await c.request('POST', `/api/v1/tickets/${fast.id}/messages`, { direction: 'outbound', body: '您好' });
    clock.advance(10 * 60_000);
    await c.request('POST', `/api/v1/tickets/${slow.id}/messages`, { direction: 'outbound', body: '您好' });
    const res = await c.request(
      'GET',
      '/api/v1/sla/reports/daily?from=2026-03-10&to=2026-03-10&groupBy=channel',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        day: '2026-03-10',
        key: 'live_chat',
        tickets: 2,
        responded: 2,
        frtP50Sec: 360,
        threeMinuteRate: 0.5,
        withinTargetShare: 0.5,
      }),
    ]);
    const csv = await c.request(
      'GET',
      '/api/v1/sla/reports/daily.csv?from=2026-03-10&to=2026-03-10&groupBy=shop',
    );
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);
    const bad = await c.request('GET', '/api/v1/sla/reports/daily?from=2026-03-10&to=2026-03-01');
    expect(bad.statusCode).toBe(400);
    clock.set('2026-03-10T02:00:00Z');
  });
});

describe('tenant isolation', () => {
  test('tenant B can neither read nor change tenant A’s SLA settings, clocks or notifications', async () => {
    const policy = (
      await a.request('POST', '/api/v1/sla/policies', {
        name: 'A only',
        targets: { firstResponse: { minutes: 10 } },
      })
    ).json();
    const calendar = (
      await a.request('POST', '/api/v1/sla/calendars', {
        name: 'A hours',
        shopId: bangkokShopId,
        timezone: 'Asia/Bangkok',
        holidays: 'none',
        hours: [{ day: 1, start: '08:00', end: '20:00' }],
      })
    ).json();
    const event = (
      await a.request('POST', '/api/v1/sla/peak-events', {
        name: '618',
        kind: '618',
        startsAt: '2026-06-01T00:00:00Z',
        endsAt: '2026-06-19T00:00:00Z',
        targets: { firstResponse: { minutes: 60 } },
      })
    ).json();
    const ticket = await open(a);

    const notFound = async (method: 'GET' | 'PATCH' | 'DELETE' | 'POST', url: string, body?: unknown) => {
      const res = await b.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    };
    await notFound('GET', `/api/v1/sla/policies/${policy.id}`);
    await notFound('PATCH', `/api/v1/sla/policies/${policy.id}`, { name: 'stolen' });
    await notFound('DELETE', `/api/v1/sla/policies/${policy.id}`);
    await notFound('GET', `/api/v1/sla/calendars/${calendar.id}`);
    await notFound('GET', `/api/v1/sla/calendars/${calendar.id}/preview`);
    await notFound('PATCH', `/api/v1/sla/calendars/${calendar.id}`, { name: 'stolen' });
    await notFound('DELETE', `/api/v1/sla/calendars/${calendar.id}`);
    await notFound('PATCH', `/api/v1/sla/peak-events/${event.id}`, { name: 'stolen' });
    await notFound('DELETE', `/api/v1/sla/peak-events/${event.id}`);
    await notFound('GET', `/api/v1/sla/tickets/${ticket.id}`);
    await notFound('POST', `/api/v1/sla/tickets/${ticket.id}/expected-wait`, {
      until: '2026-03-12T10:00:00Z',
    });

    const lists = [
      '/api/v1/sla/policies',
      '/api/v1/sla/calendars',
      '/api/v1/sla/peak-events',
      '/api/v1/sla/at-risk',
    ];
    for (const url of lists) {
      const ids = (await b.request('GET', url)).json().items.map((i: { id: string }) => i.id);
      expect(ids, url).not.toContain(policy.id);
      expect(ids, url).not.toContain(calendar.id);
      expect(ids, url).not.toContain(event.id);
      expect(ids, url).not.toContain(ticket.id);
    }
    // B's default policies are B's own, A's custom policy stays A's.
    expect((await a.request('GET', `/api/v1/sla/policies/${policy.id}`)).json().name).toBe('A only');
    const report = (await b.request('GET', '/api/v1/sla/reports/daily?from=2026-03-10&to=2026-03-10')).json();
    expect(report.items).toEqual([]);
    expect((await b.request('GET', '/api/v1/sla/notifications')).json().items).toEqual([]);
    expect((await b.request('POST', '/api/v1/sla/notifications/read', { ids: 'all' })).json().updated).toBe(
      0,
    );
  });
});
