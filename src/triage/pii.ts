/**
 * PII in free text: mainland mobile numbers (the platforms.md regex), 18-digit resident IDs with a
 * valid GB 11643 check digit, bank card numbers passing Luhn, e-mail addresses and street addresses
 * (zh: …路/街/道/巷/弄 + 号; en: "12 Main Street"). Each hit comes with a display mask, and
 * maskPii() rewrites a text with every hit masked (logs, exports, agents' view of message bodies).
 * Order and after-sales numbers are not bank cards (order-numbers.ts).
 */
import { isOrderNumber } from './order-numbers.js';

export type PiiType = 'mobile' | 'id_card' | 'bank_card' | 'email' | 'address';
export type PiiHit = { type: PiiType; start: number; end: number; masked: string };

// platforms.md, unanchored: digits on either side disqualify a match.
const MOBILE =
  /(?<![\d])(?:\+?86[- ]?)?1(?:3\d{3}|4[57]\d{2}|5[^4\D]\d{2}|8\d{3}|7(?:[0-35-9]\d{2}|4(?:0\d|1[0-2]|9\d))|9[0-35-9]\d{2}|6[2567]\d{2}|4(?:(?:10|4[01])\d{3}|[68]\d{4}|[579]\d{2}))\d{6}(?![\d])/g;
const ID_CARD = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
// 13–19 digits, optionally grouped by single spaces or dashes in fours.
const CARD = /(?<![\d])(?:\d{4}[ -]){3}\d{1,7}(?![\d])|(?<![\d])\d{13,19}(?![\d])/g;
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}/g;
// A Chinese street address: optional province/city/district parts, a road-like word, a number + 号,
// then building/unit/room parts.
const ZH_ADDRESS =
  /(?:[\u4e00-\u9fa5]{2,8}(?:省|自治区|市|区|县|州|镇|乡|街道)){0,4}[\u4e00-\u9fa5A-Za-z0-9]{1,12}(?:路|街|大道|大街|巷|弄|胡同|里|道)[0-9０-９一二三四五六七八九十百零〇-]{1,6}号(?:院|楼)?(?:[0-9０-９A-Za-z一二三四五六七八九十-]{1,5}(?:号楼|栋|幢|座|单元|层|楼|室|号|户)){0,4}/g;
const EN_ADDRESS =
  /\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl)\b\.?(?:,?\s*(?:Apt|Suite|Unit|#)\s*\w+)?/g;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function validResidentId(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  if (ID_CHECK[sum % 11] !== id[17]!.toUpperCase()) return false;
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

export function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const star = (n: number) => '*'.repeat(Math.max(0, n));

export function maskMobile(raw: string): string {
  const digits = raw.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}
export const maskId = (id: string) => `${id.slice(0, 6)}${star(8)}${id.slice(14)}`;
export const maskCard = (digits: string) => `${star(digits.length - 4)}${digits.slice(-4)}`;
export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}
export function maskAddress(address: string): string {
  // Keep the administrative prefix (province/city/district), hide the street and number.
  const m = /^(?:[\u4e00-\u9fa5]{2,8}?(?:省|自治区|市|区|县|州))+/.exec(address);
  if (m) return `${m[0]}***`;
  return `${address.slice(0, 1)}***`;
}

/** Every PII hit, in text order, without overlaps (an ID is not also reported as a card). */
export function findPii(text: string): PiiHit[] {
  if (!text) return [];
  const hits: PiiHit[] = [];
  const add = (type: PiiType, start: number, end: number, masked: string) => {
    for (const h of hits) if (start < h.end && end > h.start) return;
    hits.push({ type, start, end, masked });
  };
  const hasDigit = /\d/.test(text);
  if (hasDigit) {
    // An ID stays masked even after 订单号: a random 18-digit number passes the check digit and the
    // date about once in 300, and masking such an order number costs the agent a look-up on the
    // platform, while showing a real ID number (PIPL: sensitive) is a breach. Mobiles are never
    // exempt either: no platform number is 11 digits, and the regex wants no digit on either side.
    for (const m of text.matchAll(ID_CARD)) {
      if (validResidentId(m[0])) add('id_card', m.index, m.index + m[0].length, maskId(m[0].toUpperCase()));
    }
    for (const m of text.matchAll(MOBILE)) add('mobile', m.index, m.index + m[0].length, maskMobile(m[0]));
    for (const m of text.matchAll(CARD)) {
      const digits = m[0].replace(/\D/g, '');
      if (isOrderNumber(text, m.index, m.index + m[0].length)) continue;
      if (digits.length >= 13 && digits.length <= 19 && luhn(digits) && !/^(\d)\1+$/.test(digits)) {
        add('bank_card', m.index, m.index + m[0].length, maskCard(digits));
      }
    }
  }
  if (text.includes('@')) {
    for (const m of text.matchAll(EMAIL)) add('email', m.index, m.index + m[0].length, maskEmail(m[0]));
  }
  if (text.includes('号')) {
    for (const m of text.matchAll(ZH_ADDRESS)) {
      add('address', m.index, m.index + m[0].length, maskAddress(m[0]));
    }
  }
  if (hasDigit) {
    for (const m of text.matchAll(EN_ADDRESS)) add('address', m.index, m.index + m[0].length, '***');
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The text with every PII hit replaced by its mask. */
export function maskPii(text: string, hits: PiiHit[] = findPii(text)): string {
  if (!hits.length) return text;
  let out = '';
  let at = 0;
  for (const h of hits) {
    out += text.slice(at, h.start) + h.masked;
    at = h.end;
  }
  return out + text.slice(at);
}

/**
 * A copy of a JSON value with maskPii applied to every string (keys stay): raw platform payloads as
 * agents may see them. Deeper than `maxDepth` the value is dropped rather than shown unmasked.
 */
export function maskPiiInValue(value: unknown, maxDepth = 64): unknown {
  if (typeof value === 'string') return maskPii(value);
  if (value === null || typeof value !== 'object') return value;
  if (maxDepth <= 0) return '…';
  if (Array.isArray(value)) return value.map((v) => maskPiiInValue(v, maxDepth - 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskPiiInValue(v, maxDepth - 1)]));
}
