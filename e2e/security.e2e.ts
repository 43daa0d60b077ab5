// `npm run e2e -- security`: the console runs under its Content Security Policy (no inline script,
// no framing) without a single violation — every page of the side menu, a case, the login page —
// and the policy really is enforced: an injected inline script is refused and reported.
import type { Page } from 'playwright-core';
import { checklist, launchBrowser } from './_browser.js';
import { ensureConsoleBuilt, prepareDatabase, signUpByApi, startServer } from './_server.js';

/** Pages of the side menu (src/web/app/nav.tsx) and the ones reached from them. */
const PAGES = [
  '/inbox',
  '/tickets/new',
  '/search?q=杯子',
  '/imports',
  '/analytics',
  '/sla/at-risk',
  '/sla/reports',
  '/settings/sla',
  '/triage/report',
  '/settings/triage-lexicon',
  '/quality',
  '/suppliers',
  '/tasks',
  '/approvals',
  '/blocklist',
  '/settings/templates',
  '/settings/playbooks',
  '/recalls',
  '/disputes',
  '/penalties',
  '/shop-health',
  '/brand',
  '/channels',
  '/channels/events',
  '/channels/failed',
  '/knowledge',
  '/care',
  '/assistant',
  '/settings/reply-checks',
  '/settings/shops',
  '/settings/users',
  '/settings/privacy',
  '/settings/tokens',
];

/** Collects CSP violations the page reports (a DevTools init script, which the policy does not cover). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => {
      seen.push(
        `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
  const fromConsole: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) fromConsole.push(m.text().slice(0, 300));
  });
  return async () => {
    const inPage = await page
      .evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])
      .catch(() => []);
    const all = [...inPage, ...fromConsole];
    fromConsole.length = 0;
    return all;
  };
}

export default async function run(): Promise<boolean> {
  ensureConsoleBuilt();
  process.env.AFTERCARE_OPEN_SIGNUP = '1';
  const db = await prepareDatabase('security');
  const server = await startServer(db);
  const browser = await launchBrowser();
  const { check, failures } = checklist();
  try {
    const { page } = browser;
    const violations = await watchViolations(page);

    const login = await page.goto(`${server.url}/login`);
    const csp = login?.headers()['content-security-policy'] ?? '';
    check(
      /script-src 'self'(;|$)/.test(csp) && csp.includes("frame-ancestors 'none'"),
      `the console is served with a CSP without inline script and no framing (${csp.slice(0, 80)}…)`,
    );
    check(login?.headers()['x-frame-options'] === 'DENY', 'X-Frame-Options: DENY');
    check(login?.headers()['x-content-type-options'] === 'nosniff', 'X-Content-Type-Options: nosniff');
    await page.locator('input').first().waitFor({ timeout: 30_000 });
    const onLogin = await violations();
    check(onLogin.length === 0, `the login page runs without a CSP violation ${onLogin.join(' | ')}`);

    // The policy is enforced, and the watcher would see a violation: an injected inline script.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.body.append(s);
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    await page.waitForTimeout(300);
    const injected = await violations();
    check(
      !ran && injected.length > 0,
      `an injected inline script is refused and reported (${injected[0] ?? 'none'})`,
    );

    const a = await signUpByApi(server.url, 'security');
    const ticket = await a.post('/tickets', {
      kind: 'complaint',
      channel: 'platform_message',
      subject: '保温杯漏水',
      body: '保温杯盖子漏水 <img src=x onerror=alert(1)> <script>alert(2)</script>',
      customer: { name: '王女士', phone: '13812345678' },
    });
    const [name, value] = a.cookie.split('=');
    await browser.context.addCookies([{ name: name!, value: value!, url: server.url }]);

    const dirty: string[] = [];
    for (const path of [...PAGES, `/tickets/${ticket.id}`]) {
      await page.goto(`${server.url}${path}`);
      await page.locator('.ant-layout').first().waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
      const found = await violations();
      if (found.length) dirty.push(`${path}: ${found.join(' | ')}`);
    }
    check(
      dirty.length === 0,
      `${PAGES.length + 1} console pages run without a CSP violation ${dirty.join('\n')}`,
    );
    // The last page is the case: its thread may still be loading on a busy machine.
    const alerted = await page
      .getByText('保温杯盖子漏水')
      .first()
      .waitFor({ timeout: 60_000 })
      .then(
        () => true,
        () => false,
      );
    check(alerted, 'the case with markup in its text is shown as text');

    const pageErrors = browser.errors.filter((e) => e.startsWith('pageerror'));
    check(pageErrors.length === 0, `no script errors ${pageErrors.slice(0, 3).join(' | ')}`);
  } finally {
    await browser.close();
    await server.stop();
    await db.cleanup();
  }
  console.log(failures.length ? `security e2e: ${failures.length} failed` : 'security e2e: all passed');
  return failures.length === 0;
}
