import '../../test-dom-globals.js';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../http/test-app.js';
import { aQualityCase, type CaseFixture } from '../../../playbooks/test-fixtures.js';
import { renderConsole, serveFrom } from '../../test-dom.js';
import { OfferPanel } from './offer-panel.js';

let t: TestApp;
let agent: TestClient;
let supervisor: TestClient;
let kase: CaseFixture;
let admin: TestClient;
let as: TestClient | undefined;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signup('Offers');
  agent = await admin.addUser('agent');
  supervisor = await admin.addUser('supervisor');
  kase = await aQualityCase(admin);
  serveFrom(t, () => as);
});

const rounds = () =>
  screen.queryAllByTestId('offer-round').map((r) => `${r.dataset.party}:${r.dataset.status}`);
const stored = async () =>
  (
    (await agent.request('GET', `/api/v1/tickets/${kase.ticketId}/offers`)).json() as {
      items: { party: string; status: string; amountFen: number; couponFen: number }[];
    }
  ).items;

describe('the offer panel, against the real server', () => {
  test('an agent offers an exchange with a ¥10 coupon: the round shows what the server stored', async () => {
    as = agent;
    await renderConsole(<OfferPanel ticketId={kase.ticketId} closed={false} />);
    await screen.findByText('还没有方案');
    fireEvent.click(screen.getByTestId('offer-new'));
    // The limit hint comes from the server's approval limits for this role (¥50 for agents).
    expect(await screen.findByText(/^你的审批额度：.*50\.00$/)).toBeTruthy();
    fireEvent.change(screen.getByTestId('offer-coupon'), { target: { value: '10' } });
    fireEvent.click(screen.getByTestId('offer-submit'));
    await waitFor(() => expect(rounds()).toEqual(['shop:proposed']));
    const round = screen.getByTestId('offer-round');
    expect(within(round).getByText('第 1 轮')).toBeTruthy();
    expect(within(round).getByText('我方方案')).toBeTruthy();
    expect(await stored()).toMatchObject([{ party: 'shop', status: 'proposed', couponFen: 10_00 }]);
  });

  test('“买家已接受” waits until the buyer has the offer: recording a call enables it', async () => {
    as = agent;
    const view = await renderConsole(<OfferPanel ticketId={kase.ticketId} closed={false} />);
    const accept = (await screen.findByTestId('offer-accept')) as HTMLButtonElement;
    expect(accept.disabled).toBe(true);
    expect(screen.getByTestId('offer-told').dataset.state).toBe('untold');
    fireEvent.click(screen.getByTestId('offer-tell-phone'));
    await waitFor(() => expect(screen.getByTestId('offer-told').dataset.state).toBe('phone'));
    expect((screen.getByTestId('offer-accept') as HTMLButtonElement).disabled).toBe(false);
    expect(screen.getByText(/电话告知买家/)).toBeTruthy();
    view.unmount();
  });

  test('a buyer counter over the agent’s limit waits for a supervisor; only the supervisor can approve it', async () => {
    as = agent;
    const view = await renderConsole(<OfferPanel ticketId={kase.ticketId} closed={false} />);
    fireEvent.click(await screen.findByTestId('offer-counter'));
    // The counter form starts on a refund: its amount in yuan, fen on the wire.
    fireEvent.change(await screen.findByTestId('counter-amount'), { target: { value: '199' } });
    fireEvent.click(screen.getByTestId('counter-submit'));
    await waitFor(() => expect(rounds()).toEqual(['shop:countered', 'buyer:awaiting_approval']));
    expect(screen.getByText(/需主管审批/)).toBeTruthy();
    expect(screen.queryByTestId('offer-approve')).toBeNull();
    view.unmount();

    as = supervisor;
    await renderConsole(<OfferPanel ticketId={kase.ticketId} closed={false} />);
    fireEvent.click(await screen.findByTestId('offer-approve'));
    await waitFor(() => expect(rounds()).toEqual(['shop:countered', 'buyer:accepted']));
    expect(screen.getByText(/已批准/)).toBeTruthy();
    expect((await stored()).map((o) => `${o.party}:${o.status}:${o.amountFen}`)).toEqual([
      'shop:countered:0',
      'buyer:accepted:19900',
    ]);
  });

  test('on a platform with no message API the offer is sent in the back office: “已在平台后台发送”, never “重新发送”', async () => {
    as = agent;
    const manualCase = await aQualityCase(admin, { shopId: kase.shopId });
    await agent.request('POST', `/api/v1/tickets/${manualCase.ticketId}/offers`, {
      remedy: 'partial_refund',
      amountFen: 10_00,
    });
    const view = await renderConsole(<OfferPanel ticketId={manualCase.ticketId} closed={false} />);
    fireEvent.click(await screen.findByTestId('offer-tell-message'));
    await waitFor(() => expect(screen.getByTestId('offer-told').dataset.state).toBe('failed'));
    expect(screen.getByTestId('offer-by-hand-hint').textContent).toContain('平台商家后台');
    expect(screen.queryByTestId('offer-tell-message')).toBeNull();
    expect(screen.queryByText('重新发送')).toBeNull();
    expect((screen.getByTestId('offer-accept') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('mark-sent-by-hand'));
    await waitFor(() => expect(screen.getByTestId('offer-told').dataset.state).toBe('sent'));
    expect(screen.getByText('已人工发送')).toBeTruthy();
    expect((screen.getByTestId('offer-accept') as HTMLButtonElement).disabled).toBe(false);
    view.unmount();
  });

  test('a closed case shows its offers without any way to act on them', async () => {
    as = agent;
    await renderConsole(<OfferPanel ticketId={kase.ticketId} closed />);
    await waitFor(() => expect(rounds()).toHaveLength(2));
    expect(screen.queryByTestId('offer-new')).toBeNull();
    expect(screen.queryByTestId('offer-accept')).toBeNull();
    expect(screen.queryByTestId('offer-approve')).toBeNull();
  });
});
