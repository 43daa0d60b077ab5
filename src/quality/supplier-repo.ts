import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { supplierAudits, supplierInspections, suppliers } from '../db/schema/suppliers.js';
import { orderItems, orders, products, skus, tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { DEFECT_CATEGORIES } from './scorecard.js';

export type SupplierRow = typeof suppliers.$inferSelect;
export type AuditRow = typeof supplierAudits.$inferSelect;
export type InspectionRow = typeof supplierInspections.$inferSelect;
type New<T extends { $inferInsert: unknown }> = Omit<T['$inferInsert'], 'tenantId'>;

export const findSupplier = (scope: TenantScope, id: string) => scope.first(suppliers, eq(suppliers.id, id));
export const findByKey = (scope: TenantScope, key: string) =>
  scope.first(suppliers, eq(suppliers.nameKey, key));

export function listSuppliers(scope: TenantScope, q: string | undefined) {
  const pattern = q ? `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined;
  return scope.select(
    suppliers,
    [isNull(suppliers.mergedInto), pattern ? sql`${suppliers.name} ilike ${pattern}` : undefined],
    { orderBy: [asc(suppliers.name)], limit: 1000 },
  );
}

/** The names merged into these suppliers (aliases). */
export const aliasesOf = (scope: TenantScope, ids: string[]) =>
  ids.length ? scope.select(suppliers, [inArray(suppliers.mergedInto, ids)]) : Promise.resolve([]);

export const insertSupplier = async (scope: TenantScope, row: New<typeof suppliers>) =>
  (await scope.insert(suppliers, row))[0]!;

export const updateSupplier = async (
  scope: TenantScope,
  id: string,
  set: Partial<Omit<SupplierRow, 'tenantId' | 'id'>>,
) => (await scope.update(suppliers, set, eq(suppliers.id, id)))[0];

export const deleteSupplier = (scope: TenantScope, id: string) =>
  scope.delete(suppliers, eq(suppliers.id, id));

/** Catalog rows that name a supplier (products, SKUs, order lines). */
export async function catalogReferences(scope: TenantScope, id: string) {
  const count = async (table: typeof products | typeof skus | typeof orderItems) =>
    (
      await scope.db
        .select({ n: sql<number>`count(*)::int` })
        .from(table)
        .where(and(eq(table.tenantId, scope.tenantId), eq(table.supplierId, id)))
    )[0]!.n;
  return { products: await count(products), skus: await count(skus), orderLines: await count(orderItems) };
}

/**
 * Moves every catalog reference and alias from one supplier to another (a merge). Only the reference
 * column moves: each row's supplier text stays as it was written.
 */
export async function repointSupplier(scope: TenantScope, from: string, to: string, at: Date) {
  for (const table of [products, skus, orderItems]) {
    await scope.db
      .update(table)
      .set({ supplierId: to })
      .where(and(eq(table.tenantId, scope.tenantId), eq(table.supplierId, from)));
  }
  await scope.update(suppliers, { mergedInto: to, updatedAt: at }, eq(suppliers.mergedInto, from));
}

export const listAudits = (scope: TenantScope, supplierId: string) =>
  scope.select(supplierAudits, [eq(supplierAudits.supplierId, supplierId)], {
    orderBy: [desc(supplierAudits.visitedOn)],
    limit: 200,
  });
export const insertAudit = async (scope: TenantScope, row: New<typeof supplierAudits>) =>
  (await scope.insert(supplierAudits, row))[0]!;
export const findAudit = (scope: TenantScope, id: string) =>
  scope.first(supplierAudits, eq(supplierAudits.id, id));

export const listInspections = (scope: TenantScope, supplierId: string) =>
  scope.select(supplierInspections, [eq(supplierInspections.supplierId, supplierId)], {
    orderBy: [desc(supplierInspections.testedOn)],
    limit: 500,
  });
export const insertInspection = async (scope: TenantScope, row: New<typeof supplierInspections>) =>
  (await scope.insert(supplierInspections, row))[0]!;
export const findInspection = (scope: TenantScope, id: string) =>
  scope.first(supplierInspections, eq(supplierInspections.id, id));

const defectArray = sql.raw(`array[${DEFECT_CATEGORIES.map((c) => `'${c}'`).join(',')}]::text[]`);

/**
 * Units sold and defect complaints per supplier (through the order lines that reference it) and per
 * month: a complaint counts for a supplier when its order has a line of that supplier and one of its
 * categories speaks of the goods.
 */
export async function supplierFigures(scope: TenantScope, ids: string[]) {
  if (!ids.length) return [];
  const result = await scope.db.execute(sql`
    with lines as (
      select oi.supplier_id, oi.order_id, oi.quantity, o.paid_at
      from ${orderItems} oi join ${orders} o on o.tenant_id = oi.tenant_id and o.id = oi.order_id
      where oi.tenant_id = ${scope.tenantId} and oi.supplier_id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
    ),
    complaints as (
      select distinct l.supplier_id, t.id as ticket_id, coalesce(l.paid_at, t.created_at) as at
      from lines l join ${tickets} t on t.tenant_id = ${scope.tenantId} and t.order_id = l.order_id
      where t.categories && ${defectArray} or t.category = any(${defectArray})
    )
    select supplier_id, to_char(date_trunc('month', paid_at), 'YYYY-MM') as month,
           sum(quantity)::int as units, 0 as complaints from lines group by 1, 2
    union all
    select supplier_id, to_char(date_trunc('month', at), 'YYYY-MM'), 0, count(*)::int from complaints group by 1, 2`);
  return (
    result as unknown as {
      rows: { supplier_id: string; month: string | null; units: number; complaints: number }[];
    }
  ).rows;
}

/** Not-as-described and defect complaints per listing claim cited in a fix task, for a supplier's SKUs. */
export async function skuCodesOf(scope: TenantScope, supplierId: string) {
  const rows = await scope.db
    .selectDistinct({ code: skus.code })
    .from(skus)
    .where(and(eq(skus.tenantId, scope.tenantId), eq(skus.supplierId, supplierId)));
  return rows.map((r) => r.code);
}
