// `npm run e2e -- search`: the header search box in Chromium — results as you type, safe highlights,
// keyboard navigation, metacharacters, the /search page, and another tenant's text never shown.
import { checklist, launchBrowser, screenshot } from './_browser.js';
import { ensureConsoleBuilt, prepareDatabase, signUpByApi, startServer } from './_server.js';

export default async function run(): Promise<boolean> {
  ensureConsoleBuilt();
  // Two tenants sign up through the API (open sign-up for this server only).
  process.env.AFTERCARE_OPEN_SIGNUP = '1';
  const db = await prepareDatabase('search');
  const server = await startServer(db);
  const browser = await launchBrowser();
  const { check, failures } = checklist();
  try {
    const a = await signUpByApi(server.url, 'shopa');
    const b = await signUpByApi(server.url, 'shopb');
    const cracked = await a.post('/tickets', {
      kind: 'complaint',
      channel: 'platform_message',
      subject: '手机有问题',
      body: '收到手机发现屏幕摔碎了 <script>window.__xss = 1</script><img src=x onerror="window.__xss=2">',
      severity: 'high',
    });
    await a.post('/tickets', {
      kind: 'complaint',
      channel: 'review',
      subject: '物流太慢',
      body: '等了一周，物流还没动',
    });
    await b.post('/tickets', {
      kind: 'complaint',
      channel: 'review',
      subject: 'B 店屏幕碎了',
      body: '另一家店的屏幕碎了',
    });

    const [name, value] = a.cookie.split('=');
    await browser.context.addCookies([{ name: name!, value: value!, url: server.url }]);
    const { page } = browser;
    await page.goto(`${server.url}/inbox?status=all`);
    const input = page.getByTestId('search-input');
    await input.waitFor();
    await input.click();

    await page.keyboard.type('屏幕 碎', { delay: 40 });
    const option = page.getByTestId('search-option');
    await option.first().waitFor({ timeout: 10_000 });
    const options = await option.allInnerTexts();
    check(options.length === 1, `one result for 屏幕 碎 (got ${options.length})`);
    check(!options.join('').includes('B 店'), "tenant B's case is not among tenant A's results");
    const marks = await page.locator('.search-panel mark').allInnerTexts();
    check(marks.includes('屏幕') && marks.includes('碎'), `matches are marked (${marks.join(',')})`);
    check(options[0]!.includes('<script>'), 'HTML in a message shows as text');
    check(
      (await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)) === undefined,
      'no script from a message runs',
    );
    await screenshot(page, 'search-typeahead');

    await page.keyboard.press('ArrowDown');
    check(
      (await option.first().getAttribute('aria-selected')) === 'true',
      'ArrowDown selects the first result',
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/tickets/${cracked.id}`, { timeout: 10_000 });
    check(true, 'Enter opens the selected case');

    await input.fill('');
    await input.click();
    await page.keyboard.type("&|!:*()'", { delay: 20 });
    await page.getByText('请输入文字或数字').waitFor({ timeout: 10_000 });
    check(true, 'tsquery metacharacters give a hint, not an error');

    await input.fill('物流');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search?q=*', { timeout: 10_000 });
    await page.getByTestId('search-result').first().waitFor({ timeout: 10_000 });
    check((await page.getByTestId('search-result').count()) === 1, 'the /search page lists the results');
    await screenshot(page, 'search-page');
    await page.locator('body').click({ position: { x: 5, y: 600 } });
    await page.keyboard.press('/');
    check(await input.evaluate((el) => el === document.activeElement), '"/" focuses the search box');

    // The inbox's own words filter: the queue narrowed to the cases holding them, in its SLA order.
    await page.goto(`${server.url}/inbox?status=all`);
    const words = page.getByTestId('filter-text');
    await words.fill('屏幕 碎');
    await words.press('Enter');
    await page.waitForURL(/\/inbox\?.*q=/, { timeout: 10_000 });
    const rows = page.locator('.inbox-table .ant-table-row');
    await page.waitForFunction(
      () => document.querySelectorAll('.inbox-table .ant-table-row').length === 1,
      undefined,
      { timeout: 10_000 },
    );
    const listed = await rows.allInnerTexts();
    check(
      listed.length === 1 && listed[0]!.includes('手机有问题'),
      `the inbox words filter keeps the one case holding them (${listed.length})`,
    );
    await screenshot(page, 'inbox-words-filter');
    check(browser.errors.length === 0, `no console errors (${browser.errors.join(' | ')})`);
  } catch (error) {
    failures.push(String(error));
    console.error(error);
    await screenshot(browser.page, 'search-failure').catch(() => {});
  } finally {
    await browser.close();
    await server.stop();
    await db.cleanup();
  }
  console.log(failures.length ? `search e2e: ${failures.length} failed` : 'search e2e: all passed');
  return failures.length === 0;
}
