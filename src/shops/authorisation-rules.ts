import type { TokenGrant } from '../channels/authorise.js';
import type { DeliveryCategory } from '../channels/delivery-error.js';
import type { SecretBox } from '../shared/secret-box.js';

type Stored = Record<string, unknown>;

/** Refresh this long before the access token expires (Douyin's SDK refreshes with under an hour left). */
export const REFRESH_AHEAD_MS = 60 * 60_000;
/** A refresh claimed by a process longer ago than this is taken to have died with it. */
export const REFRESH_CLAIM_MS = 2 * 60_000;
/** After a failed refresh, the refresher tries that shop again no sooner than this. */
export const RETRY_AFTER_FAILURE_MS = 10 * 60_000;
/** How long a consent link stays good. */
export const STATE_TTL_MS = 10 * 60_000;

export type AuthorisationState = 'authorised' | 'expiring' | 'expired' | 'refresh_failed' | 'manual' | 'none';

export type AuthorisationView = {
  state: AuthorisationState;
  via: 'oauth' | 'manual' | null;
  authorisedAt: Date | null;
  expiresAt: Date | null;
  canRefresh: boolean;
  error: { category: DeliveryCategory; message: string; at: Date } | null;
};

const date = (v: unknown): Date | null => {
  if (typeof v !== 'string') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** The settings after a grant (consent or refresh): tokens sealed, expiries, no error, no claim. */
export function settingsAfterGrant(
  current: Stored,
  grant: TokenGrant,
  now: Date,
  box: Pick<SecretBox, 'seal'>,
  firstConsent: boolean,
): Stored {
  const next: Stored = { ...current };
  delete next.accessToken;
  delete next.authError;
  delete next.refreshClaimedAt;
  next.accessTokenSealed = box.seal(grant.accessToken);
  if (grant.refreshToken) next.refreshTokenSealed = box.seal(grant.refreshToken);
  // A refresh that returns no new refresh token keeps the one it used (Douyin may not rotate it).
  next.tokenExpiresAt = grant.expiresAt.toISOString();
  if (grant.refreshExpiresAt) next.refreshTokenExpiresAt = grant.refreshExpiresAt.toISOString();
  else if (firstConsent) delete next.refreshTokenExpiresAt;
  next.authorisedVia = 'oauth';
  if (firstConsent || typeof next.authorisedAt !== 'string') next.authorisedAt = now.toISOString();
  return next;
}

/** The settings after a failed refresh: the old token stays (it may still work until it expires). */
export function settingsAfterFailedRefresh(
  current: Stored,
  failure: { category: DeliveryCategory; message: string },
  now: Date,
): Stored {
  const next: Stored = { ...current };
  delete next.refreshClaimedAt;
  next.authError = {
    category: failure.category,
    message: failure.message.slice(0, 300),
    at: now.toISOString(),
  };
  return next;
}

/** Whether the refresher should renew this shop's token now. */
export function needsRefresh(settings: Stored, now: Date, aheadMs = REFRESH_AHEAD_MS): boolean {
  if (typeof settings.refreshTokenSealed !== 'string') return false;
  const expires = date(settings.tokenExpiresAt);
  if (!expires) return false;
  const refreshUntil = date(settings.refreshTokenExpiresAt);
  if (refreshUntil && refreshUntil.getTime() <= now.getTime()) return false;
  const failedAt = date((settings.authError as Stored | undefined)?.at);
  if (failedAt && now.getTime() - failedAt.getTime() < RETRY_AFTER_FAILURE_MS) return false;
  return expires.getTime() - now.getTime() <= aheadMs;
}

/** What the console shows of a shop's authorisation. */
export function authorisationView(
  settings: Stored,
  now: Date,
  aheadMs = REFRESH_AHEAD_MS,
): AuthorisationView {
  const via =
    settings.authorisedVia === 'oauth' ? 'oauth' : settings.authorisedVia === 'manual' ? 'manual' : null;
  const hasToken = typeof settings.accessTokenSealed === 'string' || typeof settings.accessToken === 'string';
  const expiresAt = date(settings.tokenExpiresAt);
  const e = settings.authError as Stored | undefined;
  const error =
    e && typeof e.category === 'string' && date(e.at)
      ? { category: e.category as DeliveryCategory, message: String(e.message ?? ''), at: date(e.at)! }
      : null;
  const canRefresh = typeof settings.refreshTokenSealed === 'string';
  let state: AuthorisationState;
  if (!hasToken) state = 'none';
  else if (via !== 'oauth' || !expiresAt) state = 'manual';
  else if (expiresAt.getTime() <= now.getTime()) state = 'expired';
  else if (error) state = 'refresh_failed';
  else if (expiresAt.getTime() - now.getTime() <= aheadMs) state = 'expiring';
  else state = 'authorised';
  return {
    state,
    via: hasToken ? (via ?? 'manual') : null,
    authorisedAt: date(settings.authorisedAt),
    expiresAt,
    canRefresh,
    error,
  };
}
