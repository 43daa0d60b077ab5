import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { ImportFailure } from '../db/schema/imports.js';
import { scopeTo } from '../db/tenant-scope.js';
import { importListings } from '../quality/import-listings.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { findShop } from '../shops/shop-repo.js';
import type { CatalogService } from '../tickets/catalog-service.js';
import type { TicketService } from '../tickets/ticket-service.js';
import type { TextEncoding } from './decode.js';
import { failuresCsv } from './export-csv.js';
import { FIELDS, type ImportKind, missingColumns, readRow, suggestMapping } from './fields.js';
import { importAfterSales } from './import-after-sales.js';
import { errorText, type ImportContext, type RowOutcome, type ValidRow } from './import-context.js';
import { importOrders } from './import-orders.js';
import * as repo from './import-repo.js';
import { importReviews } from './import-reviews.js';
import { IMPORT_LIMITS } from './table-limits.js';
import { createUploadReader, type UploadReader } from './upload-reader.js';

/** Largest file taken (bytes); larger uploads get 413 before anything is parsed. */
export const MAX_IMPORT_BYTES = IMPORT_LIMITS.fileBytes;
const PREVIEW_ROWS = 20;
const STALE_RUN_MS = 15 * 60 * 1000;
/** How long POST /imports/:id/run waits for the report before answering 202 and carrying on. */
export const DEFAULT_WAIT_MS = 20_000;

export type UploadInput = {
  kind: ImportKind;
  shopId: string;
  fileName: string;
  bytes: Uint8Array;
  encoding?: TextEncoding | undefined;
};

const IMPORTERS: Record<ImportKind, (ctx: ImportContext, rows: ValidRow[]) => Promise<RowOutcome[]>> = {
  reviews: importReviews,
  orders: importOrders,
  after_sales: importAfterSales,
  listings: importListings,
};

export type ImportService = ReturnType<typeof createImportService>;

