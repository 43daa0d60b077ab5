import { beforeAll, describe, expect, test } from 'vitest';
import { upsertOpenAlert } from '../../analytics/alert-repo.js';
import { storableReal } from '../../db/schema/columns.js';
import { scopeTo } from '../../db/tenant-scope.js';
import { createTestApp, type TestApp, type TestClient } from '../test-app.js';

/**
 * Found by the route fuzz: a number outside float4's range (1e-175 as the assistant's threshold, a
 * strong spike's p-value of 1e-60) made PostgreSQL refuse the row — a 500, or an alert never raised.
 */

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signup('Float');
}, 240_000);

describe('numbers a real column cannot hold are stored at its edge', () => {
  test.each([
    [0, 0],
    [0.75, 0.75],
    [1e-60, 1.2e-38],
    [-1e-60, -1.2e-38],
    [1e39, 3.4e38],
    [-1e39, -3.4e38],
  ])('storableReal(%d) is %d', (value, expected) => {
    expect(storableReal(value)).toBe(expected);
  });

  test('a threshold of 3e-175 is saved, not a 500', async () => {
    const res = await admin.request('PUT', '/api/v1/assistant/settings', {
      enabled: false,
      threshold: 3.347449223524402e-175,
      channels: ['email'],
      intents: ['return_how'],
      shipWithinHours: 7,
      publicBaseUrl: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().threshold).toBeLessThan(1e-37);
  });

  test('an alert whose p-value underflows float4 is still raised', async () => {
    const scope = scopeTo(t.database.db, admin.tenantId);
    await upsertOpenAlert(scope, {
      skuId: crypto.randomUUID(),
      batch: 'B1',
      signal: 'safety',
      windowFrom: '2026-11-01',
      windowTo: '2026-11-30',
      observed: 40,
      expected: 1e-50,
      pValue: 1e-60,
      evidence: {},
      raisedAt: new Date(),
    });
    const alerts = (await admin.request('GET', '/api/v1/analytics/alerts')).json();
    expect(JSON.stringify(alerts)).toContain('"observed":40');
  });
});
