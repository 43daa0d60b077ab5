import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { SecretBox } from '../shared/secret-box.js';
import * as repo from './shop-repo.js';
import {
  hasAccessToken,
  mergeSettings,
  type ShopSettingsInput,
  type ShopSettingsPatch,
  type ShopSettingsView,
  settingsView,
} from './shop-settings.js';

export const PLATFORMS = ['pinduoduo', 'douyin', 'tiktok', 'taobao', 'manual'] as const;
export type Platform = (typeof PLATFORMS)[number];

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

export const toShopView = (s: repo.ShopRow): ShopView => ({
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
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

export type ShopService = ReturnType<typeof createShopService>;

export function createShopService({ db, clock, secretBox }: { db: Db; clock: Clock; secretBox: SecretBox }) {
  return {
    async list(actor: Actor) {
      return (await repo.listShops(scopeTo(db, actor.tenantId))).map(toShopView);
    },

    async get(actor: Actor, id: string) {
      const shop = await repo.findShop(scopeTo(db, actor.tenantId), id);
      if (!shop) throw new AppError('SHOP_NOT_FOUND', `shop ${id} not found`);
      return toShopView(shop);
    },

    async create(actor: Actor, input: ShopInput) {
      if (input.platform !== 'manual' && (!input.appKey || !input.appSecret)) {
        throw new AppError(
          'VALIDATION_FAILED',
          `a ${input.platform} shop needs appKey and appSecret to verify its pushes`,
        );
      }
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
        const view = toShopView(shop);
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
        const before = toShopView(shop);
        const after = toShopView(updated!);
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
