import type { BrandPlatform } from '../db/schema/brand.js';

/** Hosts of each platform's listing pages (and their short-link hosts). */
const HOSTS: [BrandPlatform, RegExp][] = [
  ['pinduoduo', /(^|\.)(yangkeduo\.com|pinduoduo\.com)$/],
  ['douyin', /(^|\.)(jinritemai\.com|douyin\.com)$/],
  ['taobao', /(^|\.)(taobao\.com|tmall\.com|tb\.cn|tmall\.hk)$/],
  ['tiktok', /(^|\.)tiktok\.com$/],
];

/** The query parameter that names the item on each platform; TikTok names it in the path. */
const ITEM_PARAM: Partial<Record<BrandPlatform, string[]>> = {
  pinduoduo: ['goods_id'],
  douyin: ['id', 'product_id'],
  taobao: ['id'],
};

export type ParsedLink = {
  url: string;
  platform: BrandPlatform;
  itemId: string | null;
  /** One key per listing: the platform and item id, or the link without tracking parameters. */
  urlKey: string;
};

export type LinkProblem = { code: 'bad_url' | 'not_http' | 'platform_mismatch'; message: string };

/** Reads a listing link as pasted from a browser or an export; refuses what is not an http(s) address. */
export function parseListingLink(
  raw: string,
  declared?: BrandPlatform | null,
): { ok: true; link: ParsedLink } | { ok: false; problem: LinkProblem } {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    return { ok: false, problem: { code: 'bad_url', message: `"${text.slice(0, 80)}" is not a link` } };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      problem: { code: 'not_http', message: `only http(s) links are watched, not ${url.protocol}` },
    };
  }
  const host = url.hostname.toLowerCase();
  if (!host.includes('.') || /\s/.test(text)) {
    return { ok: false, problem: { code: 'bad_url', message: `"${text.slice(0, 80)}" is not a link` } };
  }
  const detected = HOSTS.find(([, re]) => re.test(host))?.[0] ?? null;
  if (declared && declared !== 'other' && detected && detected !== declared) {
    return {
      ok: false,
      problem: { code: 'platform_mismatch', message: `the link is a ${detected} page, not ${declared}` },
    };
  }
  const platform = detected ?? declared ?? 'other';
  let itemId: string | null = null;
  for (const name of ITEM_PARAM[platform] ?? []) {
    const value = url.searchParams.get(name);
    if (value && /^\d{4,25}$/.test(value)) {
      itemId = value;
      break;
    }
  }
  if (platform === 'tiktok') itemId = /\/product\/(\d{6,25})/.exec(url.pathname)?.[1] ?? null;
  const path = url.pathname.replace(/\/+$/, '') || '/';
  const urlKey = itemId ? `${platform}:${itemId}` : `${host}${path}`;
  return { ok: true, link: { url: url.toString(), platform, itemId, urlKey } };
}

/** Yuan as exports write it ("¥1,299.00", "1299", "１２９９元") to fen; null when it is not a price. */
export function parseYuan(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) && raw >= 0 ? Math.round(raw * 100) : null;
  const text = raw
    .normalize('NFKC')
    .trim()
    .replace(/^(¥|￥|RMB|CNY)\s*/i, '')
    .replace(/\s*(元|CNY|RMB)$/i, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(text)) return null;
  const [whole = '0', frac = ''] = text.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** Listings of one seller are grouped under one key: the platform's seller id, else the shop name. */
export function sellerKeyOf(platform: BrandPlatform, sellerId: string | null, sellerName: string): string {
  return sellerId
    ? `${platform}:id:${sellerId.trim()}`
    : `${platform}:name:${sellerName.trim().toLowerCase()}`;
}
