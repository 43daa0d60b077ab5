// Screenshots of every console page in zh-CN and en at 1366 px, against a running demo, for a person
// to look at (not a flow in `npm run e2e -- all`: it asserts nothing). It also lists what reads wrong
// in each language: Latin words on a Chinese screen, Chinese on an English one, raw i18n keys and
// minute durations past an hour.
//   PORT=5801 npm run demo -- --history-days 14     (once, on a fresh DATA_DIR)
//   PORT=5801 npx tsx e2e/walkthrough.ts [--only /care,/sla/reports] [--lang zh-CN|en] [--size 1366x768]
//   PORT=5801 npx tsx e2e/walkthrough.ts --journeys [--only none]   (also: an offer from proposal to
//   approval to the buyer's yes, and each shop's form with every section open)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser } from './_browser.js';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    lang: { type: 'string' },
    // The window, WIDTHxHEIGHT: a laptop's 1366x768 and a desktop's 1920x1080 are the ones to look at.
    size: { type: 'string', default: '1366x900' },
    email: { type: 'string', default: 'demo@aftercare.local' },
    password: { type: 'string', default: 'harbour-plum-tea-2718' },
    // The journeys (offer → approval → accepted; the shop forms) after the pages.
    journeys: { type: 'boolean', default: false },
    // The demo's agent (src/ingest/simulator/demo.ts), whose approval limit an offer goes over.
    agent: { type: 'string', default: 'lin@aftercare.local' },
    'agent-password': { type: 'string', default: 'plum-blossom-tea-2718' },
  },
});
const base = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;
const [width, height] = (/^(\d{3,4})x(\d{3,4})$/.exec(values.size)?.slice(1) ?? ['1366', '900']).map(
  Number,
) as [number, number];

/** The menu pages (src/web/app/nav.tsx) and one of each detail page, found from the demo's data. */
const PAGES = [
  '/inbox',
  '/tickets/new',
  '/tasks',
  '/approvals',
  '/sla/at-risk',
  '/knowledge',
  '/care',
  '/coaching',
  '/assistant',
  '/blocklist',
  '/search?q=充电器',
  '/quality',
  '/suppliers',
  '/recalls',
  '/disputes',
  '/penalties',
  '/shop-health',
  '/brand',
  '/imports',
  '/analytics',
  '/sla/reports',
  '/channels',
  '/channels/events',
  '/channels/failed',
  '/settings/sla',
  '/triage/report',
  '/settings/triage-lexicon',
  '/settings/templates',
  '/settings/playbooks',
  '/settings/reply-checks',
  '/settings/shops',
  '/settings/users',
  '/settings/privacy',
  '/settings/tokens',
];

// Words a Chinese merchant reads as they are (platform and trade terms, units, file kinds).
const LATIN_OK = new Set(
  'SKU SLA API CSV XLSX PDF CSAT ID IP URL HTTPS HTTP TikTok Shop Webhook webhook ml JJ JJJ JSON PNG JPG OK AppKey AppSecret Token token ECharts UTC GMT AM PM QPS KB MB GB TOP 618 FAQ Excel CPL FSL ISO'.split(
    ' ',
  ),
);

type Finding = { page: string; lang: string; kind: string; text: string };
const findings: Finding[] = [];

