import { type SQL, sql } from 'drizzle-orm';
import type { TenantScope } from '../db/tenant-scope.js';
import type { AnalyticsFilters, MoneyGroup } from './analytics-types.js';
import { factsWhere, num, rowsOf } from './facts-repo.js';

// Money is counted on the day the remedy was decided (money_day); statutory exposure on the cases
// opened in the range that allege fraud or unsafe goods.
const KEY: Record<MoneyGroup, (day: SQL) => SQL> = {
  category: () => sql`coalesce(f.product_category, '')`,
  sku: () => sql`f.sku_id::text`,
  supplier: () => sql`f.supplier_id::text`,
  platform: () => sql`f.platform`,
  shop: () => sql`f.shop_id::text`,
  month: (day) => sql`to_char(${day}, 'YYYY-MM')`,
};

export type MoneyCounts = {
  key: string;
  cases: number;
  refundFen: number;
  compensationFen: number;
  couponFen: number;
  reships: number;
  reshipValueFen: number;
};

export async function moneyByGroup(
  scope: TenantScope,
  group: MoneyGroup,
  q: AnalyticsFilters,
): Promise<MoneyCounts[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`select ${KEY[group](sql`f.money_day`)} as key, count(*) as cases,
               sum(f.refund_fen) as refund, sum(f.compensation_fen) as compensation, sum(f.coupon_fen) as coupon,
               sum(f.reships) as reships, sum(f.reships * coalesce(f.paid_fen, 0)) as reship_value
        from analytics_case_facts f
        where ${factsWhere(scope, q, sql`f.money_day`)} and f.money_day is not null
        group by 1 having ${KEY[group](sql`f.money_day`)} is not null`,
  );
  return rows.map((r) => ({
    key: String(r.key),
    cases: num(r.cases),
    refundFen: num(r.refund),
    compensationFen: num(r.compensation),
    couponFen: num(r.coupon),
    reships: num(r.reships),
    reshipValueFen: num(r.reship_value),
  }));
}

export type ExposureCase = {
  key: string | null;
  paidFen: number;
  productCategory: string | null;
  counterfeit: boolean;
  safety: boolean;
};

/** The cases that could cost statutory compensation: alleged fraud, or unsafe goods. */
export async function exposureCases(
  scope: TenantScope,
  group: MoneyGroup,
  q: AnalyticsFilters,
): Promise<ExposureCase[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    scope,
    sql`select ${KEY[group](sql`f.day`)} as key, coalesce(f.paid_fen, 0) as paid, f.product_category,
               f.counterfeit, f.safety
        from analytics_case_facts f
        where ${factsWhere(scope, q)} and (f.counterfeit or f.safety) and f.kind <> 'inquiry'`,
  );
  return rows.map((r) => ({
    key: (r.key as string | null) ?? null,
    paidFen: num(r.paid),
    productCategory: (r.product_category as string | null) ?? null,
    counterfeit: Boolean(r.counterfeit),
    safety: Boolean(r.safety),
  }));
}
