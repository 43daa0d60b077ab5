import { and, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';
import {
  connectionStatus,
  type InboxStatus,
  inboxEvents,
  type OutboxStatus,
  outbox,
} from '../db/schema/ingest.js';
import { messages, tickets } from '../db/schema/tickets.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { groupBy } from '../shared/group-by.js';
import { INBOX_CHANNEL, OUTBOX_CHANNEL } from './signals.js';

/** The inbox and outbox tables: what the webhook path, the workers and the event admin read and write. */

export type InboxRow = typeof inboxEvents.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type EventCursor = { at: string; id: string };

/** Wakes the workers of other processes (PostgreSQL delivers it at commit). */
export async function notifyInboxListeners(database: Database): Promise<void> {
  await database.query(`select pg_notify('${INBOX_CHANNEL}', '')`);
}

// The inbox worker.

/** Due events, oldest first, locked for this transaction; other workers skip them. */
export const claimInboxEvents = (tx: Db, now: Date, limit: number): Promise<InboxRow[]> =>
  tx
    .select()
    .from(inboxEvents)
    .where(and(eq(inboxEvents.status, 'pending'), lte(inboxEvents.nextAttemptAt, now)))
    .orderBy(inboxEvents.nextAttemptAt)
    .limit(limit)
    .for('update', { skipLocked: true });

export type InboxMark = { tenantId: string; id: string; set: Partial<InboxRow> };

/** One statement per tenant; nothing comes back (the rows carry the raw payloads). */
export async function markInboxEvents(tx: Db, marks: InboxMark[]): Promise<void> {
  for (const [tenantId, list] of groupBy(marks, (m) => m.tenantId)) {
    await scopeTo(tx, tenantId).updateEach(inboxEvents, list, { returning: false });
  }
}

// The outbox sender.

/** Claims due rows with a lease: attempts+1 is the fencing token, nextAttemptAt the lease's end. */
export async function claimOutboxRows(
  db: Db,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ tenantId: outbox.tenantId, id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
      .orderBy(outbox.nextAttemptAt)
      .limit(limit)
      .for('update', { skipLocked: true });
    const rows: OutboxRow[] = [];
    for (const d of due) {
      const [row] = await tx
        .update(outbox)
        .set({
          attempts: sql`${outbox.attempts} + 1`,
          nextAttemptAt: new Date(now.getTime() + leaseMs),
          updatedAt: now,
        })
        .where(and(eq(outbox.tenantId, d.tenantId), eq(outbox.id, d.id)))
        .returning();
      if (row) rows.push(row);
    }
    return rows;
  });
}

/**
 * Marks a delivery, and its message, if this sender still holds the lease (the row is pending with
 * the attempts it claimed): another sender that took the row over after the lease ran out marks it.
 */
export async function markOutboxDelivery(
  db: Db,
  row: OutboxRow,
  set: Partial<OutboxRow>,
  message: Pick<typeof messages.$inferSelect, 'deliveryStatus' | 'deliveryError'>,
  /** What else follows from the mark, in the same transaction (the SLA clock of a delivered reply). */
  then?: (scope: TenantScope) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const scope = scopeTo(tx as unknown as Db, row.tenantId);
    const [marked] = await scope.update(
      outbox,
      set as never,
      eq(outbox.id, row.id),
      eq(outbox.status, 'pending'),
      eq(outbox.attempts, row.attempts),
    );
    if (!marked) return;
    if (row.messageId) await scope.update(messages, message, eq(messages.id, row.messageId));
    await then?.(scope);
  });
}

// Event admin.

export async function listInboxEvents(
  scope: TenantScope,
  filter: { status?: InboxStatus | undefined; shopId?: string | undefined },
  limit: number,
  cursor: EventCursor | null,
): Promise<InboxRow[]> {
  return scope.select(
    inboxEvents,
    [
      filter.status ? eq(inboxEvents.status, filter.status) : undefined,
      filter.shopId ? eq(inboxEvents.shopId, filter.shopId) : undefined,
      cursor
        ? or(
            lt(inboxEvents.receivedAt, new Date(cursor.at)),
            and(eq(inboxEvents.receivedAt, new Date(cursor.at)), lt(inboxEvents.id, cursor.id)),
          )
        : undefined,
    ],
    { orderBy: [desc(inboxEvents.receivedAt), desc(inboxEvents.id)], limit },
  );
}

