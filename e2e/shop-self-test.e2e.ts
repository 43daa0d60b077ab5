// Issue 20's connection self-test, as a merchant would use it, in Debian's chromium against the
// strict fake platform: on the shops page, "连接自检" on a Taobao shop whose keys and token work
// (all green), on a Pinduoduo shop whose app secret was mistyped (signing fails, what to do), and
// on a Douyin shop the platform has not granted after-sales (that permission is named as missing),
// then the same in English. Screenshots: e2e/artifacts/self-test-*.png.
// Run: npm run e2e -- shop-self-test
import { startStrictFake } from '../src/channels/fake-platform/server.js';
import { check, launchBrowser, screenshot, stepRunner, switchLanguage } from './_browser.js';
import { apiCall, ensureConsoleBuilt, prepareDatabase, startServer } from './_server.js';

const PASSWORD = 'correct horse battery';

const SHOPS = {
  taobao: { appKey: 'tb_selftest_app', appSecret: 'tb_selftest_secret', accessToken: 'tb-session-ok' },
  pinduoduo: { appKey: 'pdd_selftest_client', appSecret: 'pdd_selftest_secret', accessToken: 'pdd-token-ok' },
  douyin: { appKey: '7200000000000000001', appSecret: 'dy_selftest_secret', accessToken: 'dy-token-ok' },
} as const;

export default async function run(): Promise<boolean> {
  ensureConsoleBuilt();
  const fake = await startStrictFake();
  fake.register('taobao', SHOPS.taobao);
  // The platform knows another secret than the one the merchant typed.
  fake.register('pinduoduo', { ...SHOPS.pinduoduo, appSecret: 'pdd_the_real_secret' });
  // The app was never granted the after-sales package.
  fake.register('douyin', { ...SHOPS.douyin, denied: ['order.serviceList'] });
  // The fake listens on loopback: the server may reach it only through the installation allow-list.
  const db = await prepareDatabase('self-test');
  const server = await startServer(db, { AFTERCARE_OUTBOUND_ALLOW: new URL(fake.url).host });
  const browser = await launchBrowser();
  const { page } = browser;
  page.setDefaultTimeout(30_000);
  const base = server.url;
  const { step, failed } = stepRunner(page, 'self-test');
  console.log(`e2e shop-self-test on ${base} (${db.databaseUrl ? 'PostgreSQL' : 'PGlite'})`);
  const owner = page.request;
  const stamp = Date.now().toString(36);
  const names = { taobao: '星河家居天猫店', pinduoduo: '星河家居拼多多店', douyin: '星河家居抖店' };

  const openSelfTest = async (name: string) => {
    await page.goto(`${base}/settings/shops`);
    const row = page.locator('tr', { hasText: name });
    await row.getByTestId('shop-self-test').click();
    await page.getByTestId('self-test-result').waitFor();
    await page
      .locator('[data-testid="self-test-passed"], [data-testid="self-test-failed"]')
      .first()
      .waitFor();
  };
  const state = (id: string) => page.getByTestId(id).getAttribute('data-state');

  try {
    await step('1 a merchant with three shops', async () => {
      await apiCall(owner, base, 'POST', '/auth/signup', {
        tenantName: '星河家居',
        email: `owner-${stamp}@example.com`,
        password: PASSWORD,
      });
      for (const p of ['taobao', 'pinduoduo', 'douyin'] as const) {
        await apiCall(owner, base, 'POST', '/shops', {
          platform: p,
          name: names[p],
          appKey: SHOPS[p].appKey,
          appSecret: SHOPS[p].appSecret,
          settings: { apiBaseUrl: `${fake.url}/${p}`, accessToken: SHOPS[p].accessToken },
        });
      }
      await page.goto(`${base}/settings/shops`);
      await page.getByTestId('shop-self-test').first().waitFor();
    });

    await step('2 Taobao: keys, token, signing and permissions all work', async () => {
      await openSelfTest(names.taobao);
      check((await page.getByTestId('self-test-passed').count()) === 1, 'the Taobao shop did not pass');
      for (const k of ['keys', 'token', 'signing'])
        check((await state(`self-test-${k}`)) === 'ok', `${k} not ok`);
      check((await state('self-test-permission-after_sales')) === 'granted', 'after-sales not granted');
      await page.getByText('连接正常').waitFor();
      await screenshot(page, 'self-test-1-taobao-ok');
    });

    await step(
      '3 Pinduoduo: a mistyped app secret shows as the signing failing, with what to do',
      async () => {
        await openSelfTest(names.pinduoduo);
        check((await state('self-test-signing')) === 'failed', 'signing not failed');
        check((await state('self-test-keys')) === 'ok', 'keys should be ok');
        const problem = page.getByTestId('self-test-problem').first();
        check(
          (await problem.getAttribute('data-category')) === 'signature_invalid',
          'not a signature problem',
        );
        const text = (await problem.textContent()) ?? '';
        check(text.includes('签名错误') && text.includes('App Secret'), `advice missing: ${text}`);
        await screenshot(page, 'self-test-2-pinduoduo-signature');
      },
    );

    await step('4 Douyin: the after-sales permission is named as missing', async () => {
      await openSelfTest(names.douyin);
      check((await state('self-test-token')) === 'ok', 'token should be ok');
      check((await state('self-test-permission-after_sales')) === 'missing', 'after-sales not missing');
      check((await state('self-test-permission-credentials')) === 'granted', 'basic info not granted');
      const text = (await page.getByTestId('self-test-problem').first().textContent()) ?? '';
      check(text.includes('缺少接口权限'), `no permission advice: ${text}`);
      await screenshot(page, 'self-test-3-douyin-permission');
    });

    await step('5 the same in English', async () => {
      await page.keyboard.press('Escape');
      await switchLanguage(page, 'en');
      await openSelfTest(names.douyin);
      await page.getByText('Permission missing').first().waitFor();
      await page.getByText('After-sales · Missing').waitFor();
      await screenshot(page, 'self-test-4-douyin-en');
    });
  } finally {
    const errors = browser.errors.filter((e) => !e.includes('http 404'));
    if (errors.length) console.log(`  browser errors: ${errors.slice(0, 5).join(' | ')}`);
    await browser.close();
    await server.stop();
    await db.cleanup();
    await fake.close();
  }
  console.log(failed() ? 'e2e shop-self-test: FAILED' : 'e2e shop-self-test: passed');
  return !failed();
}
