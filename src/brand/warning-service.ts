import { recordAudit } from '../audit/audit-repo.js';
import type { Actor } from '../auth/roles.js';
import type { Db } from '../db/client.js';
import { scopeTo } from '../db/tenant-scope.js';
import { AppError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { assessListings } from './assess.js';
import type { DraftLocale } from './defence-draft.js';
import * as listings from './listing-repo.js';
import { findAuthorisation, listFloors, updateAuthorisation } from './rights-repo.js';
import * as repo from './warning-repo.js';
import {
  draftWarning,
  followUpDue,
  WARNING_FOLLOW_UP_DAYS,
  type WarningOutcome,
  warningState,
} from './warning-rules.js';

export type WarningChannel = 'platform_message' | 'wechat' | 'phone' | 'email' | 'letter' | 'other';

export type WarningService = ReturnType<typeof createWarningService>;

/**
 * Price warnings to authorised resellers below their minimum price: recorded as the merchant sent
 * them (Aftercare sends nothing), followed up on a date, closed with what came of it. Withdrawing
 * the authorisation as the outcome revokes it in the portfolio.
 */
export function createWarningService({ db, clock }: { db: Db; clock: Clock }) {
  const scopeOf = (actor: Actor) => scopeTo(db, actor.tenantId);

  /** The listing, its standing and the reseller: refused unless the price check says "warn". */
  async function warnable(actor: Actor, listingId: string) {
    const scope = scopeOf(actor);
    const listing = await listings.findListing(scope, listingId);
    if (!listing) throw new AppError('BRAND_RECORD_NOT_FOUND', `listing ${listingId} not found`);
    const [assessed] = await assessListings(scope, [listing], clock.now());
    const a = assessed!;
    if (a.price.action !== 'warn_reseller' || !a.authorisationId || a.listing.priceFen === null) {
      throw new AppError(
        'UNPROCESSABLE',
        a.price.state !== 'below_floor'
          ? 'this listing is not below its minimum price: there is nothing to warn about'
          : 'the seller is not an authorised reseller of ours: a warning has no contract behind it (file a complaint on an IP ground instead)',
      );
    }
    const auth = (await findAuthorisation(scope, a.authorisationId))!;
    const [floor] = (await listFloors(scope, [listing.sku!])).filter(
      (f) => f.authorisationId === auth.id || f.authorisationId === null,
    );
    const earlier = await listings.warningsOf(scope, [listingId]);
    return { listing, auth, floorFen: a.price.floorFen!, productName: floor?.productName ?? '', earlier };
  }

  return {
    async draft(actor: Actor, listingId: string, locale: DraftLocale, followUpDays = WARNING_FOLLOW_UP_DAYS) {
      const w = await warnable(actor, listingId);
      return draftWarning(
        {
          partyName: w.auth.sellerName ?? w.auth.partyName,
          productName: w.productName,
          sku: w.listing.sku ?? '',
          priceFen: w.listing.priceFen!,
          floorFen: w.floorFen,
          url: w.listing.url,
          followUpDays,
          earlier: w.earlier.length,
        },
        locale,
      );
    },

    async record(
      actor: Actor,
      listingId: string,
      input: {
        message?: string | undefined;
        channel?: WarningChannel | undefined;
        followUpDays?: number | undefined;
        locale?: DraftLocale | undefined;
      },
    ) {
      const w = await warnable(actor, listingId);
      const days = input.followUpDays ?? WARNING_FOLLOW_UP_DAYS;
      const now = clock.now();
      const message =
        input.message?.trim() ||
        draftWarning(
          {
            partyName: w.auth.sellerName ?? w.auth.partyName,
            productName: w.productName,
            sku: w.listing.sku ?? '',
            priceFen: w.listing.priceFen!,
            floorFen: w.floorFen,
            url: w.listing.url,
            followUpDays: days,
            earlier: w.earlier.length,
          },
          input.locale ?? 'zh-CN',
        );
      const scope = scopeOf(actor);
      return scope.transaction(async (tx) => {
        const row = await listings.insertWarning(tx, {
          id: newId(),
          listingId,
          authorisationId: w.auth.id,
          priceFen: w.listing.priceFen!,
          floorFen: w.floorFen,
          message,
          channel: input.channel ?? 'platform_message',
          followUpDueAt: followUpDue(now, days),
          createdByName: actor.name,
          // The service's clock, as the follow-up date: prices seen after it are compared with it.
          createdAt: now,
        });
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'brand_listing',
              entityId: listingId,
              action: 'reseller_warned',
              after: { warningId: row.id },
            },
          ],
          now,
        );
        return row;
      });
    },

    /** Warnings with where each stands (the prices seen since it say whether the reseller complied). */
    async list(actor: Actor, open: boolean | undefined, limit: number) {
      const scope = scopeOf(actor);
      const rows = await repo.listWarnings(scope, open, limit);
      const ids = [...new Set(rows.map((r) => r.listingId))];
      const [ls, seen] = await Promise.all([
        listings.listingsByIds(scope, ids),
        listings.observationsOf(scope, ids),
      ]);
      const now = clock.now();
      return rows.map((w) => ({
        warning: w,
        listing: ls.find((l) => l.id === w.listingId) ?? null,
        state: warningState(
          { ...w, outcome: w.outcome as WarningOutcome | null },
          seen.filter((p) => p.listingId === w.listingId),
          now,
        ),
        round: rows.filter((x) => x.listingId === w.listingId && x.createdAt <= w.createdAt).length,
      }));
    },

    /** A listing's prices as seen over time, and the warnings sent about them: the price-control history. */
    async history(actor: Actor, listingId: string) {
      const scope = scopeOf(actor);
      const listing = await listings.findListing(scope, listingId);
      if (!listing) throw new AppError('BRAND_RECORD_NOT_FOUND', `listing ${listingId} not found`);
      const [prices, warned] = await Promise.all([
        listings.observationsOf(scope, [listingId]),
        listings.warningsOf(scope, [listingId]),
      ]);
      return { prices, warnings: warned };
    },

    async resolve(actor: Actor, id: string, input: { outcome: WarningOutcome; note?: string | undefined }) {
      const scope = scopeOf(actor);
      const w = await repo.findWarning(scope, id);
      if (!w) throw new AppError('BRAND_RECORD_NOT_FOUND', `warning ${id} not found`);
      if (w.outcome)
        throw new AppError('ILLEGAL_TRANSITION', `this warning is already closed (${w.outcome})`);
      const now = clock.now();
      return scope.transaction(async (tx) => {
        if (input.outcome === 'authorisation_revoked') {
          const auth = await findAuthorisation(tx, w.authorisationId);
          if (auth && !auth.revokedAt) await updateAuthorisation(tx, auth.id, { revokedAt: now });
        }
        const row = await repo.updateWarning(tx, id, {
          outcome: input.outcome,
          outcomeNote: input.note ?? '',
          resolvedAt: now,
          resolvedByName: actor.name,
        });
        await recordAudit(
          tx,
          actor,
          [
            {
              entityType: 'brand_listing',
              entityId: w.listingId,
              action: 'warning_closed',
              after: { warningId: id, outcome: input.outcome },
            },
          ],
          now,
        );
        return row ?? w;
      });
    },
  };
}
