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
  serveFrom(t, () => admin);
});

describe('the reconcile card, against the real server', () => {
  test('a demo shop is listed as reconciled against the simulated platform, not "no shop to reconcile"', async () => {
    await t.services.reconcile.runDue(10);
    await renderConsole(<ReconcileCard />);
    const card = await screen.findByTestId('reconcile-card');
    await waitFor(() => expect(within(card).getByText(/^douyin 店/)).toBeTruthy());
    expect(within(card).queryByText('还没有可对账的店铺')).toBeNull();
    expect(within(card).getByTestId('reconcile-simulated').textContent).toBe('模拟平台');
    expect(within(card).getByText('正常')).toBeTruthy();
    expect(within(card).getByTestId('reconcile-found').textContent).toBe('0 条 / 累计 0 条');
  });
});
