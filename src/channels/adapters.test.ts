import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { PLATFORMS, type Platform, type ShopAuth } from './channel.js';
import { parseJsonLossless } from './json.js';
import { signedPush } from './push.js';
import { CHANNELS } from './registry.js';
import { disputeStage } from './taobao/normalise.js';
import { tiktokMessageText } from './tiktok/normalise.js';

const shop = (platform: Platform): ShopAuth => ({
  id: '0193a000-0000-7000-8000-000000000001',
  appKey: `key-${platform}`,
  appSecret: `secret-${platform}`,
  externalShopId: null,
  settings: {},
});
const fixture = (p: Platform, name: string) =>
  readFileSync(new URL(`./${p}/fixtures/${name}.json`, import.meta.url), 'utf8');

/** Accepts a fixture as the webhook would and normalises its (first) event. */
function normalised(p: Platform, name: string, settings: Record<string, unknown> = {}) {
  const s = { ...shop(p), settings };
  const signed = signedPush(p, s, fixture(p, name));
  const verdict = CHANNELS[p].acceptPush(
    { rawBody: Buffer.from(signed.body), headers: signed.headers, now: new Date() },
    s,
  );
  if (!verdict.ok) throw new Error(verdict.reason);
  return CHANNELS[p].normalise(verdict.events[0]!, settings);
}

describe('lossless JSON', () => {
  test('integers beyond 2^53 come back as strings with every digit; the rest as JSON.parse', () => {
    expect(
      parseJsonLossless(
        '{"a":7301234567890123456,"b":12,"c":"9999999999999999999","d":-9223372036854775808,"e":1.5e300}',
      ),
    ).toEqual({
      a: '7301234567890123456',
      b: 12,
      c: '9999999999999999999',
      d: '-9223372036854775808',
      e: 1.5e300,
    });
    expect(parseJsonLossless('["x\\"7301234567890123456", 9007199254740991]')).toEqual([
      'x"7301234567890123456',
      9007199254740991,
    ]);
    expect(() => parseJsonLossless('{"a":')).toThrow(SyntaxError);
  });
  test('agrees with JSON.parse on any JSON without long integers', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        const hasLong = /\d{16,}/.test(text);
        fc.pre(!hasLong);
        expect(parseJsonLossless(text)).toEqual(JSON.parse(text));
      }),
    );
  });
});

