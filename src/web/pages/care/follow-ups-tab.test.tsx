import '../../test-dom-globals.js';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_CARE_SETTINGS } from '../../../care/care-rules.js';
import { createTestApp, type TestApp, type TestClient } from '../../../http/test-app.js';
import { renderConsole, serveFrom } from '../../test-dom.js';
import { FollowUpsTab } from './follow-ups-tab.js';

// 结案回访 against the real server: what is still to come, what the worker wrote (with its true
// delivery state — never "sent" for a message a person still has to send), what it skipped and why.

let t: TestApp;
let owner: TestClient;
let shopId: string;
let as: TestClient | undefined;
const DAY = 86_400_000;

const ok = async (method: 'POST' | 'PUT', url: string, payload?: unknown) => {
  const res = await owner.request(method, url, payload);
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json();
};

/** A case of a new buyer on the Douyin shop, closed `daysAgo` days ago. */
async function aClosedCase(channel: 'platform_message' | 'review', daysAgo: number, name: string) {
  const ticket = (await ok('POST', '/api/v1/tickets', {
    kind: channel === 'review' ? 'negative_review' : 'inquiry',
    channel,
    subject: '杯盖拧不紧',
    body: '杯盖拧不紧，会漏水',
    shopId,
    customer: { name, externalId: `b-${Math.random().toString(36).slice(2)}` },
    externalRef: `${channel === 'review' ? 'review' : 'chat'}:${Math.random().toString(36).slice(2)}`,
  })) as { id: string; number: number };
  await ok('POST', `/api/v1/tickets/${ticket.id}/status`, { status: 'closed', rootCause: 'customer_misuse' });
  await t.database.db.execute(
    sql`update tickets set closed_at = ${new Date(Date.now() - daysAgo * DAY).toISOString()}::timestamptz
        where id = ${ticket.id}`,
  );
  return ticket;
}

const rowOf = (table: string, number: number) =>
  within(screen.getByTestId(table)).getByText(`#${number}`).closest('tr') as HTMLElement;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signup('回访');
  shopId = (
    await ok('POST', '/api/v1/shops', { platform: 'douyin', name: '杯具店', appKey: 'k', appSecret: 's' })
  ).id;
  serveFrom(t, () => as);
});

describe('结案回访, against the real server', () => {
  test('switched off, the tab says so instead of an empty table', async () => {
    as = owner;
    const view = await renderConsole(<FollowUpsTab canSeeReport={false} />);
    expect(await screen.findByText(/结案回访未开启：在“设置”里打开/)).toBeTruthy();
    await waitFor(() =>
      expect(within(screen.getByTestId('follow-ups-upcoming')).getByText('结案回访未开启')).toBeTruthy(),
    );
    expect(within(screen.getByTestId('follow-ups-done')).getByText('近 30 天还没有回访记录。')).toBeTruthy();
    view.unmount();
  });

  test('switched on: the one to come, the one written (to send by hand) and the review skipped, with why', async () => {
    await ok('PUT', '/api/v1/care/settings', {
      ...DEFAULT_CARE_SETTINGS,
      followUpEnabled: true,
      followUpDays: 3,
      holdoutPercent: 0,
    });
    const chat = await aClosedCase('platform_message', 4, '王**');
    const review = await aClosedCase('review', 4, '李**');
    const recent = await aClosedCase('platform_message', 1, '张**');
    await ok('POST', '/api/v1/care/run');

    as = owner;
    const view = await renderConsole(<FollowUpsTab canSeeReport={true} />);
    await screen.findByText(`#${recent.number}`);
    const coming = rowOf('follow-ups-upcoming', recent.number);
    expect(within(coming).getByText('张**')).toBeTruthy();
    expect(within(coming).getByText('抖店')).toBeTruthy();

    await waitFor(() => expect(rowOf('follow-ups-done', chat.number)).toBeTruthy());
    // Douyin has no API into a chat: the follow-up waits for a person, and says so.
    const written = rowOf('follow-ups-done', chat.number);
    expect(within(written).getByText('待人工发送')).toBeTruthy();
    expect(within(written).queryByText('平台已接收')).toBeNull();
    // Its own copy button and 标记已发送: once marked it reads sent by a person, never by the platform.
    expect(within(written).getByTestId('follow-up-copy')).toBeTruthy();
    fireEvent.click(within(written).getByTestId('follow-up-mark-sent'));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() =>
      expect(within(rowOf('follow-ups-done', chat.number)).getByText('已人工发送')).toBeTruthy(),
    );
    expect(within(rowOf('follow-ups-done', chat.number)).queryByText('平台已接收')).toBeNull();
    expect(within(rowOf('follow-ups-done', chat.number)).queryByTestId('follow-up-mark-sent')).toBeNull();
    const skipped = rowOf('follow-ups-done', review.number);
    expect(within(skipped).getByTestId('follow-up-skipped').textContent).toBe('公开渠道或非平台工单，不回访');
    // Too few cases for a verdict: the report says how many it has.
    expect(await screen.findByText(/样本还不够/)).toBeTruthy();
    view.unmount();
  });

  test('in English, the same rows read in English', async () => {
    as = owner;
    const view = await renderConsole(<FollowUpsTab canSeeReport={false} />, { locale: 'en' });
    const table = await screen.findByTestId('follow-ups-done');
    await waitFor(() => expect(within(table).getAllByRole('row').length).toBeGreaterThan(2));
    expect(table.textContent).not.toMatch(/待人工发送|已人工发送|公开渠道|抖店/);
    expect(table.textContent).toMatch(/Sent by hand/);
    expect(table.textContent).toMatch(/Douyin/);
    view.unmount();
  });
});
