// The inbox with 10,000 tickets: seeds one tenant (set-based SQL), loads the inbox in chromium, scrolls
// through thousands of rows with the mouse wheel and then the keyboard, and prints frame and scroll
// timings. Figures are reported, not asserted. Run: npm run e2e -- inbox-10k
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAuthService } from '../src/auth/auth-service.js';
import { openDatabase } from '../src/db/client.js';
import { systemClock } from '../src/shared/clock.js';
import { newId } from '../src/shared/ids.js';
import { ARTIFACTS, launchBrowser, screenshot } from './_browser.js';
import { ensureConsoleBuilt, prepareDatabase, startServer } from './_server.js';

const TICKETS = Number(process.env.E2E_INBOX_TICKETS ?? 10_000);
const EMAIL = 'load@example.com';
const PASSWORD = 'correct horse battery';

export async function seed(db: { dataDir: string; databaseUrl: string | undefined }) {
  const database = await openDatabase({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
  try {
    const auth = createAuthService({
      db: database.db,
      clock: systemClock,
      sessionTtlHours: 24,
      openSignup: false,
    });
    const { tenantId } = await auth.signup({
      tenantName: '万单压力测试店',
      email: EMAIL,
      password: PASSWORD,
      name: '压测客服',
    });
    const shops = [newId(), newId(), newId(), newId()];
    for (const [i, id] of shops.entries()) {
      await database.query(
        "insert into shops (tenant_id, id, platform, name) values ($1, $2, (array['douyin','pinduoduo','tiktok','taobao'])[$3], $4)",
        [tenantId, id, i + 1, ['抖店旗舰店', '拼多多专营店', 'TikTok US', '天猫旗舰店'][i]],
      );
    }
    await database.query(
      `insert into customers (tenant_id, id, shop_id, name)
       select $1::uuid, gen_random_uuid(), ($2::uuid[])[1 + g % 4], '买家' || lpad(g::text, 4, '0')
       from generate_series(1, 500) g`,
      [tenantId, shops],
    );
    const started = Date.now();
    await database.query(
      `insert into tickets (tenant_id, id, number, kind, channel, status, severity, subject, shop_id, customer_id,
                            categories, tags, sla_due_at, created_at, updated_at)
       select $1::uuid, gen_random_uuid(), g,
              (array['complaint','negative_review','inquiry','return_request'])[1 + g % 4],
              (array['live_chat','platform_message','review','after_sales'])[1 + (g / 4) % 4],
              (array['new','acknowledged','investigating','awaiting_customer','resolving','follow_up','closed'])[1 + g % 7],
              (array['low','normal','normal','normal','high','critical'])[1 + (g / 7) % 6],
              (array['收到的商品有破损，要求退款','物流三天没有更新','尺码不对想换货','差评：质量太差','发票什么时候开'])[1 + g % 5] || ' #' || g,
              ($2::uuid[])[1 + g % 4],
              c.ids[1 + g % 500],
              '{}', case when g % 9 = 0 then array['加急'] else '{}'::text[] end,
              now() + ((g * 7919) % 172800 - 20000) * interval '1 second',
              now() - g * interval '1 minute', now() - g * interval '1 minute'
       from generate_series(1, $3::int) g,
            (select array_agg(id order by name) as ids from customers where tenant_id = $1) c`,
      [tenantId, shops, TICKETS],
    );
    await database.query(
      `insert into tenant_counters (tenant_id, name, value) values ($1, 'ticket', $2)
       on conflict (tenant_id, name) do update set value = excluded.value`,
      [tenantId, TICKETS],
    );
    await database.query('analyze tickets');
    return { seedMs: Date.now() - started };
  } finally {
    await database.close();
  }
}

const SAMPLER = `(() => {
  window.__frames = [];
  window.__long = [];
  let last = performance.now();
  const loop = (t) => {
    window.__frames.push(t - last);
    last = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push(e.duration);
  }).observe({ entryTypes: ['longtask'] });
})()`;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => Math.round((s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0) * 10) / 10;
  return {
    frames: s.length,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: q(1),
    over50ms: s.filter((x) => x > 50).length,
  };
};

export default async function run(): Promise<boolean> {
  ensureConsoleBuilt();
  const db = await prepareDatabase('inbox10k');
  console.log(`e2e inbox-10k (${db.databaseUrl ? 'PostgreSQL' : 'PGlite'}): seeding ${TICKETS} tickets…`);
  const { seedMs } = await seed(db);
  const server = await startServer(db);
  const browser = await launchBrowser({ width: 1440, height: 900 });
  const { page } = browser;
  page.setDefaultTimeout(60_000);
  const figures: Record<string, unknown> = {
    engine: db.databaseUrl ? 'postgres' : 'pglite',
    tickets: TICKETS,
    seedMs,
  };
  let ok = false;
  try {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('邮箱').fill(EMAIL);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL('**/inbox');

    const takeFrames = () =>
      page.evaluate(`(() => {
        const out = { frames: window.__frames.slice(1), long: window.__long.slice() };
        window.__frames = [];
        window.__long = [];
        return out;
      })()`) as Promise<{ frames: number[]; long: number[] }>;

    const t0 = Date.now();
    await page.goto(`${server.url}/inbox?status=all`);
    await page.locator('.inbox-table .ant-table-row').first().waitFor();
    figures.firstRowsMs = Date.now() - t0;
    // Frame sampler and long-task observer inside the page (a string: tsx would inject helpers into a function).
    await page.evaluate(SAMPLER);
    const count = async () =>
      Number(
        ((await page.getByTestId('inbox-count').textContent()) ?? '')
          .replace(/\D+/g, ' ')
          .trim()
          .split(' ')[0],
      );

    // 1. Mouse wheel until every ticket is loaded (pages of 200 arrive as the end comes near).
    const box = await page
      .locator('.inbox-table .ant-table-body, .inbox-table .ant-table-tbody-virtual-holder')
      .first()
      .boundingBox();
    if (!box) throw new Error('no table body');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const wheelStart = Date.now();
    let wheels = 0;
    while ((await count()) < TICKETS && Date.now() - wheelStart < 240_000) {
      for (let i = 0; i < 20; i++) {
        await page.mouse.wheel(0, 600);
        await page.waitForTimeout(16);
        wheels++;
      }
    }
    figures.loadedByWheel = await count();
    figures.wheelSeconds = Math.round((Date.now() - wheelStart) / 100) / 10;
    figures.wheelSteps = wheels;
    // 60 px a row: ROW_HEIGHT of src/web/pages/inbox/ticket-table.tsx (two lines a row).
    figures.wheelRowsScrolled = Math.round((wheels * 600) / 60);
    const wheelFrames = await takeFrames();
    figures.wheelFrameMs = stats(wheelFrames.frames);
    figures.wheelLongTasks = {
      count: wheelFrames.long.length,
      maxMs: Math.round(Math.max(0, ...wheelFrames.long)),
    };
    figures.domRows = await page.locator('.inbox-table .ant-table-row').count();
    await screenshot(page, 'inbox-10k-scrolled');

    // 2. Back to the top, then the keyboard: 3,000 rows with j and PageDown.
    await page.mouse.move(5, 5);
    await page.keyboard.press('Home').catch(() => undefined);
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    const keyStart = Date.now();
    for (let i = 0; i < 1000; i++) await page.keyboard.press('j');
    const jMs = Date.now() - keyStart;
    const jFrames = await takeFrames();
    const pageStart = Date.now();
    for (let i = 0; i < 200; i++) await page.keyboard.press('PageDown');
    const pageDownMs = Date.now() - pageStart;
    const pdFrames = await takeFrames();
    const selected = await page.getByTestId('inbox-table').getAttribute('data-selected-number');
    figures.keyboard = {
      jPresses: 1000,
      msPerJ: Math.round((jMs / 1000) * 10) / 10,
      jFrameMs: stats(jFrames.frames),
      pageDownPresses: 200,
      msPerPageDown: Math.round((pageDownMs / 200) * 10) / 10,
      pageDownFrameMs: stats(pdFrames.frames),
      longTasks: jFrames.long.length + pdFrames.long.length,
      selectedRowIndex: 3000,
      selectedTicketNumberVisible: selected,
    };
    await screenshot(page, 'inbox-10k-keyboard');
    ok = figures.loadedByWheel === TICKETS && selected !== null;
  } catch (error) {
    await screenshot(page, 'inbox-10k-failure').catch(() => undefined);
    console.error(error instanceof Error ? error.message.split('\n')[0] : error);
    console.error(server.output().slice(-3000));
  } finally {
    await browser.close();
    await server.stop();
    await db.cleanup();
  }
  for (const e of browser.errors) console.log(`  ! ${e}`);
  console.log(JSON.stringify(figures, null, 2));
  writeFileSync(join(ARTIFACTS, `inbox-10k-${figures.engine}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  console.log(
    `e2e inbox-10k: ${ok ? 'PASS' : 'FAIL'} — ${figures.loadedByWheel} of ${TICKETS} loaded by scrolling`,
  );
  return ok;
}
