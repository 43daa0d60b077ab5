import { asc, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { brandResellerWarnings } from '../db/schema/brand.js';
import type { TenantScope } from '../db/tenant-scope.js';
import type { WarningRow } from './listing-repo.js';

export type NewWarning = Omit<typeof brandResellerWarnings.$inferInsert, 'tenantId'>;

export const findWarning = (scope: TenantScope, id: string) =>
  scope.first(brandResellerWarnings, eq(brandResellerWarnings.id, id));

export async function updateWarning(scope: TenantScope, id: string, set: Partial<NewWarning>) {
  const [row] = await scope.update(brandResellerWarnings, set, eq(brandResellerWarnings.id, id));
  return row;
}

/** Open warnings by follow-up date (the overdue first), or closed ones newest first. */
export const listWarnings = (
  scope: TenantScope,
  open: boolean | undefined,
  limit: number,
): Promise<WarningRow[]> =>
  scope.select(
    brandResellerWarnings,
    [
      open === true ? isNull(brandResellerWarnings.outcome) : undefined,
      open === false ? isNotNull(brandResellerWarnings.outcome) : undefined,
    ],
    {
      orderBy:
        open === false
          ? [desc(brandResellerWarnings.resolvedAt), desc(brandResellerWarnings.id)]
          : [asc(brandResellerWarnings.followUpDueAt), desc(brandResellerWarnings.id)],
      limit,
    },
  );