describe('fixtures normalise into TicketEvents', () => {
  test('Douyin after-sales', () => {
    const e = normalised('douyin', 'refund-created');
    expect(e).toMatchObject({
      kind: 'after_sale',
      eventType: 'doudian_refund_RefundCreated',
      caseRef: 'aftersale:7301234567890123456',
      orderRef: '6920123456789012345',
      stage: 'opened',
      afterSaleType: 'return_refund',
      amountFen: 12990,
    });
    expect(e.text).toContain('¥129.90');
    expect(normalised('douyin', 'refund-agreed').stage).toBe('agreed');
    expect(normalised('douyin', 'buyer-return-goods')).toMatchObject({
      kind: 'return_shipped',
      stage: 'buyer_returned',
    });
    expect(normalised('douyin', 'refund-success').stage).toBe('refunded');
    const arb = normalised('douyin', 'arbitrate-audited');
    expect(arb).toMatchObject({
      stage: 'arbitration',
      caseRef: 'aftersale:7301234567890123999',
      afterSaleType: 'refund_only',
    });
    expect(arb.text).toContain('商家胜');
    expect(normalised('douyin', 'trade-paid').kind).toBe('order_update');
    expect(normalised('douyin', 'unknown-tag').kind).toBe('unknown');
  });

  test('Pinduoduo refunds, buyer words, reviews, chats, notices; amount unit per shop', () => {
    const e = normalised('pinduoduo', 'refund-created');
    expect(e).toMatchObject({
      kind: 'after_sale',
      caseRef: 'aftersale:9876543210',
      orderRef: '241125-123456789012345',
      stage: 'opened',
      afterSaleType: 'return_refund',
      amountFen: 5990,
    });
    expect(normalised('pinduoduo', 'refund-created', { pddAmountUnit: 'yuan' }).amountFen).toBe(599000);
    expect(normalised('pinduoduo', 'refund-agreed').stage).toBe('agreed');
    // After-sales types 4 and 5: resend (补寄) and repair (维修).
    expect(normalised('pinduoduo', 'refund-resend')).toMatchObject({
      afterSaleType: 'resend',
      stage: 'opened',
    });
    expect(normalised('pinduoduo', 'refund-resend').text).toContain('补寄');
    expect(normalised('pinduoduo', 'refund-repair')).toMatchObject({ afterSaleType: 'repair' });
    expect(normalised('pinduoduo', 'buyer-return-goods').kind).toBe('return_shipped');
    expect(normalised('pinduoduo', 'refund-closed').stage).toBe('closed');
    expect(normalised('pinduoduo', 'refund-message')).toMatchObject({
      kind: 'chat_message',
      caseRef: 'aftersale:9876543210',
      text: '商品有划痕，已上传照片',
    });
    expect(normalised('pinduoduo', 'comment-created')).toMatchObject({
      kind: 'review',
      rating: 1,
      caseRef: 'review:5550001',
    });
    expect(normalised('pinduoduo', 'chat-message')).toMatchObject({
      kind: 'chat_message',
      caseRef: 'chat:c-20261125-01',
      buyer: { externalId: 'u-889900' },
    });
    expect(normalised('pinduoduo', 'notice-penalty')).toMatchObject({
      kind: 'platform_notice',
      caseRef: 'notice:n-778',
    });
    expect(normalised('pinduoduo', 'unknown-type').kind).toBe('unknown');
  });

  test.each([
    ['TEXT', '{"content":"你好"}', '你好'],
    ['TEXT', '{"content":""}', '（非文本消息）'],
    ['IMAGE', '{"url":"https://x/y.jpg","width":1,"height":1}', '（买家发送了一张图片）'],
    ['TEXT', 'not json', 'not json'],
  ])('TikTok chat %s content %s reads as %s', (type, content, text) => {
    expect(tiktokMessageText(type, content)).toBe(text);
  });

  test('TikTok returns, refunds, messages, notices', () => {
    expect(normalised('tiktok', 'return-requested')).toMatchObject({
      kind: 'after_sale',
      stage: 'opened',
      caseRef: 'aftersale:4035318504958413825',
      afterSaleType: 'return_refund',
    });
    expect(normalised('tiktok', 'return-awaiting-ship').stage).toBe('agreed');
    expect(normalised('tiktok', 'buyer-shipped')).toMatchObject({
      kind: 'return_shipped',
      stage: 'buyer_returned',
    });
    expect(normalised('tiktok', 'refund-success')).toMatchObject({ stage: 'refunded', amountFen: 2590 });
    // NEW_MESSAGE content is a JSON string: the buyer's words are inside it.
    expect(normalised('tiktok', 'new-message')).toMatchObject({
      kind: 'chat_message',
      caseRef: 'chat:7294867890123456789',
      buyer: { name: 'Anna' },
      text: 'Is my parcel lost?',
    });
    // The shop's own message comes back by webhook too: it is nobody's new words.
    expect(normalised('tiktok', 'shop-message').kind).toBe('ignored');
    expect(normalised('tiktok', 'cancellation-requested')).toMatchObject({
      kind: 'after_sale',
      caseRef: 'cancel:4035318504958419999',
      orderRef: '576461413038785799',
      stage: 'opened',
      afterSaleType: 'cancellation',
    });
    const expiring = normalised('tiktok', 'auth-expiring');
    expect(expiring).toMatchObject({
      kind: 'platform_notice',
      eventType: 'UPCOMING_AUTHORIZATION_EXPIRATION',
    });
    expect(expiring.text).toContain('2025-12-02 00:00 北京时间');
    expect(normalised('tiktok', 'seller-deauthorization').kind).toBe('platform_notice');
    expect(normalised('tiktok', 'order-status').kind).toBe('order_update');
    expect(normalised('tiktok', 'unknown-type').kind).toBe('unknown');
  });

  test('Taobao TMC refunds (yuan strings to fen) and intervention', () => {
    const e = normalised('taobao', 'refund-created');
    expect(e).toMatchObject({
      kind: 'after_sale',
      caseRef: 'aftersale:166123456789012345',
      orderRef: '3801234567890123456',
      amountFen: 12990,
      afterSaleType: 'return_refund',
      buyer: { name: 't**1' },
    });
    expect(e.occurredAt?.toISOString()).toBe('2026-11-25T02:00:00.000Z');
    expect(normalised('taobao', 'refund-agreed').stage).toBe('agreed');
    expect(normalised('taobao', 'buyer-return-goods').kind).toBe('return_shipped');
    expect(normalised('taobao', 'refund-success').stage).toBe('refunded');
    expect(normalised('taobao', 'inter-applied').stage).toBe('arbitration');
    expect(normalised('taobao', 'refund-message').kind).toBe('chat_message');
    expect(normalised('taobao', 'unknown-topic').kind).toBe('unknown');
  });

  test('Taobao dispute topics: their own shape (numeric buyer_refund_fee, open uids) opens the same kind of case', () => {
    expect(normalised('taobao', 'dispute-created')).toMatchObject({
      kind: 'after_sale',
      eventType: 'taobao_dispute_DisputeCreated',
      caseRef: 'aftersale:166123456789077777',
      orderRef: '3801234567890177777',
      stage: 'opened',
      amountFen: 4590,
      buyer: { name: null, externalId: 'AAGdisp01' },
    });
    expect(normalised('taobao', 'dispute-created', { taobaoDisputeFeeUnit: 'yuan' }).amountFen).toBe(459000);
  });

  test.each([
    ['taobao_dispute_DisputeCreated', 'opened'],
    ['taobao_dispute_SellerAgreeDispute', 'agreed'],
    ['taobao_dispute_SellerRefuseDispute', 'refused'],
    ['taobao_dispute_BuyerReturnGoods', 'buyer_returned'],
    ['taobao_dispute_DisputeSuccess', 'refunded'],
    ['taobao_dispute_DisputeClosed', 'closed'],
    ['taobao_dispute_TaobaoInterApplied', 'arbitration'],
    ['taobao_dispute_CreateMessage', 'message'],
    ['taobao_dispute_SomethingNew', 'modified'],
  ])('the dispute topic %s reads as %s', (topic, stage) => {
    expect(disputeStage(topic)).toBe(stage);
  });

  test('the Taobao message id beyond 2^53 is kept as its digits', () => {
    const s = shop('taobao');
    const signed = signedPush('taobao', s, fixture('taobao', 'refund-created'));
    const v = CHANNELS.taobao.acceptPush(
      { rawBody: Buffer.from(signed.body), headers: signed.headers, now: new Date() },
      s,
    );
    expect(v.ok && v.events[0]!.externalEventId).toBe('9223372036854775001');
  });
});

