import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { EvidenceKind } from '../db/schema/evidence.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import * as repo from './defence-repo.js';
import { evidenceOf } from './listing-repo.js';
import * as rights from './rights-repo.js';
import { chainStanding, latest, type SourcingGap, sourcingGaps } from './sourcing-rules.js';
import { isInForce, validityOn } from './validity.js';

const DAY_MS = 86_400_000;
/** A SKU sold in this many days without a sourcing record is flagged. */
export const UNSOURCED_WINDOW_DAYS = 90;

export type SourcingInput = {
  sku: string;
  productName?: string | undefined;
  supplierName: string;
  supplierId?: string | null | undefined;
  /** Received authorisations from the rights holder down to our supplier, in order. */
  chain?: string[] | undefined;
  samplingIntervalDays?: number | undefined;
  lastSampledAt?: Date | null | undefined;
  notes?: string | undefined;
};

export type BatchInput = {
  batchNo: string;
  supplierName?: string | undefined;
  quantity?: number | null | undefined;
  receivedAt: Date;
  invoiceNo?: string | null | undefined;
  inspectionReportNo?: string | null | undefined;
  notes?: string | undefined;
};

export type SourcingService = ReturnType<typeof createSourcingService>;

const notFound = (what: string, id: string) =>
  new AppError('BRAND_RECORD_NOT_FOUND', `${what} ${id} not found`);

/**
 * Sourcing records: per SKU, where its goods come from (supplier, each batch with its invoice and
 * inspection report) and the authorisation chain that makes them genuine. The files are evidence
 * (subjects brand_sourcing, brand_sourcing_batch, brand_authorisation); the supplier records'
 * inspections of the SKU count as inspection reports and sampling tests.
 */
