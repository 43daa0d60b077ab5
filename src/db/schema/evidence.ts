import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import {
  CUSTODY_ACTIONS,
  EVIDENCE_KINDS,
  EVIDENCE_SOURCES,
  LOCATION_STATES,
} from '../../evidence/evidence-types.js';
import { createdAt, tenantId, ts } from './columns.js';

// The vocabulary lives in a pure module the console imports too.
export {
  CUSTODY_ACTIONS,
  type CustodyAction,
  EVIDENCE_KINDS,
  EVIDENCE_SOURCES,
  type EvidenceKind,
  LOCATION_STATES,
} from '../../evidence/evidence-types.js';

/**
 * One row per distinct file of a tenant (content-addressed): the bytes live in the blob store
 * (DATA_DIR/blobs or S3) under the tenant and this hash, never in the database.
 */
export const evidenceBlobs = pgTable(
  'evidence_blobs',
  {
    tenantId: tenantId(),
    sha256: text('sha256').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    mediaType: text('media_type').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sha256] })],
);

export const evidenceItems = pgTable(
  'evidence_items',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    // An open set (ticket, order, dispute, penalty, recall, brand_complaint…): see evidence/subjects.ts.
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    kind: text('kind', { enum: EVIDENCE_KINDS }).notNull(),
    source: text('source', { enum: EVIDENCE_SOURCES }).notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    mediaType: text('media_type').notNull(),
    // The copy without location metadata; equal to sha256 when the original carries none.
    shareableSha256: text('shareable_sha256'),
    location: text('location', { enum: LOCATION_STATES }).notNull(),
    details: jsonb('details').$type<Record<string, string | number>>().notNull().default({}),
    createdByType: text('created_by_type').notNull(),
    createdById: uuid('created_by_id'),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
    deletionRequestedAt: ts('deletion_requested_at'),
    deletionRequestedBy: text('deletion_requested_by'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('evidence_items_subject').on(t.tenantId, t.subjectType, t.subjectId, t.createdAt),
    index('evidence_items_sha').on(t.tenantId, t.sha256),
    index('evidence_items_shareable').on(t.tenantId, t.shareableSha256),
  ],
);

/**
 * The custody log: a hash chain per tenant. Each entry's hash covers its fields and the hash of
 * the entry before (seq - 1); custody_heads holds the last one, locked while appending.
 */
export const custodyEntries = pgTable(
  'custody_entries',
  {
    tenantId: tenantId(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    evidenceId: uuid('evidence_id').notNull(),
    action: text('action', { enum: CUSTODY_ACTIONS }).notNull(),
    sha256: text('sha256').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: ts('at').notNull(),
    detail: jsonb('detail').$type<Record<string, string | number>>().notNull().default(sql`'{}'::jsonb`),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.seq] }),
    index('custody_entries_evidence').on(t.tenantId, t.evidenceId, t.seq),
  ],
);

export const custodyHeads = pgTable(
  'custody_heads',
  {
    tenantId: tenantId(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId] })],
);
