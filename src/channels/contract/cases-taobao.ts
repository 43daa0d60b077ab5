// Test support: the Taobao contract cases (see cases.ts).
import { type ApiCase, CREDS, NOW, work } from './case-kit.js';
import { opentaobaoPost } from './sdk-mirrors.js';

export const TB_REFUND = 'aftersale:20261125000111222';
export const TAOBAO: ApiCase[] = [
  {
    platform: 'taobao',
    name: 'reply',
    source: 'bububa/opentaobao model/tbrefund/TaobaoRefundMessageAddAPIRequest.go; core/client.go Post',
    work: work('0193a000-0000-7000-8000-00000000b001', 'reply', TB_REFUND, '3012345678901234567', {
      content: '亲，已收到您的退款申请，我们会在24小时内处理。',
    }),
    sdk: () =>
      opentaobaoPost(
        CREDS.taobao,
        'taobao.refund.message.add',
        { refund_id: '20261125000111222', content: '亲，已收到您的退款申请，我们会在24小时内处理。' },
        NOW,
      ),
  },
  {
    platform: 'taobao',
    name: 'agree-refund',
    source:
      'model/tbrefund/TaobaoRpRefundsAgreeAPIRequest.go refund_infos "refund_id|amount|version|phase"; core/client.go',
    work: work('0193a000-0000-7000-8000-00000000b002', 'agree_refund', TB_REFUND, '3012345678901234567', {
      amount_fen: 12990,
      refund_version: '1764036000000',
      refund_phase: 'aftersale',
    }),
    sdk: () =>
      opentaobaoPost(
        CREDS.taobao,
        'taobao.rp.refunds.agree',
        { refund_infos: '20261125000111222|12990|1764036000000|aftersale' },
        NOW,
      ),
  },
  {
    platform: 'taobao',
    name: 'agree-refund-sms-code',
    source: 'TaobaoRpRefundsAgreeAPIRequest.go code (the second call for large amounts); core/client.go',
    work: work('0193a000-0000-7000-8000-00000000b003', 'agree_refund', TB_REFUND, null, {
      amount_fen: 880000,
      refund_version: '1764036000000',
      sms_code: '402931',
    }),
    sdk: () =>
      opentaobaoPost(
        CREDS.taobao,
        'taobao.rp.refunds.agree',
        { refund_infos: '20261125000111222|880000|1764036000000', code: '402931' },
        NOW,
      ),
  },
  {
    platform: 'taobao',
    name: 'agree-return',
    source: 'model/tbrefund/TaobaoRpReturngoodsAgreeAPIRequest.go; core/client.go',
    work: work('0193a000-0000-7000-8000-00000000b004', 'return_instruction', TB_REFUND, null, {
      purpose: 'return_and_refund',
      return_shipping_paid: true,
      refund_version: '1764036000000',
      refund_phase: 'aftersale',
    }),
    sdk: () =>
      opentaobaoPost(
        CREDS.taobao,
        'taobao.rp.returngoods.agree',
        {
          refund_id: '20261125000111222',
          seller_address_id: '880001',
          refund_phase: 'aftersale',
          refund_version: '1764036000000',
          remark: '同意退货，请按退货地址寄回',
          post_fee_bear_role: '0',
        },
        NOW,
      ),
  },
  {
    platform: 'taobao',
    name: 'refuse',
    source: 'bububa/opentaobao model/refund/TaobaoRefundRefuseAPIRequest.go; core/client.go',
    work: work('0193a000-0000-7000-8000-00000000b005', 'refuse_refund', TB_REFUND, null, {
      reason: '商品已签收且影响二次销售，不支持退款',
      refund_version: '1764036000000',
      refund_phase: 'aftersale',
    }),
    sdk: () =>
      opentaobaoPost(
        CREDS.taobao,
        'taobao.refund.refuse',
        {
          refund_id: '20261125000111222',
          refuse_message: '商品已签收且影响二次销售，不支持退款',
          refund_phase: 'aftersale',
          refund_version: '1764036000000',
        },
        NOW,
      ),
  },
  {
    platform: 'taobao',
    name: 'review-reply',
    source: 'bububa/opentaobao model/traderate/TaobaoTraderateExplainAddAPIRequest.go; core/client.go',
    work: work(
      '0193a000-0000-7000-8000-00000000b006',
      'review_reply',
      'review:998877',
      '3012345678901234567',
      {
        content: '感谢您的反馈，我们已改进包装。',
        oid: '3012345678901234568',
      },
    ),
    sdk: () =>
      opentaobaoPost(
        CREDS.taobao,
        'taobao.traderate.explain.add',
        { oid: '3012345678901234568', reply: '感谢您的反馈，我们已改进包装。' },
        NOW,
      ),
  },
];
