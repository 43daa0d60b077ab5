/**
 * What was unusual about a text, said plainly for `--explain` and the console: empty, emoji only,
 * only an order number, cut at the classified length, traditional characters, pinyin or internet
 * slang. The verdicts stay sensible for such input; these notes say why they look the way they do.
 */
export type InputNote = 'empty' | 'no_words' | 'order_number_only' | 'truncated' | 'traditional' | 'slang';

// Common characters that exist only in traditional writing (這 not 这): two or more → traditional.
// A table by code unit: iterating a slice by code points cost more than the rest of the notes.
const TRADITIONAL = new Uint8Array(65536);
for (const c of '這個們說貨質買賣還沒發頭寶運錢電過對關問題東來時會與為無實價麼給讓應該壞爛較')
  TRADITIONAL[c.charCodeAt(0)] = 1;

/** Internet slang with its polarity (the sentiment model learned from older reviews). */
export const SLANG: Record<string, 1 | -1> = {
  yyds: 1,
  绝绝子: 1,
  绝了: 1,
  种草: 1,
  回购: 1,
  无限回购: 1,
  真香: 1,
  拉胯: -1,
  拉垮: -1,
  踩雷: -1,
  翻车: -1,
  智商税: -1,
  避雷: -1,
  拔草: -1,
  无语子: -1,
  破防: -1,
  一言难尽: -1,
  辣鸡: -1,
  lj: -1,
};
const SLANG_RE = new RegExp(Object.keys(SLANG).join('|'), 'gi');

export function inputNotes(
  raw: string,
  cleaned: string,
  truncated: boolean,
): { notes: InputNote[]; slang: string[] } {
  const notes: InputNote[] = [];
  const t = cleaned.trim();
  if (!t) notes.push('empty');
  else if (
    /^[\s#\-_:：/]*[0-9][0-9\s\-_:：/#]{5,}$/.test(t) ||
    /^(订单号?|order( no\.?| number)?)[:：#\s]*[0-9A-Za-z-]{6,}$/i.test(t)
  )
    notes.push('order_number_only');
  else if (!/[\p{L}\p{N}]/u.test(t)) notes.push('no_words');
  if (truncated || raw.length > cleaned.length + 1000) notes.push('truncated');
  let traditional = 0;
  const upTo = Math.min(t.length, 2000);
  for (let i = 0; i < upTo; i++) if (TRADITIONAL[t.charCodeAt(i)] && ++traditional >= 2) break;
  if (traditional >= 2) notes.push('traditional');
  const slang = [...new Set((t.match(SLANG_RE) ?? []).map((s) => s.toLowerCase()))];
  if (slang.length) notes.push('slang');
  return { notes, slang };
}

/** The polarity the slang words agree on, or 0. */
export const slangPolarity = (slang: string[]) => Math.sign(slang.reduce((s, w) => s + (SLANG[w] ?? 0), 0));
