import type { Actor } from '../auth/roles.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { findChannelCasesOfTickets } from '../ingest/channel-case-repo.js';
import { enqueueOutbox } from '../ingest/outbox.js';
import { newId } from '../shared/ids.js';
import { findShop } from '../shops/shop-repo.js';
import type { PlannedStep, TaskKind } from './execution-plan.js';
import * as repo from './playbooks-repo.js';
import { routeStep } from './step-route.js';

export const TASK_TITLES: Record<TaskKind, { zh: string; en: string }> = {
  refund: { zh: '退款', en: 'Refund' },
  return_instruction: { zh: '同意退货（运费我们承担）', en: 'Approve the return (we pay shipping)' },
  ship_replacement: {
    zh: '发出换货/补发商品，填写快递单号',
    en: 'Ship the replacement and enter the tracking number',
  },
  notify_tracking: { zh: '把快递单号告诉顾客', en: 'Tell the buyer the tracking number' },
  watch_parcel: { zh: '跟踪包裹直到签收', en: 'Watch the parcel until delivered' },
  watch_return_parcel: { zh: '跟踪退货包裹直到收到', en: 'Watch the return parcel until it is back' },
  issue_coupon: { zh: '发放优惠券', en: 'Issue the coupon' },
  send_gift: { zh: '寄出小礼品', en: 'Send the gift' },
  pay_compensation: { zh: '支付法定赔偿金', en: 'Pay the statutory compensation' },
  satisfaction_check: { zh: '回访顾客满意度', en: 'Check the buyer’s satisfaction' },
  coaching_note: { zh: '内部辅导复盘', en: 'Internal coaching review' },
  follow_up: { zh: '跟进', en: 'Follow up' },
};

export type StepContext = {
  ticketId: string;
  shopId: string | null;
  offerId: string | null;
  assigneeId: string | null;
};

/**
 * Writes planned steps: an outbox step the platform has an API for on this case is queued in this
 * transaction (a task row records it as 'queued' with the outbox id); one it has none for (no
 * after-sale to act on, a shop without a platform) is an open task marked manual, with the reason,
 * for a person to do in the platform's back office; every other step is an open task with its due time.
 */
export async function createSteps(
  scope: TenantScope,
  actor: Actor,
  ctx: StepContext,
  steps: PlannedStep[],
  now: Date,
): Promise<repo.TaskRow[]> {
  const shop = ctx.shopId ? await findShop(scope, ctx.shopId) : undefined;
  // The platform case the sender would address (what enqueueOutbox stores as the row's caseRef).
  const needsCase = shop !== undefined && steps.some((s) => s.via === 'outbox');
  const kase = needsCase
    ? (await findChannelCasesOfTickets(scope, [ctx.ticketId])).find((c) => c.shopId === shop.id)
    : undefined;
  const caseRef = kase?.externalRef ?? null;
  const rows = [];
  for (const step of steps) {
    const id = newId();
    const data: Record<string, unknown> = {
      ...step.data,
      ...(step.templateKey ? { templateKey: step.templateKey } : {}),
    };
    let status: 'open' | 'queued' = 'open';
    const route = routeStep(step, shop?.platform ?? null, caseRef);
    if (route.via === 'outbox' && shop) {
      const row = await enqueueOutbox(scope, {
        kind: route.outboxKind,
        shopId: shop.id,
        ticketId: ctx.ticketId,
        caseRef,
        payload: {
          ...(typeof step.data.amountFen === 'number' ? { amount_fen: step.data.amountFen } : {}),
          ...(step.data.returnShippingPaid ? { return_shipping_paid: true } : {}),
          ...(step.data.purpose ? { purpose: step.data.purpose } : {}),
          ...afterSaleVersion(kase?.lastEventAt ?? null),
          // Taobao/Tmall: the phase the after-sale's events named (send.ts falls back to the shop setting).
          ...(kase?.refundPhase ? { refund_phase: kase.refundPhase } : {}),
          offer_id: ctx.offerId,
        },
        dedupeKey: `task:${id}`,
      });
      data.outboxId = row.id;
      status = 'queued';
    } else if (route.via === 'manual') {
      // No API can do it on this case: a person does it in the platform's back office (or by hand).
      data.manual = true;
      data.manualWhy = route.why;
    }
    rows.push({
      id,
      ticketId: ctx.ticketId,
      offerId: ctx.offerId,
      kind: step.kind,
      title: TASK_TITLES[step.kind].zh,
      status,
      assigneeId: ctx.assigneeId,
      dueAt: step.dueAt,
      data,
      createdAt: now,
      updatedAt: now,
      ...(status === 'queued' ? { completedAt: now, completedByName: actor.name } : {}),
    });
  }
  return repo.insertTasks(scope, rows);
}

/**
 * The after-sale's version as Taobao's refund calls want it (refund_infos "id|amount|version|phase",
 * returngoods.agree refund_version): its last update time as a timestamp, which is the `modified`
 * of the last event we received for it. UNCERTAIN: milliseconds, as in the opentaobao SDK's examples;
 * a refund changed on the platform after our last event makes the call fail with the platform's reason.
 */
function afterSaleVersion(lastEventAt: Date | null): { refund_version?: string } {
  return lastEventAt ? { refund_version: String(lastEventAt.getTime()) } : {};
}
