import { describe, expect, test } from 'vitest';
import { parseListingLink, parseYuan } from './listing-links.js';

describe('listing links', () => {
  test.each([
    [
      'https://mobile.yangkeduo.com/goods.html?goods_id=123456789&refer=share',
      'pinduoduo',
      'pinduoduo:123456789',
    ],
    ['mobile.yangkeduo.com/goods2.html?goods_id=98765432', 'pinduoduo', 'pinduoduo:98765432'],
    [
      'https://haohuo.jinritemai.com/views/product/detail?id=3600000000001&origin_type=604',
      'douyin',
      'douyin:3600000000001',
    ],
    ['https://item.taobao.com/item.htm?id=6800000001&spm=a1z10', 'taobao', 'taobao:6800000001'],
    ['https://detail.tmall.com/item.htm?id=6800000002', 'taobao', 'taobao:6800000002'],
    [
      'https://shop.tiktok.com/view/product/1729000000000000001?region=MY',
      'tiktok',
      'tiktok:1729000000000000001',
    ],
    ['https://example.cn/shop/item/7/', 'other', 'example.cn/shop/item/7'],
  ])('%s is a %s listing keyed %s', (raw, platform, key) => {
    const r = parseListingLink(raw);
    expect(r.ok && r.link).toMatchObject({ platform, urlKey: key });
  });

  test.each([
    ['javascript:alert(1)', 'not_http'],
    ['not a link', 'bad_url'],
    ['http://', 'bad_url'],
    ['https://localhost', 'bad_url'],
  ])('%s is refused (%s)', (raw, code) => {
    const r = parseListingLink(raw);
    expect(r.ok ? null : r.problem.code).toBe(code);
  });

  test('a Taobao link declared as Pinduoduo is refused', () => {
    const r = parseListingLink('https://item.taobao.com/item.htm?id=6800000001', 'pinduoduo');
    expect(r.ok ? null : r.problem.code).toBe('platform_mismatch');
  });
});

describe('prices in yuan', () => {
  test.each([
    ['129', 12900],
    ['¥1,299.00', 129900],
    ['￥ 59.9', 5990],
    ['１２９元', 12900],
    [39.9, 3990],
    ['abc', null],
    ['-5', null],
    ['12.345', null],
    ['', null],
  ])('%s → %s fen', (raw, fen) => {
    expect(parseYuan(raw)).toBe(fen);
  });
});
