import { describe, expect, test } from 'vitest';
import { recogniseIntent } from './intent.js';
import { toSimplified } from './simplify.js';

describe('intent of a buyer message', () => {
  test.each([
    ['我的快递到哪了', 'where_is_parcel', null],
    ['请问什么时候发货？', 'ship_time', null],
    ['怎么还没发货', 'ship_time', null],
    ['这个可以退货吗', 'return_how', null],
    ['身高165穿什么码', 'size_fit', null],
    ['能开发票吗', 'invoice', null],
    ['这个杯子能装开水吗', 'how_to_use', null],
    ['是正品吗', 'is_genuine', null],
    ['請問我的貨到哪了', 'where_is_parcel', null], // traditional characters
    ['我的快递到哪了😭😭', 'where_is_parcel', null],
    ['你们是不是骗子', null, 'accusation'],
    ['再不处理我就投诉到12315', null, 'accusation'],
    ['转人工', null, 'ask_human'],
    ['wo de kuaidi dao na le', null, null], // pinyin
    ['😀😀👍', null, null], // emoji only
    ['123456', null, null],
    ['好的谢谢', null, null],
  ])('%s → %s', (text, intent, escalation) => {
    const r = recogniseIntent(text);
    expect(r.escalation).toBe(escalation);
    if (!escalation) expect(r.intent).toBe(intent);
  });

  test('a clear question is surer than a topic word; a rhetorical one is not sure at all', () => {
    expect(recogniseIntent('我的快递到哪了').confidence).toBeGreaterThanOrEqual(0.9);
    expect(recogniseIntent('快递很给力')).toMatchObject({ intent: null });
    expect(recogniseIntent('难道发货的是色盲吗？').confidence).toBeLessThan(0.7);
  });

  test('common traditional characters are simplified', () => {
    expect(toSimplified('請問發票怎麼開')).toBe('请问发票怎么开');
    expect(toSimplified('這個貨還沒到')).toBe('这个货还没到');
  });
});
