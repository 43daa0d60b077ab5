import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { tenants } from '../db/schema/accounts.js';
import {
  recallActions,
  recallRemedies,
  recallStatements,
  recalls,
  recallTasks,
} from '../db/schema/recalls.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { rowsOf } from './affected-repo.js';
import type { Locale, RecallStatus } from './recall-types.js';

export type RecallRow = typeof recalls.$inferSelect;
export type NewRecall = Omit<typeof recalls.$inferInsert, 'tenantId'>;
export type StatementRow = typeof recallStatements.$inferSelect;
export type TaskRow = typeof recallTasks.$inferSelect;
export type RemedyRow = typeof recallRemedies.$inferSelect;
export type ActionRow = typeof recallActions.$inferSelect;

export const insertRecall = async (scope: TenantScope, row: NewRecall) =>
  (await scope.insert(recalls, row))[0]!;
export const findRecall = (scope: TenantScope, id: string) => scope.first(recalls, eq(recalls.id, id));
export const lockRecall = async (scope: TenantScope, id: string) => {
  const rows = await rowsOf<{ id: string }>(
    scope,
    sql`select id from recalls where tenant_id = ${scope.tenantId} and id = ${id} for update`,
  );
  return rows.length ? findRecall(scope, id) : undefined;
};
export const updateRecall = async (scope: TenantScope, id: string, set: Partial<RecallRow>) =>
  (await scope.update(recalls, set, eq(recalls.id, id)))[0]!;

export function listRecalls(
  scope: TenantScope,
  status: RecallStatus | undefined,
  after: { at: string; id: string } | null,
  limit: number,
) {
  return scope.select(
    recalls,
    [
      status ? eq(recalls.status, status) : undefined,
      after
        ? or(
            lt(recalls.createdAt, new Date(after.at)),
            and(eq(recalls.createdAt, new Date(after.at)), lt(recalls.id, after.id)),
          )
        : undefined,
    ],
    { orderBy: [desc(recalls.createdAt), desc(recalls.id)], limit },
  );
}

/** Campaigns buyers may be asking about. */
export const listOpenRecalls = (scope: TenantScope) =>
  scope.select(recalls, [inArray(recalls.status, ['announced', 'active', 'closing'])]);

/** Public pages name a public id only: the one lookup without a tenant. */
export async function findPublicRecall(
  db: TenantScope['db'],
  publicId: string,
): Promise<RecallRow | undefined> {
  const [row] = await db.select().from(recalls).where(eq(recalls.publicId, publicId)).limit(1);
  return row;
}

export async function latestStatement(scope: TenantScope, recallId: string, locale: Locale) {
  const [row] = await scope.select(
    recallStatements,
    [eq(recallStatements.recallId, recallId), eq(recallStatements.locale, locale)],
    { orderBy: [desc(recallStatements.version)], limit: 1 },
  );
  return row;
}

export const listStatements = (scope: TenantScope, recallId: string) =>
  scope.select(recallStatements, [eq(recallStatements.recallId, recallId)], {
    orderBy: [asc(recallStatements.locale), desc(recallStatements.version)],
    limit: 200,
  });

export const insertStatement = async (scope: TenantScope, row: Omit<StatementRow, 'tenantId'>) =>
  (await scope.insert(recallStatements, row))[0]!;

/** Statement versions saved per locale, read for any tenant row (the public page). */
export async function latestStatementOf(
  db: TenantScope['db'],
  tenantId: string,
  recallId: string,
  locale: Locale,
) {
  const [row] = await db
    .select()
    .from(recallStatements)
    .where(
      and(
        eq(recallStatements.tenantId, tenantId),
        eq(recallStatements.recallId, recallId),
        eq(recallStatements.locale, locale),
      ),
    )
    .orderBy(desc(recallStatements.version))
    .limit(1);
  return row;
}

export const listTasks = (scope: TenantScope, recallId: string) =>
  scope.select(recallTasks, [eq(recallTasks.recallId, recallId)], {
    orderBy: [asc(recallTasks.kind), asc(recallTasks.createdAt)],
  });
export const findTask = (scope: TenantScope, recallId: string, id: string) =>
  scope.first(recallTasks, eq(recallTasks.recallId, recallId), eq(recallTasks.id, id));
/** A task already there for the same shop or platform is kept (re-freezing adds only new ones). */
export async function insertTasks(
  scope: TenantScope,
  rows: Omit<typeof recallTasks.$inferInsert, 'tenantId'>[],
) {
  if (!rows.length) return;
  await scope.db
    .insert(recallTasks)
    .values(rows.map((r) => ({ ...r, tenantId: scope.tenantId })))
    .onConflictDoNothing();
}
export const updateTask = async (scope: TenantScope, id: string, set: Partial<TaskRow>) =>
  (await scope.update(recallTasks, set, eq(recallTasks.id, id)))[0]!;

export const listRemedies = (scope: TenantScope, recallId: string) =>
  scope.select(recallRemedies, [eq(recallRemedies.recallId, recallId)], {
    orderBy: [asc(recallRemedies.createdAt)],
  });
export const findRemedyOfOrder = (scope: TenantScope, recallId: string, orderId: string) =>
  scope.first(recallRemedies, eq(recallRemedies.recallId, recallId), eq(recallRemedies.orderId, orderId));
export const findRemedy = (scope: TenantScope, recallId: string, id: string) =>
  scope.first(recallRemedies, eq(recallRemedies.recallId, recallId), eq(recallRemedies.id, id));
export const insertRemedy = async (scope: TenantScope, row: Omit<RemedyRow, 'tenantId'>) =>
  (await scope.insert(recallRemedies, row))[0]!;
export const updateRemedy = async (scope: TenantScope, id: string, set: Partial<RemedyRow>) =>
  (await scope.update(recallRemedies, set, eq(recallRemedies.id, id)))[0]!;

export const deleteRemedy = (scope: TenantScope, id: string) =>
  scope.delete(recallRemedies, eq(recallRemedies.id, id));

export async function remedySpentFen(scope: TenantScope, recallId: string): Promise<number> {
  const [row] = await rowsOf<{ fen: number }>(
    scope,
    sql`select coalesce(sum(amount_fen), 0)::bigint as fen from recall_remedies
        where tenant_id = ${scope.tenantId} and recall_id = ${recallId}`,
  );
  return Number(row!.fen);
}

export const listActions = (scope: TenantScope, recallId: string) =>
  scope.select(recallActions, [eq(recallActions.recallId, recallId)], {
    orderBy: [asc(recallActions.createdAt)],
  });
export const findAction = (scope: TenantScope, recallId: string, id: string) =>
  scope.first(recallActions, eq(recallActions.recallId, recallId), eq(recallActions.id, id));
export const insertAction = async (scope: TenantScope, row: Omit<ActionRow, 'tenantId'>) =>
  (await scope.insert(recallActions, row))[0]!;
export const updateAction = async (scope: TenantScope, id: string, set: Partial<ActionRow>) =>
  (await scope.update(recallActions, set, eq(recallActions.id, id)))[0]!;

/** The merchant's name as its buyers see it (the statement's signature). */
export async function merchantName(scope: TenantScope): Promise<string> {
  const [row] = await scope.db.select().from(tenants).where(eq(tenants.tenantId, scope.tenantId));
  return row?.name ?? '';
}
