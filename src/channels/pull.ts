import type { Platform } from './channel.js';
import type { DeliveryCategory } from './delivery-error.js';
import type { SendPlan, SendShop } from './outbound.js';

/**
 * The platforms' incremental list APIs, for the reconciler (webhooks are not guaranteed to arrive).
 * Pure like the send builders: a spec builds the signed request for one page of one window and reads
 * the answer into events in the same shape as the platform's pushes, so the inbox and the normaliser
 * treat a pulled record like a pushed one. Method names, parameters, window and page limits come from
 * public SDK code and are UNCERTAIN where marked; a shop overrides them in `settings.reconcile`
 * (`methods: { after_sales: '…' }`, `maxWindowMinutes`, `pageSize`).
 */
export const PULL_FEEDS = ['after_sales', 'orders', 'reviews'] as const;
export type PullFeed = (typeof PULL_FEEDS)[number];

/** What each platform's list APIs pull (each `PullSpec.feeds`); the shop form offers only these. */
export const PLATFORM_FEEDS: Record<Platform, readonly PullFeed[]> = {
  douyin: ['after_sales', 'orders'],
  pinduoduo: ['after_sales'],
  tiktok: ['after_sales', 'orders'],
  taobao: ['after_sales'],
};

/** One record as the platform's push would carry it (eventType and payload as the adapter stores them). */
export type PulledEvent = { eventType: string; payload: unknown };

export type PullPage =
  | { ok: true; events: PulledEvent[]; next: string | null }
  | { ok: false; category: DeliveryCategory; code: string; message: string };

export type PullInput = {
  feed: PullFeed;
  shop: SendShop;
  /** The window of update times, [from, to). */
  from: Date;
  to: Date;
  /** The page to read: null for the first; then what the last page's `next` said. */
  cursor: string | null;
  pageSize: number;
  baseUrl: string;
  now: Date;
};

export type PullSpec = {
  /** What the platform lets us list (a platform without a review API has no 'reviews'). */
  feeds: readonly PullFeed[];
  /** The widest window of update times one list call may cover. */
  maxWindowMs: number;
  /** The largest page the platform serves. */
  maxPageSize: number;
  listRequest(input: PullInput): SendPlan;
  /** What one answer says: the records, and the cursor of the next page (null: the window is done). */
  readPage(page: Pick<PullInput, 'feed' | 'cursor' | 'pageSize'>, status: number, body: string): PullPage;
  /**
   * The record version an event carries (`aftersale:<id>@<ms>`, `order:<id>@<ms>`), the same for a
   * push and a pulled record of one change; null for events that are not a record's state (buyer
   * words), which are never matched.
   */
  versionKey(event: PulledEvent): string | null;
};

/** A shop's reconcile overrides (settings.reconcile), each UNCERTAIN default replaceable. */
export function pullOverrides(shop: Pick<SendShop, 'settings'>): {
  methods: Partial<Record<PullFeed, string>>;
  maxWindowMinutes: number | null;
  pageSize: number | null;
} {
  const r = shop.settings.reconcile;
  const o = r && typeof r === 'object' && !Array.isArray(r) ? (r as Record<string, unknown>) : {};
  const methods: Partial<Record<PullFeed, string>> = {};
  if (o.methods && typeof o.methods === 'object') {
    for (const [k, v] of Object.entries(o.methods as Record<string, unknown>)) {
      if ((PULL_FEEDS as readonly string[]).includes(k) && typeof v === 'string' && v.trim()) {
        methods[k as PullFeed] = v.trim();
      }
    }
  }
  const positive = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null);
  return { methods, maxWindowMinutes: positive(o.maxWindowMinutes), pageSize: positive(o.pageSize) };
}

/** `<prefix>:<id>@<epoch ms>`, or null when either part is missing. */
export function versionOf(prefix: string, id: string | null, at: Date | null): string | null {
  return id && at ? `${prefix}:${id}@${at.getTime()}` : null;
}
