import '../../test-dom-globals.js';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, test } from 'vitest';
import { systemActor } from '../../../auth/roles.js';
import { createTestApp, type TestApp, type TestClient } from '../../../http/test-app.js';
import { MIN_TEXTS } from '../../../triage/sentiment-adaptation-service.js';
import { renderConsole, serveFrom } from '../../test-dom.js';
import { SentimentAdaptationCard } from './sentiment-adaptation-card.js';

let t: TestApp;
let shop: TestClient;
let quiet: TestClient;
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
});
