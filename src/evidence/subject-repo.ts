import { inArray } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import {
  brandAuthorisations,
  brandComplaints,
  brandDefences,
  brandListings,
  brandRights,
  brandSourcing,
  brandSourcingBatches,
} from '../db/schema/brand.js';
import { disputes as disputeTable, penalties as penaltyTable } from '../db/schema/disputes.js';
import { listings, qualityDocuments } from '../db/schema/quality.js';
import { recalls as recallTable } from '../db/schema/recalls.js';
import { supplierAudits, supplierInspections, suppliers } from '../db/schema/suppliers.js';
import { orders, tickets as ticketTable } from '../db/schema/tickets.js';
import type { TenantTable } from '../db/tenant-scope.js';
import type { SubjectLookup, SubjectRegistry } from './subjects.js';

/** The lookup for a tenant table keyed by (tenant_id, id): the usual case. */
export function tableSubject(table: TenantTable & { id: PgColumn }): SubjectLookup {
  return async (scope, ids) => {
    const rows = (await scope.db
      .select({ id: table.id })
      .from(table)
      .where(scope.where(table, inArray(table.id, ids)))) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  };
}

/** What evidence can be attached to: a subject type and its table. A domain adds its own with one line. */
const TABLE_SUBJECTS: Record<string, TenantTable & { id: PgColumn }> = {
  ticket: ticketTable,
  order: orders,
  // Product and batch photos of a recall (the statement and the public page name them).
  recall: recallTable,
  // Quality: audit photos, inspection reports, qualification scans and listing evidence.
  supplier: suppliers,
  supplier_audit: supplierAudits,
  supplier_inspection: supplierInspections,
  quality_document: qualityDocuments,
  listing: listings,
  dispute: disputeTable,
  penalty: penaltyTable,
  // Brand protection: certificates, authorisation letters, listing captures, filing exhibits, proofs.
  brand_right: brandRights,
  brand_authorisation: brandAuthorisations,
  brand_listing: brandListings,
  brand_complaint: brandComplaints,
  brand_defence: brandDefences,
  brand_sourcing: brandSourcing,
  brand_sourcing_batch: brandSourcingBatches,
};

export function registerTableSubjects(registry: SubjectRegistry) {
  for (const [type, table] of Object.entries(TABLE_SUBJECTS)) registry.register(type, tableSubject(table));
}
