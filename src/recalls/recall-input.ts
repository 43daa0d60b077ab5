import type { RecallScopeJson } from '../db/schema/recalls.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import { findShops } from '../shops/shop-repo.js';
import * as catalog from '../tickets/catalog-repo.js';
import * as affected from './affected-repo.js';
import * as repo from './recall-repo.js';
import type { HazardLevel, RecallRole, RecallSource, RemedyChoice } from './recall-types.js';
import type { StatementFacts } from './statement.js';

// What a campaign is made from: the merchant's input, its scope checked against the tenant's own
// catalogue, and the facts its public statement is written from.

export type RecallInput = {
  title: string;
  hazard: string;
  scope: RecallScopeJson;
  productName?: string | undefined;
  hazardLevel?: HazardLevel | undefined;
  role?: RecallRole | undefined;
  source?: RecallSource | undefined;
  sourceTicketId?: string | undefined;
  learnedAt?: Date | undefined;
  remedies?: RemedyChoice[] | undefined;
  claimDeadline?: Date | undefined;
  contact?: string | undefined;
  budgetFen?: number | undefined;
  team?: string[] | undefined;
  seriousHarm?: boolean | undefined;
};

export type RecallPatch = {
  title?: string | undefined;
  hazard?: string | undefined;
  productName?: string | null | undefined;
  scope?: RecallScopeJson | undefined;
  hazardLevel?: HazardLevel | undefined;
  role?: RecallRole | undefined;
  remedies?: RemedyChoice[] | undefined;
  claimDeadline?: Date | null | undefined;
  contact?: string | null | undefined;
  budgetFen?: number | null | undefined;
  answerZh?: string | undefined;
  answerEn?: string | undefined;
  autoReply?: boolean | undefined;
  team?: string[] | undefined;
  clockOverride?:
    | { startHours?: number | undefined; completeWorkingDays?: number | undefined }
    | null
    | undefined;
  reminderDays?: number[] | undefined;
  seriousHarm?: boolean | undefined;
};

const SCOPE_KEYS = ['skuIds', 'batches', 'suppliers', 'shopIds', 'platforms'] as const;

/** A scope names at least one criterion; lists are trimmed and deduplicated. */
export function normaliseScope(s: RecallScopeJson): RecallScopeJson {
  const out: RecallScopeJson = {};
  for (const key of SCOPE_KEYS) {
    const list = [...new Set((s[key] ?? []).map((v) => v.trim()).filter(Boolean))];
    if (list.length) out[key] = list;
  }
  for (const key of ['soldFrom', 'soldTo', 'deliveredFrom', 'deliveredTo'] as const) {
    if (s[key]) out[key] = new Date(s[key]).toISOString();
  }
  if (!Object.keys(out).length) {
    throw new AppError(
      'VALIDATION_FAILED',
      'the scope is empty: name SKUs, batches, suppliers, shops or a date range',
    );
  }
  if (out.soldFrom && out.soldTo && out.soldFrom >= out.soldTo) {
    throw new AppError('VALIDATION_FAILED', 'soldFrom must be before soldTo');
  }
  return out;
}

/** Every SKU and shop named belongs to the tenant (another tenant's reads as not found). */
export async function checkScopeRefs(scope: TenantScope, s: RecallScopeJson) {
  if (s.skuIds?.length) {
    const found = new Set((await catalog.findSkus(scope, s.skuIds)).map((k) => k.id));
    const missing = s.skuIds.find((id) => !found.has(id));
    if (missing) throw new AppError('PRODUCT_NOT_FOUND', `sku ${missing} not found`);
  }
  if (s.shopIds?.length) {
    const found = new Set((await findShops(scope, s.shopIds)).map((x) => x.id));
    const missing = s.shopIds.find((id) => !found.has(id));
    if (missing) throw new AppError('SHOP_NOT_FOUND', `shop ${missing} not found`);
  }
  const totals = await affected.affectedTotals(scope, { kind: 'live', scope: s });
  if (totals.orders === 0) {
    throw new AppError('SCOPE_MATCHES_NOTHING', 'the scope matches no order line of this merchant');
  }
  return totals;
}

/** The facts the public statement is written from. */
export async function statementFacts(scope: TenantScope, r: repo.RecallRow): Promise<StatementFacts> {
  const skus = r.scope.skuIds?.length ? await catalog.findSkus(scope, r.scope.skuIds) : [];
  return {
    title: r.title,
    productName: r.productName,
    hazard: r.hazard,
    skus: skus.map((k) => `${k.code} ${k.name}`),
    batches: r.scope.batches ?? [],
    soldFrom: r.scope.soldFrom ? new Date(r.scope.soldFrom) : null,
    soldTo: r.scope.soldTo ? new Date(r.scope.soldTo) : null,
    remedies: r.remedies,
    claimDeadline: r.claimDeadline,
    contact: r.contact,
    merchantName: await repo.merchantName(scope),
  };
}
