// Test support: one case per outbound action and platform — the outbox row we send, the SDK call it
// must equal (built by sdk-mirrors.ts) and the SDK file followed. Golden request fixtures in
// ./golden/<platform>/<name>.json hold the expected request byte for byte.
import { type ApiCase, CREDS, type ManualCase, NOW, work } from './case-kit.js';
import { TAOBAO, TB_REFUND } from './cases-taobao.js';
import { TIKTOK, TT_RETURN } from './cases-tiktok.js';
import { doudianCorePy, pddNodeSdk } from './sdk-mirrors.js';

export { type ApiCase, CREDS, type ManualCase, NOW, SETTINGS } from './case-kit.js';

const DY_AFTERSALE = 'aftersale:7301234567890123456';
const DY_ORDER = '6920123456789012345';
const operate = (type: number, item: Record<string, unknown>) => () =>
  doudianCorePy(
    CREDS.douyin,
    '/afterSale/operate',
    { type, items: [{ aftersale_id: '7301234567890123456', ...item }] },
    NOW,
  );

const DOUYIN: ApiCase[] = [
  {
    platform: 'douyin',
    name: 'agree-refund',
    source:
      'official SDK AfterSaleOperateParam; renhonghai/doudian-sdk AfterSaleTypeConstant (201); minibear2021/doudian core.py _request',
    work: work('0193a000-0000-7000-8000-00000000d001', 'agree_refund', DY_AFTERSALE, DY_ORDER, {
      amount_fen: 12990,
    }),
    sdk: operate(201, {}),
  },
  {
    platform: 'douyin',
    name: 'agree-refund-after-return',
    source: 'AfterSaleOperateParam (type 111, UNCERTAIN code); core.py _request',
    work: work('0193a000-0000-7000-8000-00000000d002', 'agree_refund', DY_AFTERSALE, DY_ORDER, {
      amount_fen: 12990,
      after_return: true,
      note: '已收到退货，同意退款',
    }),
    sdk: operate(111, { remark: '已收到退货，同意退款' }),
  },
  {
    platform: 'douyin',
    name: 'agree-return',
    source:
      'AfterSaleOperateParam logistics.receiver_address_id (type 101, UNCERTAIN code); core.py _request',
    work: work('0193a000-0000-7000-8000-00000000d003', 'return_instruction', DY_AFTERSALE, DY_ORDER, {
      purpose: 'return_and_refund',
      return_shipping_paid: true,
    }),
    sdk: operate(101, { logistics: { receiver_address_id: 7001 } }),
  },
  {
    platform: 'douyin',
    name: 'agree-exchange',
    source: 'AfterSaleOperateParam (type 301, UNCERTAIN code); core.py _request',
    work: work('0193a000-0000-7000-8000-00000000d004', 'return_instruction', DY_AFTERSALE, DY_ORDER, {
      purpose: 'exchange',
    }),
    sdk: operate(301, { logistics: { receiver_address_id: 7001 } }),
  },
  {
    platform: 'douyin',
    name: 'refuse',
    source:
      'AfterSaleOperateParam items[reason, remark, reject_reason_code, evidence[type 1, url, desc]] (type 202); core.py _request',
    work: work('0193a000-0000-7000-8000-00000000d005', 'refuse_refund', DY_AFTERSALE, DY_ORDER, {
      reason: '商品已使用，影响二次销售',
      reason_code: 3,
      proof_urls: ['https://img.example.com/proof-1.jpg'],
      refuse_stage: 'refund',
    }),
    sdk: operate(202, {
      reason: '商品已使用，影响二次销售',
      remark: '商品已使用，影响二次销售',
      reject_reason_code: 3,
      evidence: [{ type: 1, url: 'https://img.example.com/proof-1.jpg', desc: '商品已使用，影响二次销售' }],
    }),
  },
  {
    platform: 'douyin',
    name: 'exchange-shipped',
    source:
      'AfterSaleOperateParam logistics{company_code, logistics_code} (type 311, UNCERTAIN code); core.py _request',
    work: work('0193a000-0000-7000-8000-00000000d006', 'exchange_shipped', DY_AFTERSALE, DY_ORDER, {
      carrier_code: 'zhongtong',
      carrier_name: '中通快递',
      tracking_no: 'ZT7731234567890',
    }),
    sdk: operate(311, { logistics: { company_code: 'zhongtong', logistics_code: 'ZT7731234567890' } }),
  },
  {
    platform: 'douyin',
    name: 'reply-service-request',
    source: 'bububa/jinritemai-go requests/order/replyService.go {id, reply}; core.py _request',
    work: work('0193a000-0000-7000-8000-00000000d007', 'reply', 'service:7301234567890999999', null, {
      content: '您好，已为您安排补发，请留意物流。',
    }),
    sdk: () =>
      doudianCorePy(
        CREDS.douyin,
        '/order/replyService',
        { id: 7301234567890999999n, reply: '您好，已为您安排补发，请留意物流。' },
        NOW,
      ),
  },
];

