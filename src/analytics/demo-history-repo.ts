import { like } from 'drizzle-orm';
import { tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';

/** Whether the tenant already has its demo history (its cases carry `hist:` references). */
export const hasDemoHistory = async (scope: TenantScope) =>
  (await scope.first(tickets, like(tickets.externalRef, 'hist:%'))) !== undefined;
