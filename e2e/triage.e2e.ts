// `npm run e2e -- triage`: triage in Chromium — the critical lane and chips (with their explanation on
// hover) in the inbox, masked PII and the correction control on the ticket page, the lexicon editor
// with try-it, and the corrections report.
import { checklist, launchBrowser, screenshot } from './_browser.js';
import { ensureConsoleBuilt, prepareDatabase, signUpByApi, startServer } from './_server.js';

export default async function run(): Promise<boolean> {
  ensureConsoleBuilt();
  process.env.AFTERCARE_OPEN_SIGNUP = '1';
  const db = await prepareDatabase('triage');
  const server = await startServer(db);
  const browser = await launchBrowser();
  const { check, failures } = checklist();
  try {
    const { cookie, post } = await signUpByApi(server.url, 'triage');
    const call = (path: string, body: unknown) => post<{ id: string; severity: string }>(path, body);
    const fire = await call('/tickets', {
      kind: 'complaint',
      channel: 'platform_message',
      subject: '充电器问题',
      body: '充电器起火冒烟了，我的电话13812345678 <script>window.__xss = 1</script>',
    });
    check(fire.severity === 'critical', 'a fire report is triaged critical');
    await call('/tickets', {
      kind: 'complaint',
      channel: 'review',
      subject: '物流',
      body: '物流太慢了，一个星期还没到',
    });

    const [name, value] = cookie.split('=');
    await browser.context.addCookies([{ name: name!, value: value!, url: server.url }]);
    const { page } = browser;
    await page.goto(`${server.url}/inbox`);
    const lane = page.getByTestId('critical-lane');
    await lane.waitFor({ timeout: 15_000 });
    check(
      (await lane.innerText()).includes('充电器问题'),
      'the critical case is in the lane above the inbox',
    );
    const chip = page.locator('[data-testid="inbox-table"] [data-category="logistics_delay"]').first();
    await chip.waitFor({ timeout: 10_000 });
    const title = (await chip.getAttribute('title')) ?? '';
    check(
      title.includes('依据') && title.includes('物流'),
      `a category chip explains itself on hover (${title})`,
    );
    await screenshot(page, 'triage-inbox');

    await page.goto(`${server.url}/tickets/${fire.id}`);
    const panel = page.getByTestId('triage-panel');
    await panel.waitFor({ timeout: 10_000 });
    check((await panel.innerText()).includes('安全隐患'), 'the ticket page shows the triage');
    // The thread loads after the panel; on a busy machine it may not be there yet.
    await page
      .getByText('138****5678')
      .first()
      .waitFor({ timeout: 60_000 })
      .catch(() => undefined);
    const body = await page.locator('body').innerText();
    check(
      body.includes('138****5678') && !body.includes('13812345678'),
      'the phone number is masked in the thread',
    );
    check(body.includes('<script>'), 'HTML in a message shows as text');
    await page.getByTestId('triage-correct').click();
    await page.getByRole('dialog').waitFor();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await page
      .getByText('已记录纠正')
      .or(page.getByText('已确认分诊结果'))
      .first()
      .waitFor({ timeout: 10_000 });
    check(true, 'an agent saves a correction');
    await screenshot(page, 'triage-ticket');

    await page.goto(`${server.url}/settings/triage-lexicon`);
    await page.getByTestId('lexicon-term').fill('缺角');
    await page.getByTestId('lexicon-category').click();
    await page.getByTitle('运输破损').click();
    await page.getByTestId('lexicon-add').click();
    await page.getByText('已添加“缺角”').waitFor({ timeout: 10_000 });
    await page.getByTestId('triage-try-text').fill('盒子缺角了，孩子误食了零件');
    await page.getByTestId('triage-try').click();
    const result = page.getByTestId('triage-try-result');
    await result.waitFor({ timeout: 10_000 });
    const text = await result.innerText();
    check(text.includes('运输破损') && text.includes('缺角'), 'try-it uses the new lexicon term');
    await screenshot(page, 'triage-lexicon');

    await page.goto(`${server.url}/triage/report`);
    await page.getByTestId('category-matrix').waitFor({ timeout: 10_000 });
    check(true, 'the corrections report shows the confusion matrix');
    await screenshot(page, 'triage-report');
    check(
      (await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)) === undefined,
      'no script from a message runs',
    );
    check(browser.errors.length === 0, `no console errors (${browser.errors.join(' | ')})`);
  } catch (error) {
    failures.push(String(error));
    console.error(error);
    await screenshot(browser.page, 'triage-failure').catch(() => {});
  } finally {
    await browser.close();
    await server.stop();
    await db.cleanup();
  }
  console.log(failures.length ? `triage e2e: ${failures.length} failed` : 'triage e2e: all passed');
  return failures.length === 0;
}
