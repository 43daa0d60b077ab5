import type { TenantScope } from '../db/tenant-scope.js';
import { type TicketRow, updateTickets } from './ticket-repo.js';

type Set = Partial<Omit<TicketRow, 'tenantId' | 'id'>>;

/**
 * The tickets one run of the case pipeline holds, and the columns written to them that have not
 * reached the table yet. A list operation of the ticket service (createMany, addMessages…) and every
 * write its steps make through `ctx.cases` (their derived fields, the acknowledgement's timestamps,
 * the SLA's due times) change the rows here; the outermost operation writes each changed ticket once,
 * at the end of its transaction (`flush`). Before this a new case's row was written five times in the
 * run (created, triage, SLA, the acknowledgement, SLA again), each write touching every index of the
 * tickets table and its analytics trigger.
 *
 * A row is held only once this transaction has inserted, locked or written it, so no one else can
 * change it meanwhile: what is held is what the table will say. A step that reads a held case's
 * columns from the table, rather than from the rows it was given, would see them as they stood before
 * the run (the SLA step reads severity and kind from the rows it is given for that reason).
 */
export type HeldCases = {
  /** Every ticket this run holds, as it now stands (written or not). */
  rows: Map<string, TicketRow>;
  /** Per ticket, the columns set since the last flush. */
  unwritten: Map<string, Set>;
  /** What steps keep for the rest of the run (`ctx.run`), by a name of their choosing. */
  kept: Map<string, unknown>;
  /** Steps' own writes held for the run's end (the SLA's clocks), by name: written by `flush`. */
  atEnd: Map<string, (scope: TenantScope) => Promise<void>>;
};

export const holdNone = (): HeldCases => ({
  rows: new Map(),
  unwritten: new Map(),
  kept: new Map(),
  atEnd: new Map(),
});

/** A step's state for the rest of the run, made by `init` the first time `name` is asked for. */
export function keptFor<T>(held: HeldCases, name: string, init: () => T): T {
  if (!held.kept.has(name)) held.kept.set(name, init());
  return held.kept.get(name) as T;
}

/** Rows read under lock, inserted or written by this transaction: held from now on. */
export function hold(held: HeldCases, rows: readonly TicketRow[]): void {
  for (const r of rows) held.rows.set(r.id, r);
}

/** Sets columns on held tickets (each must be held): the rows as they now stand, in the order given. */
export function setHeld(held: HeldCases, list: readonly { id: string; set: Set }[]): TicketRow[] {
  return list.map(({ id, set }) => {
    const row = held.rows.get(id);
    if (!row) throw new Error(`ticket ${id} is not held by this run`);
    const defined = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) as Set;
    const next = { ...row, ...defined };
    held.rows.set(id, next);
    held.unwritten.set(id, { ...held.unwritten.get(id), ...defined });
    return next;
  });
}

/**
 * Writes what is unwritten (one statement per set of columns) and holds the rows as stored; then the
 * steps' writes held for the run's end, each once.
 */
export async function flush(scope: TenantScope, held: HeldCases): Promise<void> {
  const atEnd = [...held.atEnd.values()];
  held.atEnd.clear();
  held.kept.clear();
  for (const write of atEnd) await write(scope);
  if (!held.unwritten.size) return;
  const list = [...held.unwritten].map(([id, set]) => ({ id, set }));
  held.unwritten.clear();
  hold(held, await updateTickets(scope, list));
}
