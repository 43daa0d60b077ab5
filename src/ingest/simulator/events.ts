import {
  BIG,
  beijingTime,
  type Delivery,
  douyin,
  pinduoduo,
  type SimShop,
  taobao,
  tiktok,
} from './signed-pushes.js';
import type { ReviewTexts } from './texts.js';

/** Deterministic randomness (mulberry32), so a seed replays the same traffic. */
export function createRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof createRng>;

export type StoryContext = {
  rng: Rng;
  shop: SimShop;
  texts: ReviewTexts;
  /** Order ids the target knows (demo imports them first); random ones otherwise. */
  orderRefs: string[];
  /** What the buyer of a known order says and what it holds (the demo: words that match the product). */
  textsFor?: ((orderRef: string) => (ReviewTexts & { product?: string }) | undefined) | undefined;
  nowMs: number;
  /** Unique per run: keeps event and case ids of two runs apart. */
  runTag: string;
  seq: () => number;
};

const bigId = (ctx: StoryContext, prefix: string) =>
  `${prefix}${String(ctx.nowMs).slice(-6)}${String(ctx.seq()).padStart(7, '0')}${ctx.rng.int(10, 99)}`;

const orderRef = (ctx: StoryContext) =>
  ctx.orderRefs.length && ctx.rng.chance(0.8) ? ctx.rng.pick(ctx.orderRefs) : bigId(ctx, '69');

const seconds = (ms: number) => Math.floor(ms / 1000);

/**
 * The platform's delivered / signed-for event of an order (src/channels/delivery-event-names.ts),
 * as the platform pushes it: what sets the order's deliveredAt and starts care after delivery.
 */
export function deliveredEvent(
  shop: SimShop,
  orderRef: string,
  atMs: number,
  msgId: string,
  /** When the push is sent (what the platform signs and what the receiver checks for freshness). */
  sentMs: number,
): Delivery {
  const at = seconds(atMs);
  switch (shop.platform) {
    case 'douyin':
      return douyin(shop, 'doudian_trade_TradeSuccess', '103', msgId, {
        p_id: BIG(orderRef),
        shop_id: Number(shop.externalShopId),
        complete_time: at,
      });
    case 'pinduoduo':
      return pinduoduo(shop, msgId, 'pdd_trade_TradeConfirmed', { tid: orderRef, modified: at }, sentMs);
    case 'tiktok':
      return {
        ...tiktok(shop, 1, msgId, { order_id: orderRef, order_status: 'DELIVERED', update_time: at }, sentMs),
        type: 'ORDER_STATUS_CHANGE',
      };
    case 'taobao':
      return taobao(
        shop,
        msgId,
        'taobao_trade_TradeSuccess',
        { tid: orderRef, modified: beijingTime(atMs) },
        sentMs,
      );
  }
}

/**
 * A Taobao buyer's price-protection refund (价保) on an order on its way: opened with the buyer's
 * words, then paid. The refund is the buyer's own thread about the order, where the open API can
 * write to them (taobao.refund.message.add): what carries care after delivery on Taobao.
 */
export function priceProtectionRefund(
  shop: SimShop,
  orderRef: string,
  atMs: number,
  refundId: string,
  msgId: string,
  sentMs: number,
): Delivery[] {
  const refund = {
    refund_id: refundId,
    tid: orderRef,
    oid: refundId,
    refund_fee: '10.00',
    bill_type: 'refund_bill',
    refund_phase: 'onsale',
    buyer_nick: `t***${orderRef.slice(-2)}`,
    buyer_open_uid: `AAH${orderRef.slice(-6)}`,
    seller_nick: '模拟淘宝店',
  };
  const topics = [
    ['taobao_refund_RefundCreated', {}],
    [
      'taobao_refund_RefundCreateMessage',
      { message: '刚下单第二天就降价了 10 元，申请价保补差价。', reason: '价格保护' },
    ],
    ['taobao_refund_RefundSuccess', {}],
  ] as const;
  return topics.map(([topic, extra], i) =>
    taobao(
      shop,
      `${msgId}${i}`,
      topic,
      { ...refund, ...extra, modified: beijingTime(atMs + i * 600_000) },
      sentMs,
    ),
  );
}

const REASONS = ['质量问题', '与描述不符', '少件/漏发', '收到商品破损', '七天无理由', '尺码不合适', '发错货'];

/**
 * One case's events in the order they happen on the platform: an after-sale from opening to
 * refund, a review, a chat message or a notice. Each stage happens a minute after the last.
 */
