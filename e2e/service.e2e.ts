// Issue 19 as an agent's and a supervisor's day, in Debian's chromium. Morning, the agent: a buyer asks
// "我的快递到哪了" on live chat and has the tracking status at once, marked automatic, as the only first
// reply; "这个杯子能装开水吗" is answered from the product's article; "你们是不是骗子" goes to a person,
// whose draft "你自己不会用怪谁" is stopped with the reason; the agent is in training, so the polite reply
// waits for approval. The supervisor: approves it, reviews the agent's closed cases on the scorecard and
// marks an example, runs care after delivery (usage tips link, hold-out group) and reads the hold-out
// comparison. Afternoon, the agent sends a care message by hand and reads the examples. Then the console
// in English. Screenshots: e2e/artifacts/service-*.png. Run: npm run e2e -- service
import { check, chooseOption, launchBrowser, screenshot, stepRunner } from './_browser.js';
import { apiCall, ensureConsoleBuilt, prepareDatabase, startServer } from './_server.js';

const PASSWORD = 'plum-blossom-tea-2718';
const DAY = 86_400_000;
// Keys of this feature's namespaces, should one ever show instead of its text.
const RAW_KEY =
  /\b(?:care|coaching|assistant|replycheck):|\b(?:tabs|group|state|skip|report|settings|products|columns|parts|example|status|reply)\.[a-zA-Z_]+/;

