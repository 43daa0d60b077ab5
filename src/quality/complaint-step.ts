import type { Clock } from '../shared/clock.js';
import type { CaseStep } from '../tickets/case-pipeline.js';
import type { TicketRow } from '../tickets/ticket-repo.js';
import { LINKED_CATEGORIES, linkComplaints } from './complaint-service.js';

const linked = (t: TicketRow) =>
  Boolean(t.orderId) && t.categories.some((c) => LINKED_CATEGORIES.includes(c));
const toCase = (t: TicketRow) => ({
  id: t.id,
  orderId: t.orderId,
  categories: t.categories,
  subject: t.subject,
});

/**
 * Quality's step: a case classified not-as-described (by triage or by hand) on an order is tied to
 * the listing its buyer saw and raises a fix task for the claim that misled. It writes only quality's
 * own rows (links, tasks); the case itself is not changed.
 */
export function createComplaintStep({ clock }: { clock: Clock }): CaseStep {
  return {
    name: 'quality',
    async afterCreate(ctx, created) {
      const cases = created.map((c) => c.ticket).filter(linked);
      if (cases.length) await linkComplaints(ctx.scope, cases.map(toCase), clock.now());
      return undefined;
    },
    async afterUpdate(ctx, edited) {
      // Only edits that made the case linkable: a new category or an order attached.
      const cases = edited
        .filter((e) => linked(e.ticket) && (!linked(e.before) || e.before.orderId !== e.ticket.orderId))
        .map((e) => e.ticket);
      if (cases.length) await linkComplaints(ctx.scope, cases.map(toCase), clock.now());
      return undefined;
    },
  };
}
