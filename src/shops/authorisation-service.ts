import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/audit-repo.js';
import { type Actor, systemActor } from '../auth/roles.js';
import type { TokenAnswer } from '../channels/authorise.js';
import { AUTHORISE } from '../channels/authorise-registry.js';
import { isPlatform, type Platform } from '../channels/channel.js';
import type { SendShop } from '../channels/outbound.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import type { OutboundPolicy } from '../http/outbound-policy.js';
import { apiBaseFor, requestFailureCategory, sendToPlatform } from '../ingest/platform-request.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import type { SecretBox } from '../shared/secret-box.js';
import * as repo from './authorisation-repo.js';
import {
  authorisationView,
  needsRefresh,
  REFRESH_AHEAD_MS,
  REFRESH_CLAIM_MS,
  STATE_TTL_MS,
  settingsAfterFailedRefresh,
  settingsAfterGrant,
} from './authorisation-rules.js';
import { findShop, type ShopRow } from './shop-repo.js';
import { adapterSettings } from './shop-settings.js';

export type AuthorisationService = ReturnType<typeof createAuthorisationService>;

/** Where the console lands after the platform's redirect. */
export type CallbackResult = {
  shopId: string | null;
  outcome: 'authorised' | 'denied' | 'failed';
  reason?: string;
};

export type RefreshFailure = { tenantId: string; shopId: string; category: string; message: string };

const hash = (state: string) => createHash('sha256').update(state).digest('hex');
const TOKEN_TIMEOUT_MS = 15_000;

/**
 * Shop authorisation: the consent link, the callback that exchanges the code for tokens (sealed in the
 * shop's settings), and the refresher that renews tokens before they expire and flags the shop when
 * it cannot. A hand-entered token (self-built apps) stays possible and replaces an authorisation.
 */
