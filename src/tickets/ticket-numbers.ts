import type { Database } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { reserveTicketNumbers } from './ticket-repo.js';

/** Reserves `count` consecutive ticket numbers of a tenant; answers the first. */
export type ReserveNumbers = (tenantId: string, count: number) => Promise<number>;

/**
 * PostgreSQL: ticket numbers come from the side pool, each reservation its own short transaction,
 * so no transaction holds a tenant's counter while it goes on to wait for other rows. Held inside
 * one, an inbox worker that fell back to one event at a time kept the counter while it waited for a
 * case row that a second worker held — and that worker waited for the counter on the side pool,
 * where the database cannot see the cycle: both hung for ever. A rolled-back case leaves a gap.
 * PGlite (one connection, no side pool): numbers come from the case's own transaction.
 */
export function ticketNumberReserver(database: Database): ReserveNumbers | undefined {
  const side = database.side;
  if (!side) return undefined;
  return (tenantId, count) => reserveTicketNumbers(scopeTo(side, tenantId), count);
}
