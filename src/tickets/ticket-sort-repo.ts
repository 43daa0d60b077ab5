import { type SQL, sql } from 'drizzle-orm';
import { ticketDueSort, tickets } from '../db/schema/tickets.js';

export type TicketSort = 'due' | 'created' | 'updated';

export type Cursor = { v: string | null; id: string };

export type SortSpec = { key: SQL; dir: 'asc' | 'desc'; cast: string };

// Each sort is a keyset over (key, id) so a page costs the same however deep the cursor is.
export const SORTS: Record<TicketSort, SortSpec> = {
  due: { key: ticketDueSort, dir: 'asc', cast: 'timestamptz' },
  created: { key: sql`${tickets.createdAt}`, dir: 'desc', cast: 'timestamptz' },
  updated: { key: sql`${tickets.updatedAt}`, dir: 'desc', cast: 'timestamptz' },
};

/** The rows after the cursor in the sort's order. */
export const afterCursor = (s: SortSpec, cursor: Cursor): SQL =>
  sql`(${s.key}, ${tickets.id}) ${s.dir === 'asc' ? sql`>` : sql`<`} (${cursor.v}::timestamptz, ${cursor.id}::uuid)`;
