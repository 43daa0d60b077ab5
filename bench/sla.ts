import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import type { Database } from '../src/db/client.js';
import { fixedClock } from '../src/shared/clock.js';
import { newId } from '../src/shared/ids.js';
import { ALWAYS_OPEN, compileCalendar, DEFAULT_HOURS } from '../src/sla/calendar.js';
import { computeSla, type SlaTargets, type TimelineEvent } from '../src/sla/clock.js';
import { createSweeper } from '../src/sla/sweeper.js';
import { createTicketService } from '../src/tickets/ticket-service.js';
import { openBenchDatabase } from './_db.js';

const TICKETS = Number(process.env.BENCH_SLA_TICKETS ?? 1_000_000);
const TENANTS = Number(process.env.BENCH_SLA_TENANTS ?? 10);
const DUE_PER_MILLE = Number(process.env.BENCH_SLA_DUE_PER_MILLE ?? 1); // 0.1 % have crossed a threshold
const COMPUTATIONS = Number(process.env.BENCH_SLA_COMPUTATIONS ?? 300_000);

/**
 * Issue 4's benchmark. (1) Due-time computations per second on one core: the pure clock over
 * varied timelines on a Shanghai business calendar with holidays and 调休. (2) One sweep over
 * TICKETS open cases spread over TENANTS tenants, DUE_PER_MILLE ‰ of which have crossed a
 * warning or breach threshold, then an idle sweep (nothing due).
 */
export default async function run() {
  const compute = benchComputations();
  const database = await openBenchDatabase('sla');
  try {
    const sweep = await benchSweep(database);
    return { engine: database.engine, ...compute, ...sweep };
  } finally {
    await database.close();
  }
}

function benchComputations() {
  const business = compileCalendar({ timezone: 'Asia/Shanghai', hours: DEFAULT_HOURS, holidays: 'CN' });
  const always = compileCalendar(ALWAYS_OPEN);
  const targets: SlaTargets = {
    firstResponse: { minutes: 240, clock: 'business' },
    nextResponse: { minutes: 240, clock: 'business' },
    resolution: { minutes: 1440, clock: '24x7' },
  };
  const base = DateTime.fromISO('2025-01-01T00:00:00', { zone: 'Asia/Shanghai' }).toMillis();
  const span = 2 * 365 * 86_400_000;
  // A fixed pseudo-random spread of arrivals over 2025–2026 (nights, weekends, holidays).
  const timelines: TimelineEvent[][] = [];
  let seed = 42;
  const rand = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let i = 0; i < 1000; i++) {
    const at = base + Math.floor(rand() * span);
    const shape = i % 4;
    const events: TimelineEvent[] = [
      { type: 'opened', at },
      { type: 'inbound', at },
    ];
    if (shape >= 1) events.push({ type: 'outbound', at: at + 600_000, automatic: shape === 1 });
    if (shape >= 2) events.push({ type: 'inbound', at: at + 3_600_000 });
    if (shape === 3) {
      events.push({ type: 'status', at: at + 4_000_000, status: 'awaiting_customer' });
      events.push({ type: 'status', at: at + 90_000_000, status: 'investigating' });
    }
    timelines.push(events);
  }
  const calendars = { business, always };
  for (let i = 0; i < 20_000; i++)
    computeSla(targets, calendars, timelines[i % 1000]!, timelines[i % 1000]![0]!.at);
  const start = performance.now();
  let sink = 0;
  for (let i = 0; i < COMPUTATIONS; i++) {
    const t = timelines[i % 1000]!;
    sink += computeSla(targets, calendars, t, t[0]!.at + 7_200_000).dueAt ?? 0;
  }
  const seconds = (performance.now() - start) / 1000;
  const perSecond = Math.round(COMPUTATIONS / seconds);
  console.log(
    `due-time computations: ${COMPUTATIONS} in ${seconds.toFixed(2)} s = ${perSecond.toLocaleString()}/s on one core (checksum ${sink % 997})`,
  );
  return { computations: COMPUTATIONS, computationsPerSecond: perSecond };
}

