import type { EvidenceKind } from '../db/schema/evidence.js';
import type { TenantScope } from '../db/tenant-scope.js';
import { filedFacts } from './complaint-repo.js';
import { evidenceOf, type ListingRow, ownShops } from './listing-repo.js';
import { type Precheck, precheck } from './precheck.js';
import { judgePrice, type PriceJudgement, type SellerStanding } from './price-rules.js';
import { grantedAuthorisations, listFloors, type RightRow, rightsByIds } from './rights-repo.js';
import { ratesBy, type TypeHistory } from './success-rate.js';
import { isInForce } from './validity.js';

export type Assessed = {
  listing: ListingRow;
  standing: SellerStanding;
  /** The granted authorisation the seller holds, when it is an authorised reseller. */
  authorisationId: string | null;
  right: RightRow | null;
  evidence: { kind: EvidenceKind; sha256: string; createdAt: Date }[];
  precheck: Precheck;
  price: PriceJudgement;
};

const norm = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

/**
 * Everything the pre-check and the price check need for a page of listings, read in a handful of
 * queries: the rights named, the evidence filed, who the sellers are (our shops, our resellers),
 * the price floors and the success history per platform and type (or of one complaint account).
 */
export async function assessListings(
  scope: TenantScope,
  listings: ListingRow[],
  now: Date,
  account?: { id: string } | undefined,
): Promise<Assessed[]> {
  if (!listings.length) return [];
  const rightIds = [...new Set(listings.map((l) => l.rightId).filter((id): id is string => !!id))];
  const [rights, evidence, granted, shops, floors, facts] = await Promise.all([
    rightsByIds(scope, rightIds),
    evidenceOf(
      scope,
      'brand_listing',
      listings.map((l) => l.id),
    ),
    grantedAuthorisations(scope),
    ownShops(scope),
    listFloors(scope, [...new Set(listings.map((l) => l.sku).filter((s): s is string => !!s))]),
    filedFacts(scope),
  ]);
  const history = new Map<string, TypeHistory>(
    ratesBy(facts, (f) =>
      account ? (f.accountId === account.id ? f.type : null) : `${f.platform}|${f.type}`,
    ).map((r) => [r.key, { decided: r.decided, succeeded: r.succeeded }]),
  );
  const rightById = new Map(rights.map((r) => [r.id, r]));
  const inForce = granted.filter((a) => isInForce(a, now));

  return listings.map((listing) => {
    const own = shops.some(
      (s) =>
        s.platform === listing.platform &&
        ((listing.sellerId && s.externalShopId === listing.sellerId) ||
          norm(s.name) === norm(listing.sellerName)),
    );
    const reseller = inForce.find(
      (a) =>
        a.platform === listing.platform &&
        ((listing.sellerId && a.sellerId === listing.sellerId) ||
          (a.sellerName && norm(a.sellerName) === norm(listing.sellerName))),
    );
    const standing: SellerStanding = own ? 'own_shop' : reseller ? 'authorised' : 'unauthorised';
    const right = listing.rightId ? (rightById.get(listing.rightId) ?? null) : null;
    const items = evidence
      .filter((e) => e.subjectId === listing.id)
      .map((e) => ({ kind: e.kind as EvidenceKind, sha256: e.sha256, createdAt: e.createdAt }));
    const key = account ? (listing.infringement ?? '') : `${listing.platform}|${listing.infringement ?? ''}`;
    return {
      listing,
      standing,
      authorisationId: reseller?.id ?? null,
      right,
      evidence: items,
      precheck: precheck({
        listing,
        right,
        evidence: items,
        seller: own ? 'own_shop' : reseller ? 'authorised_reseller' : 'unknown',
        history: history.get(key) ?? { decided: 0, succeeded: 0 },
        now,
      }),
      price: judgePrice({
        priceFen: listing.priceFen,
        sku: listing.sku,
        standing,
        authorisationId: reseller?.id ?? null,
        floors: floors.map((f) => ({
          sku: f.sku,
          authorisationId: f.authorisationId,
          minPriceFen: f.minPriceFen,
        })),
      }),
    };
  });
}
