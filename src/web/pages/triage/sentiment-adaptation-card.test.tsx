import '../../test-dom-globals.js';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../../../auth/roles.js';
import { createTestApp, type TestApp, type TestClient } from '../../../http/test-app.js';
import { MIN_TEXTS } from '../../../triage/sentiment-adaptation-service.js';
import { CHECK_EVERY } from '../../../triage/sentiment-guard.js';
import { renderConsole, serveFrom } from '../../test-dom.js';
import { SentimentAdaptationCard } from './sentiment-adaptation-card.js';

let t: TestApp;
let shop: TestClient;
let quiet: TestClient;
let drifting: TestClient;
let kept: TestClient;
let as: TestClient | undefined;

const TEXTS = [
  '质量很好，非常满意，推荐购买',
  '太差了，做工粗糙，差评',
  '物流很快，包装完好，好评',
  '假货，失望，要退货',
];

beforeAll(async () => {
  t = await createTestApp();
  shop = await (await t.signup('书店')).addUser('supervisor');
  quiet = await (await t.signup('新店')).addUser('supervisor');
  const inputs = Array.from({ length: MIN_TEXTS }, (_, i) => ({
    kind: 'negative_review' as const,
    channel: 'review' as const,
    subject: '买家评价',
    body: `${TEXTS[i % TEXTS.length]!}（${i}）`,
    customer: { name: `买家${i}` },
  }));
  for (let i = 0; i < inputs.length; i += 50) {
    await t.services.tickets.createMany(systemActor(shop.tenantId), inputs.slice(i, i + 50));
  }
  // A shop whose sure texts all praise and whose texts kept aside say nothing either way (they are
  // every CHECK_EVERY-th from the newest): its delta swings those to positive and the guard holds it.
  drifting = await (await t.signup('偏店')).addUser('supervisor');
  const n = MIN_TEXTS + 50;
  const leaning = Array.from({ length: n }, (_, j) => ({
    kind: 'negative_review' as const,
    channel: 'review' as const,
    subject: '买家评价',
    body:
      (n - 1 - j) % CHECK_EVERY === 0
        ? `装帧 插图 书签 第${j}页`
        : `装帧和插图都非常好，书签也好看，很喜欢，推荐（第${j}条）`,
    customer: { name: `买家${j}` },
  }));
  for (let i = 0; i < leaning.length; i += 50) {
    await t.services.tickets.createMany(systemActor(drifting.tenantId), leaning.slice(i, i + 50));
  }
  expect((await t.services.triage.sentimentAdaptation.retrain(drifting.tenantId)).status).toBe('held');
  // A shop of plain praise (adopted), then the same leaning texts: held, the first delta kept.
  kept = await (await t.signup('老店')).addUser('supervisor');
  const praise = leaning.map((x, i) => ({ ...x, body: `${TEXTS[(i % 2) * 2]!}（${i}）` }));
  for (let i = 0; i < praise.length; i += 50) {
    await t.services.tickets.createMany(systemActor(kept.tenantId), praise.slice(i, i + 50));
  }
  expect((await t.services.triage.sentimentAdaptation.retrain(kept.tenantId)).status).toBe('ready');
  for (let i = 0; i < leaning.length * 3; i += 50) {
    const batch = Array.from({ length: 50 }, (_, k) => leaning[(i + k) % leaning.length]!);
    await t.services.tickets.createMany(systemActor(kept.tenantId), batch);
  }
  expect((await t.services.triage.sentimentAdaptation.retrain(kept.tenantId)).status).toBe('held');
  serveFrom(t, () => as);
});

