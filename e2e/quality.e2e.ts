// `npm run e2e -- quality`: the merchant imports 50 listings through the import wizard; the gold
// bracelet "全网最低价 国家级品质 足金手镯" is flagged three ways (absolute terms, no inspection
// certificate, a reference price never charged); the merchant fixes the title in the check box until
// it is clean.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { checklist, chooseOption, launchBrowser, screenshot } from './_browser.js';
import { ensureConsoleBuilt, prepareDatabase, signUpByApi, startServer } from './_server.js';

const GOLD = '全网最低价 国家级品质 足金手镯';

/** 50 listings as a Douyin product export: the gold bracelet, the cotton shirt and 48 ordinary ones. */
function listingsCsv(): string {
  const rows = ['商品ID,商品标题,类目,品牌,材质,售价(元),划线价(元),主图,SKU编码'];
  rows.push(`G-1,${GOLD},黄金饰品,,足金,"2,999.00","3,999.00",https://img.example.cn/g1.jpg 800x800,G-1-A`);
  rows.push('T-1,纯棉短袖T恤 宽松 优衣库,男装,优衣库,纯棉,79.00,,https://img.example.cn/t1.jpg 800x800,TS-1');
  const goods = ['陶瓷马克杯', '不锈钢保温杯', '竹制砧板', '棉麻收纳篮', '硅胶锅铲', '玻璃密封罐'];
  for (let i = 3; i <= 50; i++) {
    const name = goods[i % goods.length];
    rows.push(`P-${i},${name} ${i}号,家居日用,,,${(10 + i).toFixed(2)},,${600 + i}x${600 + i},SKU-${i}`);
  }
  return `${rows.join('\n')}\n`;
}

/** A PNG's signature and header chunk: enough for its size to be read (300×300, under Douyin's minimum). */
function smallPng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(300, 0);
  ihdr.writeUInt32BE(300, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const chunk = Buffer.concat([Buffer.from([0, 0, 0, 13]), Buffer.from('IHDR'), ihdr, Buffer.alloc(4)]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk,
    deflateSync(Buffer.alloc(1)),
  ]);
}

