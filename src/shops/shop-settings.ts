// Over 400 lines: the one schema of a shop's adapter settings (input, patch and view) and the reader of stored ones; split apart, the three would drift.
import { z } from 'zod';
import { OUTBOUND_KINDS } from '../channels/outbound.js';
import { PULL_FEEDS } from '../channels/pull.js';
import { REPLY_MEDIUMS } from '../replycheck/reply-limits.js';
import { AppError } from '../shared/app-error.js';
import type { SecretBox } from '../shared/secret-box.js';
import type { Platform } from './shop-platform.js';

/**
 * Per-shop adapter settings (`shops.settings` jsonb), the keys the channel adapters read:
 * - apiBaseUrl: overrides the platform's API gateway for outbound sends (ingest deliver()),
 * - pddAmountUnit: 'fen' | 'yuan', Pinduoduo refund amounts (UNCERTAIN in the public docs),
 * - outboundMethods: outbox kind → platform API method/path (the defaults are UNCERTAIN),
 * - accessToken: the shop's OAuth token for sends; stored sealed as `accessTokenSealed`, never returned,
 * - ingestPositiveReviews: make cases also for 4–5 star reviews,
 * - pddMessageService: connect the Pinduoduo WebSocket message service for this shop,
 * - shopCipher: TikTok Shop's cipher for shop-scoped calls (from Get Authorized Shops),
 * - returnAddressId: the platform's return address id used when agreeing to a return (PDD, Douyin, Taobao),
 * - douyinOperateTypes: overrides of the UNCERTAIN afterSale/operate type codes,
 * - douyinReasonCodes: { "<reason_code>": "<中文原因>" } over the UNCERTAIN table in channels/douyin/reasons.ts,
 * - taobaoDisputeFeeUnit: 'fen' | 'yuan', the unit of buyer_refund_fee in taobao_dispute_* topics (UNCERTAIN),
 * - taobaoRefundPhase: 'onsale' | 'aftersale', the refund_phase Tmall's refund calls carry when the
 *   after-sale gave none (UNCERTAIN, src/channels/taobao/send.ts refundPhaseOf),
 * - simulated: the shop's sends go to the built-in simulated platform, never to the real one (demo, trials),
 * - simulatedFailureEvery: with `simulated`, one send in this many fails as the platform would answer,
 * - authBaseUrl: replaces the platform's consent host (and Taobao's and TikTok's token host), UNCERTAIN,
 * - douyinServiceId: the Douyin service-market app's service id (its consent page needs it),
 * - replyLimits: the longest reply, in characters, per medium (chat, review, after_sales), in place of
 *   the UNCERTAIN table in src/replycheck/reply-limits.ts,
 * - deliveryEvents: the event names (`type` or `type:STATUS`) that say an order was delivered, in place
 *   of the platform's UNCERTAIN defaults (src/channels/delivery-events.ts).
 * Written by shop authorisation only (src/shops/authorisation-rules.ts): refreshTokenSealed,
 * tokenExpiresAt, refreshTokenExpiresAt, authorisedVia, authorisedAt, authError, refreshClaimedAt.
 * Keys this module does not know are kept as they are on PATCH and never shown.
 */

/** Every outbox kind the adapters know (src/channels/outbound.ts). */
export const OUTBOX_KINDS = OUTBOUND_KINDS;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export const PDD_AMOUNT_UNITS = ['fen', 'yuan'] as const;

/** Tmall's refund phases (售中, 售后). */
export const TAOBAO_REFUND_PHASES = ['onsale', 'aftersale'] as const;

/** How our HTTP relay's pushes are signed: 'body' (X-Pdd-Body-Sign, default) or the body-less 'legacy' sig. */
export const PDD_RELAY_SIGNATURES = ['body', 'legacy'] as const;

/** Settings only one platform's shops may carry. */
const ONLY: Record<string, readonly string[]> = {
  pinduoduo: ['pddAmountUnit', 'pddMessageService', 'pddMessageUrl', 'pddRelaySignature'],
  tiktok: ['shopCipher'],
  douyin: ['douyinOperateTypes', 'douyinReasonCodes', 'douyinServiceId'],
  taobao: ['taobaoDisputeFeeUnit', 'taobaoRefundPhase'],
};
const PLATFORM_OF = new Map(Object.entries(ONLY).flatMap(([p, keys]) => keys.map((k) => [k, p] as const)));

const ApiBaseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .trim()
  .max(500, 'at most 500 characters');
const MessageServiceUrl = z
  .url({ protocol: /^wss?$/, error: 'must be a ws:// or wss:// URL' })
  .trim()
  .max(500, 'at most 500 characters');
const AccessToken = z
  .string()
  .trim()
  .min(1, 'must not be empty (send null to remove the token)')
  .max(4000, 'at most 4000 characters');
const MethodName = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters');
const OutboundMethods = z.partialRecord(z.enum(OUTBOX_KINDS), MethodName, {
  // zod reports keys outside the enum as `unrecognized_keys` (its types do not say so): name the known ones.
  error: (issue) => {
    const { code, keys } = issue as { code: string; keys?: string[] };
    return code === 'unrecognized_keys' && keys
      ? `unknown outbox kind ${keys.map((k) => `"${k}"`).join(', ')} (known: ${OUTBOX_KINDS.join(', ')})`
      : undefined;
  },
});

const PlatformId = z.string().trim().min(1, 'must not be empty').max(100, 'at most 100 characters');
const OperateTypes = z.partialRecord(
  z.enum([
    'agree_refund',
    'refuse_refund',
    'agree_return',
    'refuse_return',
    'agree_received',
    'refuse_received',
    'agree_exchange',
    'refuse_exchange',
    'exchange_shipped',
  ]),
  z.number().int().min(1).max(9999),
);

/**
 * The reconciler's per-shop overrides: off, only some feeds, and the list API's method names, page
 * size and window (the defaults are UNCERTAIN platform facts, see src/channels/pull.ts).
 */
const Reconcile = z.strictObject({
  enabled: z.boolean().optional(),
  feeds: z.array(z.enum(PULL_FEEDS)).max(PULL_FEEDS.length).optional(),
  methods: z
    .partialRecord(
      z.enum(PULL_FEEDS),
      z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_./-]{1,120}$/, 'a method name or API path'),
    )
    .optional(),
  maxWindowMinutes: z.number().int().min(1, 'at least 1').max(1440, 'at most 1440').optional(),
  pageSize: z.number().int().min(1, 'at least 1').max(200, 'at most 200').optional(),
});

const DeliveryEvents = z
  .array(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.-]{1,100}(:[A-Za-z0-9_]{1,60})?$/, 'an event name, or name:STATUS'),
  )
  .max(20, 'at most 20 event names');

const ReasonCodes = z
  .record(
    z.string().regex(/^\d{1,6}$/, 'a reason code is digits'),
    z.string().trim().min(1, 'must not be empty').max(40, 'at most 40 characters'),
  )
  .refine((m) => Object.keys(m).length <= 200, 'at most 200 codes');

const ReplyLimits = z.partialRecord(
  z.enum(REPLY_MEDIUMS),
  z.number().int().min(1, 'at least 1').max(20_000, 'at most 20000'),
);

const fields = {
  replyLimits: ReplyLimits,
  apiBaseUrl: ApiBaseUrl,
  pddAmountUnit: z.enum(PDD_AMOUNT_UNITS, { error: "must be 'fen' or 'yuan'" }),
  outboundMethods: OutboundMethods,
  accessToken: AccessToken,
  ingestPositiveReviews: z.boolean(),
  pddMessageService: z.boolean(),
  pddMessageUrl: MessageServiceUrl,
  pddRelaySignature: z.enum(PDD_RELAY_SIGNATURES, { error: "must be 'body' or 'legacy'" }),
  shopCipher: PlatformId,
  returnAddressId: PlatformId,
  douyinOperateTypes: OperateTypes,
  douyinReasonCodes: ReasonCodes,
  taobaoDisputeFeeUnit: z.enum(PDD_AMOUNT_UNITS, { error: "must be 'fen' or 'yuan'" }),
  taobaoRefundPhase: z.enum(TAOBAO_REFUND_PHASES, { error: "must be 'onsale' or 'aftersale'" }),
  simulated: z.boolean(),
  simulatedFailureEvery: z.number().int().min(1, 'at least 1').max(1000, 'at most 1000'),
  authBaseUrl: ApiBaseUrl,
  douyinServiceId: PlatformId,
  deliveryEvents: DeliveryEvents,
  reconcile: Reconcile,
};
type Fields = typeof fields;

