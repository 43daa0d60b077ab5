import { beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../auth/roles.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { MIN_TEXTS, needsTraining, RETRAIN_NEW_TEXTS } from './sentiment-adaptation-service.js';
import { CHECK_EVERY, GUARD_DEFAULTS } from './sentiment-guard.js';

let t: TestApp;
let aAgent: TestClient;
let aSupervisor: TestClient;
let bSupervisor: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  const a = await t.signup('A');
  const b = await t.signup('B');
  aAgent = await a.addUser('agent');
  aSupervisor = await a.addUser('supervisor');
  bSupervisor = await b.addUser('supervisor');
});

// Book reviews, a domain the shipped model was trained with few of: sure praise and sure complaints,
// plus the shop's own words (情节, 译者) that come with them.
const PRAISE = [
  '情节很精彩，非常好看，推荐',
  '译者翻译得很好，值得一读，很满意',
  '书很好，孩子很喜欢，情节感人',
];
const COMPLAINT = ['情节拖沓，太差了，不推荐', '译者翻译得很烂，失望，退货', '盗版书，纸张很差，差评'];

/** Opens `n` cases for the tenant through the ticket service, each with one buyer's message. */
async function openCases(tenantId: string, n: number, from = 0) {
  const inputs = Array.from({ length: n }, (_, i) => {
    const list = (from + i) % 2 ? COMPLAINT : PRAISE;
    return {
      kind: 'negative_review' as const,
      channel: 'review' as const,
      subject: '买家评价',
      body: `${list[(from + i) % 3]!}（第${from + i}条）`,
      customer: { name: `买家${from + i}` },
    };
  });
  for (let i = 0; i < inputs.length; i += 50) {
    await t.services.tickets.createMany(systemActor(tenantId), inputs.slice(i, i + 50));
  }
}

const analyse = async (client: TestClient, text: string) =>
  (await client.request('POST', '/api/v1/triage/analyze', { text })).json().score as number;

const status = async (client: TestClient) =>
  (await client.request('GET', '/api/v1/triage/sentiment-adaptation')).json();

