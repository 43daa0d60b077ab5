import { gte, sql } from 'drizzle-orm';
import { tickets } from '../db/schema/tickets.js';
import type { TenantScope } from '../db/tenant-scope.js';

/**
 * Aspect mentions (tickets.triage.auto.aspects, written by the triage step) over the cases created
 * since a time, counted in the database: per aspect and polarity, and how many cases mention any.
 */
export async function aspectCountsSince(scope: TenantScope, since: Date) {
  const mentions = sql`jsonb_array_elements(coalesce(${tickets.triage}->'auto'->'aspects', '[]'::jsonb))`;
  const rows = await scope.db
    .select({
      aspect: sql<string>`e->>'aspect'`,
      polarity: sql<string>`e->>'polarity'`,
      n: sql<number>`count(*)::int`,
    })
    .from(sql`${tickets} cross join lateral ${mentions} as e`)
    .where(scope.where(tickets, gte(tickets.createdAt, since)))
    .groupBy(sql`1`, sql`2`);
  const [cases] = await scope.db
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(
      scope.where(
        tickets,
        gte(tickets.createdAt, since),
        sql`jsonb_array_length(coalesce(${tickets.triage}->'auto'->'aspects', '[]'::jsonb)) > 0`,
      ),
    );
  return { cases: cases?.n ?? 0, rows: rows.map((r) => ({ ...r, n: Number(r.n) })) };
}
