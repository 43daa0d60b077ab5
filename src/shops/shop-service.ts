import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { type OutboundPolicy, OutboundRefused } from '../http/outbound-policy.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { SecretBox } from '../shared/secret-box.js';
import { type AuthorisationView, authorisationView } from './authorisation-rules.js';
import type { Platform } from './shop-platform.js';
import * as repo from './shop-repo.js';
import {
  hasAccessToken,
  mergeSettings,
  type ShopSettingsInput,
  type ShopSettingsPatch,
  type ShopSettingsView,
  settingsView,
} from './shop-settings.js';

export type ShopView = {
  id: string;
  platform: Platform;
  name: string;
  externalShopId: string | null;
  appKey: string | null;
  hasAppSecret: boolean;
  /** Whether the shop has an OAuth access token for sends; the token itself is never returned. */
  hasAccessToken: boolean;
  timezone: string;
  enabled: boolean;
  settings: ShopSettingsView;
  authorisation: AuthorisationView;
  createdAt: Date;
  updatedAt: Date;
};

export type ShopInput = {
  platform: Platform;
  name: string;
  externalShopId?: string | undefined;
  appKey?: string | undefined;
  appSecret?: string | undefined;
  timezone?: string | undefined;
  settings?: ShopSettingsInput | undefined;
};

export type ShopPatch = Partial<Omit<ShopInput, 'platform' | 'settings'>> & {
  enabled?: boolean | undefined;
  settings?: ShopSettingsPatch | undefined;
};

export const toShopView = (s: repo.ShopRow, now = new Date()): ShopView => ({
  id: s.id,
  platform: s.platform,
  name: s.name,
  externalShopId: s.externalShopId,
  appKey: s.appKey,
  hasAppSecret: s.appSecretSealed !== null,
  hasAccessToken: hasAccessToken(s.settings),
  timezone: s.timezone,
  enabled: s.enabled,
  settings: settingsView(s.settings),
  authorisation: authorisationView(s.settings, now),
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

export type ShopService = ReturnType<typeof createShopService>;

export function createShopService({
  db,
  clock,
  secretBox,
  outbound,
}: {
  db: Db;
  clock: Clock;
  secretBox: SecretBox;
  /** Addresses a tenant sets are checked early (scheme, literal internal address); again at connect time. */
  outbound: Pick<OutboundPolicy, 'checkUrl'>;
}) {
  /** 400 for an address the server would never connect to, naming the field. */
  function checkAddresses(
    settings:
      | { apiBaseUrl?: string | null; pddMessageUrl?: string | null; authBaseUrl?: string | null }
      | undefined,
  ) {
    for (const [key, kind] of [
      ['apiBaseUrl', 'http'],
      ['authBaseUrl', 'http'],
      ['pddMessageUrl', 'ws'],
    ] as const) {
      const url = settings?.[key];
      if (typeof url !== 'string') continue;
      try {
        outbound.checkUrl(url, kind);
      } catch (error) {
        if (!(error instanceof OutboundRefused)) throw error;
        throw new AppError('VALIDATION_FAILED', `invalid body: settings.${key}: ${error.message}`);
      }
    }
  }

  return {
    async list(actor: Actor) {
      const now = clock.now();
      return (await repo.listShops(scopeTo(db, actor.tenantId))).map((s) => toShopView(s, now));
    },

    async get(actor: Actor, id: string) {
      const shop = await repo.findShop(scopeTo(db, actor.tenantId), id);
      if (!shop) throw new AppError('SHOP_NOT_FOUND', `shop ${id} not found`);
      return toShopView(shop, clock.now());
    },

    async create(actor: Actor, input: ShopInput) {
      if (input.platform !== 'manual' && (!input.appKey || !input.appSecret)) {
        throw new AppError(
          'VALIDATION_FAILED',
          `a ${input.platform} shop needs appKey and appSecret to verify its pushes`,
        );
      }
      checkAddresses(input.settings);
      const settings = input.settings ? mergeSettings(input.platform, {}, input.settings, secretBox) : {};
      const scope = scopeTo(db, actor.tenantId);
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const shop = await repo.insertShop(tx, {
          id: newId(),
          platform: input.platform,
          name: input.name,
          externalShopId: input.externalShopId ?? null,
          appKey: input.appKey ?? null,
          appSecretSealed: input.appSecret ? secretBox.seal(input.appSecret) : null,
          timezone: input.timezone ?? 'Asia/Shanghai',
          settings,
          createdAt: now,
          updatedAt: now,
        });
        const view = toShopView(shop, now);
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'shop',
              entityId: shop.id,
              action: 'created',
              after: { ...view, createdAt: undefined, updatedAt: undefined },
            },
          ],
          now,
        );
        return view;
      });
    },

    async update(actor: Actor, id: string, patch: ShopPatch) {
      const scope = scopeTo(db, actor.tenantId);
      const shop = await repo.findShop(scope, id);
      if (!shop) throw new AppError('SHOP_NOT_FOUND', `shop ${id} not found`);
      checkAddresses(patch.settings);
      const now = clock.now();
      const set = {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.externalShopId !== undefined ? { externalShopId: patch.externalShopId } : {}),
        ...(patch.appKey !== undefined ? { appKey: patch.appKey } : {}),
        ...(patch.appSecret !== undefined ? { appSecretSealed: secretBox.seal(patch.appSecret) } : {}),
        ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
        ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
        ...(patch.settings !== undefined
          ? { settings: mergeSettings(shop.platform, shop.settings, patch.settings, secretBox) }
          : {}),
      };
      const secretChanged = patch.appSecret !== undefined || patch.settings?.accessToken !== undefined;
      return scope.transaction(async (tx) => {
        const updated = await repo.updateShop(tx, id, set);
        const before = toShopView(shop, now);
        const after = toShopView(updated!, now);
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'shop',
              entityId: id,
              action: secretChanged ? 'updated_with_secret' : 'updated',
              before: {
                name: before.name,
                appKey: before.appKey,
                timezone: before.timezone,
                enabled: before.enabled,
                hasAccessToken: before.hasAccessToken,
                settings: before.settings,
              },
              after: {
                name: after.name,
                appKey: after.appKey,
                timezone: after.timezone,
                enabled: after.enabled,
                hasAccessToken: after.hasAccessToken,
                settings: after.settings,
              },
            },
          ],
          now,
        );
        return after;
      });
    },

    /** The plain app secret, for signature checks and platform calls; never leaves the server. */
    openSecret(shop: repo.ShopRow): string | null {
      return shop.appSecretSealed ? secretBox.open(shop.appSecretSealed) : null;
    },
  };
}
