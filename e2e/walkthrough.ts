// Screenshots of every console page in zh-CN and en at 1366 px, against a running demo, for a person
// to look at (not a flow in `npm run e2e -- all`: it asserts nothing). It also lists what reads wrong
// in each language: Latin words on a Chinese screen, Chinese on an English one, raw i18n keys and
// minute durations past an hour.
//   PORT=5801 npm run demo -- --history-days 14     (once, on a fresh DATA_DIR)
//   PORT=5801 npx tsx e2e/walkthrough.ts [--only /care,/sla/reports] [--lang zh-CN|en] [--size 1366x768]
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
  'SKU SLA API CSV XLSX PDF P50 P90 CSAT ID IP URL HTTPS HTTP TikTok Shop Webhook webhook ml JJ JJJ JSON PNG JPG OK AppKey AppSecret Token token ECharts UTC GMT AM PM vs QPS KB MB GB TOP 618 FAQ Excel CPL FSL ISO'.split(
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

async function main() {
  const { page, close, errors } = await launchBrowser({ width, height });
  try {
    await page.goto(`${base}/login`);
    // On a loaded machine the first paint can take minutes.
    await page.getByLabel('邮箱').fill(values.email, { timeout: 300_000 });
    await page.getByLabel('密码').fill(values.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/inbox/, { timeout: 60_000 });
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
    }
  } finally {
    await close();
  }
  const out = join(ARTIFACTS, 'walkthrough-findings.txt');
  writeFileSync(
    out,
    `${findings.map((f) => `${f.lang}\t${f.page}\t${f.kind}\t${f.text}`).join('\n')}\n\n${errors.join('\n')}\n`,
  );
  console.log(`${findings.length} findings, ${errors.length} browser errors → ${out}`);
}

await main();
