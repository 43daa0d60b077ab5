import type { TenantScope } from '../db/tenant-scope.js';
import * as complaints from './complaint-repo.js';
import * as repo from './listing-repo.js';
import { misleadingClaim } from './misleading-claim.js';
import { type RaiseTask, raiseTasks } from './task-repo.js';

export type ComplaintCase = {
  id: string;
  orderId: string | null;
  categories: readonly string[];
  subject: string;
};

export const LINKED_CATEGORIES = ['not_as_described'];

/**
 * The loop from complaint back to listing: a not-as-described case on an order is tied to the
 * version of each listing of the order's SKUs that was in force when the buyer paid, the claim the
 * buyer says was untrue is picked out, and a fix task for that claim is raised (one open task per listing and
 * claim, naming the first case that raised it). Idempotent: a case is linked once per listing.
 */
export async function linkComplaints(scope: TenantScope, cases: readonly ComplaintCase[], now: Date) {
  const relevant = cases.filter((c) => c.orderId && c.categories.some((x) => LINKED_CATEGORIES.includes(x)));
  if (!relevant.length) return [];
  const lines = await complaints.orderLines(scope, [...new Set(relevant.map((c) => c.orderId!))]);
  const words = await complaints.inboundText(
    scope,
    relevant.map((c) => c.id),
  );
  const links: Parameters<typeof complaints.insertLinks>[1] = [];
  const tasks: RaiseTask[] = [];
  for (const c of relevant) {
    const mine = lines.filter((l) => l.orderId === c.orderId);
    if (!mine.length) continue;
    const { shopId, paidAt, createdAt } = mine[0]!;
    const codes = mine.flatMap((l) => (l.skuCode ? [l.skuCode] : []));
    for (const listing of await repo.findListingsBySku(scope, shopId, codes)) {
      const found = await repo.versionAt(scope, listing.id, paidAt ?? createdAt);
      if (!found) continue;
      const line = mine.find((l) => l.skuCode && listing.skuCodes.includes(l.skuCode));
      const claim = misleadingClaim(found.version.content, `${c.subject}\n${words.get(c.id) ?? ''}`);
      links.push({
        ticketId: c.id,
        listingId: listing.id,
        listingVersion: found.version.version,
        seenAfter: found.seenAfter,
        orderId: c.orderId!,
        skuCode: line?.skuCode ?? null,
        supplierId: line?.supplierId ?? null,
        claim: claim?.text ?? null,
        claimStart: claim?.start ?? null,
        claimEnd: claim?.end ?? null,
        createdAt: now,
      });
      tasks.push({
        kind: 'fix_claim',
        dedupeKey: `fix_claim:${listing.id}:${claim?.text ?? '*'}`,
        shopId,
        listingId: listing.id,
        listingVersion: found.version.version,
        ticketId: c.id,
        skuCode: line?.skuCode ?? null,
        claim: claim?.text ?? null,
        data: {
          snapshotVersion: found.version.version,
          seenAfter: found.seenAfter,
          claimStart: claim?.start ?? null,
          claimEnd: claim?.end ?? null,
        },
      });
    }
  }
  await complaints.insertLinks(scope, links);
  await raiseTasks(scope, tasks, now);
  return links;
}