async function retrained(client: TestClient, texts: number) {
  const res = await client.request('POST', '/api/v1/triage/sentiment-adaptation/retrain', {});
  expect(res.statusCode).toBe(202);
  for (let i = 0; i < 600; i++) {
    const s = await status(client);
    if (s.texts === texts && s.status !== 'none') return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the adaptation did not train');
}

describe('when a tenant’s adaptation trains', () => {
  test.each([
    [undefined, 0, true], // "too few" is recorded, with the count
    [{ status: 'too_few' as const, totalTexts: 5 }, 5, false],
    [{ status: 'too_few' as const, totalTexts: 5 }, MIN_TEXTS - 1, true], // the count moved
    [{ status: 'too_few' as const, totalTexts: 5 }, MIN_TEXTS, true],
    [{ status: 'ready' as const, totalTexts: 400 }, 400 + RETRAIN_NEW_TEXTS - 1, false],
    [{ status: 'ready' as const, totalTexts: 400 }, 400 + RETRAIN_NEW_TEXTS, true],
    [{ status: 'ready' as const, totalTexts: 4000 }, 4000 + RETRAIN_NEW_TEXTS, false], // a quarter more
    [{ status: 'ready' as const, totalTexts: 4000 }, 5000, true],
    [{ status: 'failed' as const, totalTexts: 0 }, MIN_TEXTS, true],
  ])('%j with %i texts: %s', (row, total, expected) => {
    expect(needsTraining(row, total)).toBe(expected);
  });
});

describe('sentiment that travels', () => {
  test('the job trains on the tenant’s own texts once there are enough, and again after enough new ones', async () => {
    const adaptation = t.services.triage.sentimentAdaptation;
    const tenant = aSupervisor.tenantId;
    expect(await status(aSupervisor)).toMatchObject({
      status: 'none',
      texts: 0,
      figures: null,
      trainedAt: null,
    });

    await openCases(tenant, 20);
    expect(await adaptation.check(tenant)).toMatchObject({ status: 'too_few', texts: 20 });
    expect(await adaptation.check(tenant)).toBeUndefined(); // nothing new to say
    expect(await status(aSupervisor)).toMatchObject({ status: 'too_few', texts: 20, minTexts: MIN_TEXTS });

    await openCases(tenant, MIN_TEXTS, 20);
    const ready = await adaptation.check(tenant);
    expect(ready).toMatchObject({ status: 'ready', texts: MIN_TEXTS + 20, totalTexts: MIN_TEXTS + 20 });
    const shown = await status(aSupervisor);
    expect(shown.status).toBe('ready');
    expect(shown.pseudoLabelled).toBeGreaterThan(0);
    expect(shown.figures.agree + shown.figures.changed).toBe(MIN_TEXTS + 20);
    expect(shown.figures.toPositive + shown.figures.toNegative + shown.figures.toNeutral).toBe(
      shown.figures.changed,
    );
    expect(shown).not.toHaveProperty('delta');

    expect(await adaptation.check(tenant)).toBeUndefined(); // no new texts: no retrain
    await openCases(tenant, RETRAIN_NEW_TEXTS, 1000);
    expect(await adaptation.check(tenant)).toMatchObject({
      status: 'ready',
      totalTexts: MIN_TEXTS + 20 + RETRAIN_NEW_TEXTS,
    });
  });

  test('the tenant’s analyses use its delta; another tenant’s never do, nor see it', async () => {
    const text = '译者翻译得一般，情节还行';
    const analyse = async (c: TestClient) =>
      (await c.request('POST', '/api/v1/triage/analyze', { text })).json().score as number;
    const bBefore = await analyse(bSupervisor);
    const ready = await retrained(aSupervisor, MIN_TEXTS + 20 + RETRAIN_NEW_TEXTS);
    expect(ready.status).toBe('ready');
    // The shipped model's score plus A's delta: not what B (no delta) gets.
    expect(await analyse(aSupervisor)).not.toBe(bBefore);
    expect(await analyse(bSupervisor)).toBe(bBefore);
    expect(await status(bSupervisor)).toMatchObject({ status: 'none', texts: 0, figures: null });

    // B's own retrain reads only B's texts: none.
    const few = await retrained(bSupervisor, 0);
    expect(few).toMatchObject({ status: 'too_few', texts: 0 });
    expect((await status(aSupervisor)).status).toBe('ready');
  });

  test('agents may not read or retrain it; a retrain takes no options', async () => {
    expect((await aAgent.request('GET', '/api/v1/triage/sentiment-adaptation')).statusCode).toBe(403);
    expect((await aAgent.request('POST', '/api/v1/triage/sentiment-adaptation/retrain', {})).statusCode).toBe(
      403,
    );
    const bad = await aSupervisor.request('POST', '/api/v1/triage/sentiment-adaptation/retrain', { now: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBeTruthy();
  });
});

/**
 * Opens one case per body, oldest first: the service reads the texts newest first and keeps every
 * CHECK_EVERY-th of them (from the newest) aside to check the delta.
 */
async function openCasesWith(tenantId: string, bodies: string[]) {
  const inputs = bodies.map((body, i) => ({
    kind: 'negative_review' as const,
    channel: 'review' as const,
    subject: '买家评价',
    body,
    customer: { name: `买家${i}` },
  }));
  for (let i = 0; i < inputs.length; i += 50) {
    await t.services.tickets.createMany(systemActor(tenantId), inputs.slice(i, i + 50));
  }
}

/**
 * A shop whose sure texts all praise (its pseudo-labels all lean one way) and whose other texts say
 * nothing either way: the delta learns the shop's words as praise, and the texts it never saw that
 * carry them swing to positive while the ones it learnt from stay as they were.
 */
function leaningBodies(n: number) {
  return Array.from({ length: n }, (_, j) =>
    (n - 1 - j) % CHECK_EVERY === 0
      ? `装帧 插图 书签 第${j}页`
      : `装帧和插图都非常好，书签也好看，很喜欢，推荐（第${j}条）`,
  );
}

describe('the guard on a drifted delta', () => {
  test('a delta that leans one way on the texts it never saw is held; the shop keeps the shipped model', async () => {
    const c = await (await t.signup('C')).addUser('supervisor');
    await openCasesWith(c.tenantId, leaningBodies(MIN_TEXTS + 50));
    const held = await t.services.triage.sentimentAdaptation.retrain(c.tenantId);
    expect(held.status).toBe('held');
    expect(held.delta).toBeNull();
    const shown = await status(c);
    expect(shown).toMatchObject({ status: 'held', inUse: false, deltaTrainedAt: null });
    expect(shown.guard).toMatchObject({ adopted: false, reason: 'lean', limit: GUARD_DEFAULTS.maxLeanGap });
    expect(Math.abs(shown.guard.leanGap)).toBeGreaterThan(GUARD_DEFAULTS.maxLeanGap);
    // Its analyses are the shipped model's (B has no delta), and A's adopted delta is untouched.
    expect(await analyse(c, '装帧 插图')).toBe(await analyse(bSupervisor, '装帧 插图'));
    expect(await status(aSupervisor)).toMatchObject({
      status: 'ready',
      inUse: true,
      guard: { adopted: true },
    });
  });

  test('a shop whose new delta is held keeps its previous one, and says so', async () => {
    const d = await (await t.signup('D')).addUser('supervisor');
    // A shop of praise first: nothing to lean, the delta is adopted.
    await openCasesWith(
      d.tenantId,
      Array.from({ length: MIN_TEXTS + 20 }, (_, i) => `${PRAISE[i % 3]!}（第${i}条）`),
    );
    const ready = await t.services.triage.sentimentAdaptation.retrain(d.tenantId);
    expect(ready).toMatchObject({ status: 'ready', deltaTrainedAt: ready.trainedAt });
    const before = await analyse(d, '装帧 插图');

    await openCasesWith(d.tenantId, leaningBodies(4 * MIN_TEXTS));
    const held = await t.services.triage.sentimentAdaptation.retrain(d.tenantId);
    expect(held.status).toBe('held');
    expect(held.delta).toEqual(ready.delta);
    expect(held.deltaTrainedAt).toEqual(ready.trainedAt);
    expect(await status(d)).toMatchObject({
      status: 'held',
      inUse: true,
      deltaTrainedAt: ready.trainedAt.toISOString(),
      guard: { adopted: false, reason: 'lean' },
    });
    expect(await analyse(d, '装帧 插图')).toBe(before);
    // Held waits for new texts like an adopted delta: the same texts are not tried again.
    expect(await t.services.triage.sentimentAdaptation.check(d.tenantId)).toBeUndefined();
  });
});