export function createImportService({
  db,
  clock,
  tickets,
  catalog,
  reader = createUploadReader(),
}: {
  db: Db;
  clock: Clock;
  tickets: TicketService;
  catalog: CatalogService;
  /** Reads files off the event loop, bounded (see upload-reader.ts). */
  reader?: UploadReader;
}) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function mustFindRun(actor: Actor, id: string) {
    const run = await repo.findRun(scopeOf(actor), id);
    if (!run) throw new AppError('IMPORT_NOT_FOUND', `import ${id} not found`);
    return run;
  }

  async function mustFindShop(actor: Actor, id: string) {
    const shop = await findShop(scopeOf(actor), id);
    if (!shop) throw new AppError('SHOP_NOT_FOUND', `shop ${id} not found`);
    return shop;
  }

  /** The mapping to offer: the saved one where its headers are in this file, suggestions for the rest. */
  async function proposedMapping(actor: Actor, platform: string, kind: ImportKind, headers: string[]) {
    const saved = await repo.findMapping(scopeOf(actor), platform, kind);
    const suggested = suggestMapping(kind, headers);
    const fromSaved = Object.fromEntries(
      Object.entries(saved?.mapping ?? {}).filter(([, header]) => headers.includes(header)),
    );
    const taken = new Set(Object.values(fromSaved));
    const rest = Object.fromEntries(
      Object.entries(suggested).filter(([key, header]) => !(key in fromSaved) && !taken.has(header)),
    );
    return { mapping: { ...rest, ...fromSaved }, fromSaved: Object.keys(fromSaved).length > 0 };
  }

  async function preview(actor: Actor, run: repo.ImportRunRow) {
    const proposed = await proposedMapping(actor, run.platform, run.kind, run.headers);
    return {
      run,
      sampleRows: (run.rows ?? []).slice(0, PREVIEW_ROWS),
      suggestedMapping: proposed.mapping,
      mappingFromSaved: proposed.fromSaved,
      fields: FIELDS[run.kind].map((f) => ({
        key: f.key,
        type: f.type,
        required: Boolean(f.required || f.column),
      })),
    };
  }

  /** Runs the importer of the kind and writes the report (or the error) on the run row. */
  async function importRows(
    ctx: ImportContext,
    kind: ImportKind,
    valid: ValidRow[],
    failures: ImportFailure[],
    mapping: Record<string, string>,
  ): Promise<repo.ImportRunRow> {
    const { scope, runId: id } = ctx;
    try {
      const outcomes = await IMPORTERS[kind](ctx, valid);
      for (const o of outcomes) {
        if (o.status === 'failed') {
          failures.push({
            line: o.line,
            reason: o.reason,
            cells: o.cells,
            ...(o.column ? { column: o.column } : {}),
          });
        }
      }
      failures.sort((a, b) => a.line - b.line);
      return await repo.updateRun(scope, id, {
        status: 'completed',
        mapping,
        rows: null,
        imported: outcomes.filter((o) => o.status === 'imported').length,
        skippedDuplicate: outcomes.filter((o) => o.status === 'duplicate').length,
        failed: failures.length,
        failures,
        error: null,
        finishedAt: clock.now(),
      });
    } catch (error) {
      // Rows already written stay (each is idempotent); running the upload again finishes it.
      await repo.updateRun(scope, id, {
        status: 'failed',
        mapping,
        error: errorText(error),
        finishedAt: clock.now(),
      });
      throw error;
    }
  }

  return {
    /** Decodes and parses an upload, stores its rows and answers the preview with a suggested mapping. */
    async upload(actor: Actor, input: UploadInput) {
      const shop = await mustFindShop(actor, input.shopId);
      if (input.bytes.byteLength > reader.limits.fileBytes) {
        throw new AppError(
          'PAYLOAD_TOO_LARGE',
          `the file is larger than ${reader.limits.fileBytes / 1024 / 1024} MiB`,
        );
      }
      if (input.bytes.byteLength === 0) throw new AppError('UNPROCESSABLE', 'the file is empty');
      const { format, encoding, table } = await reader.read(actor.tenantId, {
        fileName: input.fileName,
        bytes: input.bytes,
        encoding: input.encoding ?? 'auto',
      });
      const run = await repo.insertRun(scopeOf(actor), {
        id: newId(),
        kind: input.kind,
        shopId: shop.id,
        platform: shop.platform,
        fileName: input.fileName.slice(0, 200),
        format,
        encoding,
        sizeBytes: input.bytes.byteLength,
        headers: table.headers,
        rows: table.rows,
        rowCount: table.rows.length,
        createdBy: actor.id,
        createdByName: actor.name,
        createdAt: clock.now(),
      });
      return preview(actor, run);
    },

    async preview(actor: Actor, id: string) {
      return preview(actor, await mustFindRun(actor, id));
    },

    /**
     * Imports the stored rows with the confirmed mapping. A required column left unmapped stops the
     * run before any row is written; then every row is read, bad ones reported by line, good ones
     * imported idempotently.
     */
    async run(
      actor: Actor,
      id: string,
      input: { mapping: Record<string, string>; saveMapping?: boolean | undefined },
      waitMs = DEFAULT_WAIT_MS,
    ): Promise<{ run: repo.ImportRunRow; done: boolean }> {
      const scope = scopeOf(actor);
      const run = await mustFindRun(actor, id);
      if (run.status === 'completed') {
        throw new AppError(
          'CONFLICT',
          'this upload was imported already; upload the file again to re-import it',
        );
      }
      const known = new Set(FIELDS[run.kind].map((f) => f.key));
      const mapping = Object.fromEntries(Object.entries(input.mapping).filter(([k, h]) => known.has(k) && h));
      const unknownHeaders = Object.values(mapping).filter((h) => !run.headers.includes(h));
      if (unknownHeaders.length) {
        throw new AppError('VALIDATION_FAILED', `the file has no column named ${unknownHeaders.join(', ')}`);
      }
      const missing = missingColumns(run.kind, mapping, run.headers);
      if (missing.length) {
        throw new AppError(
          'MAPPING_INCOMPLETE',
          `required columns are not mapped: ${missing.join(', ')} (nothing was imported)`,
        );
      }
      const shop = await mustFindShop(actor, run.shopId);
      const claim = await repo.claimRun(scope, id, clock.now(), STALE_RUN_MS);
      if (claim === 'done') throw new AppError('CONFLICT', 'this upload was imported already');
      if (claim === 'busy')
        throw new AppError('CONFLICT', 'another import of this merchant is running: try again when it ends');
      if (input.saveMapping) {
        await repo.saveMapping(scope, run.platform, run.kind, mapping, actor.name, clock.now());
      }

      const failures: ImportFailure[] = [];
      const valid: ValidRow[] = [];
      for (const row of run.rows ?? []) {
        const read = readRow(run.kind, mapping, run.headers, row, shop.timezone);
        if (read.ok) valid.push({ row, values: read.values });
        else {
          failures.push({
            line: row.line,
            reason: read.reason,
            column: read.column,
            problems: read.problems,
            cells: row.cells,
          });
        }
      }
      const ctx: ImportContext = { actor, scope, tickets, catalog, shop, runId: id, now: clock.now() };
      const work = importRows(ctx, run.kind, valid, failures, mapping);
      // Small files answer with their report; a long run goes on and is read back by its id.
      work.catch(() => {}); // recorded on the run row; the caller that waits sees it thrown
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([
        work,
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), waitMs);
        }),
      ]).finally(() => clearTimeout(timer));
      return waited ? { run: waited, done: true } : { run: await mustFindRun(actor, id), done: false };
    },

    async list(actor: Actor, limit: number, before: { at: Date; id: string } | null) {
      const rows = await repo.listRuns(scopeOf(actor), limit, before);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { items: page, next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null };
    },

    get: mustFindRun,

    async failuresCsv(actor: Actor, id: string) {
      const run = await mustFindRun(actor, id);
      return { fileName: run.fileName, csv: failuresCsv(run.headers, run.failures) };
    },

    async mappings(actor: Actor) {
      return repo.listMappings(scopeOf(actor));
    },

    async saveMapping(actor: Actor, platform: string, kind: ImportKind, mapping: Record<string, string>) {
      const known = new Set(FIELDS[kind].map((f) => f.key));
      const unknown = Object.keys(mapping).filter((k) => !known.has(k));
      if (unknown.length) throw new AppError('VALIDATION_FAILED', `unknown fields: ${unknown.join(', ')}`);
      return repo.saveMapping(scopeOf(actor), platform, kind, mapping, actor.name, clock.now());
    },

    async reviews(actor: Actor, shopId: string | undefined, limit: number) {
      return repo.listReviews(scopeOf(actor), shopId, limit);
    },
  };
}
