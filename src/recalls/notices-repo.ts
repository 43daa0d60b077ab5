import { sql } from 'drizzle-orm';
import { PLATFORMS } from '../channels/channel.js';
import { CHANNELS } from '../channels/registry.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { rowsOf, setBulkMemory, textList, uuidList } from './affected-repo.js';

export type WaveTexts = { zh: string; en: string };

export type WaveTargets =
  /** Every affected order. */
  | { kind: 'all' }
  /** Affected orders with no remedy yet and no message from their buyer since the first notice. */
  | { kind: 'unanswered'; since: Date }
  /** Orders with a remedy (the trust-rebuilding wave). */
  | { kind: 'remedied' };

const REF_KINDS = ['aftersale', 'chat', 'service', 'review', 'cancel', 'notice'] as const;

/**
 * Where a notice can reach a buyer through a platform's API: 'platform:refkind' for a conversation
 * of that kind on the buyer's order, 'platform:' for no conversation at all. Read from the
 * adapters' capability tables, so a platform that gains an API changes this without a migration.
 */
export function noticeRoutes(): string[] {
  return PLATFORMS.flatMap((p) => [
    ...(CHANNELS[p].capability('notice', null).mode === 'api' ? [`${p}:`] : []),
    ...REF_KINDS.filter((k) => CHANNELS[p].capability('notice', `${k}:0`).mode === 'api').map(
      (k) => `${p}:${k}`,
    ),
  ]);
}

/** Waves past this many orders are joined by hashing, not probed order by order (see enqueueWave). */
const BULK_WAVE = 20_000;

/**
 * Enqueues one notice per affected order of the wave in one statement: the orders of the frozen
 * set (which carry their platform order id), the buyer's latest conversation on each order where
 * the platform can write to it, the notice rows (their primary key keeps anyone from being told
 * twice) and one outbox row for each notice that can go out, keyed `recall:<id>:<wave>:<order>` so
 * a repeated call adds nothing. Orders of shops with no platform get a notice row marked unsendable
 * (told by hand), never a false 'sent'.
 */