const PDD_AFTERSALE = 'aftersale:4035318504';
const PDD_ORDER = '231125-456789012345678';
const PDD: ApiCase[] = [
  {
    platform: 'pinduoduo',
    name: 'agree-refund',
    source:
      'lywzx/pdd-node-sdk packages/pdd-origin-api/src/shouHou/PddRefundAgree.ts; packages/core/src/libs/pdd-client.ts',
    work: work('0193a000-0000-7000-8000-00000000p001', 'agree_refund', PDD_AFTERSALE, PDD_ORDER, {
      amount_fen: 4990,
    }),
    sdk: () =>
      pddNodeSdk(
        CREDS.pinduoduo,
        { type: 'pdd.refund.agree', request: { after_sales_id: '4035318504', order_sn: PDD_ORDER } },
        NOW,
      ),
  },
  {
    platform: 'pinduoduo',
    name: 'agree-return',
    source: 'shouHou/PddRefundReturngoodsAgree.ts; packages/core/src/libs/pdd-client.ts',
    work: work('0193a000-0000-7000-8000-00000000p002', 'return_instruction', PDD_AFTERSALE, PDD_ORDER, {
      purpose: 'return_and_refund',
      note: '同意退货，运费我们承担，请按退货地址寄回',
    }),
    sdk: () =>
      pddNodeSdk(
        CREDS.pinduoduo,
        {
          type: 'pdd.refund.returngoods.agree',
          request: {
            after_sales_id: '4035318504',
            operate_desc: '同意退货，运费我们承担，请按退货地址寄回',
            order_sn: PDD_ORDER,
            return_address_id: '2026001',
          },
        },
        NOW,
      ),
  },
  {
    platform: 'pinduoduo',
    name: 'exchange-shipped',
    source: 'shouHou/PddRefundExchangeShipping.ts; packages/core/src/libs/pdd-client.ts',
    work: work('0193a000-0000-7000-8000-00000000p003', 'exchange_shipped', PDD_AFTERSALE, PDD_ORDER, {
      carrier_code: '115',
      carrier_name: '中通快递',
      tracking_no: 'ZT7731234567890',
    }),
    sdk: () =>
      pddNodeSdk(
        CREDS.pinduoduo,
        {
          type: 'pdd.refund.exchange.shipping',
          request: {
            after_sales_id: '4035318504',
            order_sn: PDD_ORDER,
            shipping_id: 115,
            shipping_name: '中通快递',
            tracking_number: 'ZT7731234567890',
          },
        },
        NOW,
      ),
  },
];

export const API_CASES: ApiCase[] = [...DOUYIN, ...PDD, ...TIKTOK, ...TAOBAO];

/** Actions that stay with a person: the adapter says so and sends nothing. */
export const MANUAL_CASES: ManualCase[] = [
  { platform: 'douyin', kind: 'reply', caseRef: DY_AFTERSALE },
  { platform: 'douyin', kind: 'review_reply', caseRef: 'review:1' },
  { platform: 'douyin', kind: 'approve_cancellation', caseRef: DY_AFTERSALE },
  { platform: 'douyin', kind: 'reject_cancellation', caseRef: DY_AFTERSALE },
  { platform: 'pinduoduo', kind: 'reply', caseRef: PDD_AFTERSALE },
  { platform: 'pinduoduo', kind: 'acknowledgement', caseRef: PDD_AFTERSALE },
  { platform: 'pinduoduo', kind: 'refuse_refund', caseRef: PDD_AFTERSALE },
  { platform: 'pinduoduo', kind: 'review_reply', caseRef: 'review:1' },
  { platform: 'pinduoduo', kind: 'approve_cancellation', caseRef: PDD_AFTERSALE },
  { platform: 'pinduoduo', kind: 'reject_cancellation', caseRef: PDD_AFTERSALE },
  { platform: 'tiktok', kind: 'reply', caseRef: TT_RETURN },
  { platform: 'tiktok', kind: 'review_reply', caseRef: 'review:1' },
  { platform: 'tiktok', kind: 'exchange_shipped', caseRef: TT_RETURN },
  { platform: 'taobao', kind: 'reply', caseRef: 'chat:1' },
  { platform: 'taobao', kind: 'exchange_shipped', caseRef: TB_REFUND },
  { platform: 'taobao', kind: 'approve_cancellation', caseRef: TB_REFUND },
  { platform: 'taobao', kind: 'reject_cancellation', caseRef: TB_REFUND },
];
