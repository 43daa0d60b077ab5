import { escapeHtml, renderArticleHtml } from './article-text.js';
import type { ArticleRow } from './kb-repo.js';
import type { KbKind, KbLocale } from './kb-types.js';

const KIND_LABEL: Record<KbLocale, Record<KbKind, string>> = {
  'zh-CN': {
    usage: '使用说明',
    size: '尺码',
    shipping: '发货与物流',
    returns: '退换货',
    warranty: '保修',
    invoice: '发票',
    authenticity: '正品保障',
    other: '其他',
  },
  en: {
    usage: 'How to use',
    size: 'Sizes',
    shipping: 'Shipping',
    returns: 'Returns',
    warranty: 'Warranty',
    invoice: 'Invoices',
    authenticity: 'Authenticity',
    other: 'Other',
  },
};

export const KB_CSS = `body{font-family:-apple-system,"PingFang SC","Noto Sans SC","Microsoft YaHei",sans-serif;max-width:720px;margin:0 auto;padding:16px;color:#1f1f1f;line-height:1.7}
h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #eee;padding-bottom:4px}h3{font-size:16px}
.kind{display:inline-block;font-size:12px;color:#0958d9;background:#e6f4ff;border-radius:4px;padding:0 6px;margin-right:6px}
nav a{margin-right:12px}footer{margin-top:40px;color:#8c8c8c;font-size:12px}`;

/**
 * The product's public page: server-rendered, no script, no personal data — the product's name and
 * the merchant's published articles in the chosen language (the other language linked when there is one).
 */
export function renderKbPage(
  productName: string,
  articles: ArticleRow[],
  locale: KbLocale,
  publicId: string,
) {
  const shown = articles.filter((a) => a.locale === locale);
  const other: KbLocale = locale === 'en' ? 'zh-CN' : 'en';
  const hasOther = articles.some((a) => a.locale === other);
  const title = locale === 'en' ? `${productName}: help and tips` : `${productName}：使用与售后说明`;
  const sections = shown
    .map(
      (a) =>
        `<section><h2><span class="kind">${KIND_LABEL[locale][a.kind]}</span>${escapeHtml(a.title)}</h2>\n${renderArticleHtml(a.body)}</section>`,
    )
    .join('\n');
  const empty = locale === 'en' ? '<p>No articles yet.</p>' : '<p>暂无说明。</p>';
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><link rel="stylesheet" href="/public/kb.css"></head>
<body><h1>${escapeHtml(title)}</h1>
${hasOther ? `<nav><a href="/kb/${publicId}?lang=${other}">${other === 'en' ? 'English' : '中文'}</a></nav>` : ''}
${sections || empty}
<footer>${locale === 'en' ? 'Published by the shop. Questions? Contact the shop on the platform where you bought it.' : '本页由店铺发布。如有问题，请在购买平台联系店铺客服。'}</footer>
</body></html>`;
}

export function renderKbNotFound(locale: KbLocale) {
  const text = locale === 'en' ? 'This page does not exist.' : '页面不存在。';
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>404</title><link rel="stylesheet" href="/public/kb.css"></head><body><p>${text}</p></body></html>`;
}
