import { createHash } from 'node:crypto';
import type { ListingContent } from '../db/schema/quality.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { groupBy } from '../shared/group-by.js';
import { newId } from '../shared/ids.js';
import {
  type CheckContext,
  checkListing,
  type Finding,
  type FindingSeverity,
  worstSeverity,
} from './listing-check.js';
import * as repo from './listing-repo.js';
import type { Platform, QualitySettings } from './quality-settings.js';
import { type RaiseTask, raiseTasks, resolveTasks } from './task-repo.js';

/** One listing as an import or the API gives it (money already in fen). */
export type ListingRecord = Omit<
  ListingContent,
  'description' | 'category' | 'brand' | 'material' | 'style'
> & {
  externalId: string;
  description?: string | null | undefined;
  category?: string | null | undefined;
  brand?: string | null | undefined;
  material?: string | null | undefined;
  style?: string | null | undefined;
};

export type RowResult = {
  row: number;
  externalId: string;
  status: 'created' | 'updated' | 'unchanged' | 'failed';
  listingId: string | null;
  reason: string | null;
  warnings: string[];
  findings: number;
  worstSeverity: FindingSeverity | null;
};

export type ImportTarget = {
  shop: { id: string; platform: string };
  settings: QualitySettings;
  now: Date;
  source: 'import' | 'api';
  runId?: string | null | undefined;
};

const HISTORY_DAYS = 180;
const BATCH = 500;

export const contentOf = (r: ListingRecord): ListingContent => ({
  title: r.title,
  description: r.description ?? null,
  category: r.category ?? null,
  brand: r.brand ?? null,
  material: r.material ?? null,
  style: r.style ?? null,
  priceFen: r.priceFen ?? null,
  referencePriceFen: r.referencePriceFen ?? null,
  images: r.images,
  skuCodes: [...new Set(r.skuCodes)],
});

const hashOf = (c: ListingContent) => createHash('sha256').update(JSON.stringify(c)).digest('hex');

export const platformOf = (p: string): Platform =>
  (['douyin', 'pinduoduo', 'taobao', 'tiktok'] as const).find((x) => x === p) ?? 'manual';

/** What the rules need to know of a shop's records for these listings. */
export async function checkContextFor(
  scope: TenantScope,
  shopId: string,
  listingIds: string[],
  skuCodes: string[],
  settings: QualitySettings,
  now: Date,
) {
  const since = new Date(now.getTime() - HISTORY_DAYS * 86_400_000);
  const documents = await repo.documentsOf(scope, [shopId, ...listingIds]);
  const flags = await repo.activeFlags(scope, shopId);
  const charged = await repo.chargedPrices(scope, shopId, [...new Set(skuCodes)], since);
  // A shop with orders on record: a SKU without a sale was never sold. Without any orders, the
  // history is unknown and the rule says so instead.
  const hasOrders = charged.length > 0 || (await repo.shopHasOrders(scope, shopId));
  const chargedBySku = groupBy(charged, (c) => c.skuCode);
  const flagsBySku = new Map(flags.map((f) => [f.skuCode, f]));
  return (ofListings: string[], codes: string[]): CheckContext => {
    const docs = documents.filter((d) => d.holderId === shopId || ofListings.includes(d.holderId));
    const points = codes.flatMap((c) => chargedBySku.get(c) ?? []);
    return {
      now,
      settings,
      charged: hasOrders ? points : undefined,
      documents: docs.map((d) => ({ kind: d.kind as never, expiresOn: d.expiresOn })),
      flagged: codes.flatMap((c) => {
        const f = flagsBySku.get(c);
        return f ? [{ skuCode: c, reason: f.reason }] : [];
      }),
    };
  };
}

function tasksFor(listing: { id: string; shopId: string; version: number }, findings: Finding[]) {
  const serious = findings.filter((f) => f.severity === 'critical' || f.severity === 'high');
  const raise: RaiseTask[] = [];
  const resolve: string[] = [];
  const fixKey = `fix_listing:${listing.id}`;
  if (serious.some((f) => f.rule !== 'publicly_flagged')) {
    raise.push({
      kind: 'fix_listing',
      dedupeKey: fixKey,
      shopId: listing.shopId,
      listingId: listing.id,
      listingVersion: listing.version,
      data: { rules: [...new Set(serious.filter((f) => f.rule !== 'publicly_flagged').map((f) => f.rule))] },
    });
  } else {
    resolve.push(fixKey);
  }
  for (const f of findings.filter((x) => x.rule === 'publicly_flagged')) {
    raise.push({
      kind: 'clear_stock',
      dedupeKey: `clear_stock:${listing.shopId}:${f.params.sku}`,
      shopId: listing.shopId,
      listingId: listing.id,
      listingVersion: listing.version,
      skuCode: String(f.params.sku),
      data: { reason: f.params.reason },
    });
  }
  return { raise, resolve };
}

