import type { Actor } from '../auth/roles.js';
import type { StoredRow } from '../db/schema/imports.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { errorReason } from '../shared/error-reason.js';
import type { ShopRow } from '../shops/shop-repo.js';
import type { CatalogService } from '../tickets/catalog-service.js';
import type { TicketService } from '../tickets/ticket-service.js';
import type { RowValues } from './fields.js';

/** What one kind's importer gets: who imports, into which shop, and the ticket/catalog service. */
export type ImportContext = {
  actor: Actor;
  scope: TenantScope;
  tickets: TicketService;
  catalog: CatalogService;
  shop: ShopRow;
  runId: string;
  now: Date;
};

/** A row whose mapped cells all read well. */
export type ValidRow = { row: StoredRow; values: RowValues };

export type RowOutcome =
  | { line: number; status: 'imported' | 'duplicate' }
  | { line: number; status: 'failed'; reason: string; column?: string; cells: string[] };

export const failed = (row: StoredRow, reason: string, column?: string): RowOutcome => ({
  line: row.line,
  status: 'failed',
  reason,
  cells: row.cells,
  ...(column ? { column } : {}),
});

export const str = (v: RowValues[string]) => (typeof v === 'string' && v !== '' ? v : undefined);
export const num = (v: RowValues[string]) => (typeof v === 'number' ? v : undefined);
export const date = (v: RowValues[string]) => (v instanceof Date ? v : undefined);

export const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Postgres unique violations (two runs racing for one natural key) count as duplicates. */
export const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
};

/** What went wrong, in the database's own words rather than the query wrapper's ("Failed query: …"). */
export const errorText = (error: unknown) => errorReason(error);

export const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;