describe('the sentiment adaptation card, against the real server', () => {
  test('a shop without texts is told when tuning starts, and sees no figure', async () => {
    as = quiet;
    await renderConsole(<SentimentAdaptationCard />);
    const card = await screen.findByTestId('sentiment-adaptation-card');
    await waitFor(() =>
      expect(within(card).getByTestId('sentiment-adaptation-none').textContent).toBe(
        `本店还没有足够的买家文字。满 ${MIN_TEXTS} 条后自动开始适配。`,
      ),
    );
    expect(within(card).queryByTestId('sentiment-adaptation-on')).toBeNull();
    expect(within(card).queryByTestId('sentiment-adaptation-figures')).toBeNull();
  });

  test('tuning again from the card shows it on, on how many texts, and how often it agrees (en)', async () => {
    as = shop;
    await renderConsole(<SentimentAdaptationCard />, { locale: 'en' });
    const card = await screen.findByTestId('sentiment-adaptation-card');
    await waitFor(() => expect(within(card).getByTestId('sentiment-adaptation-none')).toBeTruthy());
    fireEvent.click(within(card).getByRole('button', { name: /Tune again now/ }));
    await waitFor(() => expect(within(card).getByTestId('sentiment-adaptation-on').textContent).toBe('On'), {
      timeout: 30_000,
    });
    expect(within(card).getByTestId('sentiment-adaptation-texts').textContent).toBe(
      `Shop texts learned from${MIN_TEXTS}`,
    );
    expect(within(card).getByTestId('sentiment-adaptation-agree').textContent).toMatch(
      /^Same verdict as the general model\d+\.\d%$/,
    );
    expect(within(card).getByText(/not an accuracy/)).toBeTruthy();
    // The other shop still has none.
    expect((await quiet.request('GET', '/api/v1/triage/sentiment-adaptation')).json().status).toBe('none');
  }, 60_000);

  test('a delta the guard held is shown as not in use, with why, in Chinese and English', async () => {
    as = drifting;
    const view = (await drifting.request('GET', '/api/v1/triage/sentiment-adaptation')).json();
    const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
    const g = view.guard;
    await renderConsole(<SentimentAdaptationCard />);
    let card = await screen.findByTestId('sentiment-adaptation-card');
    const held = await within(card).findByTestId('sentiment-adaptation-held');
    expect(held.textContent).toBe(
      `本店情感校准未启用：新模型在 ${g.checkTexts} 条未参与学习的本店文字上，把 ${pct(g.shiftAside)} 的判断净改为正面，` +
        `而在学过的文字上只有 ${pct(g.shiftLearnt)}，相差 ${pct(g.leanGap)}，超过 ${pct(g.limit)} 的安全上限，` +
        '可能是自我学习跑偏了。继续使用平台通用模型。等本店有了足够多的新文字，会再试一次。',
    );
    expect(within(card).getByTestId('sentiment-adaptation-held-tag').textContent).toBe('未启用');
    expect(within(card).queryByTestId('sentiment-adaptation-on')).toBeNull();
    expect(within(card).queryByTestId('sentiment-adaptation-figures')).toBeNull();

    await renderConsole(<SentimentAdaptationCard />, { locale: 'en' });
    card = (await screen.findAllByTestId('sentiment-adaptation-card')).at(-1)!;
    expect((await within(card).findByTestId('sentiment-adaptation-held')).textContent).toMatch(
      /^The new shop tuning was not applied: on \d+ shop texts kept out of its training it moved \d+\.\d% of the verdicts to positive, .*The general model stays in use\./,
    );
    expect(within(card).getByTestId('sentiment-adaptation-held-tag').textContent).toBe('Not in use');
  });

  test('a held delta with an earlier one kept says which one the shop still uses', async () => {
    as = kept;
    await renderConsole(<SentimentAdaptationCard />);
    const card = (await screen.findAllByTestId('sentiment-adaptation-card')).at(-1)!;
    const held = await within(card).findByTestId('sentiment-adaptation-held');
    expect(held.textContent).toMatch(/继续使用 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 训练的上一版本店校准。/);
    expect(within(card).getByTestId('sentiment-adaptation-held-tag').textContent).toBe('沿用上一版');
    expect(within(card).queryByTestId('sentiment-adaptation-on')).toBeNull();
  });
  test('a failed training says so and which model stays in use', async () => {
    as = kept;
    // As the service's onFailure leaves it: failed, the earlier delta still stored and used.
    await t.database.query(
      `update triage_sentiment_adaptations set status = 'failed', error = '读取本店文字超时' where tenant_id = $1`,
      [kept.tenantId],
    );
    await renderConsole(<SentimentAdaptationCard />);
    const card = (await screen.findAllByTestId('sentiment-adaptation-card')).at(-1)!;
    const failed = await within(card).findByTestId('sentiment-adaptation-failed');
    expect(failed.textContent).toMatch(
      /^上次适配失败读取本店文字超时继续使用 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 训练的上一版本店校准。$/,
    );
    expect(within(card).queryByTestId('sentiment-adaptation-on')).toBeNull();
  });
});
