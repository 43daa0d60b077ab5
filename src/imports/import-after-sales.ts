import { findOrderByExternalId } from '../tickets/catalog-repo.js';
import type { RowValues } from './fields.js';
import {
  clip,
  date,
  errorText,
  failed,
  type ImportContext,
  num,
  type RowOutcome,
  str,
  type ValidRow,
  yuan,
} from './import-context.js';
import * as repo from './import-repo.js';

/** The case thread's first message: the buyer's words, then the record's facts. */
export function afterSaleBody(v: RowValues): string {
  const facts = [
    str(v.type) && `售后类型 / type: ${str(v.type)}`,
    str(v.status) && `售后状态 / status: ${str(v.status)}`,
    str(v.reason) && `原因 / reason: ${str(v.reason)}`,
    num(v.refundAmount) !== undefined && `退款金额 / refund: ${yuan(num(v.refundAmount)!)}`,
    date(v.appliedAt) && `申请时间 / applied: ${date(v.appliedAt)!.toISOString()}`,
    str(v.productName) && `商品 / product: ${str(v.productName)}`,
    str(v.returnTrackingNo) && `退货运单 / return tracking: ${str(v.returnTrackingNo)}`,
  ].filter(Boolean);
  const words = str(v.description);
  return [words, ...facts].filter(Boolean).join('\n') || `售后单 ${str(v.afterSaleId)}`;
}

/**
 * One return_request case per after-sale id, under the reference the webhooks use
 * ("aftersale:<id>"): a record whose after-sale already has a case in the shop, opened by a
 * webhook or an earlier import, is a duplicate; later webhooks of it append to the imported case.
 */
export async function importAfterSales(ctx: ImportContext, rows: ValidRow[]): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = [];
  for (const { row, values: v } of rows) {
    const id = str(v.afterSaleId)!;
    const ref = `aftersale:${id}`;
    if (await repo.findCaseTicket(ctx.scope, ctx.shop.id, ref)) {
      outcomes.push({ line: row.line, status: 'duplicate' });
      continue;
    }
    try {
      const orderRef = str(v.orderId);
      const order = orderRef ? await findOrderByExternalId(ctx.scope, ctx.shop.id, orderRef) : undefined;
      const buyer = str(v.buyerNickname);
      const ticket = await ctx.tickets.create(ctx.actor, {
        kind: 'return_request',
        channel: 'after_sales',
        subject: clip(`售后单 ${id}${str(v.reason) ? ` · ${str(v.reason)}` : ''}`, 200),
        body: clip(afterSaleBody(v), 20_000),
        shopId: ctx.shop.id,
        orderId: order?.id,
        customer: buyer ? { name: clip(buyer, 100) } : undefined,
        externalRef: ref,
        tags: ['import'],
      });
      await repo.linkCase(ctx.scope, ctx.shop.id, ref, ticket.id, orderRef ?? null, ctx.now);
      outcomes.push({ line: row.line, status: 'imported' });
    } catch (error) {
      outcomes.push(failed(row, `the case could not be opened: ${errorText(error)}`));
    }
  }
  return outcomes;
}
