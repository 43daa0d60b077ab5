import { z } from 'zod';
import { AppError } from '../shared/app-error.js';
import type { SecretBox } from '../shared/secret-box.js';
import type { Platform } from './shop-service.js';

/**
 * Per-shop adapter settings (`shops.settings` jsonb), the keys the channel adapters read:
 * - apiBaseUrl: overrides the platform's API gateway for outbound sends (ingest deliver()),
 * - pddAmountUnit: 'fen' | 'yuan', Pinduoduo refund amounts (UNCERTAIN in the public docs),
 * - outboundMethods: outbox kind → platform API method/path (the defaults are UNCERTAIN),
 * - accessToken: the shop's OAuth token for sends; stored sealed as `accessTokenSealed`, never returned,
 * - ingestPositiveReviews: make cases also for 4–5 star reviews,
 * - pddMessageService: connect the Pinduoduo WebSocket message service for this shop.
 * Keys this module does not know are kept as they are on PATCH and never shown.
 */

/** Every outbox kind the adapters send (the keys of DOUYIN_METHODS, PDD_TYPES, TOP_METHODS, TIKTOK_PATHS). */
export const OUTBOX_KINDS = [
  'reply',
  'acknowledgement',
  'notice',
  'agree_refund',
  'refuse_refund',
  'return_instruction',
  'evidence',
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

export const PDD_AMOUNT_UNITS = ['fen', 'yuan'] as const;

/** Settings only a Pinduoduo shop may carry. */
const PDD_ONLY = ['pddAmountUnit', 'pddMessageService', 'pddMessageUrl'] as const;

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

const fields = {
  apiBaseUrl: ApiBaseUrl,
  pddAmountUnit: z.enum(PDD_AMOUNT_UNITS, { error: "must be 'fen' or 'yuan'" }),
  outboundMethods: OutboundMethods,
  accessToken: AccessToken,
  ingestPositiveReviews: z.boolean(),
  pddMessageService: z.boolean(),
  pddMessageUrl: MessageServiceUrl,
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
});
export type ShopSettingsView = z.infer<typeof ShopSettingsView>;

type Stored = Record<string, unknown>;

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
  return view;
}

/** Whether a shop has an access token (sealed, or a legacy plaintext one). */
export const hasAccessToken = (settings: Stored | null | undefined): boolean =>
  typeof settings?.accessTokenSealed === 'string' ||
  (typeof settings?.accessToken === 'string' && settings.accessToken !== '');

function refusePddOnly(platform: Platform, given: Record<string, unknown>) {
  if (platform === 'pinduoduo') return;
  for (const key of PDD_ONLY) {
    if (given[key] !== undefined && given[key] !== null) {
      throw new AppError(
        'VALIDATION_FAILED',
        `invalid body: settings.${key}: only a pinduoduo shop has this setting`,
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
  refusePddOnly(platform, patch);
  const next: Stored = { ...(current ?? {}) };
  for (const key of Object.keys(fields) as (keyof Fields)[]) {
    const value = patch[key];
    if (value === undefined) continue;
    if (key === 'accessToken') {
      delete next.accessToken;
      delete next.accessTokenSealed;
      if (value !== null) next.accessTokenSealed = secretBox.seal(value as string);
      continue;
    }
    if (value === null || (key === 'outboundMethods' && Object.keys(value as object).length === 0)) {
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
  const { accessTokenSealed, ...rest } = settings ?? {};
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
