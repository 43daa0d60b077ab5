import { eq } from 'drizzle-orm';
import { analyticsFeedback } from '../db/schema/analytics.js';
import { tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';

export type FeedbackRow = typeof analyticsFeedback.$inferSelect;

export const ticketExists = async (scope: TenantScope, id: string) =>
  Boolean(await scope.first(tickets, eq(tickets.id, id)));

export const insertFeedback = async (scope: TenantScope, row: Omit<FeedbackRow, 'tenantId' | 'createdAt'>) =>
  (await scope.insert(analyticsFeedback, row))[0]!;
