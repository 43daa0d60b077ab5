import { describe, expect, test } from 'vitest';
import { offerText } from './offer-telling.js';
import type { OfferRow } from './playbooks-repo.js';

const anOffer = (o: Partial<OfferRow>) =>
  ({ remedy: 'refund', amountFen: 0, couponFen: 0, ...o }) as OfferRow;

describe('the words that tell the buyer of an offer', () => {
  test.each([
    [{ remedy: 'partial_refund', amountFen: 20_00 }, 'zh-CN', '部分退款 ¥20.00'],
    [{ remedy: 'partial_refund', amountFen: 20_00 }, 'en', 'a partial refund of ¥20.00'],
    [{ remedy: 'return_and_refund', amountFen: 99_90 }, 'zh-CN', '退货退款 ¥99.90（退货运费由我们承担）'],
    [{ remedy: 'return_and_refund', amountFen: 99_90 }, 'en', 'we pay the return shipping'],
    [{ remedy: 'reship', couponFen: 5_00 }, 'zh-CN', '为您补发一件，另赠 ¥5.00 优惠券'],
    [{ remedy: 'reship', couponFen: 5_00 }, 'en', 'sending you another one, plus a ¥5.00 coupon'],
    [{ remedy: 'coupon', couponFen: 10_00 }, 'zh-CN', '赠送 ¥10.00 优惠券'],
    [{ remedy: 'coupon', couponFen: 10_00 }, 'en', 'a ¥10.00 coupon'],
  ] as const)('%o in %s says %s', (offer, locale, expected) => {
    expect(offerText(anOffer(offer), locale)).toContain(expected);
  });

  test('an English message has no Chinese in it, a Chinese one no English words', () => {
    for (const remedy of [
      'refund',
      'partial_refund',
      'return_and_refund',
      'exchange',
      'reship',
      'coupon',
      'gift',
    ]) {
      const offer = anOffer({ remedy, amountFen: 12_00, couponFen: 3_00 });
      expect(offerText(offer, 'en')).not.toMatch(/[\u4e00-\u9fff]/);
      expect(offerText(offer, 'zh-CN')).not.toMatch(/[A-Za-z]{2,}/);
    }
  });
});
