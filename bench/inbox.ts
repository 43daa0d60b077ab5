import { scopeTo } from '../src/db/tenant-scope.js';
import { newId } from '../src/shared/ids.js';
import { listTickets } from '../src/tickets/ticket-repo.js';
import { openBenchDatabase } from './_db.js';
import { timeIt } from './_stats.js';

const PER_TENANT = Number(process.env.BENCH_INBOX_TICKETS ?? 100_000);

/**
 * Issue 2's inbox benchmark: 100,000 tickets (30% open) for each of two tenants; the first page of
 * open tickets by SLA due, and a page filtered by status + severity + shop.
 */
export default async function run() {
  const database = await openBenchDatabase('inbox');
  const engine = database.engine;
  console.log(`engine: ${engine}; seeding ${PER_TENANT} tickets for each of 2 tenants…`);
  const tenants = [newId(), newId()];
  const shopsByTenant: string[][] = [];
  const seedStart = Date.now();
  for (const tenantId of tenants) {
    await database.query('insert into tenants (tenant_id, name) values ($1, $2)', [
      tenantId,
      `bench ${tenantId.slice(0, 8)}`,
    ]);
    const shops = [newId(), newId(), newId(), newId()];
    shopsByTenant.push(shops);
    for (const [i, shopId] of shops.entries()) {
      await database.query(
        "insert into shops (tenant_id, id, platform, name) values ($1, $2, (array['douyin','pinduoduo','tiktok','taobao'])[$3], $4)",
        [tenantId, shopId, i + 1, `shop ${i}`],
      );
    }
    // Set-based seeding in chunks; uuids from md5 keep it on PostgreSQL 15 and PGlite alike.
    const chunk = 20_000;
    for (let offset = 0; offset < PER_TENANT; offset += chunk) {
      await database.query(
        `insert into tickets (tenant_id, id, number, kind, channel, status, severity, subject, shop_id, categories, tags,
                              sla_due_at, created_at, updated_at)
         select $1::uuid,
                md5($1 || g::text)::uuid,
                g,
                (array['complaint','negative_review','inquiry','return_request'])[1 + g % 4],
                (array['live_chat','platform_message','review','after_sales'])[1 + (g / 4) % 4],
                case when g % 10 < 3 then (array['new','acknowledged','investigating','awaiting_customer','resolving'])[1 + (g / 10) % 5]
                     else 'closed' end,
                (array['low','normal','normal','normal','high','critical'])[1 + (g / 7) % 6],
                'ticket ' || g,
                ($2::uuid[])[1 + g % 4],
                '{}', '{}',
                case when g % 13 = 0 then null else now() + ((g * 7919) % 172800) * interval '1 second' end,
                now() - (g % 100000) * interval '1 minute',
                now() - (g % 100000) * interval '1 minute'
         from generate_series($3::int, $4::int) g`,
        [tenantId, shops, offset + 1, Math.min(offset + chunk, PER_TENANT)],
      );
    }
    await database.query("insert into tenant_counters (tenant_id, name, value) values ($1, 'ticket', $2)", [
      tenantId,
      PER_TENANT,
    ]);
  }
  await database.query('analyze tickets');
  const seedSeconds = (Date.now() - seedStart) / 1000;
  console.log(`seeded in ${seedSeconds.toFixed(1)} s`);

  const scope = scopeTo(database.db, tenants[0]!);
  const shop = shopsByTenant[0]![1]!;
  const openFirstPage = await timeIt(() => listTickets(scope, { openOnly: true }, 'due', 50, null), 200);
  const filtered = await timeIt(
    () =>
      listTickets(
        scope,
        { statuses: ['investigating'], severities: ['high'], shopIds: [shop] },
        'due',
        50,
        null,
      ),
    200,
  );
  const page = await listTickets(scope, { openOnly: true }, 'due', 50, null);
  const deepCursor = await timeIt(
    () => listTickets(scope, { openOnly: true }, 'due', 50, page.nextCursor),
    200,
  );
  const createdSort = await timeIt(() => listTickets(scope, { openOnly: true }, 'created', 50, null), 200);

  const figures = {
    engine,
    ticketsPerTenant: PER_TENANT,
    tenants: 2,
    openShare: 0.3,
    seedSeconds,
    pageSize: 50,
    openFirstPageByDueMs: openFirstPage,
    filteredStatusSeverityShopMs: filtered,
    secondPageByCursorMs: deepCursor,
    openFirstPageByCreatedMs: createdSort,
    targets: { postgresP95Ms: 20, pgliteP95Ms: 60 },
  };
  console.table({
    'open, due first': openFirstPage,
    'status+severity+shop': filtered,
    'second page (cursor)': deepCursor,
    'open, newest first': createdSort,
  });
  await database.close();
  return figures;
}