function inspect(page: string, lang: string, text: string) {
  const seen = new Set<string>();
  const add = (kind: string, t: string) => {
    const key = `${kind}|${t}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ page, lang, kind, text: t });
  };
  for (const line of text.split('\n')) {
    const l = line.trim();
    if (!l) continue;
    if (/\b[a-z][a-zA-Z]+[:.][a-z][a-zA-Z.]+\b/.test(l) && !/https?:|@|\.(com|local|cn)\b/.test(l))
      add('raw key?', l.slice(0, 120));
    if (/\d{2,}\s*分钟/.test(l)) {
      const m = Number(/(\d+)\s*分钟/.exec(l)?.[1]);
      if (m >= 120) add('minutes', l.slice(0, 120));
    }
    if (/\d{3,}\s*min\b/.test(l)) add('minutes', l.slice(0, 120));
    if (lang === 'zh-CN') {
      const words = (l.match(/[A-Za-z][A-Za-z_-]{2,}/g) ?? []).filter((w) => !LATIN_OK.has(w));
      if (words.length) add('latin', `${words.join(' ')}  ⟵  ${l.slice(0, 100)}`);
    } else if (/[\u4e00-\u9fff]/.test(l)) add('chinese', l.slice(0, 120));
  }
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 20_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300); // charts draw without animation (reduced motion); let them paint
}

async function shoot(page: Page, name: string, path: string, lang: string) {
  const file = join(ARTIFACTS, `walkthrough-${width}-${lang}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const text = await page
    .locator('main, .ant-layout-content')
    .first()
    // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps the lines apart, as seen
    .innerText()
    .catch(() => '');
  inspect(path, lang, text);
  console.log(`  ${lang} ${path} → ${file}`);
}

async function detailPages(page: Page): Promise<string[]> {
  const get = async (path: string) =>
    page.evaluate(async (p) => {
      const r = await fetch(p, { credentials: 'include' });
      return r.ok ? ((await r.json()) as Record<string, unknown>) : null;
    }, path);
  const found: string[] = [];
  const first = (b: Record<string, unknown> | null) => ((b?.items ?? []) as { id: string }[])[0]?.id;
  const ticket = first(await get('/api/v1/tickets?limit=1'));
  if (ticket) found.push(`/tickets/${ticket}`);
  const supplier = first(await get('/api/v1/suppliers'));
  if (supplier) found.push(`/suppliers/${supplier}`);
  const dispute = first(await get('/api/v1/disputes'));
  if (dispute) found.push(`/disputes/${dispute}`);
  const campaign = first(await get('/api/v1/recalls'));
  if (campaign) found.push(`/recalls/campaigns/${campaign}`);
  const order = first(await get('/api/v1/orders?limit=1'));
  if (order) found.push(`/orders/${order}`);
  return found;
}

async function login(page: Page, email: string, password: string) {
  await page
    .evaluate(() => fetch('/api/v1/auth/logout', { method: 'POST', credentials: 'include' }))
    .catch(() => 0);
  await page.goto(`${base}/login`);
  // On a loaded machine the first paint can take minutes.
  await page.getByLabel(/邮箱|E-mail/).fill(email, { timeout: 300_000 });
  await page.getByLabel(/密码|Password/).fill(password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/inbox/, { timeout: 60_000 });
}

/** A screenshot of an open dialog whole: the window grows to the dialog's height for the shot. */
async function shootDialog(page: Page, name: string, path: string, lang: string) {
  const dialog = page.locator('.ant-modal').last();
  const box = await dialog.boundingBox();
  if (box && box.height + 120 > height)
    await page.setViewportSize({ width, height: Math.ceil(box.height + 200) });
  await page.waitForTimeout(300);
  const file = join(ARTIFACTS, `walkthrough-${width}-${lang}-${name}.png`);
  await dialog.screenshot({ path: file });
  // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps the lines apart, as seen
  inspect(path, lang, await dialog.innerText().catch(() => ''));
  await page.setViewportSize({ width, height });
  console.log(`  ${lang} ${path} → ${file}`);
}

/** Each shop's form with every section open (the platform's own fields, reconcile feeds, reply limits). */
async function shopForms(page: Page, lang: string) {
  await page.goto(`${base}/settings/shops`);
  await settle(page);
  const edits = page.locator('.ant-table-row button:has(.anticon-edit)');
  const n = await edits.count();
  for (let i = 0; i < n; i++) {
    await edits.nth(i).click();
    await page.locator('.ant-modal').last().waitFor();
    const headers = page.locator('.ant-modal .ant-collapse-header[aria-expanded="false"]');
    while ((await headers.count()) > 0) await headers.first().click();
    await settle(page);
    await shootDialog(page, `shop-form-${i + 1}`, `/settings/shops#form${i + 1}`, lang);
    await page.keyboard.press('Escape');
    await page.locator('.ant-modal').last().waitFor({ state: 'hidden' });
  }
}

/**
 * An offer as a merchant's team makes it: the agent proposes a refund over their limit on an open
 * case with an order; the owner approves it in 待审批方案; the agent tells the buyer, then records
 * the buyer's yes. A screenshot at each step.
 */
async function offerJourney(page: Page, lang: string) {
  const get = async <T>(path: string) =>
    page.evaluate(async (p) => {
      const r = await fetch(p, { credentials: 'include' });
      return r.ok ? ((await r.json()) as T) : null;
    }, path);
  const open = await get<{ items: { id: string; orderId: string | null; status: string }[] }>(
    '/api/v1/tickets?status=open&limit=50',
  );
  // A case whose order is worth more than the agent's limit, so a partial refund of 60% waits for approval.
  let kase: { id: string } | undefined;
  let amount = 0;
  for (const c of open?.items ?? []) {
    if (!c.orderId) continue;
    const order = await get<{ totalFen: number }>(`/api/v1/orders/${c.orderId}`);
    if (order && order.totalFen >= 10_000) {
      kase = c;
      amount = Math.round((order.totalFen * 0.6) / 100);
      break;
    }
  }
  if (!kase) {
    console.log('  (no open case with an order over ¥100: the offer journey is skipped)');
    return;
  }
  const casePath = `/tickets/${kase.id}`;
  await login(page, values.agent, values['agent-password']);
  await page.evaluate((l) => localStorage.setItem('aftercare.locale', l), lang);
  await page.goto(`${base}${casePath}`);
  await settle(page);
  await page.getByTestId('offer-new').click({ timeout: 60_000 });
  await page.getByTestId('offer-remedy').click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: /^(部分退款|Partial refund)$/ })
    .click();
  await page.getByTestId('offer-amount').fill(String(amount));
  await page.getByTestId('offer-submit').click();
  await page.getByTestId('offer-round').first().waitFor({ timeout: 30_000 });
  await settle(page);
  await page.getByTestId('offer-panel').scrollIntoViewIfNeeded();
  await shoot(page, 'offer-1-proposed-by-agent', `${casePath}#offer-proposed`, lang);
  await login(page, values.email, values.password);
  await page.goto(`${base}/approvals`);
  await settle(page);
  await shoot(page, 'offer-2-approvals', '/approvals#waiting', lang);
  await page.getByTestId('approval-approve').first().click();
  await page.locator('.ant-popconfirm .ant-btn-primary').first().click();
  await settle(page);
  await shoot(page, 'offer-3-approved', '/approvals#approved', lang);
  await page.goto(`${base}${casePath}`);
  await settle(page);
  await page.getByTestId('offer-panel').scrollIntoViewIfNeeded();
  await shoot(page, 'offer-4-approved-untold', `${casePath}#offer-untold`, lang);
  await page.getByTestId('offer-tell-message').first().click();
  await page
    .locator('.ant-modal, .ant-popconfirm')
    .last()
    .waitFor({ timeout: 5000 })
    .catch(() => 0);
  await settle(page);
  await shoot(page, 'offer-5-told-by-message', `${casePath}#offer-told`, lang);
  // The platform's answer comes back through the outbox: then the buyer's yes may be recorded.
  await page.waitForTimeout(8000);
  await page.reload();
  await settle(page);
  const accept = page.getByTestId('offer-accept').first();
  if (await accept.isEnabled().catch(() => false)) {
    await accept.click();
    await page
      .locator('.ant-popconfirm .ant-btn-primary')
      .first()
      .click({ timeout: 3000 })
      .catch(() => 0);
    await settle(page);
  }
  await page.getByTestId('offer-panel').scrollIntoViewIfNeeded();
  await shoot(page, 'offer-6-after-the-buyer', `${casePath}#offer-accepted`, lang);
}