export function nextStory(ctx: StoryContext): Delivery[] {
  const { rng, shop } = ctx;
  const t0 = ctx.nowMs - 3600_000;
  const at = (stage: number) => t0 + stage * 60_000;
  const roll = rng.next();
  const about = (ref: string) => ctx.textsFor?.(ref) ?? ctx.texts;
  const buyerWords = (ref?: string) => rng.pick((ref ? about(ref) : ctx.texts).negative);
  switch (shop.platform) {
    case 'douyin': {
      if (roll > 0.85) {
        // A trade event: stored and processed, no case.
        const id = bigId(ctx, '7');
        return [
          douyin(shop, 'doudian_trade_TradePaid', '101', `${ctx.runTag}-${id}`, {
            p_id: BIG(orderRef(ctx)),
            pay_time: seconds(at(0)),
          }),
        ];
      }
      const aftersale = BIG(bigId(ctx, '71'));
      const common = {
        aftersale_id: aftersale,
        aftersale_type: rng.pick([0, 0, 1, 3]),
        p_id: BIG(orderRef(ctx)),
        s_id: BIG(bigId(ctx, '69')),
        shop_id: Number(shop.externalShopId),
        reason_code: rng.int(1, 30),
        refund_amount: rng.int(9_90, 399_00),
        refund_post_amount: 0,
        refund_voucher_num: 0,
      };
      // About one after-sale in eight ends in Douyin customer service stepping in and asking the
      // merchant for evidence (tags 217 and 213): what opens a dispute in the demo.
      const steps: [string, string, string, number, Record<string, number>][] =
        roll < 0.1
          ? [
              ['200', 'doudian_refund_RefundCreated', 'apply_time', 6, {}],
              ['217', 'doudian_refund_ArbitrateServiceIntervene', 'update_time', 6, { arbitrate_status: 1 }],
              ['213', 'doudian_refund_ArbitrateSubmiting', 'update_time', 6, { arbitrate_status: 1 }],
            ]
          : [
              ['200', 'doudian_refund_RefundCreated', 'apply_time', 6, {}],
              ['202', 'doudian_refund_ReturnApplyAgreed', 'agree_time', 7, {}],
              ['203', 'doudian_refund_BuyerReturnGoods', 'update_time', 11, {}],
              ['206', 'doudian_refund_RefundSuccess', 'success_time', 12, {}],
            ];
      return steps.map(([tag, type, timeField, status, extra], i) =>
        douyin(shop, type, tag, `${ctx.runTag}-${ctx.seq()}`, {
          ...common,
          aftersale_status: status,
          ...extra,
          [timeField]: seconds(at(i)),
          update_time: seconds(at(i)),
        }),
      );
    }
    case 'pinduoduo': {
      const id = () => `${ctx.runTag}-${ctx.seq()}`;
      if (roll < 0.25) {
        const negative = rng.chance(0.6);
        const tid = orderRef(ctx);
        const said = about(tid);
        return [
          pinduoduo(
            shop,
            id(),
            'pdd_comment_CommentCreated',
            {
              comment_id: bigId(ctx, '5'),
              tid,
              goods_id: String(rng.int(100000, 999999)),
              goods_name:
                ctx.textsFor?.(tid)?.product ??
                rng.pick(['不锈钢保温杯 500ml', '便携榨汁杯', '纯棉T恤', '智利车厘子 2斤']),
              score: negative ? rng.int(1, 3) : rng.int(4, 5),
              comment: rng.pick(negative ? said.negative : said.positive),
              nickname: `拼***${rng.int(1, 99)}`,
              created: seconds(at(0)),
            },
            ctx.nowMs,
          ),
        ];
      }
      if (roll < 0.4) {
        const tid = orderRef(ctx);
        return [
          pinduoduo(
            shop,
            id(),
            'pdd_chat_BuyerMessage',
            {
              conversation_id: bigId(ctx, '8'),
              msg_id: bigId(ctx, '9'),
              content: buyerWords(tid),
              nickname: `拼***${rng.int(1, 99)}`,
              buyer_id: String(rng.int(1_000_000, 9_999_999)),
              tid,
              created: seconds(at(0)),
            },
            ctx.nowMs,
          ),
        ];
      }
      if (roll < 0.5) {
        return [
          pinduoduo(
            shop,
            id(),
            'pdd_notice_ViolationNotice',
            {
              notice_id: bigId(ctx, '3'),
              title: '店铺违规通知：虚假发货',
              content: '您的店铺存在虚假发货行为，已扣除保证金 ¥500，请在 7 天内申诉。',
              created: seconds(at(0)),
            },
            ctx.nowMs,
          ),
        ];
      }
      const refund = {
        refund_id: bigId(ctx, '6'),
        tid: orderRef(ctx),
        mall_id: shop.externalShopId,
        refund_fee: rng.int(5_00, 299_00),
        bill_type: 2,
      };
      return [
        pinduoduo(shop, id(), 'pdd_refund_RefundCreated', { ...refund, modified: seconds(at(0)) }, ctx.nowMs),
        pinduoduo(
          shop,
          id(),
          'pdd_refund_RefundCreateMessage',
          { ...refund, message: buyerWords(refund.tid), modified: seconds(at(1)) },
          ctx.nowMs,
        ),
        pinduoduo(
          shop,
          id(),
          'pdd_refund_RefundAgreeAgreement',
          { ...refund, operation: 'agree', modified: seconds(at(2)) },
          ctx.nowMs,
        ),
        pinduoduo(
          shop,
          id(),
          'pdd_refund_RefundBuyerReturnGoods',
          { ...refund, modified: seconds(at(3)) },
          ctx.nowMs,
        ),
        pinduoduo(shop, id(), 'pdd_refund_RefundClosed', { ...refund, modified: seconds(at(4)) }, ctx.nowMs),
      ];
    }
    case 'tiktok': {
      if (roll < 0.3) {
        return [
          tiktok(
            shop,
            14,
            bigId(ctx, '73'),
            {
              conversation_id: bigId(ctx, '74'),
              message_id: bigId(ctx, '75'),
              type: 'TEXT',
              content: buyerWords(),
              sender: {
                role: 'BUYER',
                nickname: `tt_buyer_${rng.int(1, 999)}`,
                im_user_id: bigId(ctx, '76'),
              },
              create_time: seconds(at(0)),
            },
            ctx.nowMs,
          ),
        ];
      }
      if (roll < 0.35) {
        return [
          tiktok(
            shop,
            5,
            bigId(ctx, '73'),
            { product_id: bigId(ctx, '17'), status: 'FREEZE', update_time: seconds(at(0)) },
            ctx.nowMs,
          ),
        ];
      }
      const ret = {
        order_id: orderRef(ctx),
        return_id: bigId(ctx, '41'),
        return_role: 'BUYER',
        return_type: rng.pick(['RETURN_AND_REFUND', 'REFUND', 'RETURN_AND_REFUND']),
        create_time: seconds(at(0)),
      };
      const statuses = [
        'RETURN_OR_REFUND_REQUEST_PENDING',
        'AWAITING_BUYER_SHIP',
        'BUYER_SHIPPED_ITEM',
        'RETURN_OR_REFUND_REQUEST_COMPLETE',
      ];
      return statuses.map((status, i) =>
        tiktok(
          shop,
          12,
          bigId(ctx, '73'),
          { ...ret, return_status: status, update_time: seconds(at(i)) },
          ctx.nowMs,
        ),
      );
    }
    case 'taobao': {
      const refund = {
        refund_id: bigId(ctx, '2'),
        tid: orderRef(ctx),
        oid: bigId(ctx, '2'),
        refund_fee: `${rng.int(5, 499)}.${String(rng.int(0, 99)).padStart(2, '0')}`,
        bill_type: rng.pick(['return_bill', 'refund_bill']),
        refund_phase: 'aftersale',
        buyer_nick: `t***${rng.int(1, 99)}`,
        buyer_open_uid: `AAH${rng.int(100000, 999999)}`,
        seller_nick: '模拟淘宝店',
      };
      const when = (i: number) => new Date(at(i) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
      const topics = [
        ['taobao_refund_RefundCreated', {}],
        ['taobao_refund_RefundCreateMessage', { message: buyerWords(refund.tid), reason: rng.pick(REASONS) }],
        ['taobao_refund_RefundSellerAgreeAgreement', {}],
        ['taobao_refund_RefundBuyerReturnGoods', {}],
        ['taobao_refund_RefundSuccess', {}],
      ] as const;
      const flow = rng.chance(0.1)
        ? [...topics.slice(0, 2), ['taobao_refund_TaobaoInterApplied', {}] as const]
        : topics;
      return flow.map(([topic, extra], i) =>
        taobao(
          shop,
          `${ctx.runTag}${ctx.seq()}`,
          topic,
          { ...refund, ...extra, modified: when(i) },
          ctx.nowMs,
        ),
      );
    }
  }
}