async function benchSweep(database: Database) {
  const now = new Date('2026-03-10T02:00:00Z');
  const perTenant = Math.ceil(TICKETS / TENANTS);
  console.log(`engine: ${database.engine}; seeding ${perTenant * TENANTS} open cases in ${TENANTS} tenants…`);
  const seedStart = performance.now();
  const tenants: string[] = [];
  for (let t = 0; t < TENANTS; t++) {
    const tenantId = newId();
    tenants.push(tenantId);
    await database.query('insert into tenants (tenant_id, name) values ($1, $2)', [tenantId, `bench ${t}`]);
    const chunk = 100_000;
    for (let offset = 0; offset < perTenant; offset += chunk) {
      const upto = Math.min(perTenant, offset + chunk);
      // Set-based: one INSERT … SELECT generate_series per chunk; uuids from md5 (PostgreSQL 15 and PGlite).
      await database.query(
        `insert into tickets (tenant_id, id, number, kind, channel, status, severity, subject, sla_due_at, sla_state, created_at, updated_at)
         select $1::uuid, md5($1 || g::text)::uuid, g, 'inquiry', 'platform_message', 'new', 'normal', 'case ' || g,
                $2::timestamptz + ((g * 7919) % 172800) * interval '1 second', 'ok', $2::timestamptz, $2::timestamptz
         from generate_series($3::int, $4::int) g`,
        [tenantId, now, offset + 1, upto],
      );
      await database.query(
        `insert into ticket_sla (tenant_id, ticket_id, targets, first_warn_at, first_due_at, resolution_warn_at, resolution_due_at, state, updated_at)
         select $1::uuid, md5($1 || g::text)::uuid, '{}'::jsonb, w, d, w + interval '20 hours', d + interval '20 hours',
                'ok', $2::timestamptz
         from (
           select g,
                  case when g % 1000 < $5 then $2::timestamptz - interval '10 minutes'
                       else $2::timestamptz + ((g * 7919) % 172800) * interval '1 second' end as w,
                  case when g % 1000 < $5 / 2 then $2::timestamptz - interval '1 minute'
                       else $2::timestamptz + interval '1 hour' + ((g * 7919) % 172800) * interval '1 second' end as d
           from generate_series($3::int, $4::int) g
         ) s`,
        [tenantId, now, offset + 1, upto, DUE_PER_MILLE],
      );
    }
  }
  await database.query('analyze tickets');
  await database.query('analyze ticket_sla');
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const [{ n: open } = { n: 0 }] = await database.query<{ n: number }>(
    "select count(*)::int as n from tickets where status <> 'closed'",
  );
  const [{ n: dueRows } = { n: 0 }] = await database.query<{ n: number }>(
    'select count(*)::int as n from ticket_sla where next_check_at <= $1',
    [now],
  );
  console.log(`seeded ${open} open cases (${dueRows} due) in ${seedSeconds.toFixed(1)} s`);

  // No escalation rules here: the ticket service is only there because escalations go through it.
  const tickets = createTicketService({ db: database.db, clock: fixedClock(now) });
  const sweeper = createSweeper({ db: database.db, clock: fixedClock(now), tickets, batch: 5000 });
  const s1 = performance.now();
  const result = await sweeper.sweep(now);
  const sweepMs = performance.now() - s1;
  console.log(
    `sweep over ${open} open cases: ${sweepMs.toFixed(0)} ms — ${result.due} due clocks, ${result.warnings} warnings, ${result.breaches} breaches, ${result.notifications} notifications`,
  );
  const s2 = performance.now();
  const idle = await sweeper.sweep(now);
  const idleMs = performance.now() - s2;
  console.log(
    `idle sweep (nothing due, ${TENANTS} tenants): ${idleMs.toFixed(1)} ms; raised ${idle.warnings + idle.breaches}`,
  );

  // The same clocks again with a warm cache (in steady state the rows that fall due were touched
  // recently by their cases' hooks): reset what the first sweep raised and sweep once more.
  await database.query(`update ticket_sla set alerts = '{}', state = 'ok' where first_warn_at <= $1`, [now]);
  await database.query("update tickets set sla_state = 'ok' where sla_state <> 'ok'");
  await database.query('delete from sla_notifications');
  const s4 = performance.now();
  const warm = await sweeper.sweep(now);
  const warmSweepMs = performance.now() - s4;
  console.log(`warm repeat of the same sweep: ${warmSweepMs.toFixed(0)} ms — ${warm.due} due clocks`);

  // Catch-up: 30 minutes later about 1 % of the clocks have crossed a threshold. On PostgreSQL two
  // sweepers run at once: SKIP LOCKED splits the work and nothing is raised twice.
  const later = new Date(now.getTime() + 30 * 60_000);
  const sweepers =
    database.engine === 'postgres'
      ? [sweeper, createSweeper({ db: database.db, clock: fixedClock(later), tickets, batch: 5000 })]
      : [sweeper];
  const s3 = performance.now();
  const parts = await Promise.all(sweepers.map((s) => s.sweep(later)));
  const catchUp: Record<string, unknown> = {
    catchUpSweepers: sweepers.length,
    catchUpMs: Math.round(performance.now() - s3),
    catchUpDue: parts.reduce((n, p) => n + p.due, 0),
    catchUpRaised: parts.reduce((n, p) => n + p.warnings + p.breaches, 0),
    catchUpSplit: parts.map((p) => p.due),
  };
  const [{ n: dupes } = { n: 0 }] = await database.query<{ n: number }>(
    'select count(*)::int as n from (select tenant_id, dedupe_key from sla_notifications group by 1, 2 having count(*) > 1) d',
  );
  catchUp.duplicateNotifications = dupes;
  console.log(`catch-up sweep 30 min later: ${JSON.stringify(catchUp)}`);
  return {
    openTickets: open,
    tenants: TENANTS,
    dueAtSweep: dueRows,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    sweepMs: Math.round(sweepMs),
    sweep: result,
    idleSweepMs: Math.round(idleMs * 10) / 10,
    warmSweepMs: Math.round(warmSweepMs),
    ...catchUp,
  };
}
