import { expect, test } from 'vitest';
import type { TicketEvent } from '../channels/channel.js';
import { ticketShape } from './processor.js';

const afterSale = (over: Partial<TicketEvent> = {}): TicketEvent => ({
  kind: 'after_sale',
  platform: 'douyin',
  eventType: 'doudian_refund_RefundCreated',
  caseRef: 'aftersale:6500079000005224',
  orderRef: '4800001',
  stage: 'opened',
  afterSaleType: 'return_refund',
  amountFen: 199_00,
  rating: null,
  buyer: null,
  text: '【抖店】买家申请退货退款',
  occurredAt: null,
  ...over,
});

test.each([
  // with the order's product: titled by product and what the buyer asks, the number last
  [afterSale(), '陶瓷马克杯 350ml', '【抖店】陶瓷马克杯 350ml：退货退款 · 售后单 6500079000005224'],
  [
    afterSale({ afterSaleType: null }),
    '陶瓷马克杯 350ml 等 2 件',
    '【抖店】陶瓷马克杯 350ml 等 2 件：售后 · 售后单 6500079000005224',
  ],
  // without the order (not imported yet): the number, with the type when known
  [afterSale(), null, '【抖店】售后单 6500079000005224（退货退款）'],
  // the buyer's reason, when the platform names one (Douyin: a mapped reason code)
  [
    afterSale({ reason: '商品质量问题' }),
    '陶瓷马克杯 350ml',
    '【抖店】陶瓷马克杯 350ml：退货退款（商品质量问题） · 售后单 6500079000005224',
  ],
  [afterSale({ reason: '发错货' }), null, '【抖店】售后单 6500079000005224（退货退款：发错货）'],
  [afterSale({ afterSaleType: null, reason: '发错货' }), null, '【抖店】售后单 6500079000005224（发错货）'],
])('an after-sale with product %#', (event, product, subject) => {
  expect(ticketShape(event, product).subject).toBe(subject);
});

test('a buyer message in an after-sale is titled by the product too', () => {
  const chat = afterSale({ kind: 'chat_message', afterSaleType: null });
  expect(ticketShape(chat, '保温杯').subject).toBe('【抖店】保温杯：售后 · 售后单 6500079000005224');
});
