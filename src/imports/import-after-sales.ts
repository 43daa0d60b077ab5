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
import { openCases } from './open-cases.js';

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
    str(v.refundPhase) && `退款阶段 / refund phase: ${str(v.refundPhase)}`,
  ].filter(Boolean);
  const words = str(v.description);
  return [words, ...facts].filter(Boolean).join('\n') || `售后单 ${str(v.afterSaleId)}`;
}

/**
 * The refund phase a record names, in the words Taobao/Tmall use (售中 before the trade completes,
 * 售后 after) or the API's own values; null when the column is empty or says something else, so the
 * shop setting taobaoRefundPhase stays the fallback. Word list UNCERTAIN (exports vary by back office).
 */
export function refundPhaseOf(text: string | undefined): 'onsale' | 'aftersale' | null {
  const t = text
    ?.trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
  if (!t) return null;
  if (['售中', '售中退款', '交易中', 'onsale'].includes(t)) return 'onsale';
  if (['售后', '售后退款', '交易成功后', 'aftersale'].includes(t)) return 'aftersale';
  return null;
}

/**
 * One return_request case per after-sale id, under the reference the webhooks use
 * ("aftersale:<id>"): a record whose after-sale already has a case in the shop, opened by a
 * webhook or an earlier import, is a duplicate; later webhooks of it append to the imported case.
 */
const CHUNK = 500;

export async function importAfterSales(ctx: ImportContext, rows: ValidRow[]): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows
      .slice(i, i + CHUNK)
      .map((r) => ({ ...r, ref: `aftersale:${str(r.values.afterSaleId)!}` }));
    const existing = await repo.findCaseTickets(
      ctx.scope,
      ctx.shop.id,
      chunk.map((c) => c.ref),
    );
    const plans = chunk.map((c) => {
      const duplicate = existing.has(c.ref) || seen.has(c.ref);
      seen.add(c.ref);
      return { ...c, duplicate };
    });
    const failures = await openCases(
      ctx,
      plans
        .filter((p) => !p.duplicate)
        .map(({ values: v, ref }) => {
          const id = str(v.afterSaleId)!;
          const orderRef = str(v.orderId);
          const buyer = str(v.buyerNickname);
          return {
            key: ref,
            orderRef,
            input: (orderId: string | undefined) => ({
              kind: 'return_request' as const,
              channel: 'after_sales' as const,
              subject: clip(`售后单 ${id}${str(v.reason) ? ` · ${str(v.reason)}` : ''}`, 200),
              body: clip(afterSaleBody(v), 20_000),
              shopId: ctx.shop.id,
              orderId,
              customer: buyer ? { name: clip(buyer, 100) } : undefined,
              externalRef: ref,
              tags: ['import'],
            }),
            link: (ticketId: string) =>
              repo.linkCase(ctx.scope, ctx.shop.id, ref, ticketId, orderRef ?? null, ctx.now, {
                refundPhase: refundPhaseOf(str(v.refundPhase)),
              }),
          };
        }),
    );
    for (const { row, ref, duplicate } of plans) {
      if (duplicate) outcomes.push({ line: row.line, status: 'duplicate' });
      else if (failures.has(ref)) {
        outcomes.push(failed(row, `the case could not be opened: ${errorText(failures.get(ref))}`));
      } else outcomes.push({ line: row.line, status: 'imported' });
    }
  }
  return outcomes;
}
