import type { CreateTicketInput } from '../tickets/case-types.js';
import { findOrderByExternalId, findOrdersByExternalIds } from '../tickets/catalog-repo.js';
import type { ImportContext } from './import-context.js';

export type CaseToOpen = {
  /** Names the row in the failures. */
  key: string;
  /** The platform order id, linked to the shop's order when one was imported. */
  orderRef: string | undefined;
  input: (orderId: string | undefined) => CreateTicketInput;
  /** What else the row records once its case exists (the case link, the review's ticket). */
  link: (ticketId: string) => Promise<void>;
};

/**
 * Opens the cases of a chunk of rows together: one order lookup and one createMany. If that
 * fails, one at a time, so each row reports its own reason. Returns the failures by key.
 */
export async function openCases(ctx: ImportContext, list: CaseToOpen[]): Promise<Map<string, unknown>> {
  const failures = new Map<string, unknown>();
  if (!list.length) return failures;
  const refs = [...new Set(list.flatMap((l) => (l.orderRef ? [l.orderRef] : [])))];
  let created: { id: string }[] | null = null;
  try {
    const orders = new Map(
      (refs.length ? await findOrdersByExternalIds(ctx.scope, ctx.shop.id, refs) : []).map((o) => [
        o.externalId,
        o.id,
      ]),
    );
    created = await ctx.tickets.createMany(
      ctx.actor,
      list.map((l) => l.input(l.orderRef ? orders.get(l.orderRef) : undefined)),
    );
  } catch {
    created = null;
  }
  for (const [i, l] of list.entries()) {
    try {
      if (created) {
        await l.link(created[i]!.id);
        continue;
      }
      const order = l.orderRef ? await findOrderByExternalId(ctx.scope, ctx.shop.id, l.orderRef) : undefined;
      const ticket = await ctx.tickets.create(ctx.actor, l.input(order?.id));
      await l.link(ticket.id);
    } catch (error) {
      failures.set(l.key, error);
    }
  }
  return failures;
}
