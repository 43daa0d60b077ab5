import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { shops } from '../db/schema/accounts.js';
import type { ShopRow } from './shop-repo.js';

/**
 * The shops whose Pinduoduo message-service connection this process keeps open: enabled Pinduoduo
 * shops with settings.pddMessageService = true. A background service serves every tenant, so this is
 * (like findShopForWebhook) a deliberate query across tenants; it reads a handful of rows, by platform.
 */
export async function listPddMessageServiceShops(db: Db): Promise<ShopRow[]> {
  return db
    .select()
    .from(shops)
    .where(
      and(
        eq(shops.platform, 'pinduoduo'),
        eq(shops.enabled, true),
        sql`${shops.settings} -> 'pddMessageService' = 'true'::jsonb`,
      ),
    )
    .orderBy(shops.id)
    .limit(10_000);
}
