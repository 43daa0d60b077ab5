// `npm run e2e -- sla`: the SLA console in Chromium — due times in the inbox, the countdown badge on the case,
// the automatic acknowledgement in the thread, the expected-wait action, the notifications bell,
// the policy editor with the defaults, and the reports page drawing real charts.
import { checklist, launchBrowser, screenshot } from './_browser.js';
import { ensureConsoleBuilt, prepareDatabase, signUpByApi, startServer } from './_server.js';

export default async function run(): Promise<boolean> {
  ensureConsoleBuilt();
  process.env.AFTERCARE_OPEN_SIGNUP = '1';
  const db = await prepareDatabase('sla');
  const server = await startServer(db);
  const browser = await launchBrowser();
  const { check, failures } = checklist();
  try {
    const { cookie, post } = await signUpByApi(server.url, 'sla');
    const chat = await post('/tickets', {
      kind: 'inquiry',
      channel: 'live_chat',
      // critical runs around the clock (1 h), so the case is due within the hour at any time of day
      severity: 'critical',
      subject: '尺码怎么选',
      body: '身高170穿什么码？',
    });
    await post('/tickets', {
      kind: 'complaint',
      channel: 'platform_message',
      subject: '杯子有裂缝',
      body: '收到就裂了',
    });

    const [name, value] = cookie.split('=');
    await browser.context.addCookies([{ name: name!, value: value!, url: server.url }]);
    const page = browser.page;

    await page.goto(`${server.url}/inbox`);
    // The inbox renders light cells (10,000 rows): the due column counts down with a class by urgency.
    await page.locator('.inbox-due-soon').first().waitFor({ timeout: 15_000 });
    check(
      (await page.locator('.inbox-due-soon').count()) >= 1,
      'the critical live chat due within the hour is marked due soon in the inbox',
    );

    await page.goto(`${server.url}/tickets/${chat.id}`);
    await page.getByTestId('sla-badge').first().waitFor({ timeout: 15_000 });
    const ack = page.getByText('您的消息我们已收到').first();
    await ack.waitFor({ timeout: 15_000 }).catch(() => undefined);
    check(await ack.isVisible(), 'the thread shows the automatic acknowledgement');
    check(
      await page.getByTestId('expected-wait').isVisible(),
      'the case page offers the expected-wait notice',
    );
    await screenshot(page, 'sla-ticket');

    await page.goto(`${server.url}/settings/sla`);
    await page.getByText('一般咨询').first().waitFor({ timeout: 15_000 });
    check((await page.locator('.ant-table-row').count()) === 6, 'the six default policies are listed');

    await page.goto(`${server.url}/sla/reports`);
    // No case here has a human answer yet: a chart with no point says why instead of drawing empty axes.
    await page.getByTestId('sla-chart-frt').waitFor({ timeout: 15_000 });
    const charts = page.locator('[data-testid^="sla-chart-"]');
    let drawnOrExplained = 0;
    for (const chart of await charts.all()) {
      const canvas = await chart.locator('canvas').count();
      const why = (await chart.locator('.ant-empty-description').allTextContents()).join(' ');
      if (canvas > 0 || /没有/.test(why)) drawnOrExplained += 1;
    }
    check(
      (await charts.count()) === 4 && drawnOrExplained === 4,
      'the reports page has four charts, each drawn or saying in Chinese why it has nothing to draw',
    );
    check(
      (await page.getByTestId('sla-csv').getAttribute('href'))?.includes('/api/v1/sla/reports/daily.csv') ===
        true,
      'the CSV export links to the report',
    );
    await screenshot(page, 'sla-reports');

    await page.goto(`${server.url}/sla/at-risk`);
    await page.getByText('#1').first().waitFor({ timeout: 15_000 });
    check(true, 'the due-soon page lists the critical live chat');
    check(
      await page.getByTestId('notifications-bell').isVisible(),
      'the notifications bell is in the header',
    );
    check(browser.errors.length === 0, `no console errors (${browser.errors.join(' | ')})`);
  } catch (error) {
    failures.push(String(error));
    console.error(error);
    await screenshot(browser.page, 'sla-failure').catch(() => {});
  } finally {
    await browser.close();
    await server.stop();
    await db.cleanup();
  }
  console.log(failures.length ? `sla e2e: ${failures.length} failed` : 'sla e2e: all passed');
  return failures.length === 0;
}