async function main() {
  const { page, close, errors } = await launchBrowser({ width, height });
  try {
    await login(page, values.email, values.password);
    const pages = [...PAGES, ...(await detailPages(page))].filter(
      (p) => !values.only || values.only.split(',').some((o) => p.startsWith(o)),
    );
    const langs = values.lang ? [values.lang] : ['zh-CN', 'en'];
    for (const lang of langs) {
      await page.evaluate((l) => localStorage.setItem('aftercare.locale', l), lang);
      for (const path of pages) {
        const name =
          path
            .replace(/[?=].*$/, '')
            .replace(/^\//, '')
            .replace(/\//g, '-') || 'home';
        await page.goto(`${base}${path}`);
        await settle(page);
        await shoot(page, name, path, lang);
        // Every tab of the page, each its own screenshot.
        const tabs = page.locator('.ant-tabs-nav .ant-tabs-tab');
        const n = await tabs.count();
        for (let i = 1; i < n; i++) {
          await tabs.nth(i).click();
          await settle(page);
          await shoot(page, `${name}-tab${i}`, `${path}#tab${i}`, lang);
        }
      }
      if (values.journeys) {
        await shopForms(page, lang);
        await offerJourney(page, lang);
      }
    }
  } finally {
    await close();
    // Written even when a step failed: what was seen up to there is worth reading.
    const out = join(ARTIFACTS, 'walkthrough-findings.txt');
    writeFileSync(
      out,
      `${findings.map((f) => `${f.lang}\t${f.page}\t${f.kind}\t${f.text}`).join('\n')}\n\n${errors.join('\n')}\n`,
    );
    console.log(`${findings.length} findings, ${errors.length} browser errors → ${out}`);
  }
}

await main();
