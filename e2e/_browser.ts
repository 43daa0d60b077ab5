// Debian's chromium through playwright-core, headless: one chromium per process, a fresh context per flow.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, type Browser as ChromiumBrowser, chromium, type Page } from 'playwright-core';
import { plain } from './_flow.js';
import { REPO } from './_server.js';

export const ARTIFACTS = join(REPO, 'e2e', 'artifacts');

export type Browser = { context: BrowserContext; page: Page; errors: string[]; close: () => Promise<void> };

let chromiumProcess: Promise<ChromiumBrowser> | undefined;

/**
 * A fresh browser context (its own cookies, storage and cache, like a new profile) in the one
 * chromium this process starts: `npm run e2e -- all` starts chromium once, not once per flow.
 */
export async function launchBrowser(viewport = { width: 1440, height: 900 }): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  chromiumProcess ??= chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await (await chromiumProcess).newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // Charts draw without their entry animation, so a screenshot never catches one half drawn.
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400)
      errors.push(`http ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return { context, page, errors, close: () => context.close() };
}

/** Ends the process's chromium (run.ts, after the last flow). */
export async function closeChromium(): Promise<void> {
  const running = chromiumProcess;
  chromiumProcess = undefined;
  if (running) await (await running).close();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/** A side-menu entry (item or sub-menu title) by its exact visible text; icons add English names to the role name. */
/**
 * Switches the console's language from the header's menu and waits until the page says so
 * (`<html lang>`). A click's mousedown toggles the menu, and on a loaded machine Playwright's retried
 * click has shut it again, so the language never changed (console flow in CI): the switch is checked
 * and tried again.
 */
export async function switchLanguage(page: Page, to: 'en' | 'zh-CN'): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await page.getByTestId('lang-switch').click();
    try {
      await page.getByTestId(`lang-${to}`).click({ timeout: 5_000 });
      await page.waitForFunction((lang) => document.documentElement.lang === lang, to, { timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 2) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

export function menuItem(page: Page, text: string) {
  return page.locator('.ant-layout-sider .ant-menu').getByText(text, { exact: true });
}

/**
 * Picks an option in an antd Select (the first element matching `selector`, or the Select around it):
 * opened from the keyboard, the option clicked, then checked that the Select shows it. Not opened by
 * a click: a click's mousedown toggles the dropdown, and when Playwright's hit check of that click
 * fails on a loaded machine it clicks again — which shuts it (the recalls test timed out so in CI).
 * And a click on an option has been seen to leave the pick unmade and the dropdown open over the
 * modal's buttons: so the pick is checked (shown, or the dropdown closed) and tried again, and a
 * single Select still open is blurred.
 */
export async function chooseOption(page: Page, selector: string, optionText: string | RegExp): Promise<void> {
  const target = page.locator(selector).first();
  const root = (await target.evaluate((el) => el.tagName === 'INPUT'))
    ? target.locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]')
    : target;
  const input = root.locator('input').first();
  const multiple = await root.evaluate((el) => el.classList.contains('ant-select-multiple'));
  const option = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: optionText })
    .first();
  const picked = root.getByText(optionText);
  for (let attempt = 0; ; attempt++) {
    // A modal still opening moves the focus into itself when its animation ends, which closes a
    // dropdown opened before that.
    await page.waitForFunction(() => !document.querySelector('.ant-zoom-appear, .ant-zoom-enter'));
    await input.focus();
    if ((await input.getAttribute('aria-expanded')) !== 'true') await input.press('ArrowDown');
    try {
      await option.click({ timeout: 5_000 });
      // Done when the Select shows the pick, or has closed: a Select whose change asks for a
      // confirmation first (a status that opens a modal) shows the old value meanwhile. A multiple
      // Select stays open and a second click would take the pick back: one click.
      let settled = false;
      for (const until = Date.now() + 5_000; !settled && Date.now() < until; ) {
        settled =
          multiple || (await picked.count()) > 0 || (await input.getAttribute('aria-expanded')) !== 'true';
        if (!settled) await page.waitForTimeout(100);
      }
      if (!settled) throw new Error(`the Select did not take ${String(optionText)}`);
      break;
    } catch (error) {
      if (attempt >= 3) throw error;
      console.log(
        `    (chooseOption ${selector}: attempt ${attempt + 1} did not pick ${String(optionText)})`,
      );
    }
  }
  if (!multiple && (await input.getAttribute('aria-expanded')) === 'true') await input.blur();
}

/** Throws `what` unless `ok`: an assertion inside a step. */
export function check(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Error(what);
}

/** Checks that print and record their result and go on (for a browser test without steps). */
export function checklist() {
  const failures: string[] = [];
  const check = (ok: boolean, what: string) => {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
    if (!ok) failures.push(what);
  };
  return { check, failures };
}

export type StepResult = { name: string; ok: boolean; ms: number; error?: string };

/**
 * Named steps run in order, each printed with its time; after the first failure the rest are skipped
 * (and recorded as skipped), and the failure leaves a screenshot `<label>-failure-<step>.png`.
 */
export function stepRunner(page: Page, label: string) {
  const steps: StepResult[] = [];
  let failed = false;
  const step = async (name: string, fn: () => Promise<void>): Promise<void> => {
    if (failed) {
      steps.push({ name, ok: false, ms: 0, error: 'skipped after an earlier failure' });
      return;
    }
    const t0 = Date.now();
    try {
      await fn();
      steps.push({ name, ok: true, ms: Date.now() - t0 });
      console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
    } catch (error) {
      failed = true;
      const lines = plain(error instanceof Error ? error.message : String(error))
        .split('\n')
        .filter((l) => l.trim() !== '');
      const message = lines[0] ?? '';
      steps.push({ name, ok: false, ms: Date.now() - t0, error: message });
      // the first line, then the next few (Playwright's call log: what it was waiting for)
      console.log(`  ✗ ${name}: ${message}`);
      for (const line of lines.slice(1, 7)) console.log(`    │ ${line.slice(0, 300)}`);
      await screenshot(page, `${label}-failure-${name.replace(/\W+/g, '-')}`).catch(() => undefined);
    }
  };
  return { step, steps, failed: () => failed };
}
