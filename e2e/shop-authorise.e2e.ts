// Issue 18's shop authorisation, as a merchant would do it, in Debian's chromium against the strict
// fake platform: "去授权" on a Taobao shop opens the platform's consent page, "同意授权" brings the
// merchant back with the shop authorised; the token is renewed by the refresher while the test waits
// (the fake issues 2-hour tokens; the test's server renews them 10 s after issue); a TikTok shop first shows the
// callback address to register; a refused renewal shows on the shop and on channel health.
// Screenshots: e2e/artifacts/authorise-*.png. Run: npm run e2e -- shop-authorise
import { startStrictFake } from '../src/channels/fake-platform/server.js';
import type { FakeApp } from '../src/channels/fake-platform/types.js';
import { check, launchBrowser, screenshot, stepRunner } from './_browser.js';
import { ensureConsoleBuilt, prepareDatabase, startServer } from './_server.js';

export default async function run(): Promise<boolean> {
  ensureConsoleBuilt();
  const fake = await startStrictFake();
  const taobao: FakeApp = {
    appKey: 'tb_oauth_app',
    appSecret: 'tb_oauth_secret',
    shopName: '青禾茶叶天猫店',
    tokenTtlSeconds: 7200,
  };
  const tiktok: FakeApp = { appKey: 'tt_oauth_app', appSecret: 'tt_oauth_secret', shopName: 'Qinghe Tea' };
  fake.register('taobao', taobao);
  fake.register('tiktok', tiktok);
  const db = await prepareDatabase('authorise');
  const server = await startServer(db, {
    AFTERCARE_OUTBOUND_ALLOW: new URL(fake.url).host,
    AFTERCARE_TOKEN_REFRESH_MS: '2000',
    // Two-hour tokens renewed with 1 h 59 min 50 s left: the first renewal comes about 10 s after consent.
    AFTERCARE_TOKEN_REFRESH_AHEAD_MS: String(7200_000 - 10_000),
  });
  tiktok.redirectUri = `${server.url}/api/v1/shops/authorise/callback/tiktok`;
  const browser = await launchBrowser();
  const { page } = browser;
  page.setDefaultTimeout(30_000);
  const base = server.url;
  const { step, failed } = stepRunner(page, 'authorise');
  const post = async (path: string, data: unknown) => {
    const res = await page.request.post(`${base}/api/v1${path}`, { data });
    if (!res.ok()) throw new Error(`POST ${path} → ${res.status()} ${await res.text()}`);
    return res.json();
  };
  const row = (name: string) => page.locator('tr', { hasText: name });
  console.log(`e2e shop-authorise on ${base} (${db.databaseUrl ? 'PostgreSQL' : 'PGlite'})`);
  try {
    await step('1 a tea merchant adds a Taobao and a TikTok shop', async () => {
      await post('/auth/signup', {
        tenantName: '青禾茶叶',
        email: `owner-${Date.now().toString(36)}@example.com`,
        password: 'plum-blossom-tea-2718',
      });
      await post('/shops', {
        platform: 'taobao',
        name: '青禾茶叶天猫店',
        appKey: taobao.appKey,
        appSecret: taobao.appSecret,
        settings: { apiBaseUrl: `${fake.url}/taobao`, authBaseUrl: `${fake.url}/taobao` },
      });
      await post('/shops', {
        platform: 'tiktok',
        name: 'Qinghe Tea TikTok',
        appKey: tiktok.appKey,
        appSecret: tiktok.appSecret,
        settings: { authBaseUrl: `${fake.url}/tiktok`, shopCipher: 'ROW_qinghe' },
      });
      await page.goto(`${base}/settings/shops`);
      await row('青禾茶叶天猫店').getByText('未授权').waitFor();
      await screenshot(page, 'authorise-1-not-authorised');
    });

    await step('2 Taobao: consent on the platform’s page, back with the shop authorised', async () => {
      await row('青禾茶叶天猫店').getByTestId('shop-authorise').click();
      await page.getByText('同意授权').waitFor();
      await screenshot(page, 'authorise-2-consent-page');
      await page.getByText('同意授权').click();
      await page.waitForURL('**/settings/shops');
      await page.getByText('店铺授权成功，平台令牌已加密保存').waitFor();
      await row('青禾茶叶天猫店').getByText('已授权').waitFor();
      check(!page.url().includes('authorise='), 'the address bar still carries the result');
      await screenshot(page, 'authorise-3-authorised');
    });

    await step('3 the token is renewed while the merchant waits', async () => {
      const first = taobao.accessToken;
      const end = Date.now() + 30_000;
      while (taobao.accessToken === first && Date.now() < end) await page.waitForTimeout(500);
      check(taobao.accessToken !== first, 'the refresher did not renew the token within 30 s');
      check((taobao.issued ?? 0) >= 2, 'no second token was issued');
      await page.reload();
      await row('青禾茶叶天猫店').getByText('已授权').waitFor();
      // A send with the renewed token is accepted: the connection self-test reads with it.
      const test = await post(`/shops/${await shopId('青禾茶叶天猫店')}/self-test`, {});
      check(test.token === 'ok', `the renewed token was refused: ${JSON.stringify(test.problems)}`);
    });

    await step('4 TikTok: the callback address to register is shown before the platform', async () => {
      await row('Qinghe Tea TikTok').getByTestId('shop-authorise').click();
      const shown = (await page.getByTestId('authorise-redirect').textContent()) ?? '';
      check(shown.includes('/api/v1/shops/authorise/callback/tiktok'), `callback not shown: ${shown}`);
      await screenshot(page, 'authorise-4-tiktok-register');
      await page.getByRole('button', { name: '前往平台授权' }).click();
      await page.getByText('同意授权').click();
      await page.waitForURL('**/settings/shops');
      await row('Qinghe Tea TikTok').getByText('已授权').waitFor();
    });

    await step('5 a refused renewal shows on the shop and on channel health', async () => {
      fake.failAlways({
        platform: 'taobao',
        api: 'oauth.token',
        failure: { type: 'error', category: 'auth_invalid' },
      });
      await row('青禾茶叶天猫店').getByTestId('shop-authorise-refresh').click();
      await page.getByText('续期失败，请查看原因或重新授权').waitFor();
      await row('青禾茶叶天猫店')
        .getByText(/续期失败：/)
        .waitFor();
      await screenshot(page, 'authorise-5-refresh-failed');
      await page.goto(`${base}/channels`);
      await page.getByTestId('health-authorisation').first().waitFor();
      await screenshot(page, 'authorise-6-channel-health');
      fake.clearFailures();
    });
  } finally {
    const errors = browser.errors.filter((e) => !e.includes('http 404'));
    if (errors.length) console.log(`  browser errors: ${errors.slice(0, 5).join(' | ')}`);
    await browser.close();
    await server.stop();
    await db.cleanup();
    await fake.close();
  }
  console.log(failed() ? 'e2e shop-authorise: FAILED' : 'e2e shop-authorise: passed');
  return !failed();

  async function shopId(name: string): Promise<string> {
    const list = (await (await page.request.get(`${base}/api/v1/shops`)).json()) as {
      items: { id: string; name: string }[];
    };
    return list.items.find((s) => s.name === name)!.id;
  }
}
