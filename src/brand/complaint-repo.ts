import { asc, eq, inArray, ne, sql } from 'drizzle-orm';
import {
  brandComplaintAccounts,
  brandComplaintDueSort,
  brandComplaintEvents,
  brandComplaints,
  brandDefences,
  brandListings,
} from '../db/schema/brand.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type AccountRow = typeof brandComplaintAccounts.$inferSelect;
export type ComplaintRow = typeof brandComplaints.$inferSelect;
export type NewComplaint = Omit<typeof brandComplaints.$inferInsert, 'tenantId'>;
export type ComplaintEventRow = typeof brandComplaintEvents.$inferSelect;
export type DefenceRow = typeof brandDefences.$inferSelect;
export type NewDefence = Omit<typeof brandDefences.$inferInsert, 'tenantId'>;

export async function insertAccount(
  scope: TenantScope,
  row: Omit<typeof brandComplaintAccounts.$inferInsert, 'tenantId'>,
) {
  const [saved] = await scope.insertEach(brandComplaintAccounts, [row], {
    onConflict: {
      target: [brandComplaintAccounts.tenantId, brandComplaintAccounts.platform, brandComplaintAccounts.name],
      action: 'keep',
    },
  });
  return saved ?? null;
}
export const findAccount = (scope: TenantScope, id: string) =>
  scope.first(brandComplaintAccounts, eq(brandComplaintAccounts.id, id));
export const listAccounts = (scope: TenantScope) =>
  scope.select(brandComplaintAccounts, [], {
    orderBy: [asc(brandComplaintAccounts.platform), asc(brandComplaintAccounts.name)],
  });

export async function insertComplaint(scope: TenantScope, row: NewComplaint) {
  const [saved] = await scope.insert(brandComplaints, row);
  if (!saved) throw new Error('complaint insert returned nothing');
  return saved;
}
export const findComplaint = (scope: TenantScope, id: string) =>
  scope.first(brandComplaints, eq(brandComplaints.id, id));

export async function updateComplaint(scope: TenantScope, id: string, set: Partial<NewComplaint>) {
  const [row] = await scope.update(
    brandComplaints,
    { ...set, updatedAt: new Date() },
    eq(brandComplaints.id, id),
  );
  return row;
}

/** Complaints still alive on a listing (drafted or filed, not refused, withdrawn or reinstated). */
export const liveComplaintsOn = (scope: TenantScope, listingIds: string[]) =>
  listingIds.length
    ? scope.select(brandComplaints, [
        inArray(brandComplaints.listingId, listingIds),
        sql`${brandComplaints.status} not in ('rejected', 'reinstated', 'withdrawn')`,
      ])
    : Promise.resolve([]);

export type ComplaintFilter = {
  status?: ComplaintRow['status'][] | undefined;
  accountId?: string | undefined;
  listingId?: string | undefined;
};

/** The board: nearest deadline first, keyset-paged on (due, id). */
export function listComplaints(
  scope: TenantScope,
  filter: ComplaintFilter,
  cursor: { v: string | null; id: string } | null,
  limit: number,
) {
  const v = cursor
    ? cursor.v === null
      ? sql`'infinity'::timestamptz`
      : sql`${cursor.v}::timestamptz`
    : null;
  return scope.select(
    brandComplaints,
    [
      filter.status?.length ? inArray(brandComplaints.status, filter.status) : undefined,
      filter.accountId ? eq(brandComplaints.accountId, filter.accountId) : undefined,
      filter.listingId ? eq(brandComplaints.listingId, filter.listingId) : undefined,
      cursor && v ? sql`(${brandComplaintDueSort}, ${brandComplaints.id}) > (${v}, ${cursor.id})` : undefined,
    ],
    { orderBy: [asc(brandComplaintDueSort), asc(brandComplaints.id)], limit },
  );
}

/** What success rates are computed from: every complaint that left the draft stage. */
export const filedFacts = (scope: TenantScope) =>
  scope.db
    .select({
      status: brandComplaints.status,
      type: brandComplaints.type,
      platform: brandComplaints.platform,
      accountId: brandComplaints.accountId,
      submittedAt: brandComplaints.submittedAt,
      decidedAt: brandComplaints.decidedAt,
    })
    .from(brandComplaints)
    .where(scope.where(brandComplaints, ne(brandComplaints.status, 'draft')));

/** Links the pre-check kept back: watched, typed, never complained about. */
export const watchingTyped = (scope: TenantScope) =>
  scope.select(
    brandListings,
    [eq(brandListings.status, 'watching'), sql`${brandListings.infringement} is not null`],
    {
      limit: 20_000,
    },
  );

export const insertEvents = (
  scope: TenantScope,
  rows: Omit<typeof brandComplaintEvents.$inferInsert, 'tenantId'>[],
) => (rows.length ? scope.insertEach(brandComplaintEvents, rows, { returning: false }) : Promise.resolve([]));
export const eventsOf = (scope: TenantScope, complaintId: string) =>
  scope.select(brandComplaintEvents, [eq(brandComplaintEvents.complaintId, complaintId)], {
    orderBy: [asc(brandComplaintEvents.at), asc(brandComplaintEvents.id)],
  });

export async function insertDefence(scope: TenantScope, row: NewDefence) {
  const [saved] = await scope.insert(brandDefences, row);
  if (!saved) throw new Error('defence insert returned nothing');
  return saved;
}
export const findDefence = (scope: TenantScope, id: string) =>
  scope.first(brandDefences, eq(brandDefences.id, id));
export async function updateDefence(scope: TenantScope, id: string, set: Partial<NewDefence>) {
  const [row] = await scope.update(
    brandDefences,
    { ...set, updatedAt: new Date() },
    eq(brandDefences.id, id),
  );
  return row;
}
export const listDefences = (scope: TenantScope, openOnly: boolean) =>
  scope.select(brandDefences, [openOnly ? inArray(brandDefences.status, ['open', 'responded']) : undefined], {
    orderBy: [asc(brandDefences.responseDueAt), asc(brandDefences.id)],
    limit: 500,
  });
