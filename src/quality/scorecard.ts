/** Complaint categories that speak of the goods themselves (a supplier's doing), not of shipping or service. */
export const DEFECT_CATEGORIES = [
  'quality_defect',
  'not_as_described',
  'counterfeit_suspected',
  'safety_hazard',
] as const;

export type SupplierNumbers = {
  unitsSold: number;
  defectComplaints: number;
  auditScore: number | null;
  failedInspections: number;
  inspections: number;
};

export type Verdict =
  | { status: 'too_few_units'; ratePct: number | null; minUnits: number }
  | { status: 'ok'; ratePct: number }
  | { status: 'consider_replacing'; ratePct: number; thresholdPct: number };

/**
 * A supplier's defect rate (defect complaints per 100 units sold) against the merchant's threshold.
 * Below the minimum of units sold the rate is shown but not judged: two complaints on three units
 * say little.
 */
export function judgeSupplier(
  n: Pick<SupplierNumbers, 'unitsSold' | 'defectComplaints'>,
  thresholdPct: number,
  minUnits: number,
): Verdict {
  const ratePct = n.unitsSold > 0 ? Math.round((n.defectComplaints / n.unitsSold) * 10_000) / 100 : null;
  if (n.unitsSold < minUnits) return { status: 'too_few_units', ratePct, minUnits };
  if (ratePct! > thresholdPct) return { status: 'consider_replacing', ratePct: ratePct!, thresholdPct };
  return { status: 'ok', ratePct: ratePct! };
}

/**
 * How supplier names compare: trimmed, runs of spaces as one, ASCII letters lower-cased — exactly what
 * aftercare_supplier_key() computes in SQL for the catalog trigger (drizzle/0012_suppliers_sql.sql).
 */
export const supplierNameKey = (name: string) =>
  name
    .replace(/^[ \t\r\n\u3000]+|[ \t\r\n\u3000]+$/g, '')
    .replace(/[ \t\r\n\u3000]+/g, ' ')
    .replace(/[A-Z]/g, (c) => c.toLowerCase());

/** National and industry standard codes as printed on reports: GB 4806.7-2016, GB/T 18401-2010, FZ/T 73020-2019. */
export const STANDARD_CODE =
  /^(GB|GB\/T|GB\/Z|QB|QB\/T|FZ\/T|SN\/T|SB\/T|JB\/T|HG\/T|T\/[A-Z]{2,10})\s?\d{1,6}(\.\d{1,3})?(-\d{4})?$/i;
