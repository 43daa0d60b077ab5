import { describe, expect, test } from 'vitest';
import { analyze } from './analyze.js';

// Bad input gets a sensible answer and says why (`--explain` prints explanation.input).
describe('bad input', () => {
  test.each([
    ['empty', '', 'empty', 'low'],
    ['emoji only', '😀😡😡', 'no_words', 'low'],
    ['order number only', '订单号：240511-3388776655', 'order_number_only', 'low'],
    ['bare order number', '3388776655123', 'order_number_only', 'low'],
    ['traditional characters', '這個貨質量太差了，還沒用就壞了', 'traditional', undefined],
    ['slang', '这个真的拉胯，踩雷了', 'slang', undefined],
  ])('%s', (_name, text, note, severity) => {
    const r = analyze(text);
    expect(r.explanation.input.notes).toContain(note);
    if (severity) expect(r.severity).toBe(severity);
  });

  test('slang tips the sentiment its way and is named as the reason', () => {
    const good = analyze('yyds 绝绝子');
    expect(good.sentiment).toBe('positive');
    expect(good.explanation.sentiment).toContain('yyds');
    expect(analyze('拉胯').sentiment).toBe('negative');
  });

  test('100 KB of text is cut, classified and marked truncated', () => {
    const r = analyze('质量太差了，'.repeat(17_000));
    expect(r.truncated).toBe(true);
    expect(r.explanation.input.notes).toContain('truncated');
    expect(r.categories).toContain('quality_defect');
  }, 60_000);

  test('mixed Chinese and English and pinyin still give a verdict', () => {
    expect(analyze('屏幕碎了 screen broken, zhiliang tai cha').language).toBe('mixed');
    expect(analyze('zhiliang tai cha le').categories.length).toBeGreaterThanOrEqual(0);
  });
});
