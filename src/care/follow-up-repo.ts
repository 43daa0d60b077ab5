import { and, desc, eq, gte, inArray, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { careFollowUps } from '../db/schema/care.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type FollowUpRow = typeof careFollowUps.$inferSelect;
export type NewFollowUp = Omit<FollowUpRow, 'tenantId' | 'createdAt'>;

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(scope: TenantScope, query: SQL): Promise<T[]> =>
  ((await scope.db.execute(query)) as unknown as Rows<T>).rows;
const at = (v: string | Date) => (v instanceof Date ? v : new Date(v));

export type DueFollowUp = {
  ticketId: string;
  number: number;
  channel: string;
  status: string;
  shopId: string | null;
  platform: string | null;
  customerId: string | null;
  customerName: string | null;
  locale: string | null;
  closedAt: Date;
};

/** Cases closed in [from, to] that the follow-up worker has not looked at yet, oldest first. */
export async function dueFollowUps(scope: TenantScope, from: Date, to: Date, limit: number) {
  const rows = await rowsOf<{
    id: string;
    number: unknown;
    channel: string;
    status: string;
    shop_id: string | null;
    platform: string | null;
    customer_id: string | null;
    customer_name: string | null;
    locale: string | null;
    closed_at: string | Date;
  }>(
    scope,
    sql`select tk.id, tk.number, tk.channel, tk.status, tk.shop_id, s.platform, tk.customer_id,
               c.name as customer_name, c.locale, tk.closed_at
        from tickets tk
        left join shops s on s.tenant_id = tk.tenant_id and s.id = tk.shop_id
        left join customers c on c.tenant_id = tk.tenant_id and c.id = tk.customer_id
        where tk.tenant_id = ${scope.tenantId} and tk.status = 'closed'
          and tk.closed_at >= ${from.toISOString()}::timestamptz and tk.closed_at <= ${to.toISOString()}::timestamptz
          and not exists (select 1 from care_follow_ups f where f.tenant_id = tk.tenant_id and f.ticket_id = tk.id)
        order by tk.closed_at, tk.id
        limit ${limit}`,
  );
  return rows.map(
    (r): DueFollowUp => ({
      ticketId: r.id,
      number: Number(r.number),
      channel: r.channel,
      status: r.status,
      shopId: r.shop_id,
      platform: r.platform,
      customerId: r.customer_id,
      customerName: r.customer_name,
      locale: r.locale,
      closedAt: at(r.closed_at),
    }),
  );
}

/** Follow-ups written to these buyers since `since` (they count against the proactive limit). */
export async function followUpsToBuyers(scope: TenantScope, customerIds: string[], since: Date) {
  if (!customerIds.length) return [];
  return scope.select(careFollowUps, [
    inArray(careFollowUps.customerId, customerIds),
    eq(careFollowUps.state, 'written'),
    isNotNull(careFollowUps.platform),
    gte(careFollowUps.createdAt, since),
  ]);
}

export async function insertFollowUps(scope: TenantScope, rows: NewFollowUp[]) {
  if (!rows.length) return [];
  return scope.insertEach(careFollowUps, rows, {
    onConflict: { target: [careFollowUps.tenantId, careFollowUps.ticketId], action: 'keep' },
  });
}

export type FollowUpListItem = FollowUpRow & {
  ticketNumber: number | null;
  customerName: string | null;
  deliveryStatus: string | null;
  deliveryError: string | null;
  /** The follow-up's text (to copy into the platform's back office when it must be sent by hand). */
  body: string | null;
  /** The buyer's first message in the case after the follow-up was written (they answered it). */
  answeredAt: Date | null;
};

/** Follow-ups looked at in [from, to), newest first, with the case number and the message's delivery. */
export async function listFollowUps(
  scope: TenantScope,
  filter: { from: Date; to: Date },
  limit: number,
  cursor: { createdAt: Date; id: string } | null,
): Promise<FollowUpListItem[]> {
  const rows = await scope.select(
    careFollowUps,
    [
      gte(careFollowUps.createdAt, filter.from),
      lt(careFollowUps.createdAt, filter.to),
      cursor
        ? or(
            lt(careFollowUps.createdAt, cursor.createdAt),
            and(eq(careFollowUps.createdAt, cursor.createdAt), lt(careFollowUps.id, cursor.id)),
          )
        : undefined,
    ],
    { orderBy: [desc(careFollowUps.createdAt), desc(careFollowUps.id)], limit: limit + 1 },
  );
  if (!rows.length) return [];
  const extra = await rowsOf<{
    id: string;
    number: unknown;
    customer_name: string | null;
    delivery_status: string | null;
    delivery_error: string | null;
    body: string | null;
    answered_at: string | Date | null;
  }>(
    scope,
    sql`select f.id, tk.number, c.name as customer_name, m.delivery_status, m.delivery_error, m.body,
               (select min(bm.created_at) from messages bm
                 where bm.tenant_id = f.tenant_id and bm.ticket_id = f.ticket_id
                   and bm.direction = 'inbound' and f.message_id is not null
                   and bm.created_at > m.created_at) as answered_at
        from care_follow_ups f
        left join tickets tk on tk.tenant_id = f.tenant_id and tk.id = f.ticket_id
        left join customers c on c.tenant_id = f.tenant_id and c.id = f.customer_id
        left join messages m on m.tenant_id = f.tenant_id and m.id = f.message_id
        where f.tenant_id = ${scope.tenantId} and f.id = any(array[${sql.join(
          rows.map((r) => sql`${r.id}`),
          sql`, `,
        )}]::uuid[])`,
  );
  const byId = new Map(extra.map((e) => [e.id, e]));
  return rows.map((r) => {
    const e = byId.get(r.id);
    return {
      ...r,
      ticketNumber: e?.number === undefined || e.number === null ? null : Number(e.number),
      customerName: e?.customer_name ?? null,
      deliveryStatus: e?.delivery_status ?? null,
      deliveryError: e?.delivery_error ?? null,
      body: e?.body ?? null,
      answeredAt: e?.answered_at ? at(e.answered_at) : null,
    };
  });
}

export type FollowUpGroupCounts = { cases: number; complaints: number; negativeReviews: number };

/**
 * Per group (follow-up written, hold-out), the cases closed in [from, to) and how many of their
 * buyers came back within `effectDays` of the close with a new complaint, return or dispute, or
 * with a negative review.
 */
export async function followUpEffectCounts(scope: TenantScope, from: Date, to: Date, effectDays: number) {
  const rows = await rowsOf<{ state: string; cases: unknown; complaints: unknown; negative: unknown }>(
    scope,
    sql`select f.state, count(*) as cases,
               count(*) filter (where exists (
                 select 1 from tickets tk where tk.tenant_id = f.tenant_id and tk.customer_id = f.customer_id
                   and tk.id <> f.ticket_id
                   and tk.kind in ('complaint', 'return_request', 'platform_dispute')
                   and tk.created_at > f.closed_at
                   and tk.created_at < f.closed_at + make_interval(days => ${effectDays}))) as complaints,
               count(*) filter (where exists (
                 select 1 from tickets tk where tk.tenant_id = f.tenant_id and tk.customer_id = f.customer_id
                   and tk.id <> f.ticket_id and tk.kind = 'negative_review'
                   and tk.created_at > f.closed_at
                   and tk.created_at < f.closed_at + make_interval(days => ${effectDays}))) as negative
        from care_follow_ups f
        where f.tenant_id = ${scope.tenantId} and f.state in ('written', 'holdout')
          and f.closed_at >= ${from.toISOString()}::timestamptz and f.closed_at < ${to.toISOString()}::timestamptz
        group by f.state`,
  );
  const of = (state: 'written' | 'holdout'): FollowUpGroupCounts => {
    const r = rows.find((x) => x.state === state);
    return {
      cases: Number(r?.cases ?? 0),
      complaints: Number(r?.complaints ?? 0),
      negativeReviews: Number(r?.negative ?? 0),
    };
  };
  return { written: of('written'), holdout: of('holdout') };
}

export const findFollowUp = (scope: TenantScope, id: string) =>
  scope.first(careFollowUps, eq(careFollowUps.id, id));
