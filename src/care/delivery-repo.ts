import { sql } from 'drizzle-orm';
import type { TenantScope } from '../db/tenant-scope.js';

export type Delivery = { shopId: string; orderRef: string; at: Date };

/**
 * Records when orders reached their buyers, from the platforms' delivery events: the first
 * delivery an order hears of stands (a repeated or late event does not move the care window).
 * Orders the shop does not know yet are left alone. Returns the ids of the orders it marked.
 */
export async function recordDeliveries(scope: TenantScope, list: Delivery[]): Promise<string[]> {
  if (!list.length) return [];
  // The earliest time per order when one batch names an order twice.
  const first = new Map<string, Delivery>();
  for (const d of list) {
    const key = `${d.shopId}\u0000${d.orderRef}`;
    const seen = first.get(key);
    if (!seen || d.at < seen.at) first.set(key, d);
  }
  const values = sql.join(
    [...first.values()].map(
      (d) => sql`(${d.shopId}::uuid, ${d.orderRef}::text, ${d.at.toISOString()}::timestamptz)`,
    ),
    sql`, `,
  );
  const result = (await scope.db.execute(
    sql`update orders o set delivered_at = v.at
        from (values ${values}) as v(shop_id, external_id, at)
        where o.tenant_id = ${scope.tenantId} and o.shop_id = v.shop_id and o.external_id = v.external_id
          and o.delivered_at is null
        returning o.id`,
  )) as unknown as { rows: { id: string }[] };
  return result.rows.map((r) => r.id);
}