export function createSourcingService({ db, clock }: { db: Db; clock: Clock }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function checkChain(scope: TenantScope, ids: string[]) {
    for (const id of ids) {
      const a = await rights.findAuthorisation(scope, id);
      if (!a) throw notFound('authorisation', id);
      if (a.direction !== 'received') {
        throw new AppError(
          'VALIDATION_FAILED',
          'the chain is made of authorisations received (from the rights holder down to the supplier), not granted ones',
        );
      }
    }
  }

  /** Everything that proves these records: chain links, batches, files, the supplier's inspections. */
  async function assess(scope: TenantScope, rows: rights.SourcingRow[]) {
    const now = clock.now();
    const chainIds = [
      ...new Set(rows.flatMap((r) => [...r.chain, ...(r.authorisationId ? [r.authorisationId] : [])])),
    ];
    const [auths, batches, inspections] = await Promise.all([
      rights.listAuthorisations(scope, 'received'),
      repo.batchesOf(
        scope,
        rows.map((r) => r.id),
      ),
      repo.inspectionsBySku(
        scope,
        rows.map((r) => r.sku),
      ),
    ]);
    const authById = new Map(auths.filter((a) => chainIds.includes(a.id)).map((a) => [a.id, a]));
    const [onRecords, onBatches, onAuths] = await Promise.all([
      evidenceOf(
        scope,
        'brand_sourcing',
        rows.map((r) => r.id),
      ),
      evidenceOf(
        scope,
        'brand_sourcing_batch',
        batches.map((b) => b.id),
      ),
      evidenceOf(scope, 'brand_authorisation', [...authById.keys()]),
    ]);
    return rows.map((r) => {
      const ids = r.chain.length ? r.chain : r.authorisationId ? [r.authorisationId] : [];
      const chain = ids.flatMap((id) => {
        const a = authById.get(id);
        return a
          ? [
              {
                authorisation: a,
                validity: validityOn(a, now),
                inForce: isInForce(a, now),
                documents: onAuths.filter((e) => e.subjectId === id).length,
              },
            ]
          : [];
      });
      const mine = batches.filter((b) => b.sourcingId === r.id);
      const files = [
        ...onRecords.filter((e) => e.subjectId === r.id),
        ...onBatches.filter((e) => mine.some((b) => b.id === e.subjectId)),
        ...onAuths.filter((e) => ids.includes(e.subjectId)),
      ];
      const supplier = inspections.find((i) => i.skuCode === r.sku);
      const kinds = files.map((f) => f.kind as EvidenceKind);
      if (supplier && supplier.reports > 0) kinds.push('inspection_report');
      const lastSampledAt = latest([
        r.lastSampledAt,
        supplier?.lastSampledOn ? new Date(`${supplier.lastSampledOn}T00:00:00+08:00`) : null,
      ]);
      const gaps: SourcingGap[] = sourcingGaps({
        authorisation: chainStanding(chain.map((c) => c.inForce)),
        evidence: kinds,
        samplingIntervalDays: r.samplingIntervalDays,
        lastSampledAt,
        now,
      });
      return { record: r, chain, batches: mine, files: files.length, lastSampledAt, gaps };
    });
  }

  async function mustFind(scope: TenantScope, id: string) {
    const row = await rights.findSourcing(scope, id);
    if (!row) throw notFound('sourcing record', id);
    return row;
  }

  return {
    async create(actor: Actor, input: SourcingInput) {
      const scope = scopeOf(actor);
      const sku = input.sku.trim();
      if (await rights.findSourcingBySku(scope, sku)) {
        throw new AppError('CONFLICT', `SKU ${sku} already has a sourcing record: add a batch to it`);
      }
      await checkChain(scope, input.chain ?? []);
      const now = clock.now();
      const row = await scope.transaction(async (tx) => {
        const saved = await rights.insertSourcing(tx, {
          id: newId(),
          sku,
          productName: input.productName ?? '',
          supplierName: input.supplierName.trim(),
          supplierId: input.supplierId ?? null,
          chain: input.chain ?? [],
          authorisationId: input.chain?.at(-1) ?? null,
          samplingIntervalDays: input.samplingIntervalDays ?? 90,
          lastSampledAt: input.lastSampledAt ?? null,
          notes: input.notes ?? '',
          createdByName: actor.name,
        });
        await recordAudit(
          tx,
          actor,
          [{ entityType: 'brand_sourcing', entityId: saved.id, action: 'created', after: { sku } }],
          now,
        );
        return saved;
      });
      return (await assess(scope, [row]))[0]!;
    },

    async update(actor: Actor, id: string, patch: Partial<Omit<SourcingInput, 'sku'>>) {
      const scope = scopeOf(actor);
      await mustFind(scope, id);
      if (patch.chain) await checkChain(scope, patch.chain);
      const now = clock.now();
      const row = await scope.transaction(async (tx) => {
        const saved = await rights.updateSourcing(tx, id, {
          ...patch,
          ...(patch.chain ? { authorisationId: patch.chain.at(-1) ?? null } : {}),
        });
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'brand_sourcing',
              entityId: id,
              action: 'updated',
              after: patch as Record<string, unknown>,
            },
          ],
          now,
        );
        return saved!;
      });
      return (await assess(scope, [row]))[0]!;
    },

    async addBatch(actor: Actor, id: string, input: BatchInput) {
      const scope = scopeOf(actor);
      const record = await mustFind(scope, id);
      const batchNo = input.batchNo.trim();
      if (await repo.batchByNo(scope, id, batchNo)) {
        throw new AppError('CONFLICT', `batch ${batchNo} of SKU ${record.sku} is already recorded`);
      }
      if (input.receivedAt.getTime() > clock.now().getTime() + DAY_MS) {
        throw new AppError('VALIDATION_FAILED', 'a batch cannot be received in the future');
      }
      const now = clock.now();
      return scope.transaction(async (tx) => {
        const batch = await repo.insertBatch(tx, {
          id: newId(),
          sourcingId: id,
          batchNo,
          supplierName: input.supplierName?.trim() || record.supplierName,
          quantity: input.quantity ?? null,
          receivedAt: input.receivedAt,
          invoiceNo: input.invoiceNo?.trim() || null,
          inspectionReportNo: input.inspectionReportNo?.trim() || null,
          notes: input.notes ?? '',
          createdByName: actor.name,
        });
        await recordAudit(
          tx,
          actor,
          [{ entityType: 'brand_sourcing', entityId: id, action: 'batch_added', after: { batchNo } }],
          now,
        );
        return batch;
      });
    },

    async get(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      return (await assess(scope, [await mustFind(scope, id)]))[0]!;
    },

    async list(actor: Actor) {
      const scope = scopeOf(actor);
      return assess(scope, await rights.listSourcing(scope));
    },

    /** The record of a SKU, assessed, or null: what a defence stands on. */
    async forSku(actor: Actor, sku: string | null) {
      if (!sku) return null;
      const scope = scopeOf(actor);
      const row = await rights.findSourcingBySku(scope, sku);
      return row ? (await assess(scope, [row]))[0]! : null;
    },

    /** SKUs sold in the last 90 days with no sourcing record: sold with nothing that proves them genuine. */
    unsourced: (actor: Actor, limit = 50) =>
      repo.unsourcedSold(
        scopeOf(actor),
        new Date(clock.now().getTime() - UNSOURCED_WINDOW_DAYS * DAY_MS),
        limit,
      ),
  };
}
