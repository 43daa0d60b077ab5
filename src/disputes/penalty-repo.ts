import { eq } from 'drizzle-orm';
import { penalties } from '../db/schema/disputes.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type PenaltyRow = typeof penalties.$inferSelect;
export type NewPenalty = Omit<typeof penalties.$inferInsert, 'tenantId'>;

export async function insertPenalty(scope: TenantScope, row: NewPenalty): Promise<PenaltyRow> {
  const [created] = await scope.insert(penalties, row);
  if (!created) throw new Error('penalty insert returned nothing');
  return created;
}

/** One penalty per platform notice: a repeated notice finds the penalty it recorded. */
export const findPenaltyByExternalRef = (scope: TenantScope, platform: PenaltyRow['platform'], ref: string) =>
  scope.first(penalties, eq(penalties.platform, platform), eq(penalties.externalRef, ref));
