import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { AuditCheck, SupplierContact } from '../db/schema/suppliers.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { claimCounts } from './complaint-repo.js';
import { documentsOf, findSettings } from './listing-repo.js';
import { mergeSettings } from './quality-settings.js';
import { judgeSupplier, supplierNameKey } from './scorecard.js';
import * as repo from './supplier-repo.js';

export type SupplierService = ReturnType<typeof createSupplierService>;

export type SupplierInput = {
  name: string;
  contacts?: SupplierContact[] | undefined;
  address?: string | undefined;
  note?: string | undefined;
};

export type AuditInput = {
  visitedOn: Date;
  auditor: string;
  checklist: AuditCheck[];
  findings?: string | undefined;
  score: number;
};

export type InspectionInput = {
  kind: 'batch_report' | 'sampling_test';
  skuCode?: string | undefined;
  batch?: string | undefined;
  standardCode?: string | undefined;
  institution?: string | undefined;
  reportNo?: string | undefined;
  testedOn: Date;
  result: 'pass' | 'fail';
  sampleSize?: number | undefined;
  defectsFound?: number | undefined;
  note?: string | undefined;
};

export function createSupplierService({ db, clock }: { db: Db; clock: Clock }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function mustSupplier(scope: TenantScope, id: string) {
    const s = await repo.findSupplier(scope, id);
    if (!s) throw new AppError('NOT_FOUND', `supplier ${id} not found`);
    return s;
  }

  /** A name no other supplier (or merged alias) of the tenant already has. */
  async function checkNameFree(scope: TenantScope, name: string, self?: string) {
    const taken = await repo.findByKey(scope, supplierNameKey(name));
    if (taken && taken.id !== self) {
      throw new AppError(
        'CONFLICT',
        taken.mergedInto
          ? `the name "${name}" belongs to a supplier merged into another: use that one`
          : `a supplier named "${taken.name}" exists already`,
      );
    }
  }

  /** Each supplier's units, defect complaints, rate and verdict, with the months behind them. */
  async function scorecards(scope: TenantScope, list: repo.SupplierRow[]) {
    const settings = mergeSettings((await findSettings(scope))?.settings);
    const figures = await repo.supplierFigures(
      scope,
      list.map((s) => s.id),
    );
    return new Map(
      list.map((s) => {
        const mine = figures.filter((f) => f.supplier_id === s.id);
        const unitsSold = mine.reduce((n, f) => n + Number(f.units), 0);
        const defectComplaints = mine.reduce((n, f) => n + Number(f.complaints), 0);
        const months = [...new Set(mine.map((f) => f.month ?? ''))].filter(Boolean).sort();
        return [
          s.id,
          {
            unitsSold,
            defectComplaints,
            verdict: judgeSupplier(
              { unitsSold, defectComplaints },
              settings.defectRatePct,
              settings.minUnitsForRate,
            ),
            months: months.map((m) => ({
              month: m,
              units: mine.filter((f) => f.month === m).reduce((n, f) => n + Number(f.units), 0),
              complaints: mine.filter((f) => f.month === m).reduce((n, f) => n + Number(f.complaints), 0),
            })),
          },
        ];
      }),
    );
  }

  return {
    async list(actor: Actor, q?: string) {
      const scope = scopeOf(actor);
      const list = await repo.listSuppliers(scope, q);
      const cards = await scorecards(scope, list);
      return list.map((s) => ({ supplier: s, scorecard: cards.get(s.id)! }));
    },

    async create(actor: Actor, input: SupplierInput) {
      const scope = scopeOf(actor);
      await checkNameFree(scope, input.name);
      const now = clock.now();
      return repo.insertSupplier(scope, {
        id: newId(),
        name: input.name,
        nameKey: supplierNameKey(input.name),
        contacts: input.contacts ?? [],
        address: input.address ?? null,
        note: input.note ?? null,
        createdAt: now,
        updatedAt: now,
      });
    },

    async get(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const supplier = await mustSupplier(scope, id);
      const root = supplier.mergedInto ? await mustSupplier(scope, supplier.mergedInto) : supplier;
      const [aliases, audits, inspections, documents] = [
        await repo.aliasesOf(scope, [root.id]),
        await repo.listAudits(scope, root.id),
        await repo.listInspections(scope, root.id),
        await documentsOf(scope, [root.id]),
      ];
      const scorecard = (await scorecards(scope, [root]))!.get(root.id)!;
      const claims = await claimCounts(scope, [root.id, ...aliases.map((a) => a.id)]);
      return { supplier: root, aliases, audits, inspections, documents, scorecard, claims };
    },

    async update(
      actor: Actor,
      id: string,
      patch: Partial<SupplierInput> & { status?: repo.SupplierRow['status'] },
    ) {
      const scope = scopeOf(actor);
      const s = await mustSupplier(scope, id);
      if (s.mergedInto)
        throw new AppError('CONFLICT', 'this supplier was merged into another: edit that one');
      if (patch.name) await checkNameFree(scope, patch.name, id);
      return (await repo.updateSupplier(scope, id, {
        ...(patch.name ? { name: patch.name, nameKey: supplierNameKey(patch.name) } : {}),
        ...(patch.contacts ? { contacts: patch.contacts } : {}),
        ...(patch.address !== undefined ? { address: patch.address } : {}),
        ...(patch.note !== undefined ? { note: patch.note } : {}),
        ...(patch.status ? { status: patch.status } : {}),
        updatedAt: clock.now(),
      }))!;
    },

    /**
     * Merges one supplier into another: every product, SKU and order line that referenced it now
     * references the other (their supplier text stays as written), its name becomes an alias. Refused
     * when it would leave an order line behind.
     */
    async merge(actor: Actor, fromId: string, intoId: string) {
      if (fromId === intoId)
        throw new AppError('VALIDATION_FAILED', 'a supplier cannot be merged into itself');
      const scope = scopeOf(actor);
      return scope.transaction(async (tx) => {
        const from = await mustSupplier(tx, fromId);
        const into = await mustSupplier(tx, intoId);
        if (from.mergedInto) throw new AppError('CONFLICT', `"${from.name}" was merged already`);
        if (into.mergedInto)
          throw new AppError(
            'CONFLICT',
            `"${into.name}" was itself merged into another supplier: merge into that one`,
          );
        const before = await repo.catalogReferences(tx, from.id);
        const now = clock.now();
        await repo.repointSupplier(tx, from.id, into.id, now);
        await repo.updateSupplier(tx, from.id, { mergedInto: into.id, status: 'dropped', updatedAt: now });
        const left = await repo.catalogReferences(tx, from.id);
        if (left.orderLines || left.skus || left.products) {
          throw new AppError(
            'CONFLICT',
            `the merge would leave ${left.orderLines} order lines on "${from.name}": nothing was merged`,
          );
        }
        return { into, moved: before };
      });
    },

    /** Removes a supplier nothing refers to; one with catalog rows must be merged instead. */
    async remove(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const s = await mustSupplier(scope, id);
      const refs = await repo.catalogReferences(scope, id);
      if (refs.orderLines || refs.skus || refs.products) {
        throw new AppError(
          'CONFLICT',
          `"${s.name}" is named by ${refs.orderLines} order lines, ${refs.skus} SKUs and ${refs.products} products: ` +
            'deleting it would orphan them; merge it into another supplier instead',
        );
      }
      if ((await repo.aliasesOf(scope, [id])).length) {
        throw new AppError('CONFLICT', `other suppliers were merged into "${s.name}": it cannot be deleted`);
      }
      await repo.deleteSupplier(scope, id);
      return s;
    },

    /** The supplier record a free-text name resolves to (merged names resolve to the survivor). */
    async resolveName(scope: TenantScope, name: string) {
      const s = await repo.findByKey(scope, supplierNameKey(name));
      if (!s) return null;
      return s.mergedInto ? ((await repo.findSupplier(scope, s.mergedInto)) ?? null) : s;
    },

    async addAudit(actor: Actor, id: string, input: AuditInput) {
      const scope = scopeOf(actor);
      const s = await mustSupplier(scope, id);
      if (s.mergedInto)
        throw new AppError('CONFLICT', 'this supplier was merged into another: record the audit there');
      return repo.insertAudit(scope, {
        id: newId(),
        supplierId: id,
        visitedOn: input.visitedOn,
        auditor: input.auditor,
        checklist: input.checklist,
        findings: input.findings ?? null,
        score: input.score,
        createdByName: actor.name,
      });
    },

    async addInspection(actor: Actor, id: string, input: InspectionInput) {
      const scope = scopeOf(actor);
      const s = await mustSupplier(scope, id);
      if (s.mergedInto)
        throw new AppError('CONFLICT', 'this supplier was merged into another: record the inspection there');
      return repo.insertInspection(scope, {
        id: newId(),
        supplierId: id,
        kind: input.kind,
        skuCode: input.skuCode ?? null,
        batch: input.batch ?? null,
        standardCode: input.standardCode ?? null,
        institution: input.institution ?? null,
        reportNo: input.reportNo ?? null,
        testedOn: input.testedOn,
        result: input.result,
        sampleSize: input.sampleSize ?? null,
        defectsFound: input.defectsFound ?? null,
        note: input.note ?? null,
        createdByName: actor.name,
      });
    },

    mustSupplier: (actor: Actor, id: string) => mustSupplier(scopeOf(actor), id),
  };
}
