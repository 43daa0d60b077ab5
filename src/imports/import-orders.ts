import { AppError } from '../shared/app-error.js';
import { groupBy } from '../shared/group-by.js';
import { newId } from '../shared/ids.js';
import { findOrderByExternalId, insertSkus } from '../tickets/catalog-repo.js';
import {
  date,
  errorText,
  failed,
  type ImportContext,
  isUniqueViolation,
  num,
  type RowOutcome,
  str,
  type ValidRow,
} from './import-context.js';
import * as repo from './import-repo.js';

/**
 * Order exports have one line per order item: lines are grouped by order id; an order that exists
 * in the shop already is a duplicate as a whole. Products and SKUs are found by their ids (or the
 * product name when the export has no product id) and created when new, with supplier and batch.
 */
export async function importOrders(ctx: ImportContext, rows: ValidRow[]): Promise<RowOutcome[]> {
  const groups = groupBy(rows, (row) => str(row.values.orderId)!);
  const outcomes: RowOutcome[] = [];
  for (const [orderId, lines] of groups) {
    if (await findOrderByExternalId(ctx.scope, ctx.shop.id, orderId)) {
      for (const l of lines) outcomes.push({ line: l.row.line, status: 'duplicate' });
      continue;
    }
    try {
      await createOrder(ctx, orderId, lines);
      for (const l of lines) outcomes.push({ line: l.row.line, status: 'imported' });
    } catch (error) {
      const duplicate = isUniqueViolation(error) || (error instanceof AppError && error.code === 'CONFLICT');
      for (const l of lines) {
        outcomes.push(
          duplicate
            ? { line: l.row.line, status: 'duplicate' }
            : failed(l.row, `order ${orderId} could not be recorded: ${errorText(error)}`),
        );
      }
    }
  }
  return outcomes;
}

async function createOrder(ctx: ImportContext, orderId: string, lines: ValidRow[]) {
  const items = [];
  for (const { values: v } of lines) {
    const skuId = await ensureSku(ctx, v);
    const quantity = num(v.quantity)!;
    const unitPriceFen = num(v.unitPrice)!;
    items.push({
      skuId,
      name: str(v.skuName) ? `${str(v.productName)} ${str(v.skuName)}` : str(v.productName)!,
      quantity,
      unitPriceFen,
      paidFen: num(v.paidAmount) ?? unitPriceFen * quantity,
      batch: str(v.batch),
      supplier: str(v.supplier),
    });
  }
  const first = lines[0]!.values;
  await ctx.catalog.createOrder(ctx.actor, {
    shopId: ctx.shop.id,
    externalId: orderId,
    status: str(first.status),
    paidAt: date(first.paidAt),
    shippedAt: date(first.shippedAt),
    deliveredAt: date(first.deliveredAt),
    carrier: str(first.carrier),
    trackingNo: str(first.trackingNo),
    items,
  });
}

async function ensureSku(ctx: ImportContext, v: ValidRow['values']): Promise<string> {
  const productExternalId = str(v.productId);
  const name = str(v.productName)!;
  const product = productExternalId
    ? await repo.findProductByExternalId(ctx.scope, ctx.shop.id, productExternalId)
    : await repo.findProductByName(ctx.scope, ctx.shop.id, name);
  // Every item links to a SKU, so analytics by SKU, batch and supplier see it; "default" when unnamed.
  const code = str(v.skuCode) ?? str(v.skuName) ?? 'default';
  const skuName = str(v.skuName) ?? name;
  if (!product) {
    const created = await ctx.catalog.createProduct(ctx.actor, {
      name,
      shopId: ctx.shop.id,
      externalId: productExternalId,
      category: str(v.category),
      supplier: str(v.supplier),
      skus: [{ code, name: skuName, priceFen: num(v.unitPrice), supplier: str(v.supplier) }],
    });
    return created.skus[0]!.id;
  }
  const sku = await repo.findSku(ctx.scope, product.id, code);
  if (sku) return sku.id;
  const [inserted] = await insertSkus(ctx.scope, [
    {
      id: newId(),
      productId: product.id,
      code,
      name: skuName,
      priceFen: num(v.unitPrice) ?? null,
      supplier: str(v.supplier) ?? product.supplier ?? null,
      createdAt: ctx.now,
    },
  ]);
  return inserted!.id;
}
