import { type Actor, systemActor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { CaseStep, StepContext } from '../tickets/case-pipeline.js';
import * as catalog from '../tickets/catalog-repo.js';
import { findTickets } from '../tickets/ticket-repo.js';
import type { TicketService } from '../tickets/ticket-service.js';
import { recallsHoldingCustomers, recallsHoldingOrders } from './affected-repo.js';
import * as inquiries from './inquiries-repo.js';
import { type InquiryMatch, matchInquiry, type OpenRecall } from './inquiry-matcher.js';
import * as repo from './recall-repo.js';
import type { RecallService } from './recall-service.js';
import { answerFor } from './statement.js';

/** One inbound buyer message on a case, as the recognition step sees it. */
export type InboundItem = {
  ticket: { id: string; kind: string; orderId: string | null; customerId: string | null };
  message: { id: string | null; body: string };
};

export type Recognised = { item: InboundItem; match: InquiryMatch; autoReply: boolean };

/**
 * The inquiry-surge step over a batch of inbound messages: which are about an open recall. Reads
 * only; the caller writes what it returns (the recall queue rows, the case kind).
 */
export async function recogniseInquiries(scope: TenantScope, items: InboundItem[]): Promise<Recognised[]> {
  if (!items.length) return [];
  const open = await repo.listOpenRecalls(scope);
  if (!open.length) return [];
  const openIds = new Set(open.map((r) => r.id));
  const orderIds = [...new Set(items.flatMap((i) => (i.ticket.orderId ? [i.ticket.orderId] : [])))];
  const customerIds = [...new Set(items.flatMap((i) => (i.ticket.customerId ? [i.ticket.customerId] : [])))];
  // One after another: a pipeline step, in the case's transaction (one client, one query at a time).
  const byOrder = await recallsHoldingOrders(scope, [...openIds], orderIds);
  const byCustomer = await recallsHoldingCustomers(scope, [...openIds], customerIds);
  const skuIds = [...new Set(open.flatMap((r) => r.scope.skuIds ?? []))];
  const skus = new Map((await catalog.findSkus(scope, skuIds)).map((s) => [s.id, s.code]));
  const candidates: OpenRecall[] = open.map((r) => ({
    id: r.id,
    productName: r.productName,
    title: r.title,
    batches: r.scope.batches ?? [],
    skuCodes: (r.scope.skuIds ?? []).flatMap((id) => (skus.has(id) ? [skus.get(id)!] : [])),
  }));
  const auto = new Map(open.map((r) => [r.id, r.autoReply]));
  return items.flatMap((item) => {
    const inScopeOf = new Set(
      [
        ...byOrder.filter((x) => x.orderId === item.ticket.orderId),
        ...byCustomer.filter((x) => x.customerId === item.ticket.customerId),
      ]
        .map((x) => x.recallId)
        .filter((id) => openIds.has(id)),
    );
    const match = matchInquiry({ text: item.message.body, inScopeOf }, candidates);
    return match ? [{ item, match, autoReply: auto.get(match.recallId) ?? false }] : [];
  });
}

/**
 * Writes what the step recognised: a row in the recall queue per case. Returns the cases whose kind
 * becomes recall_inquiry (the step sets it through the ticket service).
 */
export async function recordInquiries(scope: TenantScope, found: Recognised[], now: Date): Promise<string[]> {
  if (!found.length) return [];
  await inquiries.insertInquiries(
    scope,
    found.map(({ item, match, autoReply }) => ({
      id: newId(),
      recallId: match.recallId,
      ticketId: item.ticket.id,
      messageId: item.message.id,
      matchedBy: match.matchedBy,
      inScope: match.inScope ?? false,
      question: item.message.body.slice(0, 2000),
      answerState: autoReply ? 'auto_pending' : 'suggested',
      createdAt: now,
    })),
  );
  return [
    ...new Set(found.filter((f) => f.item.ticket.kind !== 'recall_inquiry').map((f) => f.item.ticket.id)),
  ];
}

/** The recalls step: a buyer's message about a recalled product or batch joins the recall queue. */
export function inquiryStep(clock: Clock): CaseStep {
  const run = async (ctx: StepContext, items: InboundItem[]) => {
    const ids = await recordInquiries(ctx.scope, await recogniseInquiries(ctx.scope, items), clock.now());
    return {
      tickets: await ctx.cases.setFields(
        ctx.actor,
        ids.map((id) => ({ id, set: { kind: 'recall_inquiry' as const } })),
      ),
    };
  };
  return {
    name: 'recalls',
    afterCreate: (ctx, created) =>
      run(
        ctx,
        created.flatMap(({ ticket, first }) =>
          first ? [{ ticket, message: { id: first.id, body: first.body } }] : [],
        ),
      ),
    afterMessage: (ctx, written) =>
      run(
        ctx,
        written.flatMap(({ ticket, message }) =>
          message.direction === 'inbound'
            ? [{ ticket, message: { id: message.id, body: message.body } }]
            : [],
        ),
      ),
  };
}

export type InquiryService = ReturnType<typeof createInquiryService>;

export function createInquiryService(deps: {
  db: Db;
  clock: Clock;
  tickets: TicketService;
  recalls: RecallService;
}) {
  const { db, clock, tickets, recalls } = deps;

  const suggestion = (
    r: repo.RecallRow,
    inquiry: Pick<inquiries.InquiryRow, 'matchedBy' | 'inScope'>,
    locale: 'zh-CN' | 'en',
  ) =>
    answerFor(
      (locale === 'en' ? r.answerEn : r.answerZh) ?? '',
      inquiry.matchedBy === 'order' || inquiry.inScope ? inquiry.inScope : null,
      locale,
    );

  async function answer(
    actor: Actor,
    r: repo.RecallRow,
    list: inquiries.InquiryRow[],
    scope: TenantScope = scopeTo(db, actor.tenantId),
  ) {
    if (!list.length) return 0;
    const ticketRows = await findTickets(
      scope,
      list.map((i) => i.ticketId),
    );
    const customers = new Map(
      (
        await catalog.findCustomers(
          scope,
          ticketRows.flatMap((t) => (t.customerId ? [t.customerId] : [])),
        )
      ).map((c) => [c.id, c]),
    );
    const open = list.filter((i) => ticketRows.some((t) => t.id === i.ticketId));
    // The answers and their mark in one transaction, the answers through the ticket service.
    await scope.transaction(async (tx) => {
      await tickets.within(tx).addMessages(
        actor,
        open.map((i) => {
          const t = ticketRows.find((x) => x.id === i.ticketId)!;
          const locale = customers.get(t.customerId ?? '')?.locale === 'en' ? 'en' : 'zh-CN';
          return {
            id: i.ticketId,
            msg: { direction: 'outbound' as const, body: suggestion(r, i, locale), purpose: 'recall_answer' },
          };
        }),
      );
      await inquiries.setInquiryState(
        tx,
        open.map((i) => i.id),
        { answerState: 'answered', answeredAt: clock.now() },
      );
    });
    return open.length;
  }

  return {
    /** The recall queue: recognised questions, newest first, with the case and the suggested answer. */
    async queue(actor: Actor, id: string, limit: number) {
      const scope = scopeTo(db, actor.tenantId);
      const r = await recalls.mustFind(actor, id);
      const rows = await inquiries.listInquiryQueue(scope, id, limit);
      return rows.map((x) => ({
        id: x.id,
        ticketId: x.ticket_id,
        ticketNumber: Number(x.number),
        ticketStatus: x.ticket_status,
        customerName: x.customer_name ?? null,
        question: x.question,
        matchedBy: x.matched_by,
        inScope: x.in_scope,
        answerState: x.answer_state,
        suggestedAnswer: suggestion(
          r,
          { matchedBy: x.matched_by, inScope: x.in_scope },
          x.locale === 'en' ? 'en' : 'zh-CN',
        ),
        createdAt: new Date(x.created_at),
        answeredAt: x.answered_at ? new Date(x.answered_at) : null,
      }));
    },

    /** Sends the campaign's answer on one inquiry (or every unanswered one) through the ticket service. */
    async answer(actor: Actor, id: string, inquiryId: string | null) {
      const scope = scopeTo(db, actor.tenantId);
      const r = await recalls.mustFind(actor, id);
      let list: inquiries.InquiryRow[];
      if (inquiryId) {
        const one = await inquiries.findInquiry(scope, id, inquiryId);
        if (!one) throw new AppError('INQUIRY_NOT_FOUND', `inquiry ${inquiryId} not found`);
        if (one.answerState === 'answered')
          throw new AppError('CONFLICT', 'this inquiry was already answered');
        list = [one];
      } else {
        list = (await inquiries.listInquiries(scope, id, 500)).filter((i) => i.answerState !== 'answered');
      }
      return { answered: await answer(actor, r, list) };
    },

    /** The automatic replies of campaigns that turned them on (the worker's sweep). */
    async sendAutomaticAnswers(limit = 50): Promise<number> {
      // The questions stay locked (SKIP LOCKED) until their answers commit: several workers never
      // answer one twice, and a worker that dies mid-sweep leaves them due for the next.
      const { sent, failure } = await db.transaction(async (tx) => {
        const due = await inquiries.lockDueAutoAnswers(tx, limit);
        const groups = new Map<string, typeof due>();
        for (const c of due) {
          const key = `${c.tenant_id}/${c.recall_id}`;
          groups.set(key, [...(groups.get(key) ?? []), c]);
        }
        let sent = 0;
        let failure: unknown = null;
        for (const list of groups.values()) {
          const actor = systemActor(list[0]!.tenant_id, 'recall auto-reply');
          const scope = scopeTo(tx, actor.tenantId);
          try {
            // Each campaign's answers in a savepoint: one that fails stays due, the others go out.
            sent += await scope.transaction(async (sp) => {
              const r = await repo.findRecall(sp, list[0]!.recall_id);
              const rows = await inquiries.findInquiries(
                sp,
                list.map((c) => c.id),
              );
              return r ? answer(actor, r, rows, sp) : 0;
            });
          } catch (error) {
            failure ??= error;
          }
        }
        return { sent, failure };
      });
      if (failure) throw failure;
      return sent;
    },
  };
}