export function createAuthorisationService(deps: {
  db: Db;
  clock: Clock;
  secretBox: SecretBox;
  outbound: Pick<OutboundPolicy, 'request'>;
  apiBaseUrls: Partial<Record<Platform, string>>;
}) {
  const { db, clock, secretBox } = deps;
  const failureListeners: ((failure: RefreshFailure) => void)[] = [];
  const tellFailure = (failure: RefreshFailure) => {
    for (const listener of failureListeners) listener(failure);
  };

  function sendShop(shop: ShopRow): SendShop {
    if (!shop.appKey || !shop.appSecretSealed) {
      throw new AppError(
        'VALIDATION_FAILED',
        'the shop needs its app key and app secret before it can be authorised',
      );
    }
    return {
      appKey: shop.appKey,
      appSecret: secretBox.open(shop.appSecretSealed),
      externalShopId: shop.externalShopId,
      settings: adapterSettings(shop.settings, secretBox),
    };
  }

  const authBaseOf = (platform: Platform, shop: SendShop) =>
    typeof shop.settings.authBaseUrl === 'string' && shop.settings.authBaseUrl
      ? shop.settings.authBaseUrl
      : AUTHORISE[platform].authBase;

  /** Exchanges a code or refresh token; every failure is a TokenAnswer, never a throw. */
  async function exchange(
    platform: Platform,
    shop: SendShop,
    redirectUri: string,
    grant: { grant: 'code'; code: string } | { grant: 'refresh'; refreshToken: string },
  ): Promise<TokenAnswer> {
    const spec = AUTHORISE[platform];
    const now = clock.now();
    const plan = spec.tokenRequest({
      shop,
      redirectUri,
      authBase: authBaseOf(platform, shop),
      apiBase: apiBaseFor(platform, shop, { apiBaseUrls: deps.apiBaseUrls }),
      now,
      ...grant,
    });
    if (!plan.ok) return { ok: false, category: plan.category, code: 'not_sent', message: plan.message };
    try {
      const res = await sendToPlatform(deps.outbound, plan.request, TOKEN_TIMEOUT_MS);
      return spec.readToken(res.status, res.text, clock.now());
    } catch (error) {
      return {
        ok: false,
        category: requestFailureCategory(error),
        code: 'network',
        message: error instanceof Error ? error.message : String(error),
      };
    }
  }

  /** Renews one shop's token; 'skipped' when another process holds the claim. */
  async function refreshOne(shop: ShopRow): Promise<'renewed' | 'failed' | 'skipped'> {
    if (!isPlatform(shop.platform)) return 'skipped';
    const now = clock.now();
    const claimed = await repo.claimRefresh(db, shop.id, now, new Date(now.getTime() - REFRESH_CLAIM_MS));
    if (!claimed) return 'skipped';
    const auth = sendShop(claimed);
    const sealed = claimed.settings.refreshTokenSealed;
    const answer =
      typeof sealed === 'string'
        ? await exchange(shop.platform, auth, '', { grant: 'refresh', refreshToken: secretBox.open(sealed) })
        : ({
            ok: false,
            category: 'missing_setup',
            code: 'no_refresh_token',
            message: 'no refresh token',
          } as const);
    const at = clock.now();
    const scope = scopeTo(db, claimed.tenantId);
    if (answer.ok) {
      await repo.writeShopSettings(
        db,
        shop.id,
        settingsAfterGrant(claimed.settings, answer.grant, at, secretBox, false),
        at,
      );
      await recordAudit(
        scope,
        systemActor(claimed.tenantId, 'token refresher'),
        [
          {
            entityType: 'shop',
            entityId: shop.id,
            action: 'token_refreshed',
            after: { expiresAt: answer.grant.expiresAt },
          },
        ],
        at,
      );
      return 'renewed';
    }
    await repo.writeShopSettings(db, shop.id, settingsAfterFailedRefresh(claimed.settings, answer, at), at);
    await recordAudit(
      scope,
      systemActor(claimed.tenantId, 'token refresher'),
      [
        {
          entityType: 'shop',
          entityId: shop.id,
          action: 'token_refresh_failed',
          after: { category: answer.category, message: answer.message.slice(0, 300) },
        },
      ],
      at,
    );
    tellFailure({
      tenantId: claimed.tenantId,
      shopId: shop.id,
      category: answer.category,
      message: answer.message,
    });
    return 'failed';
  }

  return {
    /** Renews one shop's token now, whatever its expiry says (the reconciler after an expired-token answer). */
    renewNow: refreshOne,

    /** Told of every failed renewal (the server log). */
    onRefreshFailure(listener: (failure: RefreshFailure) => void) {
      failureListeners.push(listener);
    },

    /** The consent link for a shop; the merchant's browser goes there and comes back to `redirectUri`. */
    async start(actor: Actor, shopId: string, origin: string) {
      const scope = scopeTo(db, actor.tenantId);
      const shop = await findShop(scope, shopId);
      if (!shop) throw new AppError('SHOP_NOT_FOUND', `shop ${shopId} not found`);
      if (!isPlatform(shop.platform)) {
        throw new AppError('VALIDATION_FAILED', 'a manual shop has no platform to authorise with');
      }
      if (shop.settings.simulated === true) {
        throw new AppError('VALIDATION_FAILED', 'a simulated shop is never connected to a platform');
      }
      if (!actor.id || actor.type !== 'user') {
        throw new AppError('FORBIDDEN', 'a shop is authorised by a person logged in to the console');
      }
      const auth = sendShop(shop);
      const spec = AUTHORISE[shop.platform];
      const state = randomBytes(32).toString('base64url');
      const redirectUri = `${origin}/api/v1/shops/authorise/callback/${shop.platform}`;
      const consent = spec.consentUrl({
        shop: auth,
        state,
        redirectUri,
        authBase: authBaseOf(shop.platform, auth),
      });
      if (!consent.ok) throw new AppError('VALIDATION_FAILED', consent.message);
      const now = clock.now();
      await repo.deleteExpiredAuthStates(db, now);
      await repo.insertAuthState(scope, {
        stateHash: hash(state),
        shopId,
        userId: actor.id,
        redirectUri,
        createdAt: now,
        expiresAt: new Date(now.getTime() + STATE_TTL_MS),
      });
      return {
        url: consent.url,
        redirectUri,
        /** TikTok and Douyin send the merchant back to the URL registered with the app: it must be this. */
        redirectRegistered: !spec.redirectInUrl,
        expiresAt: new Date(now.getTime() + STATE_TTL_MS),
      };
    },

    /** The platform's redirect: checks the state against the logged-in user, exchanges the code. */
    async callback(
      actor: Actor | null,
      platform: string,
      query: { state?: string | undefined; code?: string | undefined; error?: string | undefined },
    ): Promise<CallbackResult> {
      if (!query.state) return { shopId: null, outcome: 'failed', reason: 'no_state' };
      const now = clock.now();
      const state = await repo.takeAuthState(db, hash(query.state), now);
      if (!state || state.expiresAt.getTime() < now.getTime()) {
        return { shopId: state?.shopId ?? null, outcome: 'failed', reason: 'state_expired' };
      }
      // The browser that comes back must be the one that asked: a consent given for another account's
      // link would otherwise connect this merchant's platform shop to someone else's desk.
      if (!actor || actor.tenantId !== state.tenantId || actor.id !== state.userId) {
        return { shopId: state.shopId, outcome: 'failed', reason: 'other_user' };
      }
      const scope = scopeTo(db, state.tenantId);
      const shop = await findShop(scope, state.shopId);
      if (!shop || shop.platform !== platform || !isPlatform(shop.platform)) {
        return { shopId: state.shopId, outcome: 'failed', reason: 'shop_changed' };
      }
      if (query.error || !query.code)
        return { shopId: shop.id, outcome: 'denied', reason: query.error ?? 'no_code' };
      const answer = await exchange(shop.platform, sendShop(shop), state.redirectUri, {
        grant: 'code',
        code: query.code,
      });
      const at = clock.now();
      if (!answer.ok) {
        await recordAudit(
          scope,
          actor,
          [
            {
              entityType: 'shop',
              entityId: shop.id,
              action: 'authorisation_failed',
              after: { category: answer.category },
            },
          ],
          at,
        );
        return { shopId: shop.id, outcome: 'failed', reason: answer.category };
      }
      await repo.writeShopSettings(
        db,
        shop.id,
        settingsAfterGrant(shop.settings, answer.grant, at, secretBox, true),
        at,
      );
      await recordAudit(
        scope,
        actor,
        [
          {
            entityType: 'shop',
            entityId: shop.id,
            action: 'authorised',
            after: { expiresAt: answer.grant.expiresAt, platformShopName: answer.grant.shopName },
          },
        ],
        at,
      );
      return { shopId: shop.id, outcome: 'authorised' };
    },

    /** Renews one shop's token now (the console's button); the answer is the shop's authorisation. */
    async refreshNow(actor: Actor, shopId: string) {
      const scope = scopeTo(db, actor.tenantId);
      const shop = await findShop(scope, shopId);
      if (!shop) throw new AppError('SHOP_NOT_FOUND', `shop ${shopId} not found`);
      if (typeof shop.settings.refreshTokenSealed !== 'string') {
        throw new AppError(
          'VALIDATION_FAILED',
          'the shop was not authorised through the platform: nothing to refresh',
        );
      }
      await refreshOne(shop);
      const after = await findShop(scope, shopId);
      return authorisationView(after?.settings ?? {}, clock.now());
    },

    /** One pass of the refresher over every tenant's shops; returns how many were renewed and failed. */
    async refreshDue(aheadMs = REFRESH_AHEAD_MS, limit = 200) {
      const now = clock.now();
      const candidates = await repo.shopsToRefresh(db, new Date(now.getTime() + aheadMs), limit);
      let renewed = 0;
      let failed = 0;
      for (const shop of candidates) {
        if (!needsRefresh(shop.settings, now, aheadMs)) continue;
        try {
          const outcome = await refreshOne(shop);
          if (outcome === 'renewed') renewed++;
          if (outcome === 'failed') failed++;
        } catch (error) {
          failed++;
          tellFailure({
            tenantId: shop.tenantId,
            shopId: shop.id,
            category: 'unknown',
            message: String(error),
          });
        }
      }
      return { renewed, failed };
    },
  };
}
