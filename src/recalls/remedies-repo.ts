import { desc, eq, sql } from 'drizzle-orm';
import { tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { rowsOf } from './affected-repo.js';
import type { RemedyChoice } from './recall-types.js';
import type { RemedyStep } from './remedy-state.js';

export type RemedyListRow = {
  id: string;
  orderId: string;
  externalId: string;
  shopName: string;
  platform: string;
  ticketId: string;
  ticketNumber: number | null;
  offerId: string | null;
  remedy: RemedyChoice;
  units: number;
  amountFen: number;
  returnCarrier: string | null;
  returnTrackingNo: string | null;
  returnReceivedAt: Date | null;
  createdByName: string;
  createdAt: Date;
  steps: RemedyStep[];
};

type StepJson = {
  task_id: string;
  kind: string;
  outbox_id: string | null;
  status: 'pending' | 'sent' | 'failed' | null;
  last_error: string | null;
  attempts: number | null;
  sent_at: string | null;
  task_status: string;
};

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

/**
 * The campaign's remedies with every platform step of their offers (refund, return instruction)
 * and the outbox row carrying each: what the console shows as queued, retrying, sent or failed.
 */
export async function listRemediesWithSteps(scope: TenantScope, recallId: string): Promise<RemedyListRow[]> {
  const t = scope.tenantId;
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`select r.*, o.external_id, s.name as shop_name, s.platform, tk.number as ticket_number,
          (select coalesce(json_agg(json_build_object(
                    'task_id', ta.id, 'kind', ta.kind, 'outbox_id', ob.id, 'status', ob.status,
                    'last_error', ob.last_error, 'attempts', ob.attempts, 'sent_at', ob.sent_at,
                    'task_status', ta.status) order by ta.created_at), '[]'::json)
           from tasks ta left join outbox ob on ob.tenant_id = ta.tenant_id and ob.id = (ta.data->>'outboxId')::uuid
           where ta.tenant_id = ${t} and ta.offer_id = r.offer_id
             and (ta.data ? 'outboxId' or ta.data->>'manual' = 'true')) as steps
        from recall_remedies r
        join orders o on o.tenant_id = r.tenant_id and o.id = r.order_id
        join shops s on s.tenant_id = r.tenant_id and s.id = r.shop_id
        left join tickets tk on tk.tenant_id = r.tenant_id and tk.id = r.ticket_id
        where r.tenant_id = ${t} and r.recall_id = ${recallId}
        order by r.created_at`,
  );
  return rows.map((x) => {
    const steps = (typeof x.steps === 'string' ? JSON.parse(x.steps) : x.steps) as StepJson[];
    return {
      id: x.id as string,
      orderId: x.order_id as string,
      externalId: x.external_id as string,
      shopName: x.shop_name as string,
      platform: x.platform as string,
      ticketId: x.ticket_id as string,
      ticketNumber: x.ticket_number === null ? null : Number(x.ticket_number),
      offerId: (x.offer_id as string | null) ?? null,
      remedy: x.remedy as RemedyChoice,
      units: Number(x.units),
      amountFen: Number(x.amount_fen),
      returnCarrier: (x.return_carrier as string | null) ?? null,
      returnTrackingNo: (x.return_tracking_no as string | null) ?? null,
      returnReceivedAt: date(x.return_received_at),
      createdByName: x.created_by_name as string,
      createdAt: new Date(x.created_at as string),
      steps: steps.map((s) => ({
        taskId: s.task_id,
        kind: s.kind,
        outboxId: s.outbox_id,
        outboxStatus: s.status,
        lastError: s.last_error,
        attempts: Number(s.attempts ?? 0),
        sentAt: date(s.sent_at),
        taskStatus: s.task_status,
      })),
    };
  });
}

/** Whether the remedy's platform steps all went out (or a person did the manual ones). */
export const REMEDY_EXECUTED = sql`not exists (
  select 1 from tasks ta left join outbox ob on ob.tenant_id = ta.tenant_id and ob.id = (ta.data->>'outboxId')::uuid
  where ta.tenant_id = r.tenant_id and ta.offer_id = r.offer_id
    and ((ta.data ? 'outboxId' and ob.status is distinct from 'sent')
      or (ta.data->>'manual' = 'true' and ta.status <> 'done')))`;

/** The cases on one order, newest first: where a remedy for it can be carried out. */
export const ticketsOnOrder = (scope: TenantScope, orderId: string) =>
  scope.select(tickets, [eq(tickets.orderId, orderId)], { orderBy: [desc(tickets.createdAt)] });
