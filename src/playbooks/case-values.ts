import type { TenantScope } from '../db/tenant-scope.js';
import { type CaseContext, latestOfferAndTasks } from './case-repo.js';
import { formatDueBy, formatMoney, type TemplateValues } from './template-vars.js';

export { type CaseContext, loadCase } from './case-repo.js';

/** The template values of a case: the latest offer's amounts, the latest shipment, the next due time. */
export async function caseValues(
  scope: TenantScope,
  c: CaseContext,
  locale: 'zh-CN' | 'en',
  agentName: string,
  timezone: string,
): Promise<TemplateValues> {
  const { latestOffer, caseTasks } = await latestOfferAndTasks(scope, c.ticket.id);
  const shipment = caseTasks.find((t) => typeof t.data.trackingNo === 'string' && t.data.trackingNo);
  const nextDue = caseTasks
    .filter((t) => t.status === 'open' && t.dueAt)
    .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime())[0]?.dueAt;
  const dueBy = nextDue ?? c.ticket.resolutionDueAt ?? c.ticket.slaDueAt;
  const values: TemplateValues = {
    customer_name: c.customer?.name,
    order_id: c.order?.externalId,
    sku_name: c.items[0]?.name,
    tracking_no: (shipment?.data.trackingNo as string | undefined) ?? c.order?.trackingNo ?? undefined,
    carrier: (shipment?.data.carrier as string | undefined) ?? c.order?.carrier ?? undefined,
    shop_name: c.shop?.name,
    agent_name: c.assigneeName ?? agentName,
    ticket_no: String(c.ticket.number),
    due_by: dueBy ? formatDueBy(dueBy, locale, c.shop?.timezone ?? timezone) : undefined,
  };
  if (latestOffer) {
    const coupon = latestOffer.remedy === 'coupon' ? latestOffer.amountFen : latestOffer.couponFen;
    if (coupon > 0) values.coupon_amount = formatMoney(coupon, locale);
    if (latestOffer.amountFen > 0) {
      values.amount = formatMoney(latestOffer.amountFen, locale);
      if (['refund', 'return_and_refund', 'partial_refund'].includes(latestOffer.remedy)) {
        values.refund_amount = values.amount;
      }
    }
  }
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null));
}

/** The language to write to a buyer in: their own, else Chinese. */
export const caseLocale = (c: CaseContext): 'zh-CN' | 'en' =>
  c.customer?.locale === 'en' || c.ticket.language === 'en' ? 'en' : 'zh-CN';