export default async function run(): Promise<boolean> {
  ensureConsoleBuilt();
  process.env.AFTERCARE_OPEN_SIGNUP = '1';
  const db = await prepareDatabase('service');
  const given = process.env.E2E_SERVER_URL;
  const server = given ? { url: given, stop: async () => undefined } : await startServer(db);
  const browser = await launchBrowser();
  const { page } = browser;
  page.setDefaultTimeout(30_000);
  const base = server.url;
  const api = page.request;
  const req = <T = Record<string, unknown>>(m: 'GET' | 'POST' | 'PUT' | 'PATCH', p: string, d?: unknown) =>
    apiCall<T>(api, base, m, p, d);
  const login = (email: string) => req('POST', '/auth/login', { email, password: PASSWORD });
  const { step, failed } = stepRunner(page, 'service');
  const noRawKeys = async (where: string) => {
    const text = await page.locator('main, .ant-layout-content').first().innerText();
    const hit = text.match(RAW_KEY);
    check(!hit, `${where}: raw key ${hit?.[0]}`);
  };

  console.log(`e2e service on ${base}${given ? '' : ` (${db.databaseUrl ? 'PostgreSQL' : 'PGlite'})`}`);
  const stamp = Date.now().toString(36);
  const emails = {
    admin: `owner-${stamp}@example.cn`,
    agent: `xiaoli-${stamp}@example.cn`,
    supervisor: `wang-${stamp}@example.cn`,
  };
  const ids: Record<string, string> = {};
  try {
    await step(
      'the shop is set up: product, usage article, orders, the assistant and care switched on',
      async () => {
        await req('POST', '/auth/signup', {
          tenantName: '杯具生活馆',
          email: emails.admin,
          password: PASSWORD,
        });
        const agent = await req('POST', '/users', {
          email: emails.agent,
          name: '小李',
          role: 'agent',
          password: PASSWORD,
        });
        await req('POST', '/users', {
          email: emails.supervisor,
          name: '王主管',
          role: 'supervisor',
          password: PASSWORD,
        });
        ids.agent = String(agent.id);
        ids.shop = String(
          (
            await req('POST', '/shops', {
              platform: 'douyin',
              name: '杯具生活馆抖店',
              appKey: 'k',
              appSecret: 's',
            })
          ).id,
        );
        const product = await req<{ id: string; skus: { id: string }[] }>('POST', '/products', {
          name: '玻璃保温杯',
          shopId: ids.shop,
          category: '家居/杯具',
          skus: [{ code: 'CUP-400', name: '保温杯 400ml', priceFen: 89_00 }],
        });
        ids.product = product.id;
        ids.sku = product.skus[0]!.id;
        const article = await req('POST', '/kb/articles', {
          productId: ids.product,
          kind: 'usage',
          locale: 'zh-CN',
          title: '玻璃保温杯使用说明',
          body: '## 使用方法\n首次使用前请用温水清洗。\n\n- 可以装开水，杯身耐热120℃\n- 不可放入微波炉\n- 倒开水前先用温水预热杯身',
        });
        await req('PATCH', `/kb/articles/${article.id}`, { status: 'published' });
        ids.customer = String(
          (await req('POST', '/customers', { name: '林女士', shopId: ids.shop, externalId: 'buyer-lin' })).id,
        );
        ids.order = String(
          (
            await req('POST', '/orders', {
              shopId: ids.shop,
              externalId: `DY${stamp}1`,
              customerId: ids.customer,
              status: 'shipped',
              paidAt: new Date(Date.now() - 2 * DAY).toISOString(),
              shippedAt: new Date(Date.now() - DAY).toISOString(),
              carrier: '中通快递',
              trackingNo: 'ZT7700112233',
              items: [{ skuId: ids.sku, name: '保温杯 400ml', quantity: 1, unitPriceFen: 89_00 }],
            })
          ).id,
        );
        await req('PUT', '/assistant/settings', {
          enabled: true,
          threshold: 0.75,
          channels: ['live_chat', 'platform_message'],
          intents: [
            'where_is_parcel',
            'ship_time',
            'return_how',
            'size_fit',
            'invoice',
            'how_to_use',
            'is_genuine',
          ],
          shipWithinHours: 48,
          publicBaseUrl: base,
        });
        const care = await req('GET', '/care/settings');
        await req('PUT', '/care/settings', {
          ...care,
          enabled: true,
          holdoutPercent: 50,
          delayHours: 24,
          publicBaseUrl: base,
        });
        // Twelve buyers whose parcels arrived two days ago; three of them have since asked to return a faulty cup.
        for (let i = 0; i < 12; i++) {
          const buyer = await req('POST', '/customers', {
            name: `买家${i + 1}`,
            shopId: ids.shop,
            externalId: `b-${stamp}-${i}`,
          });
          const order = await req('POST', '/orders', {
            shopId: ids.shop,
            externalId: `DY${stamp}D${i}`,
            customerId: buyer.id,
            status: 'delivered',
            paidAt: new Date(Date.now() - 5 * DAY).toISOString(),
            shippedAt: new Date(Date.now() - 4 * DAY).toISOString(),
            deliveredAt: new Date(Date.now() - 2 * DAY - i * 60_000).toISOString(),
            items: [{ skuId: ids.sku, name: '保温杯 400ml', quantity: 1, unitPriceFen: 89_00 }],
          });
          if (i % 4 === 0)
            await req('POST', '/tickets', {
              kind: 'return_request',
              channel: 'after_sales',
              subject: '杯盖漏水',
              body: '杯盖拧紧了还是漏水，申请退货',
              categories: ['quality_defect'],
              shopId: ids.shop,
              customerId: buyer.id,
              orderId: order.id,
            });
        }
        // The agent's cases of the week, answered and closed.
        await login(emails.agent);
        for (const [subject, reply] of [
          ['杯子有划痕', '非常抱歉，给您补发一个新的，今天发出。'],
          ['发票怎么开', '您好，在订单页点“申请开票”即可，电子发票 1 个工作日内发到您的邮箱。'],
          ['盖子拧不紧', '抱歉给您添麻烦了，请把密封圈取下重新装好再试，如仍漏水我们给您换新。'],
        ] as const) {
          const ticket = await req('POST', '/tickets', {
            kind: 'complaint',
            channel: 'platform_message',
            subject,
            body: subject,
            shopId: ids.shop,
            assigneeId: ids.agent,
          });
          await req('POST', `/tickets/${ticket.id}/messages`, { direction: 'outbound', body: reply });
          await req('POST', `/tickets/${ticket.id}/status`, {
            status: 'closed',
            rootCause: 'supplier_defect',
          });
        }
        // New this week: the supervisor has the agent's replies approved first.
        await login(emails.supervisor);
        await req('PUT', `/coaching/trainees/${ids.agent}`, { training: true });
      },
    );

    const chat = async (body: string) =>
      String(
        (
          await req('POST', '/tickets', {
            kind: 'inquiry',
            channel: 'live_chat',
            subject: body,
            body,
            shopId: ids.shop,
            customerId: ids.customer,
            orderId: ids.order,
          })
        ).id,
      );
    const toBuyer = async (id: string) =>
      (
        await req<{ items: { direction: string; body: string }[] }>('GET', `/tickets/${id}/messages`)
      ).items.filter((m) => m.direction === 'outbound');

    await step(
      'agent: “我的快递到哪了” is answered at once with the tracking status, one first reply',
      async () => {
        await login(emails.agent);
        const id = await chat('我的快递到哪了');
        const out = await toBuyer(id);
        check(out.length === 1, `one message to the buyer, got ${out.length}`);
        check(
          out[0]!.body.startsWith('【自动回复】') && out[0]!.body.includes('ZT7700112233'),
          'tracking, marked automatic',
        );
        await page.goto(`${base}/tickets/${id}`);
        await page.getByText('ZT7700112233').first().waitFor();
        await noRawKeys('case page');
        await screenshot(page, 'service-chat-parcel');
      },
    );

    await step(
      'agent: “这个杯子能装开水吗” is answered from the product’s article with its link',
      async () => {
        const id = await chat('这个杯子能装开水吗');
        const out = await toBuyer(id);
        check(out.length === 1 && out[0]!.body.includes('可以装开水'), 'answered from the article');
        check(/\/kb\/[0-9a-z]{12}/.test(out[0]!.body), 'with the public page link');
        await page.goto(`${base}/tickets/${id}`);
        await page
          .getByText(/可以装开水/)
          .first()
          .waitFor();
        await screenshot(page, 'service-chat-article');
      },
    );

    await step(
      'agent: “你们是不是骗子” goes to a person; “你自己不会用怪谁” is stopped with the reason',
      async () => {
        const id = await chat('你们是不是骗子');
        ids.accused = id;
        const out = await toBuyer(id);
        check(!out.some((m) => m.body.startsWith('【自动回复】')), 'not answered automatically');
        await page.goto(`${base}/tickets/${id}`);
        await page.getByTestId('reply-input').fill('你自己不会用怪谁');
        await page.getByTestId('reply-findings').waitFor();
        const findings = await page.getByTestId('reply-findings').innerText();
        check(/怪|指责|责怪/.test(findings), `the reason is shown (${findings.slice(0, 60)})`);
        check(await page.getByTestId('reply-send').isDisabled(), 'sending is refused');
        await screenshot(page, 'service-reply-blocked');
      },
    );

    await step('agent in training: the polite reply waits for the supervisor', async () => {
      await page
        .getByTestId('reply-input')
        .fill('非常抱歉让您有这样的担心。我们是抖音官方认证的店铺，商品均为正品，您可以在订单页查看发票。');
      await page.getByTestId('reply-send').getByText('提交审核').waitFor();
      await page.getByTestId('reply-send').click();
      await page.getByText('已提交主管审核').waitFor();
      await screenshot(page, 'service-reply-held');
    });

    await step('supervisor: approves the held reply; the buyer has it', async () => {
      await login(emails.supervisor);
      await page.goto(`${base}/coaching`);
      await page.getByTestId('approval-item').first().waitFor();
      await noRawKeys('coaching page');
      await screenshot(page, 'service-coaching');
      await page.getByTestId('approval-approve').first().click();
      await page.getByText('已通过，回复已发给买家').waitFor();
      const out = await toBuyer(ids.accused!);
      check(
        out.some((m) => m.body.includes('商品均为正品')),
        'the approved reply is on the case',
      );
    });

    await step('supervisor: reviews the agent’s closed cases and marks a good example', async () => {
      const row = page.getByTestId('coaching-cards').locator('tr', { hasText: '小李' });
      const text = await row.innerText();
      check(/3/.test(text), `the scorecard counts the agent's three cases (${text.replace(/\s+/g, ' ')})`);
      await page.getByTestId('coach-小李').click();
      await page
        .getByTestId('coaching-drawer')
        .getByText(/随机抽取/)
        .waitFor();
      const review = page.locator('[data-testid^="review-"]').first();
      await review.locator('textarea').fill('道歉及时，方案具体，值得大家参考。');
      await chooseOption(page, '[data-testid^="review-"] .ant-select', '优秀案例');
      await review.getByRole('button', { name: /保存点评/ }).click();
      await page.getByText('点评已保存').waitFor();
      await screenshot(page, 'service-coaching-review');
      await page.keyboard.press('Escape');
    });

    await step(
      'supervisor: delivered orders get the usage tips; the hold-out group gets nothing',
      async () => {
        await page.goto(`${base}/care`);
        await page.getByTestId('care-run').click();
        await page.getByText(/检查了 \d+ 个订单|没有新签收的订单/).waitFor();
        const list = await req<{ items: { group: string; body: string | null; state: string }[] }>(
          'GET',
          `/care/messages?from=${new Date(Date.now() - DAY).toISOString()}&to=${new Date(Date.now() + DAY).toISOString()}&limit=100`,
        );
        const care = list.items.filter((m) => m.group === 'care');
        check(
          care.length > 0 && list.items.length === 12,
          `12 orders looked at, some get care (${care.length})`,
        );
        check(
          care.every((m) => m.body?.includes(`${base}/kb/`) && m.body.includes('可以装开水')),
          'every care message has the tips and the usage page link',
        );
        check(
          care.every((m) => m.state === 'manual'),
          'no API target on Douyin after-sales: to send by hand, not "sent"',
        );
        check(
          list.items.every((m) => m.group !== 'holdout' || m.body === null),
          'the hold-out group gets no message',
        );
        await page.getByTestId('care-messages').locator('tbody tr').nth(3).waitFor();
        await noRawKeys('care records');
        await screenshot(page, 'service-care-records');
      },
    );

    await step('supervisor: the care report compares the care and hold-out groups', async () => {
      await page.getByRole('tab', { name: '效果对比' }).click();
      await page.getByTestId('care-holdout-chart').waitFor();
      const text = await page.getByTestId('care-report').innerText();
      check(
        text.includes('关怀组') && text.includes('对照组') && text.includes('质量退货率'),
        'both groups, per metric',
      );
      check(text.includes('样本还不够'), 'says the sample is still small');
      await page.waitForTimeout(800);
      await noRawKeys('care report');
      await screenshot(page, 'service-care-report');
      await page.getByRole('tab', { name: '设置' }).click();
      await page.getByTestId('care-products').getByText('玻璃保温杯').waitFor();
      await screenshot(page, 'service-care-settings');
      await page.goto(`${base}/assistant`);
      await page.getByTestId('assistant-log').locator('tbody tr').first().waitFor();
      await screenshot(page, 'service-assistant');
    });

    await step('agent, afternoon: sends a care message by hand, reads the examples', async () => {
      await login(emails.agent);
      await page.goto(`${base}/care`);
      await page.getByTestId('care-mark-sent').first().click();
      await page.getByText('已记为人工发送').waitFor();
      await screenshot(page, 'service-care-agent');
      await page.goto(`${base}/coaching`);
      await page.getByTestId('coaching-examples').getByText('道歉及时').waitFor();
      const mine = await page.getByTestId('coaching-my-approvals').innerText();
      check(mine.includes('已通过'), 'the agent sees the reply was approved');
      await screenshot(page, 'service-coaching-agent');
    });

    await step('the console in English has no raw keys', async () => {
      await login(emails.supervisor);
      await page.evaluate(() => localStorage.setItem('aftercare.locale', 'en'));
      await page.goto(`${base}/care`);
      await page.getByText('Care after delivery').first().waitFor();
      await page.getByRole('tab', { name: 'Effect' }).click();
      await page.getByTestId('care-holdout-chart').waitFor();
      await noRawKeys('care (en)');
      await screenshot(page, 'service-care-report-en');
      await page.goto(`${base}/coaching`);
      await page.getByText('Agent scorecards').waitFor();
      await noRawKeys('coaching (en)');
      await screenshot(page, 'service-coaching-en');
      await page.evaluate(() => localStorage.setItem('aftercare.locale', 'zh-CN'));
      check(browser.errors.length === 0, `no console errors (${browser.errors.join(' | ')})`);
    });
  } finally {
    await browser.close();
    await server.stop();
    await db.cleanup();
  }
  console.log(failed() ? 'service e2e: failed' : 'service e2e: all passed');
  return !failed();
}
