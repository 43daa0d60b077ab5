// The console as a new merchant uses it, in Debian's chromium: sign up, add a shop, log a case, find it
// in the inbox, open it, reply, move its status (and close it with a root cause), switch to English
// and back. Screenshots go to e2e/artifacts/. Run: npm run e2e
import type { Page } from 'playwright-core';
import { chooseOption, launchBrowser, menuItem, screenshot, stepRunner, switchLanguage } from './_browser.js';
import { ensureConsoleBuilt, prepareDatabase, startServer } from './_server.js';

const SUBJECT = `保温杯漏水，要求退货退款 ${Date.now().toString(36)}`;
let ticketUrl = '';
const REPLY = '您好，非常抱歉给您带来不便！请拍一张漏水位置的照片发给我们，我们马上为您处理。';

/** Clicks a menu item, opening its sub-menu first when it is closed. */
async function openMenu(page: Page, section: string, name: string): Promise<void> {
  const item = menuItem(page, name);
  if (!(await item.isVisible())) await menuItem(page, section).click();
  await item.click();
}

export default async function run(): Promise<boolean> {
  const started = Date.now();
  ensureConsoleBuilt();
  const db = await prepareDatabase('console');
  const server = await startServer(db);
  const browser = await launchBrowser();
  const { page } = browser;
  page.setDefaultTimeout(15_000);
  const { step, steps, failed } = stepRunner(page, 'console');

  console.log(`e2e console on ${server.url} (${db.databaseUrl ? 'PostgreSQL' : 'PGlite'})`);
  try {
    await step('first run shows sign-up', async () => {
      await page.goto(server.url);
      await page.waitForURL('**/signup');
      await page.getByText('创建商家账号').waitFor();
      await screenshot(page, '01-signup');
    });

    await step('sign up', async () => {
      await page.getByLabel('商家名称').fill('杭州好物旗舰店');
      await page.getByLabel('您的姓名').fill('王小明');
      await page.getByLabel('邮箱').fill('owner@example.com');
      await page.getByLabel('密码').fill('correct horse battery');
      await page.getByRole('button', { name: '创建并进入' }).click();
      await page.waitForURL('**/inbox');
      await page.getByRole('heading', { name: '工单列表' }).waitFor();
      await page.locator('.ant-empty').first().waitFor();
      await screenshot(page, '02-inbox-empty');
    });

    await step('add a shop', async () => {
      await openMenu(page, '设置', '店铺');
      await page.waitForURL('**/settings/shops');
      await page.getByTestId('shop-add').click();
      await chooseOption(page, '[data-testid=shop-platform]', '抖店');
      await page.getByTestId('shop-name').fill('好物抖音旗舰店');
      await page.getByTestId('shop-app-key').fill('dy_app_7d1c');
      await page.getByTestId('shop-app-secret').fill('s3cret-value-never-shown');
      await screenshot(page, '03-shop-form');
      await page.locator('#shop-save').click();
      await page.locator('.ant-table-row', { hasText: '好物抖音旗舰店' }).waitFor();
      await page.locator('.ant-table-row', { hasText: '已设置' }).waitFor();
      if (await page.getByText('s3cret-value-never-shown').count())
        throw new Error('the app secret is displayed');
      await screenshot(page, '04-shops');
    });

    await step('set the shop’s API gateway and access token', async () => {
      const row = page.locator('.ant-table-row', { hasText: '好物抖音旗舰店' });
      await row.getByRole('button', { name: /编\s*辑/ }).click();
      const modal = page.locator('.ant-modal:visible');
      await modal.getByText('高级 / 对接设置').click();
      await modal.getByTestId('shop-access-token-state').getByText('未设置').waitFor();
      await modal.getByTestId('shop-api-base-url').fill('ftp://gw.example.com');
      await page.locator('#shop-save').click();
      await modal.getByText('请输入以 http:// 或 https:// 开头的完整网址').waitFor();
      await modal.getByTestId('shop-api-base-url').fill('https://gw.example.com/open');
      await modal.getByText('请输入以 http:// 或 https:// 开头的完整网址').waitFor({ state: 'detached' });
      await modal.getByTestId('shop-access-token').fill('oauth-token-never-shown');
      await screenshot(page, '04b-shop-adapter-settings');
      await page.locator('#shop-save').click();
      await modal.waitFor({ state: 'hidden' });
      await row.getByTestId('shop-adapter-tags').getByText('令牌').waitFor();
      await row.getByRole('button', { name: /编\s*辑/ }).click();
      await modal.getByTestId('shop-access-token-state').getByText('已设置').waitFor();
      if ((await modal.getByTestId('shop-api-base-url').inputValue()) !== 'https://gw.example.com/open')
        throw new Error('the API base URL was not kept');
      if ((await modal.getByTestId('shop-access-token').inputValue()) !== '')
        throw new Error('the access token is read back into the form');
      if ((await page.content()).includes('oauth-token-never-shown'))
        throw new Error('the access token is shown');
      await page.waitForFunction(() => !document.querySelector('.ant-modal[class*="ant-zoom-appear"]'));
      await modal.getByTestId('shop-access-token-clear').scrollIntoViewIfNeeded();
      await screenshot(page, '04c-shop-token-set');
      await modal.getByRole('button', { name: /取\s*消/ }).click();
      await modal.waitFor({ state: 'hidden' });
    });

    await step('log a hotline case', async () => {
      await menuItem(page, '新建工单').click();
      await page.waitForURL('**/tickets/new');
      await chooseOption(page, '[data-testid=case-shop]', '好物抖音旗舰店');
      await page.getByTestId('case-subject').fill(SUBJECT);
      await page
        .getByTestId('case-body')
        .fill('买家来电：收到的保温杯杯盖处漏水，订单 2025112012345，要求退货退款。');
      await page.getByTestId('case-customer-name').fill('李女士');
      await page.getByTestId('case-customer-phone').fill('13812345678');
      await screenshot(page, '05-new-case');
      await page.getByTestId('case-submit').click();
      await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
      await page.getByTestId('ticket-subject').getByText(SUBJECT).waitFor();
      ticketUrl = page.url();
    });

    await step('find it in the inbox', async () => {
      await menuItem(page, '工单列表').click();
      await page.waitForURL('**/inbox');
      const row = page.locator('.inbox-table .ant-table-row', { hasText: SUBJECT });
      await row.waitFor();
      for (const text of ['李女士', '好物抖音旗舰店', '新建', '普通']) {
        if (!(await row.getByText(text).count())) throw new Error(`inbox row lacks "${text}"`);
      }
      await screenshot(page, '06-inbox');
    });

    await step('open it from the keyboard', async () => {
      await page.locator('body').press('j');
      await page.locator('[data-selected-number]:not([data-selected-number=""])').waitFor();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/);
      await page.getByTestId('ticket-subject').getByText(SUBJECT).waitFor();
      await page.getByTestId('customer-panel').getByText('李女士').waitFor();
    });

    await step('the admin reveals the full phone number', async () => {
      const panel = page.getByTestId('customer-panel');
      await panel.getByText('138****5678').waitFor();
      await panel.getByTestId('reveal-phone').click();
      await panel.getByText('13812345678').waitFor();
    });

    await step('reply to the buyer', async () => {
      await page.getByTestId('reply-input').fill(REPLY);
      await page.getByTestId('reply-input').press('Control+Enter');
      await page.locator('[data-direction=outbound] .thread-bubble', { hasText: REPLY }).waitFor();
      await screenshot(page, '07-ticket-reply');
    });

    await step('change the status', async () => {
      await chooseOption(page, '[data-testid=status-select]', '调查中');
      await page.locator('.ant-tag[data-status=investigating]').waitFor();
    });

    await step('close with a root cause', async () => {
      await chooseOption(page, '[data-testid=status-select]', '已关闭');
      await page.locator('.ant-modal').getByText('关闭工单').first().waitFor();
      await chooseOption(page, '.ant-modal [data-testid=root-cause]', '供应商质量问题');
      await page.locator('.ant-modal textarea').fill('已为买家办理退货退款，运费由商家承担。');
      await screenshot(page, '08-close-modal');
      await page.locator('#close-confirm').click();
      await page.locator('.ant-tag[data-status=closed]').waitFor();
      await page.getByRole('tab', { name: '操作记录' }).click();
      await page.getByText('关闭了工单').waitFor();
      await screenshot(page, '09-ticket-closed-audit');
    });

    await step('add a member and an API token', async () => {
      await openMenu(page, '设置', '成员');
      await page.waitForURL('**/settings/users');
      await page.getByRole('button', { name: '添加成员' }).click();
      const dialog = page.locator('.ant-modal:visible');
      await dialog.getByLabel('姓名').fill('赵客服');
      await dialog.getByLabel('邮箱').fill('agent@example.com');
      await dialog.getByLabel('初始密码').fill('river-dusk-guitar-48');
      await dialog.locator('.ant-btn-primary').click();
      await page.locator('.ant-table-row', { hasText: 'agent@example.com' }).waitFor();
      await screenshot(page, '11-members');
      await menuItem(page, 'API 令牌').click();
      await page.waitForURL('**/settings/tokens');
      await page.getByRole('button', { name: '创建令牌' }).click();
      await page.locator('.ant-modal:visible').getByLabel('名称').fill('ERP 同步');
      await page.locator('.ant-modal:visible .ant-btn-primary').click();
      const token = (await page.getByTestId('token-value').textContent()) ?? '';
      if (token.length < 20) throw new Error('the new token is not shown');
      await screenshot(page, '12-token-once');
      await page.getByRole('button', { name: '我已保存' }).click();
      await page.locator('.ant-table-row', { hasText: 'ERP 同步' }).waitFor();
      if (await page.getByText(token).count()) throw new Error('the token is still displayed after closing');
    });

    await step('the settings and report pages read Chinese, not our codes', async () => {
      // Words that once leaked onto these Chinese screens: the templates' language switch (zh-CN / en),
      // each template's code, P50 / P90 and "vs" in the reports.
      const leaks = ['zh-CN', 'first_apology', 'P50', 'P90', ' vs '];
      for (const [path, heading] of [
        ['/settings/templates', '回复模板'],
        ['/triage/report', '自动分诊与客服纠正对比'],
        ['/sla/reports', 'SLA 报表'],
        ['/settings/reply-checks', '回复检查规则'],
      ] as const) {
        await page.goto(new URL(path, server.url).href);
        await page.getByText(heading, { exact: true }).first().waitFor();
        await page.waitForLoadState('networkidle');
        // biome-ignore lint/performance/useDomNodeTextContent: innerText is what the merchant reads
        const text = await page.locator('.ant-layout-content').first().innerText();
        const found = leaks.filter((w) => text.includes(w));
        if (found.length) throw new Error(`${path} shows ${found.join(', ')}`);
      }
      // The reply-check rules' long citations once squeezed each rule's name to one character a line.
      const nameCell = page.locator('.ant-table-row').first().locator('td').nth(1);
      const width = (await nameCell.boundingBox())?.width ?? 0;
      if (width < 200) throw new Error(`a reply-check rule's name column is ${width} px wide`);
      await screenshot(page, '12b-reply-check-rules');
      // Back where the steps below have always started: a short page, scrolled to the top.
      await page.goto(new URL('/settings/tokens', server.url).href);
      await page.locator('.ant-table-row', { hasText: 'ERP 同步' }).waitFor();
    });

    await step('log out and log in again', async () => {
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL('**/login');
      await page.getByText('登录售后工作台').waitFor();
      await page.getByLabel('邮箱').fill('owner@example.com');
      await page.getByLabel('密码').fill('wrong password');
      await page.locator('form button[type=submit]').click();
      await page.getByText('邮箱或密码错误').waitFor();
      await screenshot(page, '13-login-failed');
      await page.getByLabel('密码').fill('correct horse battery');
      await page.locator('form button[type=submit]').click();
      await page.waitForURL('**/inbox');
    });

    await step('switch to English and back', async () => {
      await page.goto(ticketUrl);
      await page.getByRole('tab', { name: '操作记录' }).click();
      await switchLanguage(page, 'en');
      await page.getByRole('tab', { name: 'Activity' }).waitFor();
      await page.getByText('closed the ticket').waitFor();
      // The shop line (name · platform, longer in English) once ran past the customer card's edge.
      const overrun = await page.getByTestId('customer-panel').evaluate((card) => {
        const edge = card.getBoundingClientRect().right;
        return [...card.querySelectorAll('td')].filter((c) => c.getBoundingClientRect().right > edge + 1)
          .length;
      });
      if (overrun) throw new Error(`${overrun} lines of the English customer card run past its edge`);
      await menuItem(page, 'Inbox').click();
      await page.getByRole('heading', { name: 'Inbox' }).waitFor();
      await chooseOption(page, '[data-testid=filter-status]', /^Closed$/);
      await page
        .locator('[data-testid=filter-status] .ant-select-selection-item', { hasText: 'Open' })
        .waitFor({ state: 'detached' });
      await page.locator('.inbox-table .ant-table-row', { hasText: SUBJECT }).waitFor();
      await page.keyboard.press('Escape');
      await page.waitForTimeout(400);
      await screenshot(page, '10-inbox-english');
      await page.reload();
      await page.getByRole('heading', { name: 'Inbox' }).waitFor(); // the choice persists
      // The reply-check rules cite Chinese laws and platform rules: in English, named in English.
      await page.goto(new URL('/settings/reply-checks', server.url).href);
      await page.getByTestId('rule-source').first().waitFor();
      const chinese = (await page.getByTestId('rule-source').allInnerTexts()).filter((s) =>
        /\p{Script=Han}/u.test(s),
      );
      if (chinese.length) throw new Error(`English reply-check sources in Chinese: ${chinese.join(' | ')}`);
      await menuItem(page, 'Inbox').click();
      await page.getByRole('heading', { name: 'Inbox' }).waitFor();
      await switchLanguage(page, 'zh-CN');
      await page.getByRole('heading', { name: '工单列表' }).waitFor();
    });
  } finally {
    await browser.close();
    await server.stop();
    await db.cleanup();
  }

  const pageErrors = browser.errors.filter((e) => e.startsWith('pageerror'));
  for (const e of browser.errors) console.log(`  ! ${e}`);
  const passed = steps.filter((s) => s.ok).length;
  const ok = !failed() && pageErrors.length === 0;
  console.log(
    `e2e console: ${ok ? 'PASS' : 'FAIL'} — ${passed} passed, ${steps.length - passed} failed, ${pageErrors.length} page errors, ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in e2e/artifacts/`,
  );
  return ok;
}