/**
 * Writes listings (new ones, new versions of changed ones), their listed prices and the findings
 * of a fresh check; opens a fix task for every listing with serious findings and a clear-stock task
 * for every flagged SKU, and closes fix tasks whose listing now passes. Rows are checked in batches.
 */
export async function importListingRecords(
  scope: TenantScope,
  target: ImportTarget,
  records: { row: number; record: ListingRecord; warnings: string[] }[],
): Promise<RowResult[]> {
  const results: RowResult[] = [];
  const seen = new Map<string, number>();
  const unique: typeof records = [];
  for (const r of records) {
    const first = seen.get(r.record.externalId);
    if (first !== undefined) {
      results.push(
        failed(
          r,
          `listing ${r.record.externalId} appears twice (first at row ${first}); only the first was taken`,
        ),
      );
      continue;
    }
    seen.set(r.record.externalId, r.row);
    unique.push(r);
  }
  for (let i = 0; i < unique.length; i += BATCH) {
    results.push(...(await importBatch(scope, target, unique.slice(i, i + BATCH))));
  }
  return results.sort((a, b) => a.row - b.row);
}

const failed = (
  r: { row: number; record: ListingRecord; warnings: string[] },
  reason: string,
): RowResult => ({
  row: r.row,
  externalId: r.record.externalId,
  status: 'failed',
  listingId: null,
  reason,
  warnings: r.warnings,
  findings: 0,
  worstSeverity: null,
});

async function importBatch(
  scope: TenantScope,
  target: ImportTarget,
  batch: { row: number; record: ListingRecord; warnings: string[] }[],
): Promise<RowResult[]> {
  const { shop, now, settings } = target;
  return scope.transaction(async (tx) => {
    const existing = new Map(
      (
        await repo.findListings(
          tx,
          shop.id,
          batch.map((b) => b.record.externalId),
        )
      ).map((l) => [l.externalId, l]),
    );
    const contextOf = await checkContextFor(
      tx,
      shop.id,
      [...existing.values()].map((l) => l.id),
      batch.flatMap((b) => b.record.skuCodes),
      settings,
      now,
    );
    const platform = platformOf(shop.platform);
    const inserts: Parameters<typeof repo.insertListings>[1] = [];
    const updates: Parameters<typeof repo.updateListings>[1] = [];
    const versions: Parameters<typeof repo.insertVersions>[1] = [];
    const prices: Parameters<typeof repo.insertListedPrices>[1] = [];
    const raise: RaiseTask[] = [];
    const resolve: string[] = [];
    const results: RowResult[] = [];
    for (const b of batch) {
      const content = contentOf(b.record);
      const hash = hashOf(content);
      const old = existing.get(b.record.externalId);
      const id = old?.id ?? newId();
      const changed = !old || old.contentHash !== hash;
      const version = old ? old.version + (changed ? 1 : 0) : 1;
      const findings = checkListing(
        { ...content, platform },
        contextOf(old ? [old.id] : [], content.skuCodes),
      );
      const worst = worstSeverity(findings);
      const row = {
        title: content.title,
        content,
        skuCodes: content.skuCodes,
        version,
        contentHash: hash,
        findings,
        worstSeverity: worst,
        findingCount: findings.length,
        checkedAt: now,
        updatedAt: now,
      };
      if (!old)
        inserts.push({
          id,
          shopId: shop.id,
          platform: shop.platform,
          externalId: b.record.externalId,
          createdAt: now,
          ...row,
        });
      else updates.push({ id, set: row });
      if (changed) {
        versions.push({
          listingId: id,
          version,
          content,
          contentHash: hash,
          validFrom: now,
          source: target.source,
          importRunId: target.runId ?? null,
        });
        const priceChanged =
          !old ||
          old.content.priceFen !== content.priceFen ||
          old.content.referencePriceFen !== content.referencePriceFen;
        if (content.priceFen !== null && priceChanged) {
          for (const skuCode of content.skuCodes.length ? content.skuCodes : [b.record.externalId]) {
            prices.push({
              id: newId(),
              shopId: shop.id,
              skuCode,
              priceFen: content.priceFen,
              referencePriceFen: content.referencePriceFen,
              listingId: id,
              observedAt: now,
            });
          }
        }
      }
      const tasks = tasksFor({ id, shopId: shop.id, version }, findings);
      raise.push(...tasks.raise);
      resolve.push(...tasks.resolve);
      results.push({
        row: b.row,
        externalId: b.record.externalId,
        status: !old ? 'created' : changed ? 'updated' : 'unchanged',
        listingId: id,
        reason: null,
        warnings: b.warnings,
        findings: findings.length,
        worstSeverity: worst,
      });
    }
    await repo.insertListings(tx, inserts);
    await repo.updateListings(tx, updates);
    await repo.insertVersions(tx, versions);
    await repo.insertListedPrices(tx, prices);
    await resolveTasks(tx, resolve, 'check', 'the listing passes the check now', now);
    await raiseTasks(tx, raise, now);
    return results;
  });
}
