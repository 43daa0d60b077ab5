// Issue 13's acceptance, as a new user would try it, in Debian's chromium: a buyer claims a bracelet
// is fake and asks Pinduoduo to intervene; the agent records the intervention as a dispute, freezes
// the chat as evidence, uploads the authorisation letter and the purchase invoice, the checklist
// turns green, the bundle is downloaded (its manifest checked here: every exhibit's SHA-256 and each
// custody entry's hash), the outcome is recorded as won; then a Douyin penalty of 4 points arrives,
// the appeal is filed with evidence before its 7-day deadline and decided.
// Screenshots go to e2e/artifacts/disputes-*.png. Run: npm run e2e -- disputes
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { checkBundle } from '../src/disputes/bundle-check.js';
import { check, chooseOption, launchBrowser, screenshot, stepRunner } from './_browser.js';
import { apiCall, ensureConsoleBuilt, prepareDatabase, startServer } from './_server.js';

const PASSWORD = 'correct horse battery';

/** A small PDF standing in for a scanned letter or invoice. */
const aPdf = (text: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    'latin1',
  );

async function confirmPopover(page: Page) {
  await page.locator('.ant-popover:visible .ant-btn-primary').click();
}

async function uploadInPanel(page: Page, panel: string, kind: string, name: string, bytes: Buffer) {
  await chooseOption(page, `[data-testid=evidence-kind-${panel}]`, kind);
  const before = await page.locator(`[data-testid=evidence-panel-${panel}] .ant-table-row`).count();
  await page
    .locator(`[data-testid=evidence-panel-${panel}] input[type=file]`)
    .setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
  await page.locator(`[data-testid=evidence-panel-${panel}] .ant-table-row`).nth(before).waitFor();
}

