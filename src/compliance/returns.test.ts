import { describe, expect, test } from 'vitest';
import type { ProductClass } from './product-class.js';
import { type GoodsCondition, returnDeadline, sevenDayReturnEligibility } from './returns.js';

const TZ = 'Asia/Shanghai';
// Signed for on 20 Nov 2026 at 15:00 Beijing time.
const delivered = new Date('2026-11-20T07:00:00Z');

describe('7-day no-reason return', () => {
  test('the 7 days run from the day after sign-for, to the end of the 7th day in shop time', () => {
    expect(returnDeadline(delivered, TZ).toISOString()).toBe('2026-11-27T15:59:59.999Z');
    // Signed for just before midnight Beijing time still starts counting the next day.
    expect(returnDeadline(new Date('2026-11-20T15:59:00Z'), TZ).toISOString()).toBe(
      '2026-11-27T15:59:59.999Z',
    );
  });

  test.each<
    [string, ProductClass, boolean, Date | null, GoodsCondition, string, boolean, string, number | null]
  >([
    [
      'an ordinary cup on day 3',
      'general',
      false,
      delivered,
      'unknown',
      '2026-11-23T02:00:00Z',
      true,
      'within_window',
      5,
    ],
    [
      'an ordinary cup on the last evening',
      'general',
      false,
      delivered,
      'intact',
      '2026-11-27T15:00:00Z',
      true,
      'within_window',
      1,
    ],
    [
      'an ordinary cup a minute too late',
      'general',
      false,
      delivered,
      'intact',
      '2026-11-27T16:00:30Z',
      false,
      'window_passed',
      0,
    ],
    [
      'a parcel still in transit',
      'general',
      false,
      null,
      'unknown',
      '2026-11-23T02:00:00Z',
      true,
      'not_yet_delivered',
      null,
    ],
    [
      'fresh fruit',
      'fresh_perishable',
      false,
      delivered,
      'intact',
      '2026-11-21T02:00:00Z',
      false,
      'excluded_category',
      7,
    ],
    [
      'a custom-engraved mug',
      'custom_made',
      false,
      delivered,
      'intact',
      '2026-11-21T02:00:00Z',
      false,
      'excluded_category',
      7,
    ],
    [
      'a phone top-up',
      'digital_download',
      false,
      delivered,
      'intact',
      '2026-11-21T02:00:00Z',
      false,
      'excluded_category',
      7,
    ],
    [
      'a magazine',
      'newspaper_periodical',
      false,
      delivered,
      'intact',
      '2026-11-21T02:00:00Z',
      false,
      'excluded_category',
      7,
    ],
    [
      'underwear the buyer confirmed as final sale',
      'hygiene_sealed',
      true,
      delivered,
      'intact',
      '2026-11-21T02:00:00Z',
      false,
      'excluded_confirmed_at_purchase',
      7,
    ],
    [
      'underwear without that confirmation',
      'hygiene_sealed',
      false,
      delivered,
      'intact',
      '2026-11-21T02:00:00Z',
      true,
      'within_window',
      7,
    ],
    [
      'an activated phone confirmed at purchase',
      'activation_value_drop',
      true,
      delivered,
      'intact',
      '2026-11-21T02:00:00Z',
      false,
      'excluded_confirmed_at_purchase',
      7,
    ],
    [
      'a near-expiry item sold as such',
      'near_expiry_or_defective',
      true,
      delivered,
      'intact',
      '2026-11-21T02:00:00Z',
      false,
      'excluded_confirmed_at_purchase',
      7,
    ],
    [
      'goods returned damaged by the buyer',
      'general',
      false,
      delivered,
      'not_intact',
      '2026-11-21T02:00:00Z',
      false,
      'not_intact',
      7,
    ],
  ])('%s', (_name, productClass, confirmed, deliveredAt, condition, now, eligible, reason, daysLeft) => {
    const result = sevenDayReturnEligibility({
      productClass,
      buyerConfirmedExclusion: confirmed,
      deliveredAt,
      condition,
      now: new Date(now),
      timezone: TZ,
    });
    expect(result).toMatchObject({ eligible, reason, daysLeft });
  });
});