export default async function run(): Promise<boolean> {
  ensureConsoleBuilt();
  process.env.AFTERCARE_OPEN_SIGNUP = '1';
  const db = await prepareDatabase('quality');
  const server = await startServer(db);
  const browser = await launchBrowser();
  // A loaded machine (two cores, several engineers) answers slowly: waits are generous, failures are not.
  browser.page.setDefaultTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'aftercare-quality-'));
  const file = join(dir, '抖店商品列表.csv');
  writeFileSync(file, listingsCsv());
  const png = join(dir, '主图.png');
  writeFileSync(png, smallPng());
  const { check, failures } = checklist();
  try {
    const { cookie, post } = await signUpByApi(server.url, 'quality');
    const shop = await post('/shops', {
      platform: 'douyin',
      name: '抖店旗舰店',
      appKey: 'k',
      appSecret: 's',
    });
    // Orders of the last days: the bracelet sold at ¥2,999, never at its ¥3,999 "原价".
    const gold = await post<{ skus: { id: string }[] }>('/products', {
      name: '足金手镯',
      shopId: shop.id,
      externalId: 'G-1',
      category: '黄金饰品',
      supplier: '深圳金饰厂',
      skus: [{ code: 'G-1-A', name: '足金手镯 20g', priceFen: 299900, supplier: '深圳金饰厂' }],
    });
    for (let i = 0; i < 3; i++) {
      await post('/orders', {
        shopId: shop.id,
        externalId: `GO-${i}`,
        paidAt: new Date(Date.now() - (i + 1) * 86_400_000).toISOString(),
        items: [{ skuId: gold.skus[0]!.id, name: '足金手镯 20g', quantity: 1, unitPriceFen: 299900 }],
      });
    }
    for (const kind of ['business_licence', 'category_whitelist']) {
      await post('/quality/documents', {
        holderType: 'shop',
        holderId: shop.id,
        kind,
        expiresOn: '2099-12-31',
      });
    }
    const [name, value] = cookie.split('=');
    await browser.context.addCookies([{ name: name!, value: value!, url: server.url }]);
    const { page } = browser;

    // 1. Import 50 listings through the wizard.
    await page.goto(`${server.url}/imports`);
    await page.getByTestId('import-wizard').waitFor();
    await page.getByTestId('import-kind').getByText('商品列表').click();
    await chooseOption(page, '[data-testid=import-shop]', '抖店旗舰店');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-upload').click();
    await page.getByTestId('import-run').waitFor({ timeout: 60_000 });
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-report').waitFor({ timeout: 60_000 });
    const report = (await page.getByTestId('import-report').textContent()) ?? '';
    check(/已导入\s*50/.test(report), `50 listings imported (${report.slice(0, 80)})`);
    await screenshot(page, 'quality-import-report');

    // 2. The compliance page: the bracelet is flagged three ways.
    await page.goto(`${server.url}/quality`);
    await page
      .getByTestId('quality-listings')
      .locator('tbody tr.ant-table-row')
      .first()
      .waitFor({ timeout: 60_000 });
    const firstRow = page.getByTestId('quality-listings').locator('tbody tr.ant-table-row').first();
    check(
      ((await firstRow.textContent()) ?? '').includes('足金手镯'),
      'the gold bracelet is listed first (worst)',
    );
    await firstRow.locator('.ant-table-row-expand-icon').click();
    const findings = page.locator('[data-testid=finding]');
    await findings.first().waitFor();
    const rules = await findings.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    check(rules.includes('absolute_term'), 'flagged: absolute terms');
    check(rules.includes('qualification_missing'), 'flagged: no inspection certificate');
    check(rules.includes('fictitious_discount'), 'flagged: fictitious discount');
    const text = (await page.getByTestId('quality-listings').textContent()) ?? '';
    check(
      text.includes('高于促销前 7 天内实际成交的最低价 ¥2,999.00'),
      'the discount finding names the price actually charged',
    );
    check((await page.getByTestId('quality-chart').count()) === 1, 'findings by rule are charted');
    await screenshot(page, 'quality-flagged-three-ways');

    // 3. Record the bracelet's inspection certificate from its row.
    await page.getByTestId('add-certificate').click();
    await page.getByTestId('document-number').fill('NGTC-2025-0001');
    await page.getByTestId('document-save').click();
    await page.locator('.ant-message-success').waitFor();

    // 4. Fix the title in the check box until it is clean.
    const box = page.getByTestId('check-box');
    await box.scrollIntoViewIfNeeded();
    await page.getByTestId('check-title').fill(GOLD);
    await page.getByTestId('check-price').fill('2999');
    await page.getByTestId('check-reference').fill('3999');
    await page.getByTestId('check-skus').fill('G-1-A');
    await page.getByTestId('check-images').setInputFiles(png);
    await page.getByTestId('check-run').click();
    await page.getByTestId('check-findings').waitFor();
    const marked = await box.getByTestId('finding-span').allTextContents();
    check(
      marked.includes('全网最低价') && marked.includes('国家级'),
      `the check marks the absolute terms (${marked.join(',')})`,
    );
    const boxRules = await box
      .locator('[data-testid=finding]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    check(
      boxRules.includes('image_too_small'),
      'the main image is read from its file header and found too small',
    );
    await box.screenshot({ path: join('e2e', 'artifacts', 'quality-check-before.png') });
    await page.getByTestId('check-images').setInputFiles([]);

    await page.getByTestId('check-title').fill('足金手镯 古法工艺 国家级品质');
    await page.getByTestId('check-reference').fill('');
    await page.getByTestId('check-run').click();
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=check-box] [data-testid=finding-span]').length === 1,
    );
    check(true, 'after a first fix one term is left (国家级)');

    await page.getByTestId('check-title').fill('足金手镯 古法工艺 足金999');
    await page.getByTestId('check-run').click();
    await page.getByTestId('check-clean').waitFor({ timeout: 60_000 });
    check(true, 'the fixed title with the certificate on record is clean');
    await box.screenshot({ path: join('e2e', 'artifacts', 'quality-check-clean.png') });

    // 5. The cotton shirt: a not-as-described complaint links to the listing the buyer saw.
    const shirt = await post<{ skus: { id: string }[] }>('/products', {
      name: '纯棉短袖T恤',
      shopId: shop.id,
      externalId: 'T-1',
      category: '男装',
      skus: [{ code: 'TS-1', name: '纯棉短袖T恤 L', priceFen: 7900, supplier: '东莞制衣厂' }],
    });
    const orders: { id: string }[] = [];
    for (let i = 0; i < 5; i++) {
      orders.push(
        await post('/orders', {
          shopId: shop.id,
          externalId: `TO-${i}`,
          paidAt: new Date().toISOString(),
          items: [{ skuId: shirt.skus[0]!.id, name: '纯棉短袖T恤 L', quantity: 5, unitPriceFen: 7900 }],
        }),
      );
    }
    const complaint = await post('/tickets', {
      kind: 'complaint',
      channel: 'platform_message',
      subject: '衣服与描述不符',
      body: '标题写的纯棉，收到一摸就是化纤的，洗一次就起球',
      shopId: shop.id,
      orderId: orders[0]!.id,
      categories: ['not_as_described'],
    });
    await page.goto(`${server.url}/tickets/${complaint.id}`);
    await page.getByTestId('snapshot-panel').waitFor({ timeout: 60_000 });
    const claim = await page.getByTestId('snapshot-claim').textContent();
    check(claim === '纯棉', `the case shows the listing snapshot with the claim marked (${claim})`);
    await page.getByTestId('snapshot-panel').scrollIntoViewIfNeeded();
    await screenshot(page, 'quality-complaint-snapshot');
    await page.goto(`${server.url}/quality`);
    const fixTask = page.locator('[data-testid=quality-task][data-kind=fix_claim]');
    await fixTask.waitFor({ timeout: 60_000 });
    check(((await fixTask.textContent()) ?? '').includes('纯棉'), 'a fix task for the 纯棉 claim is raised');

    // 6. More defect complaints: the shirt's supplier passes the 3% threshold and is flagged.
    for (const o of orders.slice(1, 3)) {
      await post('/tickets', {
        kind: 'complaint',
        channel: 'platform_message',
        subject: '质量太差',
        body: '洗一次就破洞了',
        shopId: shop.id,
        orderId: o.id,
        categories: ['quality_defect'],
      });
    }
    await page.goto(`${server.url}/suppliers`);
    await page
      .getByTestId('suppliers-table')
      .locator('tbody tr.ant-table-row')
      .first()
      .waitFor({ timeout: 60_000 });
    const row = page.getByTestId('suppliers-table').locator('tbody tr', { hasText: '东莞制衣厂' });
    check(
      (await row.getByTestId('verdict-replace').count()) === 1,
      'the shirt’s supplier is flagged "建议考虑更换"',
    );
    await screenshot(page, 'quality-suppliers');
    await row.getByText('东莞制衣厂').click();
    await page.getByTestId('supplier-replace-alert').waitFor();
    const alert = (await page.getByTestId('supplier-replace-alert').textContent()) ?? '';
    check(
      alert.includes('25 件中有 3 起次品投诉') && alert.includes('12%'),
      `the flag says its numbers (${alert})`,
    );
    await page.getByTestId('supplier-chart').waitFor();
    await screenshot(page, 'quality-supplier-scorecard');

    check(browser.errors.length === 0, `no console errors (${browser.errors.join(' | ')})`);
  } catch (error) {
    failures.push(String(error));
    console.error(error);
    await screenshot(browser.page, 'quality-failure').catch(() => {});
  } finally {
    await browser.close();
    await server.stop();
    await db.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(failures.length ? `quality e2e: ${failures.length} failed` : 'quality e2e: all passed');
  return failures.length === 0;
}
