import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every table carries the tenant first: it leads every primary key and index (Citus-ready). */
export const tenantId = () => uuid('tenant_id').notNull();
// Millisecond precision, as JS Dates have: keyset cursors round-trip exactly.
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
export const createdAt = () => ts('created_at').notNull().defaultNow();
export const updatedAt = () => ts('updated_at').notNull().defaultNow();
