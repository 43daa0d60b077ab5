import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { CATALOGUE, demoOrders, demoReviews } from './demo-data.js';
import { catalogueTexts, textsOfProduct } from './demo-texts.js';

const now = Date.parse('2026-12-05T10:00:00Z');
const beijing = (s: string) => Date.parse(`${s.replace(' ', 'T')}+08:00`);
const rows = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe('the demo’s order export and reviews', () => {
  test.each(['douyin', 'pinduoduo', 'tiktok', 'taobao'] as const)(
    '%s: every order was paid, shipped and signed for in the past, signed for before care’s week',
    (platform) => {
      for (const r of rows(demoOrders(platform, 25, now).csv)) {
        const paid = beijing(r.付款时间!);
        const shipped = beijing(r.发货时间!);
        const signed = beijing(r.签收时间!);
        expect(paid).toBeLessThan(shipped);
        expect(shipped).toBeLessThan(signed);
        expect(signed).toBeLessThanOrEqual(now - 7 * 86_400_000);
        expect(Number(r['实付金额(元)'])).toBeLessThanOrEqual(Number(r['单价(元)']) * Number(r.数量));
      }
    },
  );

  test('a review speaks of the product its order holds', () => {
    const { orders } = demoOrders('douyin', 25, now);
    for (const r of rows(demoReviews(orders, 20))) {
      const said = textsOfProduct(r.商品名称!)!;
      expect([...said.negative, ...said.positive]).toContain(r.评价内容);
    }
  });

  test('every catalogue product has its own words, and no product’s complaint names another', () => {
    for (const p of CATALOGUE) {
      const said = textsOfProduct(p.name);
      expect(said?.negative.length).toBeGreaterThan(2);
      expect(said?.positive.length).toBeGreaterThan(1);
    }
    expect(textsOfProduct('不在目录里的商品')).toBeUndefined();
    const cherries = textsOfProduct('智利车厘子 2斤装')!;
    for (const words of cherries.negative) expect(words).not.toMatch(/杯|充电|T恤|沐浴/);
    expect(catalogueTexts().negative.length).toBeGreaterThan(12);
  });
});
