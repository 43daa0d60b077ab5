import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { shops } from '../db/schema/accounts.js';
import { shopAuthStates } from '../db/schema/shop-auth.js';
import type { TenantScope } from '../db/tenant-scope.js';
import type { ShopRow } from './shop-repo.js';

export type AuthStateRow = typeof shopAuthStates.$inferSelect;

export const insertAuthState = (
  scope: TenantScope,
  row: Omit<typeof shopAuthStates.$inferInsert, 'tenantId'>,
) => scope.insert(shopAuthStates, row);

/**
 * The platform's redirect names a state only: the one unscoped lookup here (global unique index),
 * taken once — a second callback with the same state finds it used.
 */
export async function takeAuthState(db: Db, stateHash: string, now: Date): Promise<AuthStateRow | undefined> {
  const rows = await db
    .update(shopAuthStates)
    .set({ usedAt: now })
    .where(and(eq(shopAuthStates.stateHash, stateHash), isNull(shopAuthStates.usedAt)))
    .returning();
  return rows[0];
}

/** Consent links nobody followed, once they can no longer be used. */
export const deleteExpiredAuthStates = (db: Db, before: Date) =>
  db.delete(shopAuthStates).where(sql`${shopAuthStates.expiresAt} < ${before.toISOString()}::timestamptz`);

/**
 * Shops of every tenant whose token may need renewing: a refresh token and an expiry before `until`.
 * The refresher claims each one (claimRefresh) before it calls the platform.
 */
export async function shopsToRefresh(db: Db, until: Date, limit: number): Promise<ShopRow[]> {
  return db
    .select()
    .from(shops)
    .where(
      sql`${shops.enabled} and ${shops.settings}->>'refreshTokenSealed' is not null
          and (${shops.settings}->>'tokenExpiresAt')::timestamptz <= ${until.toISOString()}::timestamptz`,
    )
    .limit(limit);
}

/**
 * Claims a shop's refresh for this process: set only when nobody claimed it since `staleBefore`, so
 * two workers never spend the same refresh token (platforms rotate it: the second would fail).
 */
export async function claimRefresh(
  db: Db,
  shopId: string,
  now: Date,
  staleBefore: Date,
): Promise<ShopRow | undefined> {
  const rows = await db
    .update(shops)
    .set({
      settings: sql`${shops.settings} || jsonb_build_object('refreshClaimedAt', ${now.toISOString()}::text)`,
    })
    .where(
      sql`${shops.id} = ${shopId} and (${shops.settings}->>'refreshClaimedAt' is null
          or (${shops.settings}->>'refreshClaimedAt')::timestamptz < ${staleBefore.toISOString()}::timestamptz)`,
    )
    .returning();
  return rows[0];
}

/** Writes a shop's settings after a grant or a failed refresh (the worker's write; no tenant in hand). */
export async function writeShopSettings(
  db: Db,
  shopId: string,
  settings: Record<string, unknown>,
  now: Date,
) {
  await db.update(shops).set({ settings, updatedAt: now }).where(eq(shops.id, shopId));
}
