import { customType, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Every table carries the tenant first: it leads every primary key and index (Citus-ready). */
export const tenantId = () => uuid('tenant_id').notNull();
// Millisecond precision, as JS Dates have: keyset cursors round-trip exactly.
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });
export const createdAt = () => ts('created_at').notNull().defaultNow();
export const updatedAt = () => ts('updated_at').notNull().defaultNow();

/** Smallest and largest magnitudes a PostgreSQL `real` (float4) takes; beyond them it refuses the row. */
const REAL_MIN = 1.2e-38;
const REAL_MAX = 3.4e38;

/** A number a float4 can hold: 1e-50 (a strong spike's p-value) becomes 1.2e-38, 1e39 becomes 3.4e38. */
export function storableReal(value: number): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.min(Math.max(Math.abs(value), REAL_MIN), REAL_MAX);
  return Math.sign(value) * magnitude;
}

/**
 * PostgreSQL `real`, written through storableReal: a value out of float4's range is stored at its
 * edge instead of failing the whole statement with "out of range for type real" (a 500).
 */
export const real = customType<{ data: number; driverData: number | string }>({
  dataType: () => 'real',
  toDriver: (value) => storableReal(value),
  fromDriver: (value) => Number(value),
});
