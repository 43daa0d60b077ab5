import { describe, expect, test } from 'vitest';
import { caseExposure, type ExposureItem } from './exposure.js';

const anItem = (extra: Partial<ExposureItem> = {}): ExposureItem => ({
  name: '陶瓷马克杯',
  quantity: 1,
  unitPriceFen: 99_00,
  paidFen: 99_00,
  productCategory: '家居',
  currentUnitFen: 99_00,
  ...extra,
});
const order = { paidAt: new Date('2026-11-10T04:00:00Z'), deliveredAt: new Date('2026-11-20T07:00:00Z') };
const base = {
  order,
  now: new Date('2026-11-23T02:00:00Z'),
  timezone: 'Asia/Shanghai',
  priceProtectionDays: 30,
};

describe('case exposure', () => {
  test('a quality complaint on a cup: returnable, no statutory compensation, no price drop', () => {
    const lines = caseExposure({ ...base, ticketCategories: ['quality_defect'], items: [anItem()] });
    expect(lines.map((l) => [l.rule, l.applies, l.amountFen])).toEqual([
      ['seven_day_return', true, 99_00],
      ['price_protection', false, 0],
    ]);
    for (const line of lines) expect(line.citation.zh.length).toBeGreaterThan(5);
    expect(lines.find((l) => l.rule === 'price_protection')?.uncertain).toBe(true);
  });

  test('alleged counterfeit: Consumer Protection Law art. 55, three times with a ¥500 floor', () => {
    const lines = caseExposure({ ...base, ticketCategories: ['counterfeit_suspected'], items: [anItem()] });
    const fraud = lines.find((l) => l.rule === 'fraud_compensation');
    expect(fraud).toMatchObject({ applies: true, amountFen: 500_00 });
    expect(fraud?.citation.zh).toContain('第五十五条');
  });

  test('unsafe food: Food Safety Law art. 148, ten times with a ¥1,000 floor; not for non-food', () => {
    const snacks = anItem({
      name: '坚果礼盒',
      productCategory: '零食',
      unitPriceFen: 158_00,
      paidFen: 158_00,
    });
    const lines = caseExposure({ ...base, ticketCategories: ['safety_hazard'], items: [snacks, anItem()] });
    const food = lines.find((l) => l.rule === 'unsafe_food_compensation');
    expect(food).toMatchObject({ applies: true, amountFen: 1_580_00 });
    expect(food?.citation.en).toContain('art. 148');
    const cupOnly = caseExposure({ ...base, ticketCategories: ['safety_hazard'], items: [anItem()] });
    expect(cupOnly.some((l) => l.rule === 'unsafe_food_compensation')).toBe(false);
  });

  test('fresh food is outside the 7-day return, and the price drop is refunded as the difference', () => {
    const fruit = anItem({
      name: '车厘子',
      productCategory: '生鲜水果',
      quantity: 2,
      unitPriceFen: 120_00,
      paidFen: 240_00,
      currentUnitFen: 100_00,
    });
    const lines = caseExposure({ ...base, ticketCategories: ['price_dispute'], items: [fruit] });
    expect(lines.find((l) => l.rule === 'seven_day_return')).toMatchObject({
      applies: false,
      reason: 'excluded_category',
    });
    expect(lines.find((l) => l.rule === 'price_protection')).toMatchObject({
      applies: true,
      amountFen: 40_00,
    });
  });

  test('a case without an order has no exposure to compute', () => {
    expect(caseExposure({ ...base, order: null, ticketCategories: ['quality_defect'], items: [] })).toEqual(
      [],
    );
  });
});
