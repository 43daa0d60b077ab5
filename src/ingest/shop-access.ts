import type { ShopAuth } from '../channels/channel.js';
import type { Database } from '../db/client.js';
import type { SecretBox } from '../shared/secret-box.js';
import { findShopForWebhook, type ShopRow } from '../shops/shop-repo.js';
import { adapterSettings } from '../shops/shop-settings.js';

export type ShopAccess = ReturnType<typeof createShopAccess>;

/**
 * A shop's row and opened credentials for the webhook path and the senders. Rows are cached for
 * `cacheMs` (a change shows after at most that), opened secrets for the life of the process.
 */
export function createShopAccess(deps: { database: Database; secretBox: SecretBox; cacheMs: number }) {
  const shopCache = new Map<string, { row: ShopRow; until: number }>();
  const opened = new Map<string, string>();

  // One read per shop at a time: when a busy shop's entry expires, the pushes arriving meanwhile
  // (dozens under a surge) wait for that read instead of each sending its own.
  const reading = new Map<string, Promise<ShopRow | undefined>>();

  async function webhookShop(id: string): Promise<ShopRow | undefined> {
    const cached = shopCache.get(id);
    if (cached && cached.until > Date.now()) return cached.row;
    const pending = deps.cacheMs > 0 ? reading.get(id) : undefined;
    if (pending) return pending;
    const read = findShopForWebhook(deps.database.db, id)
      .then((row) => {
        if (row && deps.cacheMs > 0) {
          if (shopCache.size > 10_000) shopCache.clear();
          shopCache.set(id, { row, until: Date.now() + deps.cacheMs });
        }
        return row;
      })
      .finally(() => reading.delete(id));
    reading.set(id, read);
    return read;
  }

  const openSecret = (sealed: string) => {
    let plain = opened.get(sealed);
    if (plain === undefined) {
      plain = deps.secretBox.open(sealed);
      if (opened.size > 10_000) opened.clear();
      opened.set(sealed, plain);
    }
    return plain;
  };

  /** The shop's credentials and adapter settings with secrets opened; null without an app key and secret. */
  function shopAuth(shop: ShopRow): ShopAuth | null {
    if (!shop.appKey || !shop.appSecretSealed) return null;
    return {
      id: shop.id,
      appKey: shop.appKey,
      appSecret: openSecret(shop.appSecretSealed),
      externalShopId: shop.externalShopId,
      settings: adapterSettings(shop.settings, { open: openSecret }),
    };
  }

  return { webhookShop, shopAuth };
}
