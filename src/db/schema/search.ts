import { sql } from 'drizzle-orm';
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
    // The lexemes under keys of (tenant, week) (migration 0056, src/search/buckets.ts): a search reads
    // one tenant's weeks, newest first, never the whole tenant.
    index('search_docs_bucket_tsv').using('gin', sql`search_bucket_tsv(${t.tenantId}, ${t.at}, ${t.tsv})`),
    // The tenant's oldest and newest week, where the walk starts and ends.
    index('search_docs_at').on(t.tenantId, t.at),
    index('search_docs_ticket').on(t.tenantId, t.ticketId),
  ],
);

/**
 * The words of each case that is not closed: every lexeme of its search documents (migration 0059),
 * kept by triggers on search_docs and tickets.status. A text filter of open cases reads this index,
 * whose size follows the open cases and not the history (src/search/README.md).
 */
export const openCaseWords = pgTable(
  'open_case_words',
  {
    tenantId: tenantId(),
    ticketId: uuid('ticket_id').notNull(),
    words: tsvector('words').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.ticketId] }),
    // Under keys of the tenant (search_case_tsv): a scan reads one tenant's open cases only.
    index('open_case_words_tsv').using('gin', sql`search_case_tsv(${t.tenantId}, ${t.words})`),
  ],
);
