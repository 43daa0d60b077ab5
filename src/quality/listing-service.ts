import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo, type TenantScope } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { findShop } from '../shops/shop-repo.js';
import * as complaints from './complaint-repo.js';
import { checkListing, type DocumentKind, type ListingInput } from './listing-check.js';
import {
  checkContextFor,
  contentOf,
  importListingRecords,
  type ListingRecord,
  platformOf,
} from './listing-import.js';
import * as repo from './listing-repo.js';
import { toVersionView } from './listing-views.js';
import { mergeSettings, PartialSettings, type QualitySettings } from './quality-settings.js';
import * as tasks from './task-repo.js';

export type ListingService = ReturnType<typeof createListingService>;

export type NewDocument = {
  holderType: 'shop' | 'listing' | 'supplier';
  holderId: string;
  kind: DocumentKind;
  number?: string | undefined;
  issuer?: string | undefined;
  issuedOn?: Date | undefined;
  expiresOn?: Date | undefined;
  note?: string | undefined;
};

export function createListingService({ db, clock }: { db: Db; clock: Clock }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  async function settingsOf(scope: TenantScope): Promise<QualitySettings> {
    return mergeSettings((await repo.findSettings(scope))?.settings);
  }

  async function mustShop(scope: TenantScope, id: string) {
    const shop = await findShop(scope, id);
    if (!shop) throw new AppError('SHOP_NOT_FOUND', `shop ${id} not found`);
    return shop;
  }

  async function mustListing(scope: TenantScope, id: string) {
    const listing = await repo.findListing(scope, id);
    if (!listing) throw new AppError('NOT_FOUND', `listing ${id} not found`);
    return listing;
  }

  /** Checks stored listings again (after documents, flags or settings change): all of a shop's, or some. */
  async function recheck(
    scope: TenantScope,
    shopId: string,
    only?: { skus?: string[]; listingIds?: string[] },
  ) {
    const shop = await mustShop(scope, shopId);
    let all = await repo.listShopListings(scope, shopId);
    if (only?.skus) all = all.filter((l) => l.skuCodes.some((c) => only.skus!.includes(c)));
    if (only?.listingIds) all = all.filter((l) => only.listingIds!.includes(l.id));
    const records = all.map((l, i) => ({
      row: i + 1,
      record: { externalId: l.externalId, ...l.content } as ListingRecord,
      warnings: [],
    }));
    const settings = await settingsOf(scope);
    await importListingRecords(scope, { shop, settings, now: clock.now(), source: 'api' }, records);
    return all.length;
  }

  /** The shop whose listings a document counts for (a supplier's documents count for none). */
  async function shopOfHolder(scope: TenantScope, holderType: string, holderId: string) {
    if (holderType === 'shop') return (await mustShop(scope, holderId)).id;
    if (holderType === 'listing') return (await mustListing(scope, holderId)).shopId;
    return null;
  }

  return {
    settingsOf,
    recheck,

    async settings(actor: Actor) {
      return settingsOf(scopeOf(actor));
    },

    async saveSettings(actor: Actor, patch: Record<string, unknown>) {
      const scope = scopeOf(actor);
      const parsed = PartialSettings.safeParse(patch);
      if (!parsed.success)
        throw new AppError(
          'VALIDATION_FAILED',
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
        );
      const stored = (await repo.findSettings(scope))?.settings ?? {};
      await repo.saveSettings(scope, { ...stored, ...parsed.data }, actor.name, clock.now());
      return settingsOf(scope);
    },

    /**
     * The rules over a listing that is not stored. With a shop, what is on record there counts
     * (documents, flagged SKUs, prices charged for the SKU codes); without one, nothing is.
     */
    async check(
      actor: Actor,
      input: ListingInput,
      options: { shopId?: string | undefined; skuCodes?: string[] | undefined } = {},
    ) {
      const scope = scopeOf(actor);
      const settings = await settingsOf(scope);
      const now = clock.now();
      if (!options.shopId) return checkListing(input, { now, settings });
      await mustShop(scope, options.shopId);
      const codes = options.skuCodes ?? [];
      // The documents of the shop's listings that sell these SKUs count (an inspection certificate).
      const listingIds = codes.length
        ? (await repo.listShopListings(scope, options.shopId))
            .filter((l) => l.skuCodes.some((c) => codes.includes(c)))
            .map((l) => l.id)
        : [];
      const contextOf = await checkContextFor(scope, options.shopId, listingIds, codes, settings, now);
      return checkListing(input, contextOf(listingIds, codes));
    },

    /** Imports listings given through the API (each row already validated). */
    async importRecords(
      actor: Actor,
      shopId: string,
      records: { row: number; record: ListingRecord; warnings: string[] }[],
    ) {
      const scope = scopeOf(actor);
      const shop = await mustShop(scope, shopId);
      const settings = await settingsOf(scope);
      return importListingRecords(scope, { shop, settings, now: clock.now(), source: 'api' }, records);
    },

    async list(
      actor: Actor,
      filter: repo.ListingFilter,
      limit: number,
      after: { rank: number; id: string } | null,
    ) {
      const rows = await repo.listListings(scopeOf(actor), filter, limit, after);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        items: page.map((r) => r.row),
        next: rows.length > limit && last ? { rank: Number(last.rank), id: last.row.id } : null,
      };
    },

    async get(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const listing = await mustListing(scope, id);
      const codes = listing.skuCodes.length ? listing.skuCodes : [listing.externalId];
      const since = new Date(clock.now().getTime() - 180 * 86_400_000);
      const [versions, listed, charged, openTasks, documents] = [
        await repo.listVersions(scope, id),
        await repo.listedPricesOf(scope, listing.shopId, codes),
        await repo.chargedPrices(scope, listing.shopId, codes, since),
        await tasks.listTasks(scope, { listingId: id }, 50, null),
        await repo.documentsOf(scope, [id]),
      ];
      return { listing, versions, listed, charged, tasks: openTasks.slice(0, 50), documents };
    },

    /** The listing as it stood at a moment (what a buyer saw when paying). */
    async versionAt(actor: Actor, id: string, at: Date) {
      const scope = scopeOf(actor);
      await mustListing(scope, id);
      return repo.versionAt(scope, id, at);
    },

    async summary(actor: Actor, shopId: string | undefined) {
      const scope = scopeOf(actor);
      if (shopId) await mustShop(scope, shopId);
      const settings = await settingsOf(scope);
      const soon = new Date(clock.now().getTime() + settings.expiryWarningDays * 86_400_000);
      const docs = (await repo.listDocuments(scope)).filter((d) => d.expiresOn && d.expiresOn <= soon);
      return {
        severities: await repo.severityCounts(scope, shopId),
        rules: await repo.ruleCounts(scope, shopId),
        openTasks: await tasks.openTaskCounts(scope, shopId),
        expiring: docs,
      };
    },

    async tasks(
      actor: Actor,
      filter: tasks.TaskFilter,
      limit: number,
      before: { at: Date; id: string } | null,
    ) {
      const rows = await tasks.listTasks(scopeOf(actor), filter, limit, before);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return { items: page, next: rows.length > limit && last ? { at: last.createdAt, id: last.id } : null };
    },

    async closeTask(
      actor: Actor,
      id: string,
      input: { status: 'done' | 'dismissed'; note?: string | undefined },
    ) {
      const scope = scopeOf(actor);
      const task = await tasks.findTask(scope, id);
      if (!task) throw new AppError('TASK_NOT_FOUND', `task ${id} not found`);
      if (task.status !== 'open') throw new AppError('CONFLICT', `the task is ${task.status} already`);
      if (input.status === 'done' && task.kind === 'fix_listing' && task.listingId) {
        // Done means the check passes: a fix task closes itself when the fixed listing comes in.
        const listing = await repo.findListing(scope, task.listingId);
        if (listing?.findings.some((f) => f.severity === 'critical' || f.severity === 'high')) {
          throw new AppError(
            'CONFLICT',
            'the listing still has serious findings: import the fixed listing (or dismiss the task with a note)',
          );
        }
      }
      if (input.status === 'dismissed' && !input.note?.trim()) {
        throw new AppError('VALIDATION_FAILED', 'say why the task is dismissed (note)');
      }
      const closed = await tasks.closeTask(scope, id, {
        status: input.status,
        closedAt: clock.now(),
        closedByName: actor.name,
        closeNote: input.note?.trim() || null,
      });
      if (!closed) throw new AppError('CONFLICT', 'the task was closed meanwhile');
      return closed;
    },

    async flags(actor: Actor, shopId: string | undefined) {
      return repo.activeFlags(scopeOf(actor), shopId);
    },

    async flag(
      actor: Actor,
      input: { shopId: string; skuCode: string; reason: string; flaggedOn?: Date | undefined },
    ) {
      const scope = scopeOf(actor);
      await mustShop(scope, input.shopId);
      const active = (await repo.activeFlags(scope, input.shopId)).find((f) => f.skuCode === input.skuCode);
      if (active) throw new AppError('CONFLICT', `SKU ${input.skuCode} is flagged already`);
      const row = await repo.insertFlag(scope, {
        id: newId(),
        shopId: input.shopId,
        skuCode: input.skuCode,
        reason: input.reason,
        flaggedOn: input.flaggedOn ?? null,
        createdByName: actor.name,
      });
      await recheck(scope, input.shopId, { skus: [input.skuCode] });
      return row;
    },

    async clearFlag(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const row = await repo.clearFlag(scope, id, clock.now());
      if (!row) throw new AppError('NOT_FOUND', `flag ${id} not found or cleared already`);
      await recheck(scope, row.shopId, { skus: [row.skuCode] });
      return row;
    },

    async documents(actor: Actor) {
      return repo.listDocuments(scopeOf(actor));
    },

    /** Records a document; a shop's or listing's document is checked against at once. */
    async addDocument(actor: Actor, input: NewDocument) {
      const scope = scopeOf(actor);
      const shopId = await shopOfHolder(scope, input.holderType, input.holderId);
      const row = await repo.insertDocument(scope, {
        id: newId(),
        holderType: input.holderType,
        holderId: input.holderId,
        kind: input.kind,
        number: input.number ?? null,
        issuer: input.issuer ?? null,
        issuedOn: input.issuedOn ?? null,
        expiresOn: input.expiresOn ?? null,
        note: input.note ?? null,
        createdByName: actor.name,
      });
      if (shopId)
        await recheck(
          scope,
          shopId,
          input.holderType === 'listing' ? { listingIds: [input.holderId] } : undefined,
        );
      return row;
    },

    async deleteDocument(actor: Actor, id: string) {
      const scope = scopeOf(actor);
      const row = await repo.deleteDocument(scope, id);
      if (!row) throw new AppError('NOT_FOUND', `document ${id} not found`);
      const shopId =
        row.holderType === 'supplier'
          ? null
          : await shopOfHolder(scope, row.holderType, row.holderId).catch(() => null);
      if (shopId)
        await recheck(
          scope,
          shopId,
          row.holderType === 'listing' ? { listingIds: [row.holderId] } : undefined,
        );
      return row;
    },

    async complaintLinks(
      actor: Actor,
      filter: { ticketId?: string | undefined; listingId?: string | undefined },
    ) {
      const rows = await complaints.linksWithSnapshots(scopeOf(actor), filter);
      return rows.map(({ link, version, externalId }) => ({
        ticketId: link.ticketId,
        listingId: link.listingId,
        listingExternalId: externalId,
        orderId: link.orderId,
        skuCode: link.skuCode,
        supplierId: link.supplierId,
        claim: link.claim,
        claimStart: link.claimStart,
        claimEnd: link.claimEnd,
        snapshot: toVersionView(version),
        seenAfter: link.seenAfter,
        linkedAt: link.createdAt,
      }));
    },

    mustListing: (actor: Actor, id: string) => mustListing(scopeOf(actor), id),
    mustShop: (actor: Actor, id: string) => mustShop(scopeOf(actor), id),
    contentOf,
    platformOf,
  };
}
