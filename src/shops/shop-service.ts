import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { SecretBox } from '../shared/secret-box.js';
import * as repo from './shop-repo.js';

export const PLATFORMS = ['pinduoduo', 'douyin', 'tiktok', 'taobao', 'manual'] as const;
export type Platform = (typeof PLATFORMS)[number];

export type ShopView = {
  id: string;
  platform: Platform;
  name: string;
  externalShopId: string | null;
  appKey: string | null;
  hasAppSecret: boolean;
  timezone: string;
  enabled: boolean;
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
};

export type ShopPatch = Partial<Omit<ShopInput, 'platform'>> & { enabled?: boolean | undefined };

export const toShopView = (s: repo.ShopRow): ShopView => ({
  id: s.id,
  platform: s.platform,
  name: s.name,
  externalShopId: s.externalShopId,
  appKey: s.appKey,
  hasAppSecret: s.appSecretSealed !== null,
  timezone: s.timezone,
  enabled: s.enabled,
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
      };
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
              action: patch.appSecret !== undefined ? 'updated_with_secret' : 'updated',
              before: {
                name: before.name,
                appKey: before.appKey,
                timezone: before.timezone,
                enabled: before.enabled,
              },
              after: {
                name: after.name,
                appKey: after.appKey,
                timezone: after.timezone,
                enabled: after.enabled,
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
