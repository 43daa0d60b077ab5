import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import type { BrandPlatform, ComplaintType } from '../db/schema/brand.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { assessListings } from './assess.js';
import { parseListingLink, sellerKeyOf } from './listing-links.js';
import * as repo from './listing-repo.js';
import { guessNiceClass } from './nice-classes.js';
import { findRight, rightsByNumbers } from './rights-repo.js';

export type ListingInput = {
  url: string;
  platform?: BrandPlatform | undefined;
  sellerName: string;
  sellerId?: string | null | undefined;
  title?: string | undefined;
  priceFen?: number | null | undefined;
  referencePriceFen?: number | null | undefined;
  sku?: string | null | undefined;
  infringement?: ComplaintType | null | undefined;
  rightId?: string | null | undefined;
  /** The right by its registration number (imports name it so); resolved to rightId. */
  rightNo?: string | undefined;
  goodsClass?: number | null | undefined;
  similarity?: 'identical' | 'similar' | null | undefined;
  fromRightsHolder?: boolean | undefined;
  testPurchaseRef?: string | null | undefined;
  notes?: string | undefined;
};

export type ListingPatch = Partial<Omit<ListingInput, 'url' | 'platform'>> & {
  status?: 'watching' | 'cleared' | 'ignored' | undefined;
};

export type RowResult = {
  line: number;
  status: 'imported' | 'duplicate' | 'failed';
  reason?: string;
  listingId?: string;
};

export type WatchService = ReturnType<typeof createWatchService>;

const notFound = (id: string) => new AppError('BRAND_RECORD_NOT_FOUND', `listing ${id} not found`);

