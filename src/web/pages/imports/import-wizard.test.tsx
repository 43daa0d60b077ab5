import '../../test-dom-globals.js';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../http/test-app.js';
import { createShop } from '../../../ingest/testing.js';
import { renderConsole, serveFrom } from '../../test-dom.js';
import { ImportWizard } from './import-wizard.js';

const HEADER = '评价日期,订单ID,商品ID,商品名称,商品评价得分,评价内容,用户昵称';
const REVIEWS =
  `${HEADER}\n` +
  '2024-11-11 10:00:00,1001,2001,电热水壶,2,烧水有一股塑料味，不敢用,王***士\n' +
  '2024-11-11 11:00:00,1002,2001,电热水壶,5,很好用,李***生\n' +
  '2024-11-11 12:00:00,1003,2001,电热水壶,9,分数错了,张***三\n';
/** The same export without its score column (a required field). */
const WITHOUT_SCORE = REVIEWS.split('\n')
  .map((line) => line.split(',').toSpliced(4, 1).join(','))
  .join('\n');

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signup('Imports');
  await createShop(admin, 'douyin');
  serveFrom(t, () => admin);
});

type StoredRun = { id: string; status: string; imported: number; failed: number; fileName: string };
const storedRuns = async () =>
  ((await admin.request('GET', '/api/v1/imports?limit=50')).json() as { items: StoredRun[] }).items;

/** Step 1 as a person does it: the shop from the list, then the file, then 上传并预览. */
async function chooseShopAndFile(name: string, text: string) {
  const shop = await screen.findByTestId('import-shop');
  fireEvent.mouseDown(shop.querySelector('.ant-select-selector') ?? shop);
  const option = await waitFor(() => {
    const found = document.querySelector('.ant-select-item-option');
    if (!found) throw new Error('no shop option yet');
    return found;
  });
  fireEvent.click(option);
  const input = screen.getByTestId('import-file').querySelector('input[type=file]') ?? undefined;
  const fileInput = input ?? document.querySelector('input[type=file]')!;
  fireEvent.change(fileInput, { target: { files: [new File([text], name, { type: 'text/csv' })] } });
  const upload = screen.getByTestId('import-upload') as HTMLButtonElement;
  await waitFor(() => expect(upload.disabled).toBe(false));
  fireEvent.click(upload);
}

describe('the import wizard, against the real server', () => {
  test('the upload button waits for a shop and a file', async () => {
    await renderConsole(<ImportWizard />);
    const upload = (await screen.findByTestId('import-upload')) as HTMLButtonElement;
    expect(upload.disabled).toBe(true);
  });

  test('columns are matched by header, the import runs, and the report counts what the server stored', async () => {
    await renderConsole(<ImportWizard />);
    await chooseShopAndFile('评价导出.csv', REVIEWS);
    expect(await screen.findByText('已按表头名称自动对应，请核对')).toBeTruthy();
    expect(screen.getByTestId('import-encoding').textContent).toMatch(/utf-8/i);
    expect(screen.queryByText(/以下必填字段还没有对应的列/)).toBeNull();
    const run = screen.getByTestId('import-run') as HTMLButtonElement;
    expect(run.disabled).toBe(false);
    fireEvent.click(run);
    const report = await screen.findByTestId('import-report');
    const stored = (await storedRuns()).find((r) => r.fileName === '评价导出.csv');
    expect(stored).toMatchObject({ status: 'completed', imported: 2, failed: 1 });
    // What the report shows is what the server counted: 2 imported, 1 refused (the score of 9).
    await waitFor(() => expect(report.textContent).toMatch(/已导入\s*2/));
    expect(report.textContent).toContain('评分 9 超出范围（1–5）');
  }, 120_000); // a real upload, parse and import: generous for a busy machine

  test('a file without a required column names the field in Chinese and cannot be run', async () => {
    await renderConsole(<ImportWizard />);
    await chooseShopAndFile('缺评分.csv', WITHOUT_SCORE);
    expect(await screen.findByText(/以下必填字段还没有对应的列：.*评分/)).toBeTruthy();
    expect((screen.getByTestId('import-run') as HTMLButtonElement).disabled).toBe(true);
    const stored = (await storedRuns()).find((r) => r.fileName === '缺评分.csv');
    expect(stored).toMatchObject({ status: 'previewed', imported: 0 });
  }, 120_000);

  test('a file the server refuses shows the server’s reason on the first step', async () => {
    await renderConsole(<ImportWizard />);
    await chooseShopAndFile('空文件.csv', '');
    const error = await screen.findByTestId('import-upload-error');
    expect(error.textContent?.length).toBeGreaterThan(0);
    expect(screen.queryByTestId('import-run')).toBeNull();
    expect((await storedRuns()).some((r) => r.fileName === '空文件.csv')).toBe(false);
  });
});
