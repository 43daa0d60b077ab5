import { asc, eq, sql } from 'drizzle-orm';
import { penalties, rectificationTasks } from '../db/schema/disputes.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type PenaltyRow = typeof penalties.$inferSelect;
export type NewPenalty = Omit<typeof penalties.$inferInsert, 'tenantId'>;

export async function insertPenalty(scope: TenantScope, row: NewPenalty): Promise<PenaltyRow> {
  const [created] = await scope.insert(penalties, row);
  if (!created) throw new Error('penalty insert returned nothing');
  return created;
}

/** One penalty per platform notice: a repeated notice finds the penalty it recorded. */
export const findPenaltyByExternalRef = (scope: TenantScope, platform: PenaltyRow['platform'], ref: string) =>
  scope.first(penalties, eq(penalties.platform, platform), eq(penalties.externalRef, ref));

const QUEUE_ORDER = sql`coalesce(${penalties.nextDueAt}, 'infinity'::timestamptz)`;

export type TaskRow = typeof rectificationTasks.$inferSelect;
export type NewTask = Omit<typeof rectificationTasks.$inferInsert, 'tenantId'>;

export const findPenalty = (scope: TenantScope, id: string) => scope.first(penalties, eq(penalties.id, id));

export async function updatePenalty(
  scope: TenantScope,
  id: string,
  set: Partial<PenaltyRow>,
): Promise<PenaltyRow | undefined> {
  const [row] = await scope.update(penalties, set, eq(penalties.id, id));
  return row;
}

/** The queue: the nearest deadline first, penalties without one last. */
export const listPenalties = (
  scope: TenantScope,
  filter: { status?: PenaltyRow['status'] | 'active' | undefined; shopId?: string | undefined },
  limit: number,
) =>
  scope.select(
    penalties,
    [
      filter.status === 'active'
        ? sql`${penalties.status} in ('open', 'appealed')`
        : filter.status
          ? eq(penalties.status, filter.status)
          : undefined,
      filter.shopId ? eq(penalties.shopId, filter.shopId) : undefined,
    ],
    { orderBy: [asc(QUEUE_ORDER), asc(penalties.id)], limit },
  );

export const listTasks = (scope: TenantScope, penaltyId: string) =>
  scope.select(rectificationTasks, [eq(rectificationTasks.penaltyId, penaltyId)], {
    orderBy: [asc(rectificationTasks.createdAt), asc(rectificationTasks.id)],
  });

export async function insertTasks(scope: TenantScope, rows: NewTask[]): Promise<TaskRow[]> {
  return rows.length ? scope.insert(rectificationTasks, rows) : [];
}

export async function markTaskDone(
  scope: TenantScope,
  penaltyId: string,
  taskId: string,
  done: { doneAt: Date; doneBy: string },
): Promise<TaskRow | undefined> {
  const [row] = await scope.update(
    rectificationTasks,
    done,
    eq(rectificationTasks.id, taskId),
    eq(rectificationTasks.penaltyId, penaltyId),
  );
  return row;
}