export default async function run(): Promise<boolean> {
  ensureConsoleBuilt();
  const db = await prepareDatabase('disputes');
  const server = await startServer(db);
  const browser = await launchBrowser();
  const { page } = browser;
  page.setDefaultTimeout(30_000); // the machine is shared: allow slow moments
  const base = server.url;
  const { step, failed } = stepRunner(page, 'disputes');

  console.log(`e2e disputes on ${base} (${db.databaseUrl ? 'PostgreSQL' : 'PGlite'})`);
  const owner = page.request;
  const stamp = Date.now().toString(36);
  const email = `owner-${stamp}@example.com`;
  let ticketId = '';
  let disputeId = '';
  try {
    await step(
      'a Pinduoduo jewellery shop, an order for a silver bracelet and the buyer’s counterfeit claim',
      async () => {
        await apiCall(owner, base, 'POST', '/auth/signup', {
          tenantName: '银匠坊饰品',
          name: '店主',
          email,
          password: PASSWORD,
        });
        const shop = await apiCall<{ id: string }>(owner, base, 'POST', '/shops', {
          platform: 'pinduoduo',
          name: '银匠坊拼多多店',
          appKey: 'pdd_app',
          appSecret: 'pdd_secret_value',
        });
        await apiCall(owner, base, 'POST', '/shops', {
          platform: 'douyin',
          name: '银匠坊抖店',
          appKey: 'dy_app',
          appSecret: 'dy_secret',
        });
        const order = await apiCall<{ id: string }>(owner, base, 'POST', '/orders', {
          shopId: shop.id,
          externalId: `260302-${stamp}`,
          status: 'delivered',
          paidAt: new Date(Date.now() - 6 * 86_400_000).toISOString(),
          deliveredAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
          carrier: '圆通速递',
          trackingNo: 'YT8800112233',
          items: [
            {
              name: 'S925 银手镯 古法开口款',
              quantity: 1,
              unitPriceFen: 168_00,
              paidFen: 168_00,
              batch: 'AG2602',
            },
          ],
        });
        const ticket = await apiCall<{ id: string }>(owner, base, 'POST', '/tickets', {
          kind: 'platform_dispute',
          channel: 'platform_message',
          subject: '买家称手镯是假货，已申请平台介入',
          body: '你们这个手镯根本不是925银，戴了两天就发黑，是假货！我已经申请平台介入了。',
          shopId: shop.id,
          orderId: order.id,
          customer: { name: '陈女士' },
        });
        ticketId = ticket.id;
        await apiCall(owner, base, 'POST', `/tickets/${ticketId}/messages`, {
          direction: 'outbound',
          body: '您好，我们是品牌授权经销商，所有银饰均有检测证书和进货发票，银饰接触汗液氧化发黑属正常现象，可以用擦银布擦亮。',
        });
      },
    );

    await step('open the case’s evidence tab (signed up just now, so logged in)', async () => {
      await page.goto(`${base}/inbox`);
      await page.getByText('买家称手镯是假货').first().waitFor();
      await page.goto(`${base}/tickets/${ticketId}`);
      await page.getByRole('tab', { name: '证据' }).click();
      await page.getByTestId('case-disputes').waitFor();
      await screenshot(page, 'disputes-1-case-evidence-tab');
    });

    await step('record the Pinduoduo intervention as a counterfeit dispute from the case', async () => {
      await page.getByTestId('open-dispute').click();
      await chooseOption(page, '[data-testid=dispute-type]', '假货投诉');
      const form = page.getByTestId('open-dispute-form');
      check(
        (await form.textContent())?.includes('拼多多平台介入') ?? false,
        'the forum follows the shop: Pinduoduo',
      );
      await form.getByLabel('平台单号').fill(`PDD-ARB-${stamp}`);
      await form.getByLabel('原因').fill('买家称非 925 银');
      await form.getByLabel('买家诉求').fill('买家称手镯不是 925 银，要求退款并三倍赔偿');
      await form.getByLabel('我方说明').fill('本店为品牌授权经销商，附品牌授权书、进货发票与会话记录');
      await page.locator('.ant-modal:visible .ant-btn-primary').click();
      await page.waitForURL('**/disputes/*');
      disputeId = page.url().split('/disputes/')[1]!.split(/[?#]/)[0]!;
      await page.getByTestId('checklist').waitFor();
      check(
        (await page.getByTestId('checklist').getAttribute('data-complete')) === 'no',
        'the checklist starts red',
      );
      check(
        (await page.getByTestId('due-tag').first().textContent())?.includes('还剩') ?? false,
        'a deadline counts down',
      );
      await screenshot(page, 'disputes-2-dispute-opened-checklist-red');
    });

    await step('freeze the chat as evidence on the case', async () => {
      await page.goto(`${base}/tickets/${ticketId}`);
      await page.getByRole('tab', { name: '证据' }).click();
      await page.getByTestId('freeze-chat').click();
      await confirmPopover(page);
      await page
        .locator('[data-testid=evidence-panel-ticket] .ant-table-row', { hasText: '会话存证' })
        .waitFor();
      await page
        .locator('[data-testid=evidence-panel-order] .ant-table-row', { hasText: '订单存证' })
        .waitFor();
      await screenshot(page, 'disputes-3-chat-frozen');
    });

    await step(
      'upload the authorisation letter and the purchase invoice: the checklist turns green',
      async () => {
        await page.goto(`${base}/disputes/${disputeId}`);
        await page.getByTestId('checklist').waitFor();
        await uploadInPanel(
          page,
          'dispute',
          '品牌授权书',
          '品牌授权书-银匠坊.pdf',
          aPdf('authorisation letter'),
        );
        await uploadInPanel(page, 'dispute', '购货发票', '进货发票-2026-02.pdf', aPdf('purchase invoice'));
        await page.locator('[data-testid=checklist][data-complete=yes]').waitFor();
        await screenshot(page, 'disputes-4-checklist-green');
      },
    );

    await step('download the bundle and verify its manifest', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-bundle').click(),
      ]);
      const path = await download.path();
      const { manifest, problems } = await checkBundle(readFileSync(path));
      check(problems.length === 0, `bundle problems: ${problems.join('; ')}`);
      const kinds = manifest.exhibits.map((e) => e.kind).sort();
      check(
        JSON.stringify(kinds) ===
          JSON.stringify(['authorisation_letter', 'chat_record', 'invoice', 'order_record']),
        `exhibits: ${kinds.join(',')}`,
      );
      check(manifest.missing.length === 0, 'nothing is missing');
      check(download.suggestedFilename().endsWith('.zip'), 'a zip');
    });

    await step('mark it submitted and record the outcome as won', async () => {
      await page.getByTestId('submit-dispute').click();
      await page.getByTestId('decide-dispute').waitFor();
      await page.getByTestId('decide-dispute').click();
      await page.locator('.ant-modal:visible .ant-btn-primary').click();
      await page.getByTestId('dispute-outcome').filter({ hasText: '胜诉' }).waitFor();
      await screenshot(page, 'disputes-5-won');
    });

    let penaltyRow = '';
    await step(
      'a Douyin penalty of 4 points arrives: its 7-day appeal deadline shows in the queue',
      async () => {
        await page.goto(`${base}/penalties`);
        await page.getByTestId('new-penalty').click();
        const form = page.getByTestId('penalty-form');
        await form.getByTestId('penalty-points').fill('4');
        await form.getByTestId('penalty-reason').fill('商品材质描述与实物不符（虚假宣传）');
        await form.getByLabel('依据规则').fill('抖音电商商家违规行为管理规则');
        await form.getByLabel('整改事项（每行一项）').fill('修改商品详情页中的材质描述');
        await page.locator('.ant-modal:visible .ant-btn-primary').click();
        penaltyRow = '[data-testid=penalties-table] .ant-table-row';
        await page.locator(penaltyRow, { hasText: '4 分' }).waitFor();
        check(
          (await page.locator(penaltyRow).first().textContent())?.includes('6 天') ?? false,
          'about 7 days left to appeal',
        );
        await screenshot(page, 'disputes-7-penalty-queue');
      },
    );

    await step('appeal with evidence before the deadline, then record the decision', async () => {
      await page.locator(penaltyRow, { hasText: '4 分' }).first().click();
      await page.getByTestId('penalty-drawer').waitFor();
      await uploadInPanel(page, 'penalty', '检测报告', '银饰检测报告.pdf', aPdf('inspection report S925'));
      await page
        .getByTestId('appeal-text')
        .fill('商品经检测为 S925 银（附检测报告），详情页描述属实，申请撤销扣分。');
      await page.getByTestId('file-appeal').click();
      await page.getByTestId('record-decision').waitFor();
      await screenshot(page, 'disputes-8-appealed');
      await page.getByTestId('record-decision').click();
      await page.getByTestId('penalty-drawer-status').filter({ hasText: '撤销处罚' }).waitFor();
      await screenshot(page, 'disputes-9-appeal-decided');
    });

    await step('the disputes queue shows the win rate', async () => {
      await page.goto(`${base}/disputes`);
      await page.locator('.ant-card-head-title', { hasText: '胜诉率' }).waitFor({ state: 'attached' });
      await screenshot(page, 'disputes-6-queue-and-win-rate');
    });

    await step('the console stays in Chinese and shows no errors', async () => {
      const body = (await page.locator('body').textContent()) ?? '';
      check(
        !/undefined|NaN|\w+\.\w+\.\w+/.test(body.replace(/[\w.-]+@[\w.-]+|S925|\d+\.\d+/g, '')),
        'no raw keys on screen',
      );
      const errors = browser.errors.filter((e) => !e.includes('http 4'));
      check(errors.length === 0, `browser errors: ${errors.join(' | ')}`);
    });
  } finally {
    await browser.close();
    await server.stop();
    await db.cleanup();
  }
  console.log(failed() ? 'e2e disputes: FAILED' : 'e2e disputes: passed');
  return !failed();
}
