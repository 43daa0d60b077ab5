import { and, asc, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apiTokens, sessions, tenants, users } from '../db/schema/accounts.js';
import type { TenantScope } from '../db/tenant-scope.js';
import type { Role } from './roles.js';

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof apiTokens.$inferSelect;
export type TenantRow = typeof tenants.$inferSelect;

// The two lookups below are global on purpose: before login nobody knows the tenant.
export async function countTenants(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(tenants);
  return Number(row?.n ?? 0);
}

/** Every account with this e-mail, across tenants (an e-mail is unique within a tenant only), oldest first. */
export async function findUsersByEmailGlobally(db: Db, email: string, limit = 5): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .orderBy(asc(users.createdAt))
    .limit(limit);
}

export async function findUserByEmail(scope: TenantScope, email: string): Promise<UserRow | undefined> {
  return scope.first(users, sql`lower(${users.email}) = ${email.toLowerCase()}`);
}

export async function insertTenant(db: Db, row: typeof tenants.$inferInsert): Promise<void> {
  await db.insert(tenants).values(row);
}

export async function findTenant(scope: TenantScope): Promise<TenantRow | undefined> {
  const rows = await scope.db.select().from(tenants).where(eq(tenants.tenantId, scope.tenantId)).limit(1);
  return rows[0];
}

export async function updateTenant(
  scope: TenantScope,
  set: Partial<Pick<TenantRow, 'name' | 'locale' | 'timezone'>>,
) {
  const rows = await scope.db
    .update(tenants)
    .set(set)
    .where(eq(tenants.tenantId, scope.tenantId))
    .returning();
  return rows[0];
}

export const findUser = (scope: TenantScope, id: string) => scope.first(users, eq(users.id, id));

export const listUsers = (scope: TenantScope) =>
  scope.select(users, [], { orderBy: [asc(users.createdAt)], limit: 500 });

export const insertUser = async (scope: TenantScope, row: Omit<typeof users.$inferInsert, 'tenantId'>) =>
  (await scope.insert(users, row))[0]!;

export const updateUser = async (
  scope: TenantScope,
  id: string,
  set: Partial<Pick<UserRow, 'name' | 'role' | 'locale' | 'disabled' | 'passwordHash'>>,
) => (await scope.update(users, { ...set, updatedAt: new Date() }, eq(users.id, id)))[0];

export async function insertSession(
  scope: TenantScope,
  row: { id: string; userId: string; tokenHash: string; expiresAt: Date },
) {
  await scope.insert(sessions, row);
}

export async function findSession(scope: TenantScope, tokenHash: string, now: Date) {
  const rows = await scope.db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, and(eq(users.tenantId, sessions.tenantId), eq(users.id, sessions.userId)))
    .where(and(scope.where(sessions, eq(sessions.tokenHash, tokenHash)), gt(sessions.expiresAt, now)))
    .limit(1);
  return rows[0];
}

export const deleteSession = (scope: TenantScope, tokenHash: string) =>
  scope.delete(sessions, eq(sessions.tokenHash, tokenHash));

export const deleteUserSessions = (scope: TenantScope, userId: string) =>
  scope.delete(sessions, eq(sessions.userId, userId));

export const deleteSessionById = (scope: TenantScope, userId: string, id: string) =>
  scope.delete(sessions, eq(sessions.userId, userId), eq(sessions.id, id));

export const listUserSessions = (scope: TenantScope, userId: string, now: Date) =>
  scope.select(sessions, [eq(sessions.userId, userId), gt(sessions.expiresAt, now)], {
    orderBy: [asc(sessions.createdAt)],
    limit: 200,
  });

/** Live sessions per user of the tenant. */
export async function countSessions(scope: TenantScope, now: Date): Promise<Map<string, number>> {
  const rows = await scope.db
    .select({ userId: sessions.userId, n: count() })
    .from(sessions)
    .where(scope.where(sessions, gt(sessions.expiresAt, now)))
    .groupBy(sessions.userId);
  return new Map(rows.map((r) => [r.userId, Number(r.n)]));
}

export const insertToken = async (scope: TenantScope, row: Omit<typeof apiTokens.$inferInsert, 'tenantId'>) =>
  (await scope.insert(apiTokens, row))[0]!;

export const findActiveToken = (scope: TenantScope, tokenHash: string) =>
  scope.first(apiTokens, eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt));

export const listTokens = (scope: TenantScope) =>
  scope.select(apiTokens, [], { orderBy: [asc(apiTokens.createdAt)], limit: 500 });

export const findToken = (scope: TenantScope, id: string) => scope.first(apiTokens, eq(apiTokens.id, id));

export const revokeToken = (scope: TenantScope, id: string, at: Date) =>
  scope.update(apiTokens, { revokedAt: at }, eq(apiTokens.id, id), isNull(apiTokens.revokedAt));

export const touchToken = (scope: TenantScope, id: string, at: Date) =>
  scope.update(apiTokens, { lastUsedAt: at }, eq(apiTokens.id, id));

export type { Role };
