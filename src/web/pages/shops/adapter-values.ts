// The shop form's adapter settings as form values, and the request body they become: the token is
// write-only (the API answers only whether one is set).

import type { DouyinOperate } from '../../../channels/douyin/operate-types.js';
import type { PullFeed } from '../../../channels/pull.js';
import type { OutboxKind, ShopSettingsView } from '../../../shops/shop-settings.js';
import type { WebhookAddress } from '../../../shops/webhook-address.js';
import type { Platform, Shop } from '../../app/types.js';
import type { Authorisation } from './authorisation-cell.js';
import { type ReplyLimitValues, replyLimitsBody } from './reply-limit-fields.js';

/** A shop as the API returns it, with its adapter settings (the token never comes back). */
export type ShopWithSettings = Shop & {
  hasAccessToken?: boolean;
  settings?: ShopSettingsView;
  authorisation?: Authorisation;
  webhook?: WebhookAddress;
};

/** Every outbox kind, in the order the form lists them (the Record makes the list complete). */
export const OUTBOX_KINDS = Object.keys({
  reply: 1,
  acknowledgement: 1,
  notice: 1,
  agree_refund: 1,
  refuse_refund: 1,
  return_instruction: 1,
  evidence: 1,
  exchange_shipped: 1,
  review_reply: 1,
  approve_cancellation: 1,
  reject_cancellation: 1,
} satisfies Record<OutboxKind, 1>) as OutboxKind[];

export type AdapterValues = {
  apiBaseUrl?: string;
  authBaseUrl?: string;
  douyinServiceId?: string;
  accessToken?: string;
  ingestPositiveReviews?: boolean;
  pddAmountUnit?: 'fen' | 'yuan';
  taobaoRefundPhase?: 'onsale' | 'aftersale';
  taobaoDisputeFeeUnit?: 'fen' | 'yuan';
  pddMessageService?: boolean;
  pddMessageUrl?: string;
  outboundMethods?: { kind?: OutboxKind; method?: string }[];
  deliveryEvents?: string[];
  reconcileOn?: boolean;
  reconcilePageSize?: number | null;
  reconcileWindowMinutes?: number | null;
  /** Only these feeds; empty: every feed the platform has. */
  reconcileFeeds?: PullFeed[];
  reconcileMethods?: Partial<Record<PullFeed, string>>;
  replyLimits?: ReplyLimitValues;
  returnAddressId?: string;
  shopCipher?: string;
  pddRelaySignature?: 'body' | 'legacy';
  douyinReasonCodes?: { code?: string; text?: string }[];
  douyinOperateTypes?: Partial<Record<DouyinOperate, number | null>>;
};

type ReconcileSettings = NonNullable<ShopSettingsView['reconcile']>;

/** The body's `settings` part. */
export type SettingsBody = {
  apiBaseUrl?: string | null;
  authBaseUrl?: string | null;
  douyinServiceId?: string | null;
  accessToken?: string | null;
  ingestPositiveReviews?: boolean | null;
  pddAmountUnit?: 'fen' | 'yuan' | null;
  taobaoRefundPhase?: 'onsale' | 'aftersale' | null;
  taobaoDisputeFeeUnit?: 'fen' | 'yuan' | null;
  pddMessageService?: boolean | null;
  pddMessageUrl?: string | null;
  outboundMethods?: Partial<Record<OutboxKind, string>> | null;
  deliveryEvents?: string[] | null;
  reconcile?: ReconcileSettings | null;
  replyLimits?: ShopSettingsView['replyLimits'] | null;
  returnAddressId?: string | null;
  shopCipher?: string | null;
  pddRelaySignature?: 'body' | 'legacy' | null;
  douyinReasonCodes?: Record<string, string> | null;
  douyinOperateTypes?: Partial<Record<DouyinOperate, number>> | null;
};

export function initialAdapterValues(shop: ShopWithSettings | undefined): AdapterValues {
  const s = shop?.settings ?? {};
  return {
    apiBaseUrl: s.apiBaseUrl,
    authBaseUrl: s.authBaseUrl,
    douyinServiceId: s.douyinServiceId,
    ingestPositiveReviews: s.ingestPositiveReviews === true,
    pddAmountUnit: s.pddAmountUnit,
    taobaoRefundPhase: s.taobaoRefundPhase,
    taobaoDisputeFeeUnit: s.taobaoDisputeFeeUnit,
    pddMessageService: s.pddMessageService === true,
    pddMessageUrl: s.pddMessageUrl,
    outboundMethods: Object.entries(s.outboundMethods ?? {}).map(([kind, method]) => ({
      kind: kind as OutboxKind,
      method,
    })),
    deliveryEvents: s.deliveryEvents ?? [],
    reconcileOn: s.reconcile?.enabled !== false,
    reconcilePageSize: s.reconcile?.pageSize ?? null,
    reconcileWindowMinutes: s.reconcile?.maxWindowMinutes ?? null,
    reconcileFeeds: s.reconcile?.feeds ?? [],
    reconcileMethods: { ...s.reconcile?.methods },
    replyLimits: { ...s.replyLimits },
    returnAddressId: s.returnAddressId,
    shopCipher: s.shopCipher,
    pddRelaySignature: s.pddRelaySignature,
    douyinReasonCodes: Object.entries(s.douyinReasonCodes ?? {}).map(([code, text]) => ({ code, text })),
    douyinOperateTypes: { ...s.douyinOperateTypes } as AdapterValues['douyinOperateTypes'],
  };
}

