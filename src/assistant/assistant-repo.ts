import { and, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { assistantLog, assistantSettings } from '../db/schema/assistant.js';
import { messages, orders, products } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { newId } from '../shared/ids.js';

export type SettingsRow = typeof assistantSettings.$inferSelect;
export type LogRow = typeof assistantLog.$inferSelect;
export type NewLog = Omit<LogRow, 'tenantId' | 'id' | 'createdAt'>;

export const findSettings = (scope: TenantScope) => scope.first(assistantSettings);

export async function upsertSettings(scope: TenantScope, row: Omit<SettingsRow, 'tenantId' | 'updatedAt'>) {
  await scope.insertEach(assistantSettings, [{ ...row, updatedAt: new Date() }], {
    onConflict: { target: [assistantSettings.tenantId], action: 'replace' },
    returning: false,
  });
  return (await findSettings(scope))!;
}

export async function insertLogs(scope: TenantScope, rows: NewLog[]) {
  if (!rows.length) return;
  await scope.insertEach(
    assistantLog,
    rows.map((r) => ({ id: newId(), ...r })),
    { returning: false },
  );
}

export const listLog = (
  scope: TenantScope,
  filter: { from: Date; to: Date; outcome?: 'answered' | 'handed_over' | undefined },
  limit: number,
  cursor: { createdAt: Date; id: string } | null,
) =>
  scope.select(
    assistantLog,
    [
      gte(assistantLog.createdAt, filter.from),
      lt(assistantLog.createdAt, filter.to),
      filter.outcome ? eq(assistantLog.outcome, filter.outcome) : undefined,
      cursor
        ? or(
            lt(assistantLog.createdAt, cursor.createdAt),
            and(eq(assistantLog.createdAt, cursor.createdAt), lt(assistantLog.id, cursor.id)),
          )
        : undefined,
    ],
    { orderBy: [desc(assistantLog.createdAt), desc(assistantLog.id)], limit: limit + 1 },
  );

/**
 * Answered, handed over, and answered messages whose buyer wrote again on the same case within 24 h
 * (a proxy for a wrong or unhelpful answer).
 */
export async function logStats(scope: TenantScope, from: Date, to: Date) {
  const t = scope.tenantId;
  const result = await scope.db.execute(sql`
    select count(*) filter (where l.outcome = 'answered')::int as answered,
           count(*) filter (where l.outcome = 'handed_over')::int as handed_over,
           count(*) filter (where l.outcome = 'answered' and exists (
             select 1 from messages m
             where m.tenant_id = ${t} and m.ticket_id = l.ticket_id and m.direction = 'inbound'
               and m.created_at > l.created_at and m.created_at <= l.created_at + interval '24 hours'
           ))::int as reopened
    from assistant_log l
    where l.tenant_id = ${t} and l.created_at >= ${from.toISOString()}::timestamptz
      and l.created_at < ${to.toISOString()}::timestamptz`);
  const r = (
    result as unknown as {
      rows: { answered: number | string; handed_over: number | string; reopened: number | string }[];
    }
  ).rows[0]!;
  return {
    answered: Number(r.answered),
    handedOver: Number(r.handed_over),
    reopenedWithin24h: Number(r.reopened),
  };
}

/** Cases where a person has replied, or the buyer asked for one: the assistant stays quiet there. */
export async function casesWithPerson(scope: TenantScope, ticketIds: string[]) {
  if (!ticketIds.length) return new Set<string>();
  // One after another: the assistant step runs in the case's transaction (one client, one query at a time).
  const replied = await scope.db
    .selectDistinct({ id: messages.ticketId })
    .from(messages)
    .where(
      scope.where(
        messages,
        inArray(messages.ticketId, ticketIds),
        eq(messages.direction, 'outbound'),
        inArray(messages.authorType, ['user', 'token']),
      ),
    );
  const escalated = await scope.db
    .selectDistinct({ id: assistantLog.ticketId })
    .from(assistantLog)
    .where(
      scope.where(
        assistantLog,
        inArray(assistantLog.ticketId, ticketIds),
        inArray(assistantLog.reason, ['ask_human', 'accusation']),
      ),
    );
  return new Set([...replied, ...escalated].map((r) => r.id));
}

/** The buyer's latest order in the shop: a live-chat question rarely names its order. */
export const latestOrderOf = async (scope: TenantScope, customerId: string) =>
  (
    await scope.select(orders, [eq(orders.customerId, customerId)], {
      orderBy: [sql`${orders.paidAt} desc nulls last`, desc(orders.createdAt)],
      limit: 1,
    })
  )[0];

/** The free-text categories of products (the return rules read them). */
export const productCategories = async (scope: TenantScope, ids: string[]) =>
  ids.length
    ? (await scope.select(products, [inArray(products.id, ids)])).map((p) => p.category ?? p.name)
    : [];
