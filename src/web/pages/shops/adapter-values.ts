// The shop form's adapter settings as form values, and the request body they become: the token is
// write-only (the API answers only whether one is set), and what the form does not show is kept.

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
  replyLimits?: ReplyLimitValues;
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
    replyLimits: { ...s.replyLimits },
  };
}

/**
 * The reconcile overrides to send: the form's switch, page size and window over what the API set
 * and the form does not show (feeds, method names), so saving the form keeps them.
 */
function reconcileBody(v: AdapterValues | undefined, kept: ReconcileSettings | undefined) {
  const { enabled: _e, pageSize: _p, maxWindowMinutes: _w, ...rest } = kept ?? {};
  const next: ReconcileSettings = {
    ...rest,
    ...(v?.reconcileOn === false ? { enabled: false } : {}),
    ...(v?.reconcilePageSize ? { pageSize: v.reconcilePageSize } : {}),
    ...(v?.reconcileWindowMinutes ? { maxWindowMinutes: v.reconcileWindowMinutes } : {}),
  };
  return Object.keys(next).length ? next : null;
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
    kept,
  }: {
    platform: Platform;
    editing: boolean;
    clearToken: boolean;
    kept?: ShopSettingsView | undefined;
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
    reconcile: reconcileBody(v, kept?.reconcile),
    replyLimits: replyLimitsBody(v?.replyLimits),
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
        }
      : {}),
  };
  if (editing) return body;
  const created = Object.fromEntries(Object.entries(body).filter(([, x]) => x !== null));
  return Object.keys(created).length ? created : undefined;
}
