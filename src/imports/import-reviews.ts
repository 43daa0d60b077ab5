import { newId } from '../shared/ids.js';
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
} from './import-context.js';
import * as repo from './import-repo.js';
import { openCases } from './open-cases.js';

/** The platform's review id when the export has one, else order|product|time: one review per key. */
export function reviewKey(v: RowValues): string {
  const id = str(v.reviewId);
  if (id) return id;
  return `${str(v.orderId)}|${str(v.productId)}|${date(v.reviewedAt)?.toISOString()}`;
}

/** Negative: three stars or fewer, a 差评 grade, or flagged in the export. */
export function isNegativeReview(v: RowValues): boolean {
  const score = num(v.score) ?? 5;
  const level = str(v.level) ?? '';
  return score <= 3 || v.flagged === true || /差评|negative|bad/i.test(level);
}

export function reviewTicketBody(v: RowValues): string {
  const content = str(v.content) ?? '（买家未填写评价内容 / no review text）';
  const followUp = str(v.followUpContent);
  return followUp ? `${content}\n\n追评 / follow-up: ${followUp}` : content;
}

const CHUNK = 500;

export async function importReviews(ctx: ImportContext, rows: ValidRow[]): Promise<RowOutcome[]> {
  const outcomes: RowOutcome[] = [];
  const seen = new Set<string>();
  const fresh: { row: ValidRow; key: string }[] = [];
  for (const row of rows) {
    const key = reviewKey(row.values);
    if (seen.has(key)) {
      outcomes.push({ line: row.row.line, status: 'duplicate' });
      continue;
    }
    seen.add(key);
    fresh.push({ row, key });
  }

  for (let i = 0; i < fresh.length; i += CHUNK) {
    const chunk = fresh.slice(i, i + CHUNK);
    const records = chunk.map(({ row: { values: v }, key }) => ({
      id: newId(),
      shopId: ctx.shop.id,
      reviewKey: key,
      externalReviewId: str(v.reviewId) ?? null,
      orderExternalId: str(v.orderId) ?? null,
      productExternalId: str(v.productId) ?? null,
      productName: str(v.productName) ?? null,
      skuSpec: str(v.skuSpec) ?? null,
      score: num(v.score)!,
      level: str(v.level) ?? null,
      content: str(v.content) ?? '',
      nickname: str(v.nickname) ?? null,
      followUpContent: str(v.followUpContent) ?? null,
      followUpAt: date(v.followUpAt) ?? null,
      merchantReplied: typeof v.merchantReplied === 'boolean' ? v.merchantReplied : null,
      replyContent: str(v.replyContent) ?? null,
      storeId: str(v.storeId) ?? null,
      storeName: str(v.storeName) ?? null,
      reviewedAt: date(v.reviewedAt)!,
      negative: isNegativeReview(v),
      importRunId: ctx.runId,
      createdAt: ctx.now,
    }));
    const inserted = await repo.insertReviews(ctx.scope, records);
    // A stored negative review without its case (a run that stopped half-way) gets it now.
    const orphans = await repo.findReviewsWithoutTicket(
      ctx.scope,
      ctx.shop.id,
      chunk.map((c) => c.key),
    );
    const orphanByKey = new Map(orphans.map((o) => [o.reviewKey, o]));
    const plans = chunk.map(({ row, key }, index) => {
      const isNew = inserted.has(key);
      const orphan = orphanByKey.get(key);
      const stored = isNew ? records[index]! : orphan;
      const open = stored?.negative && (isNew || orphan) ? stored.id : null;
      return { row, key, isNew, open };
    });
    const failures = await openCases(
      ctx,
      plans.flatMap(({ row: { values }, key, open }) =>
        open
          ? [
              {
                key,
                orderRef: str(values.orderId),
                input: (orderId: string | undefined) => reviewCaseInput(values, key, ctx.shop.id, orderId),
                link: (ticketId: string) => linkReviewCase(ctx, values, key, open, ticketId),
              },
            ]
          : [],
      ),
    );
    for (const { row, key, isNew } of plans) {
      if (failures.has(key)) {
        outcomes.push(
          failed(row.row, `review stored, but its case could not be opened: ${errorText(failures.get(key))}`),
        );
        continue;
      }
      outcomes.push({ line: row.row.line, status: isNew ? 'imported' : 'duplicate' });
    }
  }
  return outcomes;
}

function reviewCaseInput(v: RowValues, key: string, shopId: string, orderId: string | undefined) {
  const nickname = str(v.nickname);
  return {
    kind: 'negative_review' as const,
    channel: 'review' as const,
    subject: clip(`${num(v.score)}星评价 · ${str(v.productName) ?? str(v.productId) ?? ''}`, 200),
    body: reviewTicketBody(v),
    shopId,
    orderId,
    // Exports mask nicknames (用***户): many buyers share one, so it is a name, never an identity.
    customer: nickname ? { name: clip(nickname, 100) } : undefined,
    externalRef: `review:${key}`,
    tags: ['import'],
  };
}

async function linkReviewCase(
  ctx: ImportContext,
  v: RowValues,
  key: string,
  reviewId: string,
  ticketId: string,
) {
  await repo.setReviewTicket(ctx.scope, reviewId, ticketId);
  await repo.linkCase(ctx.scope, ctx.shop.id, `review:${key}`, ticketId, str(v.orderId) ?? null, ctx.now);
}