/** Settings given when a shop is created. Unknown keys are refused. */
export const ShopSettingsInput = z.strictObject({
  apiBaseUrl: fields.apiBaseUrl.optional(),
  pddAmountUnit: fields.pddAmountUnit.optional(),
  outboundMethods: fields.outboundMethods.optional(),
  accessToken: fields.accessToken.optional(),
  ingestPositiveReviews: fields.ingestPositiveReviews.optional(),
  pddMessageService: fields.pddMessageService.optional(),
  pddMessageUrl: fields.pddMessageUrl.optional(),
  pddRelaySignature: fields.pddRelaySignature.optional(),
  shopCipher: fields.shopCipher.optional(),
  returnAddressId: fields.returnAddressId.optional(),
  douyinOperateTypes: fields.douyinOperateTypes.optional(),
  douyinReasonCodes: fields.douyinReasonCodes.optional(),
  taobaoDisputeFeeUnit: fields.taobaoDisputeFeeUnit.optional(),
  taobaoRefundPhase: fields.taobaoRefundPhase.optional(),
  simulated: fields.simulated.optional(),
  simulatedFailureEvery: fields.simulatedFailureEvery.optional(),
  authBaseUrl: fields.authBaseUrl.optional(),
  douyinServiceId: fields.douyinServiceId.optional(),
  deliveryEvents: fields.deliveryEvents.optional(),
  replyLimits: fields.replyLimits.optional(),
  reconcile: fields.reconcile.optional(),
});

/**
 * Settings changed on PATCH: merged into the stored ones key by key; null removes a key.
 * `outboundMethods` is replaced as a whole (send the full map; {} or null removes every override).
 */
export const ShopSettingsPatch = z.strictObject({
  apiBaseUrl: fields.apiBaseUrl.nullable().optional(),
  pddAmountUnit: fields.pddAmountUnit.nullable().optional(),
  outboundMethods: fields.outboundMethods.nullable().optional(),
  accessToken: fields.accessToken.nullable().optional(),
  ingestPositiveReviews: fields.ingestPositiveReviews.nullable().optional(),
  pddMessageService: fields.pddMessageService.nullable().optional(),
  pddMessageUrl: fields.pddMessageUrl.nullable().optional(),
  pddRelaySignature: fields.pddRelaySignature.nullable().optional(),
  shopCipher: fields.shopCipher.nullable().optional(),
  returnAddressId: fields.returnAddressId.nullable().optional(),
  douyinOperateTypes: fields.douyinOperateTypes.nullable().optional(),
  douyinReasonCodes: fields.douyinReasonCodes.nullable().optional(),
  taobaoDisputeFeeUnit: fields.taobaoDisputeFeeUnit.nullable().optional(),
  taobaoRefundPhase: fields.taobaoRefundPhase.nullable().optional(),
  simulated: fields.simulated.nullable().optional(),
  simulatedFailureEvery: fields.simulatedFailureEvery.nullable().optional(),
  authBaseUrl: fields.authBaseUrl.nullable().optional(),
  douyinServiceId: fields.douyinServiceId.nullable().optional(),
  deliveryEvents: fields.deliveryEvents.nullable().optional(),
  replyLimits: fields.replyLimits.nullable().optional(),
  reconcile: fields.reconcile.nullable().optional(),
});

export type ShopSettingsInput = z.infer<typeof ShopSettingsInput>;
export type ShopSettingsPatch = z.infer<typeof ShopSettingsPatch>;

/** What the API shows of the settings: no token, sealed or not (see `hasAccessToken`). */
export const ShopSettingsView = z.object({
  apiBaseUrl: z.string().optional(),
  pddAmountUnit: z.enum(PDD_AMOUNT_UNITS).optional(),
  outboundMethods: z.partialRecord(z.enum(OUTBOX_KINDS), z.string()).optional(),
  ingestPositiveReviews: z.boolean().optional(),
  pddMessageService: z.boolean().optional(),
  pddMessageUrl: z.string().optional(),
  pddRelaySignature: z.enum(PDD_RELAY_SIGNATURES).optional(),
  shopCipher: z.string().optional(),
  returnAddressId: z.string().optional(),
  douyinOperateTypes: z.record(z.string(), z.number()).optional(),
  douyinReasonCodes: z.record(z.string(), z.string()).optional(),
  taobaoDisputeFeeUnit: z.enum(PDD_AMOUNT_UNITS).optional(),
  taobaoRefundPhase: z.enum(TAOBAO_REFUND_PHASES).optional(),
  simulated: z.boolean().optional(),
  simulatedFailureEvery: z.number().optional(),
  authBaseUrl: z.string().optional(),
  douyinServiceId: z.string().optional(),
  deliveryEvents: z.array(z.string()).optional(),
  replyLimits: z.partialRecord(z.enum(REPLY_MEDIUMS), z.number()).optional(),
  reconcile: Reconcile.optional(),
});
export type ShopSettingsView = z.infer<typeof ShopSettingsView>;

