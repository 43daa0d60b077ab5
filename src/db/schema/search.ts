import { boolean, customType, index, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { tenantId, ts } from './columns.js';

/** PostgreSQL tsvector; written as to_tsvector('simple', <jieba tokens joined by spaces>). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The full-text index: one narrow row per searchable text — each message body, and each ticket
 * subject (id = ticket id, subject = true, weight A so subject hits rank first). Kept apart from
 * messages so a search scans ~100-byte rows instead of message rows with bodies, attachments and
 * triage JSON, and so messages and subjects are found by one GIN scan. Text is segmented by jieba
 * in JS (the 'simple' configuration only lower-cases and splits on spaces).
 */
export const searchDocs = pgTable(
  'search_docs',
  {
    tenantId: tenantId(),
    /** The message id, or the ticket id for the subject. */
    id: uuid('id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    subject: boolean('subject').notNull().default(false),
    tsv: tsvector('tsv').notNull(),
    at: ts('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // btree_gin: tenant_id = $1 and tsv @@ $2 is answered by this one index.
    index('search_docs_tsv').using('gin', t.tenantId, t.tsv),
    index('search_docs_ticket').on(t.tenantId, t.ticketId),
  ],
);
