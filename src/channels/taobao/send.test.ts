import { describe, expect, test } from 'vitest';
import type { OutboundWork, SendShop } from '../outbound.js';
import { planTaobaoSend, refundPhaseOf } from './send.js';

const shop = (settings: Record<string, unknown> = {}): SendShop => ({
  appKey: '12345678',
  appSecret: 'secret',
  externalShopId: null,
  settings: { accessToken: 'session-key', returnAddressId: '880001', ...settings },
});
const work = (kind: string, payload: Record<string, unknown>): OutboundWork =>
  ({ id: 'w1', kind, caseRef: 'aftersale:20261125000111222', orderRef: 'T1', payload }) as OutboundWork;
const bodyOf = (plan: ReturnType<typeof planTaobaoSend>) => {
  if (!plan.ok) throw new Error(plan.message);
  return new URLSearchParams(String(plan.request.body));
};
const NOW = new Date('2026-11-25T02:00:00Z');

describe("Tmall's refund_phase", () => {
  test.each([
    // [payload phase, shop setting, sent]
    ['aftersale', undefined, 'aftersale'], // the after-sale's own phase
    ['onsale', 'aftersale', 'onsale'], // the after-sale's phase wins over the shop's default
    [undefined, 'aftersale', 'aftersale'], // none given: the shop's configured phase (UNCERTAIN)
    [undefined, 'onsale', 'onsale'],
    [undefined, undefined, undefined], // a Taobao C shop: sent without one
    ['售后', 'bogus', undefined], // neither is a phase Tmall knows
  ])('payload %s, shop setting %s: %s', (payloadPhase, setting, sent) => {
    const s = shop(setting ? { taobaoRefundPhase: setting } : {});
    expect(refundPhaseOf(payloadPhase ? { refund_phase: payloadPhase } : {}, s)).toBe(sent);
  });

  test('agreeing to a refund carries the phase in refund_infos', () => {
    const body = bodyOf(
      planTaobaoSend(
        work('agree_refund', { amount_fen: 12900, refund_version: '1764036000000' }),
        shop({ taobaoRefundPhase: 'aftersale' }),
        'https://eco.taobao.com',
        NOW,
      ),
    );
    expect(body.get('refund_infos')).toBe('20261125000111222|12900|1764036000000|aftersale');
  });

  test('agreeing to a return and refusing carry refund_phase; without one they go without it', () => {
    const tmall = shop({ taobaoRefundPhase: 'onsale' });
    const agree = bodyOf(
      planTaobaoSend(work('return_instruction', {}), tmall, 'https://eco.taobao.com', NOW),
    );
    expect(agree.get('refund_phase')).toBe('onsale');
    const refuse = bodyOf(
      planTaobaoSend(
        work('refuse_refund', { reason: '商品已签收且影响二次销售' }),
        tmall,
        'https://eco.taobao.com',
        NOW,
      ),
    );
    expect(refuse.get('refund_phase')).toBe('onsale');
    const plain = bodyOf(
      planTaobaoSend(work('return_instruction', {}), shop(), 'https://eco.taobao.com', NOW),
    );
    expect(plain.has('refund_phase')).toBe(false);
  });
});