export async function enqueueWave(
  scope: TenantScope,
  recallId: string,
  wave: string,
  targets: WaveTargets,
  texts: WaveTexts,
  skipOrders: string[],
  now: Date,
): Promise<{ queued: number; unsendable: number }> {
  const t = scope.tenantId;
  const filter =
    targets.kind === 'all'
      ? sql``
      : targets.kind === 'remedied'
        ? sql`and exists (select 1 from recall_remedies x where x.tenant_id = ${t} and x.recall_id = ${recallId} and x.order_id = r.order_id)`
        : unanswered(t, recallId, targets.since);
  const routes = textList(noticeRoutes().length ? noticeRoutes() : ['-']);
  const platforms = textList([...PLATFORMS]);
  const at = now.toISOString();
  const [big] = await rowsOf<{ n: number }>(
    scope,
    sql`select count(*)::int as n from (select 1 from recall_orders
        where tenant_id = ${t} and recall_id = ${recallId} limit ${BULK_WAVE + 1}) x`,
  );
  if (big!.n > BULK_WAVE) {
    // The frozen set was written moments ago and its statistics lag until autovacuum analyses it:
    // the planner would probe orders, conversations and buyers one by one. A bulk wave hashes them.
    await setBulkMemory(scope);
    await scope.db.execute(sql`select set_config('enable_nestloop', 'off', true)`);
  }
  await scope.db.execute(sql`
    with a as materialized (
      select r.order_id, r.order_ref, r.shop_id, r.customer_id, s.platform,
             nullif(s.settings->>'apiBaseUrl', '') as endpoint
      from recall_orders r join shops s on s.tenant_id = r.tenant_id and s.id = r.shop_id
      where r.tenant_id = ${t} and r.recall_id = ${recallId} ${filter}
        ${skipOrders.length ? sql`and r.order_id <> all(${uuidList(skipOrders)})` : sql``}),
    -- The buyer's conversation for the order on its shop (latest first), when the platform can write to it.
    cc as (
      select distinct on (c.shop_id, c.order_ref) c.shop_id, c.order_ref, c.external_ref
      from channel_cases c join a on c.shop_id = a.shop_id and c.order_ref = a.order_ref
      where c.tenant_id = ${t} and a.platform || ':' || split_part(c.external_ref, ':', 1) = any(${routes})
      order by c.shop_id, c.order_ref, c.updated_at desc),
    src as materialized (
      select a.*, cc.external_ref as case_ref,
             case when not (a.platform = any(${platforms})) then 'no_platform'
                  when cc.external_ref is not null or a.platform || ':' = any(${routes}) then null
                  else 'manual_only' end as unsendable
      from a left join cc on cc.shop_id = a.shop_id and cc.order_ref = a.order_ref),
    n as (
      insert into recall_notices (tenant_id, recall_id, wave, order_id, shop_id, customer_id, outbox_id, case_ref, unsendable, created_at)
      select ${t}, ${recallId}, ${wave}, order_id, shop_id, customer_id,
             case when unsendable is null then gen_random_uuid() end, case_ref, unsendable, ${at}::timestamptz
      from src
      on conflict do nothing
      returning order_id, outbox_id)
    insert into outbox (tenant_id, id, kind, shop_id, platform, case_ref, order_ref, payload, dedupe_key, endpoint, created_at, next_attempt_at, updated_at)
    select ${t}, n.outbox_id, 'notice', src.shop_id, src.platform, src.case_ref, src.order_ref,
           jsonb_build_object('content', case when cu.locale = 'en' then ${texts.en} else ${texts.zh} end,
                              'recall_id', ${recallId}::text, 'wave', ${wave}::text),
           'recall:' || ${recallId}::text || ':' || ${wave}::text || ':' || n.order_id::text,
           -- The address the row is for, as shopEndpoint() reads it: a later change of address holds the row.
           src.endpoint, ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz
    from n join src on src.order_id = n.order_id
    left join customers cu on cu.tenant_id = ${t} and cu.id = src.customer_id
    where n.outbox_id is not null
    on conflict do nothing`);
  const [counts] = await rowsOf<{ queued: number; unsendable: number }>(
    scope,
    sql`select count(*) filter (where outbox_id is not null)::int as queued,
               count(*) filter (where outbox_id is null)::int as unsendable
        from recall_notices where tenant_id = ${t} and recall_id = ${recallId} and wave = ${wave}`,
  );
  return counts!;
}

/** Orders (r: recall_orders) whose buyer has neither chosen a remedy nor written since `since`. */
const unanswered = (t: string, recallId: string, since: Date) =>
  sql`and not exists (select 1 from recall_remedies x where x.tenant_id = ${t} and x.recall_id = ${recallId} and x.order_id = r.order_id)
      and not exists (select 1 from tickets tk join messages m on m.tenant_id = tk.tenant_id and m.ticket_id = tk.id
         where tk.tenant_id = ${t} and r.customer_id is not null and tk.customer_id = r.customer_id
           and m.direction = 'inbound' and m.created_at >= ${since.toISOString()}::timestamptz)`;

export type WaitingOrder = {
  orderId: string;
  orderRef: string;
  shopName: string;
  customerName: string | null;
};

/** The buyers the next reminder would go to (no remedy, no word since the first notice): how many, and the first of them. */
export async function waitingOrders(
  scope: TenantScope,
  recallId: string,
  since: Date,
  limit: number,
): Promise<{ total: number; items: WaitingOrder[] }> {
  const t = scope.tenantId;
  const rows = await rowsOf<WaitingOrder & { total: number }>(
    scope,
    sql`with w as (select r.order_id, r.order_ref, r.shop_id, r.customer_id from recall_orders r
          where r.tenant_id = ${t} and r.recall_id = ${recallId} ${unanswered(t, recallId, since)})
        select (select count(*) from w)::int as total, p.order_id as "orderId", p.order_ref as "orderRef",
               s.name as "shopName", c.name as "customerName"
        from (select * from w order by order_ref limit ${limit}) p
        join shops s on s.tenant_id = ${t} and s.id = p.shop_id
        left join customers c on c.tenant_id = ${t} and c.id = p.customer_id
        order by p.order_ref`,
  );
  return {
    total: rows[0]?.total ?? 0,
    items: rows.map(({ total: _total, ...item }) => item),
  };
}