export function createWatchService({ db, clock }: { db: Db; clock: Clock }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  /** A listing row from input, or the reason it cannot be one. */
  function toRow(actor: Actor, input: ListingInput, now: Date, batch: string | null) {
    const parsed = parseListingLink(input.url, input.platform);
    if (!parsed.ok) return { ok: false as const, reason: parsed.problem.message };
    const { link } = parsed;
    const sellerName = input.sellerName.trim();
    if (!sellerName) return { ok: false as const, reason: 'the seller (shop name) is missing' };
    const title = input.title?.trim() ?? '';
    return {
      ok: true as const,
      row: {
        id: newId(),
        platform: link.platform,
        url: link.url,
        urlKey: link.urlKey,
        itemId: link.itemId,
        sellerName,
        sellerId: input.sellerId?.trim() || null,
        sellerKey: sellerKeyOf(link.platform, input.sellerId?.trim() || null, sellerName),
        title,
        priceFen: input.priceFen ?? null,
        referencePriceFen: input.referencePriceFen ?? null,
        sku: input.sku?.trim() || null,
        infringement: input.infringement ?? null,
        rightId: input.rightId ?? null,
        // The class guessed from the title when none is given: the merchant corrects a wrong guess.
        goodsClass: input.goodsClass ?? guessNiceClass(title),
        similarity: input.similarity ?? null,
        fromRightsHolder: input.fromRightsHolder ?? false,
        testPurchaseRef: input.testPurchaseRef?.trim() || null,
        source: batch ? ('import' as const) : ('manual' as const),
        importBatch: batch,
        notes: input.notes ?? '',
        lastSeenAt: now,
        createdByName: actor.name,
      } satisfies repo.NewListing,
    };
  }

  async function mustHaveRights(scope: TenantScope, ids: (string | null | undefined)[]) {
    for (const id of new Set(ids.filter((x): x is string => !!x))) {
      if (!(await findRight(scope, id)))
        throw new AppError('BRAND_RECORD_NOT_FOUND', `right ${id} not found`);
    }
  }

  async function rightIdOf(scope: TenantScope, number: string) {
    const [right] = await rightsByNumbers(scope, [number]);
    if (!right)
      throw new AppError('BRAND_RECORD_NOT_FOUND', `no right numbered ${number} is in the portfolio`);
    return right.id;
  }

  async function insertWithPrices(tx: TenantScope, rows: repo.NewListing[], now: Date) {
    const created = await repo.insertListings(tx, rows);
    await repo.insertObservations(
      tx,
      created
        .filter((l) => l.priceFen !== null)
        .map((l) => ({
          id: newId(),
          listingId: l.id,
          priceFen: l.priceFen!,
          referencePriceFen: l.referencePriceFen,
          observedAt: now,
        })),
    );
    return created;
  }

  async function assessOne(actor: Actor, id: string) {
    const scope = scopeOf(actor);
    const listing = await repo.findListing(scope, id);
    if (!listing) throw notFound(id);
    const [assessed] = await assessListings(scope, [listing], clock.now());
    return assessed!;
  }

  return {
    async create(actor: Actor, given: ListingInput) {
      const scope = scopeOf(actor);
      const now = clock.now();
      const input = given.rightNo ? { ...given, rightId: await rightIdOf(scope, given.rightNo) } : given;
      const made = toRow(actor, input, now, null);
      if (!made.ok) throw new AppError('VALIDATION_FAILED', made.reason);
      await mustHaveRights(scope, [input.rightId]);
      const [existing] = await repo.listingsByUrlKeys(scope, [made.row.urlKey]);
      if (existing) throw new AppError('CONFLICT', `this listing is already watched (${existing.id})`);
      const created = await scope.transaction(async (tx) => {
        const [row] = await insertWithPrices(tx, [made.row], now);
        if (!row) throw new AppError('CONFLICT', 'this listing is already watched');
        await recordAudit(
          tx,
          actor,
          [{ entityType: 'brand_listing', entityId: row.id, action: 'created', after: { url: row.url } }],
          now,
        );
        return row;
      });
      return assessOne(actor, created.id);
    },

    /**
     * Many listings at once (an import): each row is taken or refused with its reason; a link
     * already watched, or twice in the file, is a duplicate. Nothing is complained about here.
     */
    async importRows(
      actor: Actor,
      rows: { line: number; input: ListingInput }[],
    ): Promise<{ batch: string; results: RowResult[] }> {
      const scope = scopeOf(actor);
      const now = clock.now();
      const batch = newId();
      await mustHaveRights(
        scope,
        rows.map((r) => r.input.rightId),
      );
      const numbers = [...new Set(rows.map((r) => r.input.rightNo).filter((n): n is string => !!n))];
      const byNumber = new Map((await rightsByNumbers(scope, numbers)).map((r) => [r.registrationNo, r.id]));
      const results: RowResult[] = [];
      const fresh: { line: number; row: repo.NewListing }[] = [];
      const seen = new Set<string>();
      for (const { line, input: given } of rows) {
        const rightId = given.rightNo ? byNumber.get(given.rightNo) : given.rightId;
        if (given.rightNo && !rightId) {
          results.push({
            line,
            status: 'failed',
            reason: `no right numbered ${given.rightNo} is in the portfolio`,
          });
          continue;
        }
        const input = { ...given, rightId };
        const made = toRow(actor, input, now, batch);
        if (!made.ok) results.push({ line, status: 'failed', reason: made.reason });
        else if (seen.has(made.row.urlKey))
          results.push({ line, status: 'duplicate', reason: 'the same link appears earlier in the file' });
        else {
          seen.add(made.row.urlKey);
          fresh.push({ line, row: made.row });
        }
      }
      const existing = new Map((await repo.listingsByUrlKeys(scope, [...seen])).map((l) => [l.urlKey, l.id]));
      const toInsert = fresh.filter((f) => !existing.has(f.row.urlKey));
      const created = await scope.transaction(async (tx) => {
        const inserted = await insertWithPrices(
          tx,
          toInsert.map((f) => f.row),
          now,
        );
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'brand_import',
              entityId: batch,
              action: 'imported',
              after: { listings: inserted.length },
            },
          ],
          now,
        );
        return new Map(inserted.map((l) => [l.urlKey, l.id]));
      });
      for (const f of fresh) {
        const id = created.get(f.row.urlKey);
        const already = existing.get(f.row.urlKey);
        if (id) results.push({ line: f.line, status: 'imported', listingId: id });
        else
          results.push({
            line: f.line,
            status: 'duplicate',
            reason: 'this listing is already watched',
            ...(already ? { listingId: already } : {}),
          });
      }
      return { batch, results: results.sort((a, b) => a.line - b.line) };
    },

    get: assessOne,

    async update(actor: Actor, id: string, patch: ListingPatch) {
      const scope = scopeOf(actor);
      const listing = await repo.findListing(scope, id);
      if (!listing) throw notFound(id);
      await mustHaveRights(scope, [patch.rightId]);
      const now = clock.now();
      const { sellerName, sellerId, rightNo, ...rest } = patch;
      if (rightNo) rest.rightId = await rightIdOf(scope, rightNo);
      const seller =
        sellerName !== undefined || sellerId !== undefined
          ? {
              sellerName: sellerName?.trim() || listing.sellerName,
              sellerId: sellerId === undefined ? listing.sellerId : sellerId?.trim() || null,
            }
          : {};
      await scope.transaction(async (tx) => {
        await repo.updateListing(tx, id, {
          ...rest,
          ...seller,
          ...(seller.sellerName
            ? { sellerKey: sellerKeyOf(listing.platform, seller.sellerId ?? null, seller.sellerName) }
            : {}),
        });
        const priceChanged =
          patch.priceFen !== undefined && patch.priceFen !== null && patch.priceFen !== listing.priceFen;
        if (priceChanged) {
          await repo.insertObservations(tx, [
            {
              id: newId(),
              listingId: id,
              priceFen: patch.priceFen!,
              referencePriceFen: patch.referencePriceFen ?? listing.referencePriceFen,
              observedAt: now,
            },
          ]);
        }
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'brand_listing',
              entityId: id,
              action: 'updated',
              after: patch as Record<string, unknown>,
            },
          ],
          now,
        );
      });
      return assessOne(actor, id);
    },

    /** A price seen on the listing (a re-check, a crawler): kept as history, the listing shows the latest. */
    async observePrice(
      actor: Actor,
      id: string,
      input: {
        priceFen: number;
        referencePriceFen?: number | null | undefined;
        observedAt?: Date | undefined;
      },
    ) {
      const scope = scopeOf(actor);
      const listing = await repo.findListing(scope, id);
      if (!listing) throw notFound(id);
      const at = input.observedAt ?? clock.now();
      await scope.transaction(async (tx) => {
        await repo.insertObservations(tx, [
          {
            id: newId(),
            listingId: id,
            priceFen: input.priceFen,
            referencePriceFen: input.referencePriceFen ?? null,
            observedAt: at,
          },
        ]);
        if (at >= listing.lastSeenAt) {
          await repo.updateListing(tx, id, {
            priceFen: input.priceFen,
            referencePriceFen: input.referencePriceFen ?? null,
            lastSeenAt: at,
          });
        }
      });
      return assessOne(actor, id);
    },

    async list(actor: Actor, filter: repo.ListingFilter, before: string | null, limit: number) {
      const scope = scopeOf(actor);
      const rows = await repo.listListings(scope, filter, before, limit);
      return { rows, assessed: await assessListings(scope, rows.slice(0, limit), clock.now()) };
    },

    sellers: (actor: Actor, limit: number) => repo.sellerGroups(scopeOf(actor), limit),

    history: (actor: Actor, id: string) => repo.observationsOf(scopeOf(actor), [id]),
  };
}