/** The reconcile overrides to send: off, only some feeds, method names, page size and window. */
function reconcileBody(v: AdapterValues | undefined) {
  const methods = Object.fromEntries(
    Object.entries(v?.reconcileMethods ?? {})
      .map(([feed, m]) => [feed, m?.trim()] as const)
      .filter(([, m]) => m),
  ) as ReconcileSettings['methods'];
  const feeds = [...new Set(v?.reconcileFeeds ?? [])];
  const next: ReconcileSettings = {
    ...(v?.reconcileOn === false ? { enabled: false } : {}),
    ...(feeds.length ? { feeds } : {}),
    ...(Object.keys(methods ?? {}).length ? { methods } : {}),
    ...(v?.reconcilePageSize ? { pageSize: v.reconcilePageSize } : {}),
    ...(v?.reconcileWindowMinutes ? { maxWindowMinutes: v.reconcileWindowMinutes } : {}),
  };
  return Object.keys(next).length ? next : null;
}

/** The shop's own reason-code table: rows with a code and a text (a code given twice: the last wins). */
function reasonCodesBody(rows: AdapterValues['douyinReasonCodes']) {
  const codes: Record<string, string> = {};
  for (const row of rows ?? []) {
    const code = row?.code?.trim();
    const text = row?.text?.trim();
    if (code && text) codes[code] = text;
  }
  return Object.keys(codes).length ? codes : null;
}

/** The operate-type codes the shop replaces (whole numbers only; empty keeps our default). */
function operateTypesBody(types: AdapterValues['douyinOperateTypes']) {
  const out: Partial<Record<DouyinOperate, number>> = {};
  for (const [name, code] of Object.entries(types ?? {})) {
    if (typeof code === 'number' && Number.isInteger(code) && code > 0) out[name as DouyinOperate] = code;
  }
  return Object.keys(out).length ? out : null;
}

/**
 * The settings to send. On edit every shown key is sent (empty → null removes it; switches off →
 * null, the adapters' default); on create only what was filled in. The token is sent only when typed,
 * or as null when the user asked to clear it.
 */
export function settingsBody(
  v: AdapterValues | undefined,
  {
    platform,
    editing,
    clearToken,
  }: {
    platform: Platform;
    editing: boolean;
    clearToken: boolean;
  },
): SettingsBody | undefined {
  if (platform === 'manual') return undefined;
  const trimmed = (s: string | undefined) => (s?.trim() ? s.trim() : null);
  const methods: Partial<Record<OutboxKind, string>> = {};
  for (const row of v?.outboundMethods ?? []) {
    if (row.kind && row.method?.trim()) methods[row.kind] = row.method.trim();
  }
  const token = trimmed(v?.accessToken);
  const deliveryEvents = [...new Set((v?.deliveryEvents ?? []).map((e) => e.trim()).filter(Boolean))];
  const body: SettingsBody = {
    apiBaseUrl: trimmed(v?.apiBaseUrl),
    authBaseUrl: trimmed(v?.authBaseUrl),
    ingestPositiveReviews: v?.ingestPositiveReviews ? true : null,
    outboundMethods: Object.keys(methods).length ? methods : null,
    deliveryEvents: deliveryEvents.length ? deliveryEvents : null,
    reconcile: reconcileBody(v),
    replyLimits: replyLimitsBody(v?.replyLimits),
    ...(platform === 'tiktok' ? {} : { returnAddressId: trimmed(v?.returnAddressId) }),
    ...(platform === 'tiktok' ? { shopCipher: trimmed(v?.shopCipher) } : {}),
    ...(platform === 'douyin'
      ? {
          douyinReasonCodes: reasonCodesBody(v?.douyinReasonCodes),
          douyinOperateTypes: operateTypesBody(v?.douyinOperateTypes),
        }
      : {}),
    ...(token ? { accessToken: token } : clearToken ? { accessToken: null } : {}),
    ...(platform === 'douyin' ? { douyinServiceId: trimmed(v?.douyinServiceId) } : {}),
    ...(platform === 'taobao'
      ? {
          taobaoRefundPhase: v?.taobaoRefundPhase ?? null,
          taobaoDisputeFeeUnit: v?.taobaoDisputeFeeUnit ?? null,
        }
      : {}),
    ...(platform === 'pinduoduo'
      ? {
          pddAmountUnit: v?.pddAmountUnit ?? null,
          pddMessageService: v?.pddMessageService ? true : null,
          pddMessageUrl: trimmed(v?.pddMessageUrl),
          pddRelaySignature: v?.pddRelaySignature ?? null,
        }
      : {}),
  };
  if (editing) return body;
  const created = Object.fromEntries(Object.entries(body).filter(([, x]) => x !== null));
  return Object.keys(created).length ? created : undefined;
}
