import { beforeAll, describe, expect, test } from 'vitest';
import { scopeTo } from '../db/tenant-scope.js';
import { createTestApp, type TestApp, type TestClient } from '../http/test-app.js';
import { queryTerms } from '../search/terms.js';
import {
  type Cursor,
  countTickets,
  listTickets,
  type TextPlan,
  type TicketFilter,
  type TicketSort,
} from './ticket-repo.js';

// The inbox's q is answered by the GIN index or by walking the inbox's own order (ticket-repo.ts
// TextPlan); whichever is used, the pages are the same.

let t: TestApp;
let a: TestClient;
let b: TestClient;
const matching: string[] = [];

const open = async (
  client: TestClient,
  subject: string,
  body: string,
  extra: Record<string, unknown> = {},
) => {
  const res = await client.request('POST', '/api/v1/tickets', {
    kind: 'complaint',
    channel: 'platform_message',
    subject,
    body,
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return (res.json() as { id: string }).id;
};

let subjectOnly: string;

beforeAll(async () => {
  t = await createTestApp();
  a = await t.signup('A');
  b = await t.signup('B');
  // 保温杯 漏水 in the first message, in a later note (every third case), or 保温杯 in a subject only.
  subjectOnly = await open(a, '保温杯不保温', '第四单的问题');
  for (let i = 0; i < 9; i++) {
    const severity = ['low', 'normal', 'high'][i % 3];
    const id = await open(a, `第${i}单`, i % 3 === 2 ? '快递到了' : `保温杯漏水，第${i}次`, { severity });
    if (i % 3 === 2) {
      const res = await a.request('POST', `/api/v1/tickets/${id}/messages`, {
        body: '补充：保温杯 漏水',
        direction: 'note',
      });
      expect(res.statusCode).toBeLessThan(300);
    }
    matching.push(id);
    await open(a, `无关${i}`, '物流很快，包装完好');
  }
  await open(b, 'B 的保温杯', '保温杯漏水 secret-b');
});

/** Every page of the list, following the cursor. */
async function allPages(
  tenantId: string,
  filter: TicketFilter,
  sort: TicketSort,
  plan: TextPlan,
  walkLimit?: number,
): Promise<string[][]> {
  const scope = scopeTo(t.database.db, tenantId);
  const pages: string[][] = [];
  let cursor: Cursor | null = null;
  do {
    const page: Awaited<ReturnType<typeof listTickets>> = await listTickets(
      scope,
      filter,
      sort,
      2,
      cursor,
      plan,
      walkLimit,
    );
    pages.push(page.rows.map((r) => r.id));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
}

describe('q on the inbox: the walk and the index give the same pages', () => {
  const text = queryTerms('保温杯 漏水');

  test.each(['due', 'created', 'updated'] as const)('sort %s, with and without filters', async (sort) => {
    const filters = [{ text }, { text, openOnly: true }, { text, severities: ['high' as const] }];
    for (const filter of filters) {
      const byIndex = await allPages(a.tenantId, filter, sort, 'index');
      expect(byIndex.flat().length).toBeGreaterThan(0);
      expect(byIndex.flat().filter((id) => !matching.includes(id))).toEqual([]);
      if (filter === filters[0]) expect(new Set(byIndex.flat()).size).toBe(matching.length);
      // A walk long enough to decide, one that gives way to the index, and the automatic choice.
      expect(await allPages(a.tenantId, filter, sort, 'walk')).toEqual(byIndex);
      expect(await allPages(a.tenantId, filter, sort, 'walk', 3)).toEqual(byIndex);
      expect(await allPages(a.tenantId, filter, sort, 'auto')).toEqual(byIndex);
    }
  });

  test('a walk that reads every candidate without filling a page answers on its own', async () => {
    const filter = { text: queryTerms('不保温') };
    const byIndex = await allPages(a.tenantId, filter, 'due', 'index');
    expect(byIndex.flat()).toEqual([subjectOnly]);
    expect(await allPages(a.tenantId, filter, 'due', 'walk', 1000)).toEqual(byIndex);
    expect(await allPages(a.tenantId, { text: queryTerms('没有这个词') }, 'due', 'walk')).toEqual([[]]);
  });

  test("neither plan finds another tenant's cases", async () => {
    for (const plan of ['walk', 'index', 'auto'] as const) {
      const forB = (await allPages(b.tenantId, { text }, 'due', plan)).flat();
      expect(forB).toHaveLength(1);
      expect(matching).not.toContain(forB[0]);
      const forA = (await allPages(a.tenantId, { text: queryTerms('secret-b') }, 'due', plan)).flat();
      expect(forA).toEqual([]);
    }
  });
});

describe('q on the inbox: the total', () => {
  test('is counted when few matches are expected, and left out when many are', async () => {
    const scope = scopeTo(t.database.db, a.tenantId);
    const text = queryTerms('保温杯 漏水');
    expect(await countTickets(scope, { text })).toBe(matching.length);
    // The matching documents are counted up to the limit, exactly: nine (six first messages, three notes).
    expect(await countTickets(scope, { text }, 10)).toBe(matching.length);
    expect(await countTickets(scope, { text }, 9)).toBeUndefined();
    expect(await countTickets(scope, { text }, 0)).toBeUndefined();
    expect(await countTickets(scope, { openOnly: true }, 0)).toBe(matching.length * 2 + 1);
  });
});
