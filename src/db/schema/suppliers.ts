import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, tenantId, updatedAt } from './columns.js';

export type SupplierContact = {
  name: string;
  role?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  wechat?: string | undefined;
};

export const SUPPLIER_STATUSES = ['active', 'on_probation', 'replacing', 'dropped'] as const;

/**
 * A supplier as a record. Names are unique per tenant by name_key (trimmed, spaces collapsed,
 * lower-case: the catalog trigger computes the same key); a merged supplier stays as an alias whose
 * name still resolves to the one it was merged into.
 */
export const suppliers = pgTable(
  'suppliers',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    status: text('status', { enum: SUPPLIER_STATUSES }).notNull().default('active'),
    contacts: jsonb('contacts').$type<SupplierContact[]>().notNull().default([]),
    address: text('address'),
    note: text('note'),
    mergedInto: uuid('merged_into'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('suppliers_name_key').on(t.tenantId, t.nameKey),
    index('suppliers_merged_into').on(t.tenantId, t.mergedInto),
  ],
);

export type AuditCheck = { item: string; passed: boolean | null; note?: string | undefined };

/** An on-site factory visit: its checklist, findings and score; photos are evidence (subject "supplier_audit"). */
export const supplierAudits = pgTable(
  'supplier_audits',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    supplierId: uuid('supplier_id').notNull(),
    visitedOn: date('visited_on', { mode: 'date' }).notNull(),
    auditor: text('auditor').notNull(),
    checklist: jsonb('checklist').$type<AuditCheck[]>().notNull().default([]),
    findings: text('findings'),
    score: integer('score').notNull(),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('supplier_audits_supplier').on(t.tenantId, t.supplierId, t.visitedOn),
  ],
);

export const INSPECTION_KINDS = ['batch_report', 'sampling_test'] as const;

/**
 * A batch inspection report (tested by an institution against a national or industry standard) or
 * our own sampling test of a batch. The report file is evidence (subject "supplier_inspection").
 */
export const supplierInspections = pgTable(
  'supplier_inspections',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull(),
    supplierId: uuid('supplier_id').notNull(),
    kind: text('kind', { enum: INSPECTION_KINDS }).notNull(),
    skuCode: text('sku_code'),
    batch: text('batch'),
    standardCode: text('standard_code'),
    institution: text('institution'),
    reportNo: text('report_no'),
    testedOn: date('tested_on', { mode: 'date' }).notNull(),
    result: text('result', { enum: ['pass', 'fail'] }).notNull(),
    sampleSize: integer('sample_size'),
    defectsFound: integer('defects_found'),
    note: text('note'),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('supplier_inspections_supplier').on(t.tenantId, t.supplierId, t.testedOn),
    index('supplier_inspections_sku').on(t.tenantId, t.skuCode),
  ],
);
