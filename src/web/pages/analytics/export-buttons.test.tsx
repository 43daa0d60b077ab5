import '../../test-dom-globals.js';
import { screen, waitFor } from '@testing-library/react';
import { beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../http/test-app.js';
import { renderConsole, serveFrom } from '../../test-dom.js';
import { ExportButtons } from './export-buttons.js';
import { MoneyTab } from './money-tab.js';

let t: TestApp;
let owner: TestClient;
const filters = { from: '2026-03-01', to: '2026-03-31' };

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signup('Exports');
  serveFrom(t, () => owner);
});

test('a new merchant with no after-sales costs gets no empty file to download', async () => {
  await renderConsole(<MoneyTab filters={filters} />);
  // Once the table has its (empty) answer, not merely while it loads.
  await waitFor(() => expect(screen.getByTestId('export-money').dataset.rows).toBe('0'));
  // Queried again: antd draws a link button as <a> and a disabled one as <button>.
  const csv = screen.getByTestId('export-money-csv');
  expect(csv.hasAttribute('disabled') || csv.getAttribute('aria-disabled') === 'true').toBe(true);
  expect(csv.getAttribute('href')).toBeNull();
});

test.each([
  [3, true],
  [0, false],
  [undefined, false],
])('with %s rows on screen the downloads are on: %s', async (rows, on) => {
  await renderConsole(<ExportButtons table="quality" filters={filters} rows={rows} />, { locale: 'en' });
  for (const format of ['csv', 'xlsx']) {
    const button = screen.getByTestId(`export-quality-${format}`);
    expect(button.getAttribute('href') !== null).toBe(on);
    if (on)
      expect(button.getAttribute('href')).toMatch(
        new RegExp(`/analytics/export\\?table=quality&format=${format}`),
      );
  }
});
