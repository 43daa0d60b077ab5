import { and, asc, desc, eq, gt, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { tenants } from '../db/schema/accounts.js';
import { outbox } from '../db/schema/ingest.js';
import {
  blocklist,
  offers,
  playbookRuns,
  playbookSettings,
  playbooks,
  replyTemplates,
  shopPolicies,
  tasks,
} from '../db/schema/playbooks.js';
import { messages, orders, tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type TemplateRow = typeof replyTemplates.$inferSelect;
export type PlaybookRow = typeof playbooks.$inferSelect;
export type RunRow = typeof playbookRuns.$inferSelect;
export type OfferRow = typeof offers.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type BlockRow = typeof blocklist.$inferSelect;
export type SettingsRow = typeof playbookSettings.$inferSelect;

type New<T extends { $inferInsert: unknown }> = Omit<T['$inferInsert'], 'tenantId'>;

// Settings and seeding
export const findSettings = (scope: TenantScope) => scope.first(playbookSettings);

/** Takes the tenant's settings row for the rest of the transaction (seeding happens once). */
export async function lockSettings(scope: TenantScope, defaults: New<typeof playbookSettings>) {
  await scope.db
    .insert(playbookSettings)
    .values({ ...defaults, tenantId: scope.tenantId })
    .onConflictDoNothing();
  const rows = await scope.db
    .select()
    .from(playbookSettings)
    .where(scope.where(playbookSettings))
    .for('update');
  return rows[0]!;
}

export const updateSettings = (scope: TenantScope, set: Partial<New<typeof playbookSettings>>) =>
  scope.update(playbookSettings, set);

export const tenantTimezone = async (scope: TenantScope) =>
  (
    await scope.db.select({ tz: tenants.timezone }).from(tenants).where(eq(tenants.tenantId, scope.tenantId))
  )[0]?.tz ?? 'Asia/Shanghai';

export const findShopPolicy = (scope: TenantScope, shopId: string) =>
  scope.first(shopPolicies, eq(shopPolicies.shopId, shopId));

export async function upsertShopPolicy(
  scope: TenantScope,
  shopId: string,
  priceProtectionDays: number,
  now: Date,
) {
  const rows = await scope.db
    .insert(shopPolicies)
    .values({ tenantId: scope.tenantId, shopId, priceProtectionDays, updatedAt: now })
    .onConflictDoUpdate({
      target: [shopPolicies.tenantId, shopPolicies.shopId],
      set: { priceProtectionDays, updatedAt: now },
    })
    .returning();
  return rows[0]!;
}

// Templates
export async function insertTemplatesIfMissing(scope: TenantScope, rows: New<typeof replyTemplates>[]) {
  if (rows.length === 0) return;
  await scope.db
    .insert(replyTemplates)
    .values(rows.map((r) => ({ ...r, tenantId: scope.tenantId })))
    .onConflictDoNothing();
}

export const insertTemplate = async (scope: TenantScope, row: New<typeof replyTemplates>) =>
  (await scope.insert(replyTemplates, row))[0]!;

export const findTemplate = (scope: TenantScope, id: string) =>
  scope.first(replyTemplates, eq(replyTemplates.id, id));

export const findTemplateByKey = (scope: TenantScope, key: string, locale: string, shopId: string | null) =>
  scope.first(
    replyTemplates,
    eq(replyTemplates.key, key),
    eq(replyTemplates.locale, locale as 'zh-CN'),
    shopId ? eq(replyTemplates.shopId, shopId) : isNull(replyTemplates.shopId),
  );

export function listTemplates(
  scope: TenantScope,
  filter: { locale?: string | undefined; shopId?: string | undefined; key?: string | undefined },
) {
  return scope.select(
    replyTemplates,
    [
      filter.locale ? eq(replyTemplates.locale, filter.locale as 'zh-CN') : undefined,
      // A shop sees the tenant's templates and its own overrides.
      filter.shopId ? or(isNull(replyTemplates.shopId), eq(replyTemplates.shopId, filter.shopId)) : undefined,
      filter.key ? eq(replyTemplates.key, filter.key) : undefined,
    ],
    { orderBy: [asc(replyTemplates.createdAt), asc(replyTemplates.id)], limit: 1000 },
  );
}

export const updateTemplate = async (
  scope: TenantScope,
  id: string,
  set: Partial<New<typeof replyTemplates>>,
) => (await scope.update(replyTemplates, set, eq(replyTemplates.id, id)))[0];
export const deleteTemplate = async (scope: TenantScope, id: string) =>
  (await scope.delete(replyTemplates, eq(replyTemplates.id, id)))[0];

// Playbooks and runs
export async function insertPlaybooksIfMissing(scope: TenantScope, rows: New<typeof playbooks>[]) {
  if (rows.length === 0) return;
  await scope.db
    .insert(playbooks)
    .values(rows.map((r) => ({ ...r, tenantId: scope.tenantId })))
    .onConflictDoNothing();
}
export const listPlaybooks = (scope: TenantScope) =>
  scope.select(playbooks, [], { orderBy: [asc(playbooks.createdAt), asc(playbooks.id)], limit: 200 });
export const findPlaybook = (scope: TenantScope, id: string) => scope.first(playbooks, eq(playbooks.id, id));
export const findPlaybookByCategory = (scope: TenantScope, category: string) =>
  scope.first(playbooks, eq(playbooks.category, category));
export const updatePlaybook = async (scope: TenantScope, id: string, set: Partial<New<typeof playbooks>>) =>
  (await scope.update(playbooks, set, eq(playbooks.id, id)))[0];

export const findRun = (scope: TenantScope, ticketId: string) =>
  scope.first(playbookRuns, eq(playbookRuns.ticketId, ticketId));
export async function upsertRun(scope: TenantScope, row: New<typeof playbookRuns>) {
  const rows = await scope.db
    .insert(playbookRuns)
    .values({ ...row, tenantId: scope.tenantId })
    .onConflictDoUpdate({
      target: [playbookRuns.tenantId, playbookRuns.ticketId],
      set: { playbookId: row.playbookId, doneSteps: row.doneSteps, updatedAt: row.updatedAt },
    })
    .returning();
  return rows[0]!;
}

// Offers
export const insertOffer = async (scope: TenantScope, row: New<typeof offers>) =>
  (await scope.insert(offers, row))[0]!;
export const findOffer = (scope: TenantScope, id: string) => scope.first(offers, eq(offers.id, id));
export async function lockOffer(scope: TenantScope, id: string) {
  const rows = await scope.db
    .select()
    .from(offers)
    .where(scope.where(offers, eq(offers.id, id)))
    .for('update');
  return rows[0];
}
export const updateOffer = async (scope: TenantScope, id: string, set: Partial<New<typeof offers>>) =>
  (await scope.update(offers, set, eq(offers.id, id)))[0]!;
export const listOffers = (scope: TenantScope, ticketId: string) =>
  scope.select(offers, [eq(offers.ticketId, ticketId)], {
    orderBy: [asc(offers.createdAt), asc(offers.id)],
    limit: 500,
  });
/** The delivery columns of the messages that carried offers to buyers. */
export const messageDeliveries = async (scope: TenantScope, ids: string[]) =>
  ids.length
    ? scope.db
        .select({ id: messages.id, status: messages.deliveryStatus, error: messages.deliveryError })
        .from(messages)
        .where(scope.where(messages, inArray(messages.id, ids)))
    : [];

/** Other open offers of the same case are withdrawn once one is accepted. */
export const withdrawOpenOffers = (scope: TenantScope, ticketId: string, exceptId: string, now: Date) =>
  scope.update(
    offers,
    { status: 'withdrawn', updatedAt: now },
    eq(offers.ticketId, ticketId),
    ne(offers.id, exceptId),
    inArray(offers.status, ['proposed', 'awaiting_approval']),
  );

export async function listAwaitingApproval(scope: TenantScope, limit: number) {
  return (
    scope.db
      .select({
        offer: offers,
        ticketNumber: tickets.number,
        ticketSubject: tickets.subject,
        orderTotalFen: orders.totalFen,
      })
      .from(offers)
      .innerJoin(tickets, and(eq(tickets.tenantId, offers.tenantId), eq(tickets.id, offers.ticketId)))
      // The approver weighs the offer against what the buyer paid.
      .leftJoin(
        orders,
        and(
          eq(orders.tenantId, offers.tenantId),
          eq(orders.id, sql`coalesce(${offers.orderId}, ${tickets.orderId})`),
        ),
      )
      .where(scope.where(offers, eq(offers.status, 'awaiting_approval')))
      .orderBy(asc(offers.createdAt))
      .limit(limit)
  );
}

// Tasks
export const insertTasks = (scope: TenantScope, rows: New<typeof tasks>[]) =>
  rows.length ? scope.insert(tasks, rows) : Promise.resolve([]);
export const findTask = (scope: TenantScope, id: string) => scope.first(tasks, eq(tasks.id, id));
export async function lockTask(scope: TenantScope, id: string) {
  const rows = await scope.db
    .select()
    .from(tasks)
    .where(scope.where(tasks, eq(tasks.id, id)))
    .for('update');
  return rows[0];
}
export const updateTask = async (scope: TenantScope, id: string, set: Partial<New<typeof tasks>>) =>
  (await scope.update(tasks, set, eq(tasks.id, id)))[0]!;

export type TaskFilter = {
  ticketId?: string | undefined;
  assigneeId?: string | undefined;
  openOnly?: boolean | undefined;
  dueBefore?: Date | undefined;
};
export type TaskCursor = { v: string; id: string };
// "Due first", tasks without a due time last: one keyset over (due, id) for every page.
const taskDue = sql`coalesce(${tasks.dueAt}, 'infinity'::timestamptz)`;

export async function listTasks(
  scope: TenantScope,
  f: TaskFilter,
  limit: number,
  cursor: TaskCursor | null = null,
) {
  const rows = await scope.db
    .select({
      task: tasks,
      ticketNumber: tickets.number,
      ticketSubject: tickets.subject,
      outboxStatus: outbox.status,
      outboxError: outbox.lastError,
      sortKey: sql<string>`(${taskDue})::text`,
    })
    .from(tasks)
    .innerJoin(tickets, and(eq(tickets.tenantId, tasks.tenantId), eq(tickets.id, tasks.ticketId)))
    // A platform step's true state is its outbox row's.
    .leftJoin(
      outbox,
      and(eq(outbox.tenantId, tasks.tenantId), sql`${outbox.id} = (${tasks.data}->>'outboxId')::uuid`),
    )
    .where(
      scope.where(
        tasks,
        f.ticketId ? eq(tasks.ticketId, f.ticketId) : undefined,
        f.assigneeId ? eq(tasks.assigneeId, f.assigneeId) : undefined,
        f.openOnly ? inArray(tasks.status, ['open', 'pending_outbox']) : undefined,
        f.dueBefore ? lte(tasks.dueAt, f.dueBefore) : undefined,
        cursor ? sql`(${taskDue}, ${tasks.id}) > (${cursor.v}::timestamptz, ${cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(taskDue), asc(tasks.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? { v: last.sortKey, id: last.task.id } : null,
  };
}

// Blocklist
export const insertBlock = async (scope: TenantScope, row: New<typeof blocklist>) =>
  (await scope.insert(blocklist, row))[0]!;
export const findBlock = (scope: TenantScope, id: string) => scope.first(blocklist, eq(blocklist.id, id));
export const updateBlock = async (scope: TenantScope, id: string, set: Partial<New<typeof blocklist>>) =>
  (await scope.update(blocklist, set, eq(blocklist.id, id)))[0]!;
export const listBlocks = (scope: TenantScope, activeAt: Date | null, limit: number) =>
  scope.select(
    blocklist,
    activeAt
      ? [isNull(blocklist.liftedAt), or(isNull(blocklist.expiresAt), gt(blocklist.expiresAt, activeAt))]
      : [],
    { orderBy: [desc(blocklist.createdAt)], limit },
  );
/** The buyer's block in force at `at`, if any. */
export const activeBlockFor = (scope: TenantScope, customerId: string, at: Date) =>
  scope.first(
    blocklist,
    eq(blocklist.customerId, customerId),
    isNull(blocklist.liftedAt),
    or(isNull(blocklist.expiresAt), gt(blocklist.expiresAt, at)),
  );

/** Tenants with a blocklist entry that ran out by `now` and still counts as in force (the expiry sweep). */
export async function tenantsWithExpiredBlocks(db: Db, now: Date): Promise<string[]> {
  const result = await db.execute(
    sql`select distinct tenant_id from blocklist where lifted_at is null and expires_at <= ${now}`,
  );
  return (result as unknown as { rows: { tenant_id: string }[] }).rows.map((r) => r.tenant_id);
}

/** The tenant's entries that ran out by `now` and are not yet closed. */
export const expiredBlocks = (scope: TenantScope, now: Date) =>
  scope.select(blocklist, [isNull(blocklist.liftedAt), lte(blocklist.expiresAt, now)]);

/** Closes an entry at its own expiry; null when another worker closed it first. */
export const closeExpiredBlock = async (scope: TenantScope, id: string) =>
  (
    await scope.update(
      blocklist,
      { liftedAt: sql`${blocklist.expiresAt}` },
      eq(blocklist.id, id),
      isNull(blocklist.liftedAt),
    )
  )[0] ?? null;

/** The buyers among `customerIds` with an active block at `at`. */
export async function activeBlocksFor(scope: TenantScope, customerIds: string[], at: Date) {
  const rows = await scope.select(blocklist, [
    inArray(blocklist.customerId, customerIds),
    isNull(blocklist.liftedAt),
    or(isNull(blocklist.expiresAt), gt(blocklist.expiresAt, at)),
  ]);
  return new Set(rows.map((r) => r.customerId));
}

/** The buyer's open cases (the blocklist tag goes on and off them through the ticket service). */
export const openCaseIdsOf = async (scope: TenantScope, customerId: string) =>
  (
    await scope.db
      .select({ id: tickets.id })
      .from(tickets)
      .where(scope.where(tickets, eq(tickets.customerId, customerId), ne(tickets.status, 'closed')))
      .orderBy(tickets.id)
  ).map((r) => r.id);

/** The offers a buyer accepted on a case: the remedy given. */
export const acceptedOffersOf = (scope: TenantScope, ticketId: string) =>
  scope.select(offers, [and(eq(offers.ticketId, ticketId), eq(offers.status, 'accepted'))]);
