import type { Actor } from '../auth/roles.js';
import { isPlatform, type Platform } from '../channels/channel.js';
import {
  judgeSelfTest,
  type ProbeOutcome,
  refusedOutcome,
  type SelfTestReport,
  selfTestProbes,
} from '../channels/self-test.js';
import type { Database } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { type OutboundPolicy, outboundReason } from '../http/outbound-policy.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { findShop } from '../shops/shop-repo.js';
import type { IngestSettings } from './ingest-settings.js';
import {
  apiBaseFor,
  readPlatformAnswer,
  requestFailureCategory,
  sendToPlatform,
} from './platform-request.js';
import type { ShopAccess } from './shop-access.js';

export type ConnectionSelfTest = SelfTestReport & { shopId: string; platform: Platform; ranAt: Date };

/**
 * The connection self-test of one shop: the platform's harmless reads (channels/self-test.ts) with
 * the shop's own credentials, sent like the outbox's sends (same address, same outbound policy),
 * one after another so a first refusal is read before the next call.
 */
export function createConnectionSelfTest(deps: {
  database: Database;
  clock: Clock;
  shops: Pick<ShopAccess, 'shopAuth'>;
  outbound: Pick<OutboundPolicy, 'request'>;
  settings: Pick<IngestSettings, 'apiBaseUrls' | 'sendTimeoutMs'>;
}) {
  return async function runSelfTest(actor: Actor, shopId: string): Promise<ConnectionSelfTest> {
    const shop = await findShop(scopeTo(deps.database.db, actor.tenantId), shopId);
    if (!shop) throw new AppError('SHOP_NOT_FOUND', `shop ${shopId} not found`);
    if (!isPlatform(shop.platform)) {
      throw new AppError('VALIDATION_FAILED', 'a shop without a platform API has no connection to test');
    }
    const platform = shop.platform;
    const ranAt = deps.clock.now();
    const auth = deps.shops.shopAuth(shop);
    if (!auth) {
      // Nothing to sign with: the keys themselves are missing, no call is made.
      return {
        shopId,
        platform,
        ranAt,
        ok: false,
        keys: 'missing',
        token: 'unknown',
        signing: 'unknown',
        permissions: [],
        problems: [
          {
            scope: 'credentials',
            call: '—',
            category: 'missing_setup',
            detail: 'the shop has no app key and secret',
          },
        ],
      };
    }
    const outcomes: ProbeOutcome[] = [];
    for (const probe of selfTestProbes(platform, auth, apiBaseFor(platform, auth, deps.settings), ranAt)) {
      const refused = refusedOutcome(probe);
      if (refused || !probe.plan.ok) {
        outcomes.push(refused!);
        continue;
      }
      try {
        const res = await sendToPlatform(deps.outbound, probe.plan.request, deps.settings.sendTimeoutMs);
        outcomes.push({ scope: probe.scope, call: probe.call, result: readPlatformAnswer(platform, res) });
      } catch (e) {
        outcomes.push({
          scope: probe.scope,
          call: probe.call,
          result: {
            ok: false,
            category: requestFailureCategory(e),
            code: 'local',
            message: outboundReason(e),
          },
        });
      }
    }
    const report = judgeSelfTest(outcomes);
    return { ...report, shopId, platform, ranAt };
  };
}
