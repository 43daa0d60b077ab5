import { systemActor } from '../auth/roles.js';
import type { TenantScope } from '../db/tenant-scope.js';
import type { Clock } from '../shared/clock.js';
import type { CaseStep } from '../tickets/case-pipeline.js';
import { findCustomers } from '../tickets/catalog-repo.js';
import type { TicketRow } from '../tickets/ticket-repo.js';
import { SURVEY_AFTER_CLOSE } from './default-templates.js';
import type { Remedy } from './offer-rules.js';
import * as repo from './playbooks-repo.js';
import { formatMoney, renderTemplate } from './template-vars.js';

/** The tag a blocklisted buyer's open cases carry (the blocklist puts it on and takes it off). */
export const BLOCKLIST_TAG = 'blocklisted';

const REMEDY_LABEL: Record<Remedy, string> = {
  refund: '退款',
  return_and_refund: '退货退款',
  exchange: '换货',
  reship: '补发',
  partial_refund: '部分退款',
  coupon: '优惠券',
  gift: '礼品',
  statutory_compensation: '法定赔偿',
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
 * The playbooks step: a blocklisted buyer's new case is flagged; a closed case records the remedy
 * given (when the agent did not write one) and sends the satisfaction survey as an automatic message.
 */
export function createPlaybookStep({ clock }: { clock: Clock }): CaseStep {
  return {
    name: 'playbooks',
    async afterCreate(ctx, created) {
      const buyers = [...new Set(created.flatMap((c) => (c.ticket.customerId ? [c.ticket.customerId] : [])))];
      if (!buyers.length) return undefined;
      const blocked = await repo.activeBlocksFor(ctx.scope, buyers, clock.now());
      const flagged = created.filter(
        ({ ticket }) =>
          ticket.customerId && blocked.has(ticket.customerId) && !ticket.tags.includes(BLOCKLIST_TAG),
      );
      return {
        tickets: await ctx.cases.setFields(
          ctx.actor,
          flagged.map(({ ticket }) => ({ id: ticket.id, set: { tags: [...ticket.tags, BLOCKLIST_TAG] } })),
        ),
      };
    },

    async afterStatus(ctx, moved) {
      const closed = moved.filter(({ ticket, from }) => ticket.status === 'closed' && from !== 'closed');
      if (!closed.length) return undefined;
      const resolutions = [];
      for (const { ticket } of closed) {
        if (ticket.resolution) continue;
        const resolution = describeRemedies(await repo.acceptedOffersOf(ctx.scope, ticket.id));
        if (resolution) resolutions.push({ id: ticket.id, set: { resolution } });
      }
      const resolved = await ctx.cases.setFields(ctx.actor, resolutions);
      const surveys = await surveysFor(
        ctx.scope,
        closed.map((c) => c.ticket),
      );
      const system = systemActor(ctx.scope.tenantId);
      // Through the ticket service like any message: indexed, timed, queued for the platform.
      const sent = await ctx.cases.addMessages(
        system,
        surveys.map(({ ticketId, body }) => ({
          id: ticketId,
          by: system,
          msg: { direction: 'outbound', body, automatic: true, purpose: 'survey', authorName: 'Aftercare' },
        })),
      );
      return { tickets: [...resolved, ...sent.map((s) => s.ticket)] };
    },
  };
}

/** The survey text for each closed case with a buyer, in the buyer's language. */
async function surveysFor(scope: TenantScope, closed: TicketRow[]) {
  const withBuyer = closed.filter((t) => t.customerId);
  const buyers = new Map(
    (withBuyer.length
      ? await findCustomers(scope, [...new Set(withBuyer.map((t) => t.customerId!))])
      : []
    ).map((c) => [c.id, c]),
  );
  return withBuyer.map((ticket) => {
    const customer = buyers.get(ticket.customerId!);
    const locale = customer?.locale === 'en' ? 'en' : 'zh-CN';
    const { text } = renderTemplate(SURVEY_AFTER_CLOSE[locale], {
      customer_name: customer?.name ?? (locale === 'en' ? 'there' : '亲'),
    });
    return { ticketId: ticket.id, body: text };
  });
}
