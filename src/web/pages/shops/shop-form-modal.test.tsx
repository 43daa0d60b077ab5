import '../../test-dom-globals.js';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../http/test-app.js';
import { renderConsole, serveFrom } from '../../test-dom.js';
import type { ShopWithSettings } from './adapter-values.js';
import { ShopFormModal } from './shop-form-modal.js';
import { WebhookCell } from './webhook-cell.js';

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signup('Shop settings');
  serveFrom(t, () => admin);
});

const shopOf = async (id: string) =>
  ((await admin.request('GET', '/api/v1/shops')).json() as { items: ShopWithSettings[] }).items.find(
    (s) => s.id === id,
  )!;

const create = async (platform: string, settings: object = {}) =>
  (
    await admin.request('POST', '/api/v1/shops', {
      platform,
      name: `${platform} 店`,
      appKey: 'k',
      appSecret: 's',
      settings,
    })
  ).json() as { id: string };

describe('the shop form’s platform settings, against the real server', () => {
  test('a Douyin shop: the reason-code table, an operate code and the return address are saved', async () => {
    const { id } = await create('douyin');
    const view = await renderConsole(<ShopFormModal open shop={await shopOf(id)} onClose={() => {}} />);
    fireEvent.click(await screen.findByText('高级 / 对接设置'));
    // The built-in table is offered as a starting point, then edited.
    fireEvent.click(await screen.findByTestId('shop-copy-reasons'));
    const table = screen.getByTestId('shop-douyin-reason-codes');
    const texts = within(table).getAllByPlaceholderText('原因，例如：商品质量问题') as HTMLInputElement[];
    expect(texts.length).toBe(15);
    fireEvent.change(texts[2]!, { target: { value: '质量问题（店铺自定）' } });
    fireEvent.change(screen.getByTestId('shop-douyin-operate-agree_refund'), { target: { value: '205' } });
    fireEvent.change(screen.getByTestId('shop-return-address-id'), { target: { value: '7001' } });
    fireEvent.click(within(screen.getByTestId('shop-reconcile-feeds')).getByText('订单'));
    fireEvent.click(document.getElementById('shop-save')!);
    await waitFor(async () => expect((await shopOf(id)).settings?.returnAddressId).toBe('7001'));
    const { settings } = await shopOf(id);
    expect(settings?.douyinReasonCodes?.['3']).toBe('质量问题（店铺自定）');
    expect(Object.keys(settings?.douyinReasonCodes ?? {})).toHaveLength(15);
    expect(settings?.douyinOperateTypes).toEqual({ agree_refund: 205 });
    expect(settings?.reconcile).toEqual({ feeds: ['orders'] });
    view.unmount();
  });

  test('a bad reason code and a bad list method are refused in the form, in Chinese', async () => {
    const { id } = await create('douyin');
    const view = await renderConsole(<ShopFormModal open shop={await shopOf(id)} onClose={() => {}} />);
    fireEvent.click(await screen.findByText('高级 / 对接设置'));
    fireEvent.click(await screen.findByTestId('shop-add-reason'));
    fireEvent.change(screen.getByPlaceholderText('代码'), { target: { value: '1a' } });
    fireEvent.change(screen.getByPlaceholderText('原因，例如：商品质量问题'), {
      target: { value: '不想要了' },
    });
    fireEvent.change(screen.getByTestId('shop-reconcile-method-orders'), {
      target: { value: 'order list?' },
    });
    fireEvent.click(document.getElementById('shop-save')!);
    expect(await screen.findByText('原因代码只能是 1–6 位数字')).toBeTruthy();
    expect(await screen.findByText(/只能包含字母、数字和/)).toBeTruthy();
    expect((await shopOf(id)).settings?.douyinReasonCodes).toBeUndefined();
    view.unmount();
  });

  test('a TikTok shop’s cipher and a Pinduoduo shop’s relay signature are saved', async () => {
    const tiktok = await create('tiktok');
    let view = await renderConsole(<ShopFormModal open shop={await shopOf(tiktok.id)} onClose={() => {}} />);
    fireEvent.click(await screen.findByText('高级 / 对接设置'));
    expect(screen.queryByTestId('shop-return-address-id')).toBeNull();
    fireEvent.change(await screen.findByTestId('shop-tiktok-cipher'), { target: { value: 'ROW_abc' } });
    fireEvent.click(document.getElementById('shop-save')!);
    await waitFor(async () => expect((await shopOf(tiktok.id)).settings?.shopCipher).toBe('ROW_abc'));
    view.unmount();

    const pdd = await create('pinduoduo', { pddRelaySignature: 'legacy' });
    view = await renderConsole(<ShopFormModal open shop={await shopOf(pdd.id)} onClose={() => {}} />);
    expect(await screen.findByText('旧方式（不校验消息内容）')).toBeTruthy();
    fireEvent.change(screen.getByTestId('shop-return-address-id'), { target: { value: '12' } });
    fireEvent.click(document.getElementById('shop-save')!);
    await waitFor(async () => expect((await shopOf(pdd.id)).settings?.returnAddressId).toBe('12'));
    expect((await shopOf(pdd.id)).settings?.pddRelaySignature).toBe('legacy');
    view.unmount();
  });

  test('the reconcile feeds offered are the platform’s own: Pinduoduo pulls after-sales only, Douyin orders too', async () => {
    const pdd = await create('pinduoduo');
    let view = await renderConsole(<ShopFormModal open shop={await shopOf(pdd.id)} onClose={() => {}} />);
    // The section is collapsed (rendered, hidden): count the boxes themselves.
    const feeds = () => screen.getByTestId('shop-reconcile-feeds').querySelectorAll('input[type=checkbox]');
    await screen.findByTestId('shop-reconcile-feeds');
    expect(feeds()).toHaveLength(1);
    expect(within(screen.getByTestId('shop-reconcile-feeds')).queryByText('评价')).toBeNull();
    expect(screen.queryByTestId('shop-reconcile-method-orders')).toBeNull();
    view.unmount();
    const douyin = await create('douyin');
    view = await renderConsole(<ShopFormModal open shop={await shopOf(douyin.id)} onClose={() => {}} />);
    await screen.findByTestId('shop-reconcile-feeds');
    expect(feeds()).toHaveLength(2);
    expect(within(screen.getByTestId('shop-reconcile-feeds')).queryByText('评价')).toBeNull();
    view.unmount();
  });
});

describe('the webhook cell, from the server’s own shop rows', () => {
  test('a real shop without a public https address is warned about; a simulated shop is not', async () => {
    const real = await shopOf((await create('douyin')).id);
    const simulated = await shopOf((await create('douyin', { simulated: true })).id);
    const view = await renderConsole(<WebhookCell shop={real} />);
    expect(screen.getByTestId('shop-webhook-unconfigured').textContent).toContain('未配置公网地址');
    expect(screen.queryByTestId('shop-webhook-simulated')).toBeNull();
    view.unmount();
    await renderConsole(<WebhookCell shop={simulated} />);
    expect(screen.getByTestId('shop-webhook-simulated').textContent).toContain('模拟店铺');
    expect(screen.queryByTestId('shop-webhook-unconfigured')).toBeNull();
    expect(screen.queryByTestId('shop-webhook-http')).toBeNull();
  });
});