describe('random input never crashes an adapter', () => {
  const headerNames = [
    'event-sign',
    'app-id',
    'authorization',
    'x-pdd-sign',
    'x-pdd-timestamp',
    'x-top-sign',
    'content-type',
  ];
  const headers = fc.dictionary(fc.constantFrom(...headerNames), fc.string({ maxLength: 80 }));
  const bodies = fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
  );

  test.each(PLATFORMS)('%s: acceptPush answers ok or 400/401 for any body and headers', (p) => {
    fc.assert(
      fc.property(bodies, headers, (body, h) => {
        const v = CHANNELS[p].acceptPush(
          { rawBody: Buffer.from(body), headers: h, now: new Date() },
          shop(p),
        );
        expect(v.ok || v.status === 400 || v.status === 401).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test.each(PLATFORMS)(
    '%s: correctly signed random bodies are refused with 400 or accepted, and normalise throws only Errors',
    (p) => {
      fc.assert(
        fc.property(
          fc.oneof(
            bodies,
            fc.jsonValue().map((v) => JSON.stringify([{ tag: '200', msg_id: '1', data: JSON.stringify(v) }])),
          ),
          (body) => {
            const signed = signedPush(p, shop(p), body);
            const v = CHANNELS[p].acceptPush(
              { rawBody: Buffer.from(signed.body), headers: signed.headers, now: new Date() },
              shop(p),
            );
            if (!v.ok) {
              expect(v.status).toBe(400);
              return;
            }
            for (const e of v.events) {
              try {
                const n = CHANNELS[p].normalise(e, {});
                expect(typeof n.kind).toBe('string');
              } catch (error) {
                // A readable payload with missing fields: the worker retries and dead-letters it.
                expect(error).toBeInstanceOf(Error);
              }
            }
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  test.each(PLATFORMS)('%s: random payloads of the right shape normalise or fail with an Error', (p) => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ maxLength: 40 }), (payload, type) => {
        try {
          CHANNELS[p].normalise({ externalEventId: '1', eventType: type, payload }, {});
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
      }),
      { numRuns: 300 },
    );
  });
});
