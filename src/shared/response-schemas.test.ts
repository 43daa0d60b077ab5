import { describe, expect, test } from 'vitest';
import { createTestApp } from '../http/test-app.js';

/**
 * Every route declares what it answers (ARCHITECTURE.md, routes layer): a response schema, so the
 * answer is checked and stripped to its view, the OpenAPI document is true and the console's types
 * follow from it. This test reads the OpenAPI document and names the routes without one.
 */

/** Routes that do not declare their answer yet (the list only shrinks). */
const NOT_YET_DECLARED: Record<string, string> = {
  'GET /api/v1/sla/reports/daily.csv': 'a CSV download: declare its text/csv content',
  'GET /api/v1/imports/{id}/failures.csv': 'a CSV download: declare its text/csv content',
  'GET /api/v1/recalls/{id}/affected/export': 'a CSV/XLSX download: declare its content types',
  'GET /api/v1/analytics/export': 'a CSV/XLSX download: declare its content types',
  'GET /api/v1/analytics/weekly-report.pdf': 'a PDF download: declare its application/pdf content',
};

type Operation = { responses?: Record<string, { content?: unknown }> };

const t = await createTestApp();
const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
  paths: Record<string, Record<string, Operation>>;
};
const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
);
const declares = (op: Operation) =>
  Object.entries(op.responses ?? {}).some(([status, r]) => status === '204' || r.content !== undefined);

describe('every route declares its response schema', () => {
  test('the document lists the API', () => {
    expect(operations.length).toBeGreaterThan(150);
  });

  test('no route outside the list answers without a declared schema', () => {
    const missing = operations
      .filter(({ route, op }) => !(route in NOT_YET_DECLARED) && !declares(op))
      .map(({ route }) => `${route}: add schema.response (a zod view)`);
    expect(missing).toEqual([]);
  });

  test.each(Object.keys(NOT_YET_DECLARED))('%s is listed only while it declares nothing', (route) => {
    const found = operations.find((o) => o.route === route);
    expect(found, `${route} no longer exists: take it off the list`).toBeDefined();
    expect(declares(found!.op), `${route} declares its answer now: take it off the list`).toBe(false);
  });
});
