import { findPii, type PiiType } from '../triage/pii.js';

/**
 * What the public statement, the findings, the title and the photo captions must never carry:
 * a buyer's name, phone, address, ID or card number, e-mail, or an order number. The patterns come
 * from triage/pii.ts; buyers' names and order numbers are looked up in the campaign's own orders
 * (a name has no pattern), and an order number also has the platforms' shapes.
 */
export type PublicFindingType = PiiType | 'buyer_name' | 'order_number';
export type PublicFinding = { type: PublicFindingType; masked: string; field: string };

// Pinduoduo "YYMMDD-" + 15 digits; Taobao, Douyin and TikTok Shop order ids are 16–19 digits.
const ORDER_SHAPE = String.raw`(?:\d{6}-\d{12,18}|\d{16,19})`;
const ORDER_NUMBER = new RegExp(String.raw`(?<![\dA-Za-z])${ORDER_SHAPE}(?![\dA-Za-z])`, 'g');
const WHOLE_ORDER_NUMBER = new RegExp(`^${ORDER_SHAPE}$`);

const maskMiddle = (s: string) => {
  const chars = [...s];
  if (chars.length <= 2) return `${chars[0] ?? ''}*`;
  const keep = chars.length <= 6 ? 1 : 4;
  return `${chars.slice(0, keep).join('')}${'*'.repeat(Math.min(6, chars.length - keep - 1))}${chars.at(-1)}`;
};

export type KnownPersonalData = {
  /** Names of the campaign's buyers that occur in the text (found by the repo). */
  buyerNames: readonly string[];
  /** Platform order numbers of the campaign's orders that occur in the text. */
  orderRefs: readonly string[];
};

/**
 * Personal data in one public text. `allowed` is what the merchant publishes about itself on
 * purpose (the campaign's contact line, the merchant's name): a hit inside it is no finding.
 */
export function findPersonalData(
  field: string,
  text: string,
  known: KnownPersonalData,
  allowed: readonly string[] = [],
): PublicFinding[] {
  const own = (hit: string) => allowed.some((a) => a.length > 0 && a.includes(hit));
  const out: PublicFinding[] = [];
  const seen = new Set<string>();
  const add = (type: PublicFindingType, raw: string, masked: string) => {
    const key = `${type}:${raw}`;
    if (seen.has(key) || own(raw)) return;
    seen.add(key);
    out.push({ type, masked, field });
  };
  for (const hit of findPii(text)) {
    // A long digit run that findPii read as a bank card is reported as the order number it more likely is.
    const raw = text.slice(hit.start, hit.end);
    if (hit.type === 'bank_card' && WHOLE_ORDER_NUMBER.test(raw)) continue;
    add(hit.type, raw, hit.masked);
  }
  for (const m of text.matchAll(ORDER_NUMBER)) add('order_number', m[0], maskMiddle(m[0]));
  for (const ref of known.orderRefs) if (ref && text.includes(ref)) add('order_number', ref, maskMiddle(ref));
  for (const name of known.buyerNames) {
    if (plausibleName(name) && text.includes(name)) add('buyer_name', name, maskMiddle(name));
  }
  return out;
}

/**
 * Names short enough to occur by chance are not looked for: one CJK character, or under three
 * Latin letters ("Li" would match "Lithium").
 */
export function plausibleName(name: string): boolean {
  const trimmed = name.trim();
  if (/[\u4e00-\u9fa5]/.test(trimmed)) return [...trimmed].length >= 2;
  return trimmed.length >= 3;
}

const TYPE_WORDS: Record<PublicFindingType, { zh: string; en: string }> = {
  buyer_name: { zh: '买家姓名', en: "a buyer's name" },
  mobile: { zh: '手机号', en: 'a mobile number' },
  address: { zh: '地址', en: 'an address' },
  order_number: { zh: '订单号', en: 'an order number' },
  id_card: { zh: '身份证号', en: 'an ID card number' },
  bank_card: { zh: '银行卡号', en: 'a bank card number' },
  email: { zh: '电子邮箱', en: 'an e-mail address' },
};

/** The refusal's message: each finding named, masked (the answer never repeats the personal data). */
export function describeFindings(findings: readonly PublicFinding[]): string {
  const list = findings
    .slice(0, 10)
    .map((f) => `${TYPE_WORDS[f.type].en} (${f.masked}) in ${f.field}`)
    .join('; ');
  return `public text must carry no personal data; found ${list}${findings.length > 10 ? ` and ${findings.length - 10} more` : ''}`;
}