export const findInboxEvent = (scope: TenantScope, id: string) =>
  scope.first(inboxEvents, eq(inboxEvents.id, id));

/** Back in the queue from the start, if it is still dead or unhandled. */
export async function requeueInboxEvent(scope: TenantScope, id: string, now: Date) {
  const [updated] = await scope.update(
    inboxEvents,
    { status: 'pending', attempts: 0, nextAttemptAt: now, processedAt: null, outcome: null },
    eq(inboxEvents.id, id),
    or(eq(inboxEvents.status, 'dead'), eq(inboxEvents.status, 'unhandled')),
  );
  return updated;
}

export type OutboxListRow = OutboxRow & { ticketNumber: number | null; ticketSubject: string | null };

/** Outbound deliveries, newest first, with the case they belong to (number and subject). */
export async function listOutboxRows(
  scope: TenantScope,
  filter: {
    status?: OutboxStatus | undefined;
    ticketId?: string | undefined;
    shopId?: string | undefined;
    before?: { at: string; id: string } | null | undefined;
  },
  limit: number,
): Promise<OutboxListRow[]> {
  const rows = await scope.db
    .select({ row: outbox, ticketNumber: tickets.number, ticketSubject: tickets.subject })
    .from(outbox)
    .leftJoin(tickets, and(eq(tickets.tenantId, outbox.tenantId), eq(tickets.id, outbox.ticketId)))
    .where(
      scope.where(
        outbox,
        filter.status ? eq(outbox.status, filter.status) : undefined,
        filter.ticketId ? eq(outbox.ticketId, filter.ticketId) : undefined,
        filter.shopId ? eq(outbox.shopId, filter.shopId) : undefined,
        filter.before
          ? or(
              lt(outbox.createdAt, new Date(filter.before.at)),
              and(eq(outbox.createdAt, new Date(filter.before.at)), lt(outbox.id, filter.before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
  return rows.map((r) => ({ ...r.row, ticketNumber: r.ticketNumber, ticketSubject: r.ticketSubject }));
}

/** Failed deliveries per shop of the tenant, with the latest reason: what channel health says. */
export async function failedDeliveriesByShop(
  scope: TenantScope,
): Promise<{ shopId: string; failed: number; lastError: string | null; lastAt: Date | null }[]> {
  const result = await scope.db.execute(sql`
    select distinct on (shop_id) shop_id, count(*) over (partition by shop_id)::int as failed,
           last_error, updated_at
      from outbox where tenant_id = ${scope.tenantId} and status = 'failed'
     order by shop_id, updated_at desc`);
  return (result as unknown as { rows: Record<string, unknown>[] }).rows.map((r) => ({
    shopId: String(r.shop_id),
    failed: Number(r.failed),
    lastError: (r.last_error as string | null) ?? null,
    lastAt: r.updated_at ? new Date(r.updated_at as string) : null,
  }));
}

export async function findOutboxRow(
  scope: TenantScope,
  ref: { outboxId?: string | undefined; messageId?: string | undefined },
): Promise<OutboxRow | undefined> {
  if (ref.outboxId) return scope.first(outbox, eq(outbox.id, ref.outboxId));
  if (!ref.messageId) return undefined;
  const [row] = await scope.select(outbox, [eq(outbox.messageId, ref.messageId)], {
    orderBy: [desc(outbox.createdAt)],
    limit: 1,
  });
  return row;
}

/** A failed delivery pending again from the start, its message queued again; undefined if it changed meanwhile. */
/** Puts a failed row back in the queue, addressed to the shop's current API address (an explicit re-send). */
export async function requeueOutboxRow(scope: TenantScope, id: string, now: Date, endpoint: string | null) {
  return scope.transaction(async (tx) => {
    const [u] = await tx.update(
      outbox,
      { status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, updatedAt: now, endpoint },
      eq(outbox.id, id),
      eq(outbox.status, 'failed'),
    );
    if (u?.messageId) {
      await tx.update(
        messages,
        { deliveryStatus: 'queued', deliveryError: null },
        eq(messages.id, u.messageId),
      );
    }
    return u;
  });
}

/** Every failed row of a shop pending again from the start, their messages queued again; how many. */
export async function requeueFailedOfShop(
  scope: TenantScope,
  shopId: string,
  now: Date,
  endpoint: string | null,
): Promise<number> {
  return scope.transaction(async (tx) => {
    const rows = await tx.update(
      outbox,
      { status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null, updatedAt: now, endpoint },
      eq(outbox.shopId, shopId),
      eq(outbox.status, 'failed'),
    );
    const ids = rows.flatMap((r) => (r.messageId ? [r.messageId] : []));
    if (ids.length) {
      await tx.update(messages, { deliveryStatus: 'queued', deliveryError: null }, inArray(messages.id, ids));
    }
    return rows.length;
  });
}

// Channel health.

export type InboxHealthCounts = {
  recent: { shop_id: string; last_hour: number; last_5m: number }[];
  lastEver: { shop_id: string; last_event_at: string | Date | null }[];
  states: { shop_id: string; status: string; failing: number; n: number }[];
  outbox: { shop_id: string; status: string; n: number }[];
};

/** Per shop of the tenant: events in the last hour and 5 minutes, last event, queue states, outbox states. */
export async function readInboxHealth(
  database: Database,
  tenantId: string,
  hourAgo: Date,
  fiveAgo: Date,
): Promise<InboxHealthCounts> {
  const recent = await database.query<InboxHealthCounts['recent'][number]>(
    `select shop_id, count(*)::int as last_hour,
            count(*) filter (where received_at >= $3)::int as last_5m
       from inbox_events where tenant_id = $1 and received_at >= $2 group by shop_id`,
    [tenantId, hourAgo.toISOString(), fiveAgo.toISOString()],
  );
  const lastEver = await database.query<InboxHealthCounts['lastEver'][number]>(
    `select s.id as shop_id,
            (select max(received_at) from inbox_events i where i.tenant_id = s.tenant_id and i.shop_id = s.id) as last_event_at
       from shops s where s.tenant_id = $1`,
    [tenantId],
  );
  const states = await database.query<InboxHealthCounts['states'][number]>(
    `select shop_id, status, count(*) filter (where attempts > 0)::int as failing, count(*)::int as n
       from inbox_events where tenant_id = $1 and status in ('pending', 'dead', 'unhandled')
      group by shop_id, status`,
    [tenantId],
  );
  const out = await database.query<InboxHealthCounts['outbox'][number]>(
    `select shop_id, status, count(*)::int as n from outbox
      where tenant_id = $1 and status in ('pending', 'failed') group by shop_id, status`,
    [tenantId],
  );
  return { recent, lastEver, states, outbox: out };
}

// Long-lived connections (the Pinduoduo message service): their state as the process holding them last wrote it.

export async function writeConnectionStatus(
  db: Db,
  tenantId: string,
  kind: string,
  list: { shopId: string; status: Record<string, unknown> }[],
  reportedAt: Date,
): Promise<void> {
  await scopeTo(db, tenantId).insertEach(
    connectionStatus,
    list.map((s) => ({ shopId: s.shopId, kind, status: s.status, reportedAt })),
    {
      onConflict: {
        target: [connectionStatus.tenantId, connectionStatus.shopId, connectionStatus.kind],
        action: 'replace',
      },
      returning: false,
    },
  );
}

export const readConnectionStatus = (scope: TenantScope, kind: string) =>
  scope.select(connectionStatus, [eq(connectionStatus.kind, kind)]);

// The outbox queue.

/** New outbox rows; a row whose dedupe key is taken is skipped (it comes back from findOutboxByDedupeKeys). */
export const insertOutboxRows = (scope: TenantScope, rows: (typeof outbox.$inferInsert)[]) =>
  scope.db.insert(outbox).values(rows).onConflictDoNothing().returning();

export const findOutboxByDedupeKeys = async (scope: TenantScope, keys: string[]) =>
  keys.length ? scope.select(outbox, [inArray(outbox.dedupeKey, keys)]) : [];

/** On PostgreSQL the notification is delivered at commit. */
export async function notifyOutboxListeners(scope: TenantScope): Promise<void> {
  await scope.db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}
