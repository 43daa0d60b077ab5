// `npm run e2e -- imports`: the import wizard in Chromium — a GBK review export is detected, its
// columns mapped, imported with a bad row reported by line in Chinese, and importing it again
// skips every row; the history lists both runs and opens a report.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { checklist, chooseOption, launchBrowser, screenshot } from './_browser.js';
import { ensureConsoleBuilt, prepareDatabase, signUpByApi, startServer } from './_server.js';

const CSV =
  '评价日期,订单ID,商品ID,商品名称,商品规格,商品评价得分,评价内容,用户昵称\n' +
  '2024-11-11 10:00:00,1001,2001,电热水壶,1.8L,2,烧水有一股塑料味，不敢用,王***士\n' +
  '2024-11-11 11:00:00,1002,2001,电热水壶,1.8L,5,很好用,李***生\n' +
  '2024-11-11 12:00:00,1003,2001,电热水壶,1.8L,9,分数错了,张***三\n';

export default async function run(): Promise<boolean> {
  ensureConsoleBuilt();
  process.env.AFTERCARE_OPEN_SIGNUP = '1';
  const db = await prepareDatabase('imports');
  const server = await startServer(db);
  const browser = await launchBrowser();
  const dir = mkdtempSync(join(tmpdir(), 'aftercare-import-'));
  const file = join(dir, '评价导出-gbk.csv');
  writeFileSync(file, iconv.encode(CSV, 'gbk'));
  const { check, failures } = checklist();
  try {
    const { cookie, post } = await signUpByApi(server.url, 'imports', '导入测试店');
    await post('/shops', { platform: 'douyin', name: '抖店旗舰店', appKey: 'k', appSecret: 's' });
    const [name, value] = cookie.split('=');
    await browser.context.addCookies([{ name: name!, value: value!, url: server.url }]);
    const { page } = browser;

    const importOnce = async () => {
      await page.goto(`${server.url}/imports`);
      await page.getByTestId('import-wizard').waitFor();
      await chooseOption(page, '[data-testid=import-shop]', /./);
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByTestId('import-upload').click();
      await page.getByTestId('import-encoding').waitFor({ timeout: 15_000 });
      const encoding = (await page.getByTestId('import-encoding').textContent()) ?? '';
      await page.getByTestId('import-run').click();
      await page.getByTestId('import-report').waitFor({ timeout: 30_000 });
      return { encoding, report: (await page.getByTestId('import-report').textContent()) ?? '' };
    };

    const first = await importOnce();
    check(first.encoding.includes('gb18030'), `the GBK file is detected (${first.encoding})`);
    check(/已导入\s*2/.test(first.report), 'two rows imported');
    check(first.report.includes('评分 9 超出范围（1–5）'), 'the bad row is explained in Chinese');
    check(/\b4\b/.test(first.report), 'the bad row is reported by its line (4)');
    await screenshot(page, 'imports-report');

    const second = await importOnce();
    check(/已导入\s*0/.test(second.report), 'importing the same file again imports nothing');
    check(/已存在（跳过）\s*2/.test(second.report), 'and skips both rows as duplicates');

    const rows = page.locator('[data-testid=import-history] tbody tr.ant-table-row');
    await rows.first().waitFor();
    check((await rows.count()) === 2, 'the history lists both runs');
    await rows.last().click();
    await page.locator('.ant-drawer [data-testid=import-report]').waitFor({ timeout: 10_000 });
    check(true, 'a history row opens its report');
    await screenshot(page, 'imports-history');

    const cases = await fetch(`${server.url}/api/v1/tickets?kind=negative_review`, { headers: { cookie } });
    const items = ((await cases.json()) as { items: unknown[] }).items;
    check(items.length === 1, `one negative-review case from the 2-star review (got ${items.length})`);
    check(browser.errors.length === 0, `no console errors (${browser.errors.join(' | ')})`);
  } catch (error) {
    failures.push(String(error));
    console.error(error);
    await screenshot(browser.page, 'imports-failure').catch(() => {});
  } finally {
    await browser.close();
    await server.stop();
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(failures.length ? `imports e2e: ${failures.length} failed` : 'imports e2e: all passed');
  return failures.length === 0;
}
