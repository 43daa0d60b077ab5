import '../../test-dom-globals.js';
import { screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../http/test-app.js';
import { createShop } from '../../../ingest/testing.js';
import { renderConsole, serveFrom } from '../../test-dom.js';
import { ReconcileCard } from './reconcile-card.js';

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp({ reconcile: { settleMs: 0, firstLookbackMs: 3600_000, pageDelayMs: 0 } });
  admin = await t.signup('Reconcile');
  await createShop(admin, 'douyin', { settings: { simulated: true, accessToken: 'sim-douyin' } });
  await createShop(admin, 'douyin', {
    name: '只拉售后的店',
    settings: { simulated: true, accessToken: 'sim-douyin-2', reconcile: { feeds: ['after_sales'] } },
  });
  await createShop(admin, 'douyin', {
    name: '关了对账的店',
    settings: { simulated: true, accessToken: 'sim-douyin-3', reconcile: { enabled: false } },
  });
  serveFrom(t, () => admin);
});

describe('the reconcile card, against the real server', () => {
  test('a demo shop is listed as reconciled against the simulated platform, not "no shop to reconcile"', async () => {
    await t.services.reconcile.runDue(10);
    await renderConsole(<ReconcileCard />);
    const card = await screen.findByTestId('reconcile-card');
    await waitFor(() => expect(within(card).getByText(/^douyin 店/)).toBeTruthy());
    expect(within(card).queryByText('还没有可对账的店铺')).toBeNull();
    const row = (name: RegExp) => within(card).getByText(name).closest('tr') as HTMLElement;
    await waitFor(() => expect(within(card).getByText(/^关了对账的店/)).toBeTruthy());
    expect(within(row(/^douyin 店/)).getByTestId('reconcile-simulated').textContent).toBe('模拟平台');
    expect(within(row(/^douyin 店/)).getByText('正常')).toBeTruthy();
    expect(within(row(/^douyin 店/)).getByTestId('reconcile-found').textContent).toBe('0 条 / 累计 0 条');
    // Each shop lists what it is pulled for: its own choice, not every feed the platform has.
    expect(within(row(/^douyin 店/)).getByTestId('reconcile-feeds').textContent).toMatch(/^拉取：售后、订单/);
    expect(within(row(/^只拉售后的店/)).getByTestId('reconcile-feeds').textContent).toBe('拉取：售后');
    expect(within(row(/^关了对账的店/)).getByText('已在店铺设置里关闭对账')).toBeTruthy();
    expect(within(row(/^关了对账的店/)).queryByText(/对账$/, { selector: 'button *' })).toBeNull();
  });
});
