import type { Locale } from './recall-types.js';

/** What the public page may show: the published statement and findings, nothing else. */
export type PublicRecall = {
  publicId: string;
  title: string;
  status: 'announced' | 'active' | 'closing' | 'closed';
  announcedAt: Date;
  statement: string;
  findings: string | null;
  findingsPublishedAt: Date | null;
  locales: Locale[];
  /** Identification photos: the address of each published copy and its caption in this locale. */
  photos: { url: string; caption: string }[];
};

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const WORDS = {
  'zh-CN': {
    closed: '本次召回已结束。如仍持有召回范围内的产品，请继续联系我们处理。',
    photos: '产品与批次识别照片',
    photo: '识别照片',
    findings: '调查结果与整改措施',
    published: '公布于',
    other: 'English',
    notFound: '未找到该召回公告',
    notFoundBody: '链接可能有误，或公告尚未发布。',
  },
  en: {
    closed: 'This recall has ended. If you still have an affected unit, please contact us and we will help.',
    photos: 'How to recognise the product and batch',
    photo: 'Identification photo',
    findings: 'Findings and corrective actions',
    published: 'Published',
    other: '中文',
    notFound: 'Recall notice not found',
    notFoundBody: 'The link may be wrong, or the notice is not published yet.',
  },
} as const;

const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((block) => `<p>${block.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('\n');

function frame(locale: Locale, title: string, body: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/public/recall.css">
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The public recall page: server-rendered, no script, readable on a phone. */
export function renderPublicPage(r: PublicRecall, locale: Locale, date: (d: Date) => string): string {
  const w = WORDS[locale];
  const other = r.locales.find((l) => l !== locale);
  const body = [
    other
      ? `<nav><a href="/recalls/${encodeURIComponent(r.publicId)}?lang=${other}">${w.other}</a></nav>`
      : '',
    `<h1>${escapeHtml(r.title)}</h1>`,
    `<p class="meta">${w.published} ${escapeHtml(date(r.announcedAt))}</p>`,
    r.status === 'closed' ? `<p class="closed">${w.closed}</p>` : '',
    `<section class="statement">${paragraphs(r.statement)}</section>`,
    r.photos.length
      ? `<section class="photos"><h2>${w.photos}</h2>${r.photos
          .map(
            (p) =>
              `<figure><img src="${escapeHtml(p.url)}" alt="${escapeHtml(p.caption || w.photo)}" loading="lazy">${
                p.caption ? `<figcaption>${escapeHtml(p.caption)}</figcaption>` : ''
              }</figure>`,
          )
          .join('')}</section>`
      : '',
    r.findings && r.findingsPublishedAt
      ? `<section class="findings"><h2>${w.findings}</h2><p class="meta">${w.published} ${escapeHtml(
          date(r.findingsPublishedAt),
        )}</p>${paragraphs(r.findings)}</section>`
      : '',
  ]
    .filter(Boolean)
    .join('\n');
  return frame(locale, r.title, body);
}

export function renderNotFound(locale: Locale): string {
  const w = WORDS[locale];
  return frame(locale, w.notFound, `<h1>${w.notFound}</h1><p>${w.notFoundBody}</p>`);
}

export const PUBLIC_CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.7 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f1f1f;background:#f5f5f5}
main{max-width:720px;margin:0 auto;padding:20px 16px 48px;background:#fff;min-height:100vh}
h1{font-size:22px;line-height:1.4;margin:8px 0 4px;color:#a8071a}
h2{font-size:18px;margin:28px 0 4px}
nav{text-align:right;font-size:14px}
a{color:#0958d9}
.meta{color:#8c8c8c;font-size:13px;margin:0 0 16px}
.closed{background:#f6ffed;border:1px solid #b7eb8f;padding:8px 12px;border-radius:6px}
.findings{border-top:1px solid #f0f0f0;margin-top:24px}
p{margin:0 0 14px;word-break:break-word}
figure{margin:0 0 16px}
figure img{display:block;max-width:100%;height:auto;border-radius:6px;border:1px solid #f0f0f0}
figcaption{color:#595959;font-size:14px;margin-top:4px}
`;