type Stored = Record<string, unknown>;

/** Settings written by shop authorisation (consent and refresh), never by PATCH. */
export const AUTHORISATION_KEYS = [
  'refreshTokenSealed',
  'tokenExpiresAt',
  'refreshTokenExpiresAt',
  'authorisedVia',
  'authorisedAt',
  'authError',
  'refreshClaimedAt',
] as const;

/** The visible settings of a stored settings object: known keys with well-formed values only. */
export function settingsView(settings: Stored | null | undefined): ShopSettingsView {
  const s = settings ?? {};
  const view: ShopSettingsView = {};
  if (typeof s.apiBaseUrl === 'string') view.apiBaseUrl = s.apiBaseUrl;
  if (s.pddAmountUnit === 'fen' || s.pddAmountUnit === 'yuan') view.pddAmountUnit = s.pddAmountUnit;
  if (s.outboundMethods && typeof s.outboundMethods === 'object' && !Array.isArray(s.outboundMethods)) {
    const methods: Partial<Record<OutboxKind, string>> = {};
    for (const kind of OUTBOX_KINDS) {
      const v = (s.outboundMethods as Stored)[kind];
      if (typeof v === 'string') methods[kind] = v;
    }
    if (Object.keys(methods).length > 0) view.outboundMethods = methods;
  }
  if (typeof s.ingestPositiveReviews === 'boolean') view.ingestPositiveReviews = s.ingestPositiveReviews;
  if (typeof s.pddMessageService === 'boolean') view.pddMessageService = s.pddMessageService;
  if (typeof s.pddMessageUrl === 'string') view.pddMessageUrl = s.pddMessageUrl;
  if (s.pddRelaySignature === 'body' || s.pddRelaySignature === 'legacy') {
    view.pddRelaySignature = s.pddRelaySignature;
  }
  if (typeof s.shopCipher === 'string') view.shopCipher = s.shopCipher;
  if (typeof s.simulated === 'boolean') view.simulated = s.simulated;
  if (typeof s.simulatedFailureEvery === 'number') view.simulatedFailureEvery = s.simulatedFailureEvery;
  if (typeof s.returnAddressId === 'string') view.returnAddressId = s.returnAddressId;
  if (typeof s.authBaseUrl === 'string') view.authBaseUrl = s.authBaseUrl;
  if (typeof s.douyinServiceId === 'string') view.douyinServiceId = s.douyinServiceId;
  if (Array.isArray(s.deliveryEvents) && s.deliveryEvents.every((v) => typeof v === 'string')) {
    view.deliveryEvents = s.deliveryEvents as string[];
  }
  const reconcile = Reconcile.safeParse(s.reconcile);
  if (s.reconcile !== undefined && reconcile.success) view.reconcile = reconcile.data;
  if (s.douyinReasonCodes && typeof s.douyinReasonCodes === 'object' && !Array.isArray(s.douyinReasonCodes)) {
    const codes = Object.fromEntries(
      Object.entries(s.douyinReasonCodes as Stored).filter(([, v]) => typeof v === 'string'),
    ) as Record<string, string>;
    if (Object.keys(codes).length > 0) view.douyinReasonCodes = codes;
  }
  const limits = replyLimitsOf(s);
  if (limits) view.replyLimits = limits;
  if (s.taobaoDisputeFeeUnit === 'fen' || s.taobaoDisputeFeeUnit === 'yuan') {
    view.taobaoDisputeFeeUnit = s.taobaoDisputeFeeUnit;
  }
  if (s.taobaoRefundPhase === 'onsale' || s.taobaoRefundPhase === 'aftersale') {
    view.taobaoRefundPhase = s.taobaoRefundPhase;
  }
  if (
    s.douyinOperateTypes &&
    typeof s.douyinOperateTypes === 'object' &&
    !Array.isArray(s.douyinOperateTypes)
  ) {
    const types = Object.fromEntries(
      Object.entries(s.douyinOperateTypes as Stored).filter(([, v]) => typeof v === 'number'),
    ) as Record<string, number>;
    if (Object.keys(types).length > 0) view.douyinOperateTypes = types;
  }
  return view;
}

