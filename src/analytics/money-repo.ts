import { type SQL, sql } from 'drizzle-orm';
import type { TenantScope } from '../db/tenant-scope.js';
import type { AnalyticsFilters, MoneyGroup } from './analytics-types.js';
import { num, readRows } from './facts-repo.js';
import { EXPOSURE, MONEY, none, summarySource } from './summary-repo.js';

// Money is counted on the day the remedy was decided (money_day); statutory exposure on the cases
// opened in the range that allege fraud or unsafe goods (the exposure summary, by case day).

export type MoneyCounts = {
  key: string;
  cases: number;
  refundFen: number;
  compensationFen: number;
  couponFen: number;
  reships: number;
  reshipValueFen: number;
};

// The same keys on a row of the money summary (s), whose day is the remedy's day.
const SUMMARY_KEY: Record<MoneyGroup, SQL> = {
  category: sql`s.product_category`,
  sku: sql`nullif(s.sku_id, ${none})::text`,
  supplier: sql`nullif(s.supplier_id, ${none})::text`,
  platform: sql`nullif(s.platform, '')`,
  shop: sql`nullif(s.shop_id, ${none})::text`,
  month: sql`to_char(s.day, 'YYYY-MM')`,
};

export async function moneyByGroup(
  scope: TenantScope,
  group: MoneyGroup,
  q: AnalyticsFilters,
): Promise<MoneyCounts[]> {
  const source = summarySource(scope, MONEY, q, { splitMonths: group === 'month' });
  const rows = await readRows<Record<string, unknown>>(
    scope,
    sql`select * from (
          select ${SUMMARY_KEY[group]} as key, sum(s.cases) as cases,
                 sum(s.refund_fen) as refund, sum(s.compensation_fen) as compensation, sum(s.coupon_fen) as coupon,
                 sum(s.reships) as reships, sum(s.reship_value_fen) as reship_value
          from ${source} s group by 1
        ) x where x.key is not null`,
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
  /** Cases alike in all of these (their exposure is the same). */
  cases: number;
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
  const source = summarySource(scope, EXPOSURE, q, { splitMonths: group === 'month' });
  const rows = await readRows<Record<string, unknown>>(
    scope,
    sql`select ${SUMMARY_KEY[group]} as key, s.paid_fen as paid, nullif(s.product_category, '') as product_category,
               s.counterfeit, s.safety, sum(s.cases) as cases
        from ${source} s group by 1, 2, 3, 4, 5`,
  );
  return rows.map((r) => ({
    key: (r.key as string | null) ?? null,
    cases: num(r.cases),
    paidFen: num(r.paid),
    productCategory: (r.product_category as string | null) ?? null,
    counterfeit: Boolean(r.counterfeit),
    safety: Boolean(r.safety),
  }));
}
