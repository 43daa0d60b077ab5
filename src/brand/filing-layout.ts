import type { DraftLocale } from './defence-draft.js';

/** Where each exhibit goes in the package: the order the IP portals' forms ask for them. */
export type FilingRole = 'right' | 'infringing_link' | 'comparison' | 'authorisation' | 'supporting';

export const ROLE_FOLDER: Record<FilingRole, string> = {
  right: '01-rights',
  infringing_link: '02-infringing-link',
  comparison: '03-comparison',
  authorisation: '04-authorisation',
  supporting: '05-supporting',
};

/** The role of an evidence item by its kind and what it is filed on. */
export function roleOf(item: { kind: string; subjectType: string }): FilingRole {
  if (item.subjectType === 'brand_authorisation' || item.kind === 'authorisation_letter')
    return 'authorisation';
  if (item.subjectType === 'brand_right' && item.kind === 'certificate') return 'right';
  if (item.kind === 'listing_snapshot' || (item.subjectType === 'brand_listing' && item.kind === 'photo'))
    return 'infringing_link';
  return 'supporting';
}

const safeName = (name: string) =>
  [...name]
    .map((c) => (/[\p{L}\p{N}._-]/u.test(c) ? c : '_'))
    .join('')
    .slice(0, 80);

/** Paths numbered per folder, in a fixed order: the same inputs give the same package. */
export function layoutExhibits<
  T extends { kind: string; subjectType: string; fileName: string; createdAt: Date; id: string },
>(items: T[]): { item: T; role: FilingRole; path: string }[] {
  const sorted = [...items].sort(
    (a, b) =>
      ROLE_FOLDER[roleOf(a)].localeCompare(ROLE_FOLDER[roleOf(b)]) ||
      a.createdAt.getTime() - b.createdAt.getTime() ||
      a.id.localeCompare(b.id),
  );
  const counters = new Map<FilingRole, number>();
  return sorted.map((item) => {
    const role = roleOf(item);
    const n = (counters.get(role) ?? 0) + 1;
    counters.set(role, n);
    return {
      item,
      role,
      path: `${ROLE_FOLDER[role]}/${String(n).padStart(2, '0')}-${item.kind}-${safeName(item.fileName)}`,
    };
  });
}

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export type ComparisonInput = {
  right: {
    kind: string;
    name: string;
    registrationNo: string;
    owner: string;
    classes: number[];
    goods: string[];
    validUntil: Date | null;
  };
  listing: {
    url: string;
    sellerName: string;
    title: string;
    priceFen: number | null;
    goodsClass: number | null;
    similarity: string | null;
    testPurchaseRef: string | null;
  };
  screenshots: string[];
  reasons: string[];
};

const day = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10) : '—');

/** The comparison page (our right beside the infringing listing), self-contained HTML that opens anywhere. */
export function comparisonHtml(c: ComparisonInput, locale: DraftLocale): string {
  const zh = locale === 'zh-CN';
  const L = zh
    ? {
        title: '权利与被投诉商品对比',
        right: '我方权利',
        listing: '被投诉链接',
        name: '名称/标题',
        no: '注册号',
        owner: '权利人/店铺',
        scope: '核定类别与商品',
        cls: '商品所属类别',
        sim: '相同/近似',
        price: '售价',
        buy: '测试购买',
        until: '有效期至',
        shots: '页面截图',
        notes: '核查要点',
        link: '链接',
      }
    : {
        title: 'Our right beside the reported listing',
        right: 'Our right',
        listing: 'Reported listing',
        name: 'Name / title',
        no: 'Registration no.',
        owner: 'Owner / shop',
        scope: 'Classes and goods',
        cls: 'Class of the goods',
        sim: 'Identical / similar',
        price: 'Price',
        buy: 'Test purchase',
        until: 'Valid until',
        shots: 'Screenshots',
        notes: 'Checks',
        link: 'Link',
      };
  const sim =
    c.listing.similarity === 'identical'
      ? zh
        ? '相同'
        : 'identical'
      : c.listing.similarity === 'similar'
        ? zh
          ? '近似'
          : 'similar'
        : '—';
  const rows: [string, string, string][] = [
    [L.name, c.right.name, c.listing.title],
    [L.owner, c.right.owner, c.listing.sellerName],
    [L.no, c.right.registrationNo, `${L.link}: ${c.listing.url}`],
    [
      L.scope,
      `${c.right.classes.map((n) => (zh ? `第${n}类` : `class ${n}`)).join(', ')} ${c.right.goods.join('、')}`,
      c.listing.goodsClass ? (zh ? `第${c.listing.goodsClass}类` : `class ${c.listing.goodsClass}`) : '—',
    ],
    [L.until, day(c.right.validUntil), `${L.sim}: ${sim}`],
    [L.price, '', c.listing.priceFen === null ? '—' : `¥${(c.listing.priceFen / 100).toFixed(2)}`],
    [L.buy, '', c.listing.testPurchaseRef ?? '—'],
  ];
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${esc(L.title)}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:24px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:6px 8px;text-align:left;vertical-align:top}img{max-width:45%;margin:4px;border:1px solid #ccc}</style></head>
<body><h1>${esc(L.title)}</h1>
<table><tr><th></th><th>${esc(L.right)}</th><th>${esc(L.listing)}</th></tr>
${rows.map(([k, a, b]) => `<tr><th>${esc(k)}</th><td>${esc(a)}</td><td>${esc(b)}</td></tr>`).join('\n')}
</table>
${c.reasons.length ? `<h2>${esc(L.notes)}</h2><ul>${c.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>` : ''}
${c.screenshots.length ? `<h2>${esc(L.shots)}</h2>${c.screenshots.map((p) => `<img src="../${esc(p)}" alt="${esc(p)}">`).join('')}` : ''}
</body></html>
`;
}

/** SHA256SUMS in the format `sha256sum -c` reads. */
export const sha256Sums = (files: { path: string; sha256: string }[]) =>
  `${files.map((f) => `${f.sha256}  ${f.path}`).join('\n')}\n`;
