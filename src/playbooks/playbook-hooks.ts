import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/audit-repo.js';
import { systemActor } from '../auth/roles.js';
import { offers } from '../db/schema/playbooks.js';
import { customers, tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { outboxTicketHooks } from '../ingest/outbox.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import * as ticketRepo from '../tickets/ticket-repo.js';
import type { TicketHooks } from '../tickets/ticket-service.js';
import { SURVEY_AFTER_CLOSE } from './default-templates.js';
import type { Remedy } from './offer-rules.js';
import * as repo from './playbooks-repo.js';
import { formatMoney, renderTemplate } from './template-vars.js';

const REMEDY_LABEL: Record<Remedy, string> = {
  refund: '退款',
  return_and_refund: '退货退款',
  exchange: '换货',
  reship: '补发',
  partial_refund: '部分退款',
  coupon: '优惠券',
  gift: '礼品',
  apology_only: '致歉',
};

/** "换货 + 优惠券10元": the remedy given, from the accepted offers of the case. */
export function describeRemedies(
  rows: { remedy: string; amountFen: number; couponFen: number }[],
): string | null {
  if (rows.length === 0) return null;
  return rows
    .map((o) => {
      const label = REMEDY_LABEL[o.remedy as Remedy] ?? o.remedy;
      const amount = o.amountFen > 0 ? formatMoney(o.amountFen, 'zh-CN') : '';
      const coupon = o.couponFen > 0 ? ` + 优惠券${formatMoney(o.couponFen, 'zh-CN')}` : '';
      return `${label}${amount}${coupon}`;
    })
    .join('；');
}

/**
 * Ticket hooks of the playbooks domain, run inside the ticket's transaction:
 * a blocklisted buyer's new case is flagged; a closed case records the remedy given (when the
 * agent did not write one) and sends the satisfaction survey as an automatic message.
 */
export function createPlaybookHooks({ clock }: { clock: Clock }): TicketHooks {
  return {
    async afterCreate(scope, created) {
      const buyers = [...new Set(created.flatMap((c) => (c.ticket.customerId ? [c.ticket.customerId] : [])))];
      if (!buyers.length) return;
      const blocked = await repo.activeBlocksFor(scope, buyers, clock.now());
      const flagged = created.filter(
        ({ ticket }) =>
          ticket.customerId && blocked.has(ticket.customerId) && !ticket.tags.includes('blocklisted'),
      );
      await scope.updateEach(
        tickets,
        flagged.map(({ ticket }) => ({ id: ticket.id, set: { tags: [...ticket.tags, 'blocklisted'] } })),
      );
    },

    async afterStatus(scope, moved) {
      for (const { ticket, from } of moved) {
        if (ticket.status !== 'closed' || from === 'closed') continue;
        const now = clock.now();
        if (!ticket.resolution) {
          const accepted = await scope.select(offers, [
            and(eq(offers.ticketId, ticket.id), eq(offers.status, 'accepted')),
          ]);
          const resolution = describeRemedies(accepted);
          if (resolution) await ticketRepo.updateTicket(scope, ticket.id, { resolution });
        }
        await sendSurvey(scope, ticket, now);
      }
    },
  };
}

async function sendSurvey(scope: TenantScope, ticket: ticketRepo.TicketRow, now: Date) {
  if (!ticket.customerId) return; // nobody to ask
  const customer = await scope.first(customers, eq(customers.id, ticket.customerId));
  const locale = customer?.locale === 'en' ? 'en' : 'zh-CN';
  const { text } = renderTemplate(SURVEY_AFTER_CLOSE[locale], {
    customer_name: customer?.name ?? (locale === 'en' ? 'there' : '亲'),
  });
  const message = await ticketRepo.insertMessage(scope, {
    id: newId(),
    ticketId: ticket.id,
    direction: 'outbound',
    channel: ticket.channel,
    authorType: 'system',
    authorId: null,
    authorName: 'Aftercare',
    body: text,
    attachments: [],
    externalId: null,
    createdAt: now,
  });
  await ticketRepo.updateTicket(scope, ticket.id, { lastOutboundAt: now });
  // The same path as every outbound message: queued for the platform, or recorded as sent.
  await outboxTicketHooks.afterMessage?.(scope, [{ ticket, message, automatic: true }]);
  await recordAudit(
    scope,
    systemActor(scope.tenantId),
    [{ entityType: 'ticket', entityId: ticket.id, action: 'survey_sent', after: { messageId: message.id } }],
    now,
  );
}