/** A shop's own reply limits, when its stored settings hold well-formed ones. */
export function replyLimitsOf(settings: Stored | null | undefined): ShopSettingsView['replyLimits'] {
  const raw = settings?.replyLimits;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out: Partial<Record<(typeof REPLY_MEDIUMS)[number], number>> = {};
  for (const m of REPLY_MEDIUMS) {
    const v = (raw as Stored)[m];
    if (typeof v === 'number' && Number.isInteger(v) && v > 0) out[m] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Whether a shop has an access token (sealed, or a legacy plaintext one). */
export const hasAccessToken = (settings: Stored | null | undefined): boolean =>
  typeof settings?.accessTokenSealed === 'string' ||
  (typeof settings?.accessToken === 'string' && settings.accessToken !== '');

function refuseOtherPlatforms(platform: Platform, given: Record<string, unknown>) {
  for (const [key, value] of Object.entries(given)) {
    const owner = PLATFORM_OF.get(key);
    if (owner && owner !== platform && value !== undefined && value !== null) {
      throw new AppError(
        'VALIDATION_FAILED',
        `invalid body: settings.${key}: only a ${owner} shop has this setting`,
      );
    }
  }
}

/**
 * The stored settings after a change: `current` (stored jsonb) merged with `patch` key by key, null
 * removing a key, the access token sealed as `accessTokenSealed` (a legacy plaintext `accessToken` is
 * dropped whenever the token is set or removed). Pure but for sealing; does not change `current`.
 */
export function mergeSettings(
  platform: Platform,
  current: Stored | null | undefined,
  patch: ShopSettingsPatch | ShopSettingsInput,
  secretBox: Pick<SecretBox, 'seal'>,
): Stored {
  refuseOtherPlatforms(platform, patch);
  const next: Stored = { ...(current ?? {}) };
  for (const key of Object.keys(fields) as (keyof Fields)[]) {
    const value = patch[key];
    if (value === undefined) continue;
    if (key === 'accessToken') {
      // A token entered by hand replaces an authorisation: its refresh token and expiry go with it.
      for (const k of ['accessToken', 'accessTokenSealed', ...AUTHORISATION_KEYS]) delete next[k];
      if (value !== null) {
        next.accessTokenSealed = secretBox.seal(value as string);
        next.authorisedVia = 'manual';
      }
      continue;
    }
    if (
      value === null ||
      ((key === 'outboundMethods' ||
        key === 'douyinOperateTypes' ||
        key === 'douyinReasonCodes' ||
        key === 'deliveryEvents' ||
        key === 'replyLimits' ||
        key === 'reconcile') &&
        Object.keys(value as object).length === 0)
    ) {
      delete next[key];
    } else {
      next[key] = value;
    }
  }
  return next;
}

/**
 * The settings the channel adapters expect (`ShopAuth.settings`): the stored ones with the access
 * token unsealed into `accessToken` and `accessTokenSealed` left out. A legacy plaintext
 * `accessToken` still works; a sealed one wins. Pass `{ open }` with a cache to avoid re-opening.
 */
export function adapterSettings(
  settings: Stored | null | undefined,
  secretBox: Pick<SecretBox, 'open'>,
): Record<string, unknown> {
  const { accessTokenSealed, ...all } = settings ?? {};
  // The adapters sign with the access token; the refresh token and the authorisation's bookkeeping stay here.
  const rest = Object.fromEntries(
    Object.entries(all).filter(([k]) => !(AUTHORISATION_KEYS as readonly string[]).includes(k)),
  );
  if (typeof accessTokenSealed !== 'string') return rest;
  let accessToken: string;
  try {
    accessToken = secretBox.open(accessTokenSealed);
  } catch (error) {
    throw new Error('the shop access token cannot be unsealed (was the secret key changed?)', {
      cause: error,
    });
  }
  return { ...rest, accessToken };
}

/** The shop's own API address for outbound sends, or null for the platform's (or installation's) default. */
export const shopEndpoint = (settings: Stored | null | undefined): string | null =>
  typeof settings?.apiBaseUrl === 'string' && settings.apiBaseUrl !== '' ? settings.apiBaseUrl : null;
