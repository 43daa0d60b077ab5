// `npm run e2e -- privacy`: an admin looks at a buyer's full number (audited), erases the buyer's
// personal data from the case page, sets the retention period, and finds both acts in the access log.
import { checklist, launchBrowser, screenshot } from './_browser.js';
import { ensureConsoleBuilt, prepareDatabase, signUpByApi, startServer } from './_server.js';

export default async function run(): Promise<boolean> {
  ensureConsoleBuilt();
  process.env.AFTERCARE_OPEN_SIGNUP = '1';
  const db = await prepareDatabase('privacy');
  const server = await startServer(db);
  const browser = await launchBrowser();
  const { check, failures } = checklist();
  try {
    const a = await signUpByApi(server.url, 'privacy');
    const ticket = await a.post('/tickets', {
      kind: 'complaint',
      channel: 'platform_message',
      subject: '保温杯漏水',
      body: '保温杯盖子漏水，电话 13812345678',
      customer: { name: '王女士', phone: '13812345678' },
    });
    const [name, value] = a.cookie.split('=');
    await browser.context.addCookies([{ name: name!, value: value!, url: server.url }]);
    const { page } = browser;

    await page.goto(`${server.url}/tickets/${ticket.id}`);
    await page.getByTestId('reveal-phone').click();
    await page.getByText('13812345678').first().waitFor({ timeout: 10_000 });
    check(true, 'the admin sees the full number after asking for it');
    await screenshot(page, 'privacy-case-before');

    await page.getByTestId('erase-customer').click();
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText(/已删除该买家的个人信息/).waitFor({ timeout: 10_000 });
    await page.getByText('王**').first().waitFor({ timeout: 10_000 });
    check(true, 'the case shows the masked name after erasure');
    await screenshot(page, 'privacy-case-erased');

    await page.goto(`${server.url}/settings/privacy`);
    await page.getByTestId('retention-card').waitFor();
    await page.getByText('到期自动脱敏').click();
    await page
      .locator('input[data-testid="retention-days"], [data-testid="retention-days"] input')
      .first()
      .fill('180');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存保留期限').waitFor({ timeout: 10_000 });
    check(true, 'the retention period is saved');
    const log = await page.locator('.ant-card').filter({ hasText: '个人信息访问记录' }).innerText();
    check(
      log.includes('查看完整联系方式') && log.includes('删除个人信息'),
      'the access log lists the look and the erasure',
    );
    const erasures = await page.locator('.ant-card').filter({ hasText: '最近的删除记录' }).innerText();
    check(
      erasures.includes('买家申请') && erasures.includes('王**'),
      'the erasure is listed with its reason',
    );
    const card = await page.getByTestId('retention-card').innerText();
    check(!/[A-Za-z]{3,}/.test(card), 'the retention card is all Chinese');
    await screenshot(page, 'privacy-settings');
    check(browser.errors.length === 0, `no console errors (${browser.errors.join(' | ')})`);
  } catch (error) {
    failures.push(String(error));
    console.error(error);
    await screenshot(browser.page, 'privacy-failure').catch(() => {});
  } finally {
    await browser.close();
    await server.stop();
    await db.cleanup();
  }
  console.log(failures.length ? `privacy e2e: ${failures.length} failed` : 'privacy e2e: all passed');
  return failures.length === 0;
}
