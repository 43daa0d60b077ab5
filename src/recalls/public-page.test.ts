import { expect, test } from 'vitest';
import { escapeHtml, renderPublicPage } from './public-page.js';

const page = (overrides = {}) =>
  renderPublicPage(
    {
      publicId: 'abcdefghjkmn',
      title: '充电宝召回 <b>',
      status: 'active',
      announcedAt: new Date('2025-01-02T03:00:00Z'),
      statement: '第一段\n第二行\n\n<script>alert(1)</script>',
      findings: null,
      findingsPublishedAt: null,
      locales: ['zh-CN', 'en'],
      photos: [],
      ...overrides,
    },
    'zh-CN',
    () => '2025年1月2日',
  );

test('the page escapes what the merchant wrote and carries no script', () => {
  const html = page();
  expect(html).not.toContain('<script');
  expect(html).toContain('&lt;script&gt;');
  expect(html).toContain('充电宝召回 &lt;b&gt;');
  expect(html).toContain('<meta name="viewport"');
  expect(html).toContain('href="/recalls/abcdefghjkmn?lang=en"');
});

test('findings show only once published', () => {
  expect(page({ findings: '原因：电芯' })).not.toContain('原因：电芯');
  expect(page({ findings: '原因：电芯', findingsPublishedAt: new Date() })).toContain('原因：电芯');
});

test('a closed recall says it has ended', () => {
  expect(page({ status: 'closed' })).toContain('本次召回已结束');
});

test('escapeHtml covers quotes', () => {
  expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
});

test('identification photos show with their captions, escaped', () => {
  const html = page({ photos: [{ url: '/recalls/abcdefghjkmn/photos/1', caption: '批次号位置 <i>' }] });
  expect(html).toContain('产品与批次识别照片');
  expect(html).toContain('<img src="/recalls/abcdefghjkmn/photos/1" alt="批次号位置 &lt;i&gt;"');
  expect(page()).not.toContain('<figure>');
});