/** Records notices that went out as messages on the buyers' own cases (their outbox rows). */
export async function recordCaseNotices(
  scope: TenantScope,
  recallId: string,
  wave: string,
  rows: { orderId: string; shopId: string; customerId: string | null; messageId: string }[],
  now: Date,
): Promise<void> {
  const t = scope.tenantId;
  for (const r of rows) {
    await scope.db.execute(sql`
      insert into recall_notices (tenant_id, recall_id, wave, order_id, shop_id, customer_id, outbox_id, unsendable, created_at)
      values (${t}, ${recallId}, ${wave}, ${r.orderId}, ${r.shopId}, ${r.customerId},
        (select id from outbox where tenant_id = ${t} and message_id = ${r.messageId} limit 1),
        case when exists (select 1 from outbox where tenant_id = ${t} and message_id = ${r.messageId}) then null else 'manual_only' end,
        ${now.toISOString()}::timestamptz)
      on conflict do nothing`);
  }
}

export type NoticeState = 'queued' | 'retrying' | 'sent' | 'failed' | 'unsendable';
export type NoticeRow = {
  wave: string;
  orderId: string;
  externalId: string;
  shopName: string;
  platform: string;
  customerName: string | null;
  state: NoticeState;
  /** The outbox row (to send a failed notice again). */
  outboxId: string | null;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
};

// The outbox row's true state (src/ingest/delivery-state.ts): pending with an error is being retried.
const STATE = sql`case when n.outbox_id is null then 'unsendable' when ob.status = 'sent' then 'sent'
  when ob.status = 'failed' then 'failed' when ob.last_error is not null then 'retrying' else 'queued' end`;

export async function noticeCounts(
  scope: TenantScope,
  recallId: string,
): Promise<{ wave: string; state: NoticeState; count: number }[]> {
  return rowsOf(
    scope,
    sql`select n.wave, ${STATE} as state, count(*)::int as count
        from recall_notices n
        left join outbox ob on ob.tenant_id = n.tenant_id and ob.id = n.outbox_id
        where n.tenant_id = ${scope.tenantId} and n.recall_id = ${recallId}
        group by 1, 2 order by 1, 2`,
  );
}

/** Per-recipient delivery state, keyset-paged by (wave, order id). */
export async function listNotices(
  scope: TenantScope,
  recallId: string,
  filter: { state?: NoticeState | undefined; wave?: string | undefined },
  after: { wave: string; orderId: string } | null,
  limit: number,
): Promise<NoticeRow[]> {
  const t = scope.tenantId;
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`select * from (
          select n.wave, n.order_id, o.external_id, s.name as shop_name, s.platform, c.name as customer_name,
                 ${STATE} as state, n.outbox_id, coalesce(ob.attempts, 0) as attempts, coalesce(ob.last_error, n.unsendable) as last_error, ob.sent_at
          from recall_notices n
          join orders o on o.tenant_id = n.tenant_id and o.id = n.order_id
          join shops s on s.tenant_id = n.tenant_id and s.id = n.shop_id
          left join customers c on c.tenant_id = n.tenant_id and c.id = n.customer_id
          left join outbox ob on ob.tenant_id = n.tenant_id and ob.id = n.outbox_id
          where n.tenant_id = ${t} and n.recall_id = ${recallId}
            ${filter.wave ? sql`and n.wave = ${filter.wave}` : sql``}
            ${after ? sql`and (n.wave, n.order_id) > (${after.wave}, ${after.orderId}::uuid)` : sql``}
        ) x
        where true ${filter.state ? sql`and x.state = ${filter.state}` : sql``}
        order by x.wave, x.order_id limit ${limit}`,
  );
  return rows.map((r) => ({
    wave: r.wave as string,
    orderId: r.order_id as string,
    externalId: r.external_id as string,
    shopName: r.shop_name as string,
    platform: r.platform as string,
    customerName: (r.customer_name as string | null) ?? null,
    state: r.state as NoticeState,
    outboxId: (r.outbox_id as string | null) ?? null,
    attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    sentAt: r.sent_at ? new Date(r.sent_at as string) : null,
  }));
}
