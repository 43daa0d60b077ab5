import '../../test-dom-globals.js';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../http/test-app.js';
import { localName } from '../../app/local-name.js';
import { renderConsole, serveFrom } from '../../test-dom.js';
import SlaSettingsPage from './sla-settings-page.js';

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signup('SLA settings');
  serveFrom(t, () => admin);
});

type StoredPolicy = {
  id: string;
  name: string;
  enabled: boolean;
  targets: Record<string, { minutes: number; clock: string } | null | undefined>;
};
const storedPolicies = async () =>
  ((await admin.request('GET', '/api/v1/sla/policies')).json() as { items: StoredPolicy[] }).items;
const rowOf = (name: string) => screen.getByText(name).closest('tr') as HTMLElement;

describe('the SLA settings page, against the real server', () => {
  test('lists the policies the server holds, each with its targets in words', async () => {
    await renderConsole(<SlaSettingsPage />);
    const policies = await storedPolicies();
    expect(policies.length).toBeGreaterThan(0);
    // A built-in "中文 · English" name reads in Chinese alone.
    // (在线客服 is also the scope tag of its own row.)
    for (const p of policies)
      expect((await screen.findAllByText(localName(p.name, 'zh-CN'))).length).toBeGreaterThan(0);
    expect(screen.queryByText(/Critical \(safety\)/)).toBeNull();
    // Targets read as words, never thousands of minutes: "首次响应：1 小时 · 全天候", "解决：3 天 · 全天候".
    expect(screen.getAllByText(/首次响应：\d+ (分钟|小时|天)/).length).toBeGreaterThan(0);
    expect(screen.getAllByText(/解决：3 天/).length).toBeGreaterThan(0);
    expect(screen.queryByText(/\d{3,} 分钟/)).toBeNull();
  });

  test('a new policy with a 30-minute first response is stored as entered and listed', async () => {
    await renderConsole(<SlaSettingsPage />);
    fireEvent.click(await screen.findByRole('button', { name: /新建规则/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '大促 VIP' } });
    fireEvent.change(within(dialog).getByLabelText('首次响应'), { target: { value: '30' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /确\s*定/ }));
    expect(await screen.findByText('大促 VIP')).toBeTruthy();
    const created = (await storedPolicies()).find((p) => p.name === '大促 VIP');
    expect(created).toMatchObject({
      enabled: true,
      targets: { firstResponse: { minutes: 30, clock: 'business' } },
    });
    expect(created?.targets.resolution ?? null).toBeNull();
  });

  test('a policy without a name is refused in the form, and nothing is stored', async () => {
    const before = (await storedPolicies()).length;
    await renderConsole(<SlaSettingsPage />);
    fireEvent.click(await screen.findByRole('button', { name: /新建规则/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('首次响应'), { target: { value: '15' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /确\s*定/ }));
    expect(await within(dialog).findByText('请输入名称')).toBeTruthy();
    expect((await storedPolicies()).length).toBe(before);
  });

  test('switching a policy off stores it off', async () => {
    await renderConsole(<SlaSettingsPage />);
    await screen.findByText('大促 VIP');
    fireEvent.click(within(rowOf('大促 VIP')).getByRole('switch'));
    await waitFor(async () =>
      expect((await storedPolicies()).find((p) => p.name === '大促 VIP')?.enabled).toBe(false),
    );
    await waitFor(() =>
      expect(within(rowOf('大促 VIP')).getByRole('switch').getAttribute('aria-checked')).toBe('false'),
    );
  });
});
