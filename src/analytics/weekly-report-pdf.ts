import { field, heading, type Pdf, renderPdf } from '../shared/pdf.js';
import type { MoneyRow, QualityRow, ServiceRow } from './analytics-types.js';

export type WeeklyReport = {
  shopName: string | null;
  platform: string | null;
  from: string;
  to: string;
  quality: QualityRow[];
  qualityBefore: QualityRow[];
  topSkus: QualityRow[];
  rootCauses: { key: string; count: number; share: number }[];
  money: MoneyRow[];
  service: ServiceRow[];
  openCases: number;
  alerts: { sku: string; batch: string; signal: string; observed: number; expected: number }[];
  generatedAt: Date;
};

export type ReportLocale = 'zh-CN' | 'en';

/** Exported for its test: each language's words, so neither leaks into the other. */
export const TEXT = {
  title: ['售后周报', 'After-sales weekly report'],
  scope: ['范围', 'Scope'],
  allShops: ['全部店铺', 'All shops'],
  week: ['周期', 'Week'],
  headline: ['本周概览', 'This week'],
  orders: ['订单', 'Orders'],
  complaints: ['投诉', 'Complaints'],
  per1000: ['每千单投诉', 'Complaints per 1,000 orders'],
  smallSample: ['样本少', 'few orders'],
  lastWeek: ['上周', 'last week'],
  negativeReviews: ['差评', 'Negative reviews'],
  spend: ['售后花费（退款/赔偿/优惠券）', 'After-sales cost (refunds/compensation/coupons)'],
  exposure: ['法定赔偿敞口（估算）', 'Statutory exposure (estimate)'],
  frt: ['首次响应（中位数 / 90 分位）', 'First response (median / 90th percentile)'],
  median: ['首响中位数', 'Median'],
  p90: ['首响 90 分位', '90th percentile'],
  slaMet: ['首响达标率', 'First response on time'],
  within3: ['在线咨询 3 分钟回复率', 'Live chat answered within 3 min'],
  open: ['当前未结案件', 'Open cases now'],
  cases: ['案件', 'Cases'],
  threeMin: ['3 分钟回复', 'Within 3 min'],
  csat: ['满意度', 'CSAT'],
  topSkus: ['投诉最多的商品', 'Products with the most complaints'],
  causes: ['投诉根因（已结案）', 'Root causes (closed cases)'],
  cause: ['根因', 'Cause'],
  platform: ['平台', 'Platform'],
  service: ['各平台服务', 'Service by platform'],
  alerts: ['召回预警', 'Possible recalls'],
  noAlerts: ['本周没有异常批次。', 'No batch out of line this week.'],
  alertLine: [
    '{sku} 批次 {batch}：{observed} 起{signal}投诉（以往约 {expected} 起）',
    '{sku}, batch {batch}: {observed} {signal} complaints (usually about {expected})',
  ],
  safety: ['安全', 'safety'],
  quality: ['质量', 'quality'],
  none: ['无', 'none'],
  generated: ['生成于', 'Generated'],
  dayNote: ['日期按北京时间计。', 'Days in China time.'],
} as const;

const PLATFORM: Record<string, [string, string]> = {
  pinduoduo: ['拼多多', 'Pinduoduo'],
  douyin: ['抖店', 'Douyin'],
  tiktok: ['TikTok Shop', 'TikTok Shop'],
  taobao: ['淘宝/天猫', 'Taobao'],
  manual: ['自有渠道', 'Own channels'],
};
const CAUSE: Record<string, [string, string]> = {
  supplier_defect: ['供应商质量问题', 'Supplier defect'],
  manufacturing: ['生产缺陷', 'Manufacturing'],
  transit_damage: ['运输途中损坏', 'Transit damage'],
  listing_mismatch: ['商品描述不符', 'Listing mismatch'],
  warehouse_error: ['仓库发货差错', 'Warehouse error'],
  service_process: ['服务流程问题', 'Service process'],
  customer_misuse: ['买家使用不当', 'Customer misuse'],
  unfounded: ['投诉不成立', 'Unfounded'],
  other: ['其他', 'Other'],
};

const money = (fen: number, locale: ReportLocale) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'CNY' }).format(fen / 100);
const share = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

/** A duration as a merchant reads it: minutes, hours, then days. */
export function readableDuration(ms: number | null, locale: ReportLocale): string {
  if (ms === null) return '—';
  const min = ms / 60_000;
  const one = (v: number) => Math.round(v * 10) / 10;
  if (min < 60) return locale === 'en' ? `${one(min)} min` : `${one(min)} 分钟`;
  if (min < 48 * 60) return locale === 'en' ? `${one(min / 60)} h` : `${one(min / 60)} 小时`;
  return locale === 'en' ? `${one(min / 1440)} days` : `${one(min / 1440)} 天`;
}

// A row as tall as its tallest cell: English headers ("Complaints per 1,000 orders") wrap in their
// column, and a fixed row height let the second line run over the first row of figures.
function table(doc: Pdf, headers: string[], rows: string[][], widths: number[]) {
  const x0 = doc.page.margins.left;
  const line = (cells: string[], bold: boolean) => {
    const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 6 })));
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    let x = x0;
    doc.fillColor(bold ? '#6b7280' : '#111827');
    cells.forEach((c, i) => {
      doc.text(c, x, y, { width: widths[i]! - 6 });
      x += widths[i]!;
    });
    doc.x = x0;
    doc.y = y + height + 4;
  };
  doc.fontSize(9);
  line(headers, true);
  for (const r of rows) line(r, false);
  doc.fontSize(10).fillColor('#111827').moveDown(0.3);
}

/** The weekly report a merchant can forward: headline figures, problem products, causes, service, alerts. */
export function renderWeeklyReport(r: WeeklyReport, locale: ReportLocale): Promise<Buffer> {
  const i = locale === 'en' ? 1 : 0;
  const t = (k: keyof typeof TEXT) => TEXT[k][i];
  const sum = <T>(rows: T[], pick: (x: T) => number) => rows.reduce((s, x) => s + pick(x), 0);
  const orders = sum(r.quality, (q) => q.orders);
  const complaints = sum(r.quality, (q) => q.complaints);
  const ordersBefore = sum(r.qualityBefore, (q) => q.orders);
  const complaintsBefore = sum(r.qualityBefore, (q) => q.complaints);
  const rate = (c: number, o: number) => (o ? `${Math.round((c / o) * 10_000) / 10}‰` : '—');
  const weighted = (pick: (s: ServiceRow) => number | null, weight: (s: ServiceRow) => number) => {
    const rows = r.service.filter((s) => pick(s) !== null);
    const w = sum(rows, weight);
    return w ? sum(rows, (s) => (pick(s) ?? 0) * weight(s)) / w : null;
  };
  const csat = weighted(
    (s) => s.csatAverage,
    (s) => s.csatAnswers,
  );
  return renderPdf({ title: `${t('title')} ${r.from}`, at: r.generatedAt, lang: locale }, (doc) => {
    doc.fontSize(18).text(t('title'));
    doc.moveDown(0.3);
    field(doc, t('week'), `${r.from} – ${r.to}`, locale);
    const scope = [r.shopName, r.platform ? PLATFORM[r.platform]?.[i] : null].filter(Boolean).join(' · ');
    field(doc, t('scope'), scope || t('allShops'), locale);

    heading(doc, t('headline'));
    field(doc, t('orders'), orders.toLocaleString(locale), locale);
    const aside = (v: string, note: string) => (locale === 'en' ? `${v} (${note})` : `${v}（${note}）`);
    field(doc, t('complaints'), aside(String(complaints), `${t('lastWeek')} ${complaintsBefore}`), locale);
    field(
      doc,
      t('per1000'),
      aside(rate(complaints, orders), `${t('lastWeek')} ${rate(complaintsBefore, ordersBefore)}`),
      locale,
    );
    field(doc, t('negativeReviews'), String(sum(r.quality, (q) => q.negativeReviews)), locale);
    field(
      doc,
      t('spend'),
      money(
        sum(r.money, (m) => m.totalFen),
        locale,
      ),
      locale,
    );
    field(
      doc,
      t('exposure'),
      money(
        sum(r.money, (m) => m.statutoryExposureFen),
        locale,
      ),
      locale,
    );
    field(
      doc,
      t('frt'),
      `${readableDuration(
        weighted(
          (s) => s.firstResponseP50Ms,
          (s) => s.responded,
        ),
        locale,
      )} / ${readableDuration(
        weighted(
          (s) => s.firstResponseP90Ms,
          (s) => s.responded,
        ),
        locale,
      )}`,
      locale,
    );
    field(
      doc,
      t('slaMet'),
      share(
        weighted(
          (s) => s.slaMetShare,
          (s) => s.cases,
        ),
      ),
      locale,
    );
    field(
      doc,
      t('within3'),
      share(
        weighted(
          (s) => s.liveChatWithin3MinShare,
          (s) => s.liveChats,
        ),
      ),
      locale,
    );
    field(doc, t('open'), String(r.openCases), locale);
    field(doc, t('csat'), csat === null ? '—' : csat.toFixed(2), locale);

    heading(doc, t('topSkus'));
    if (!r.topSkus.length) doc.text(t('none'));
    else
      table(
        doc,
        ['SKU', t('orders'), t('complaints'), t('per1000'), t('negativeReviews')],
        r.topSkus.map((q) => [
          q.label,
          String(q.orders),
          String(q.complaints),
          q.complaintsPer1000Orders === null
            ? '—'
            : q.smallSample
              ? aside(`${q.complaintsPer1000Orders}‰`, t('smallSample'))
              : `${q.complaintsPer1000Orders}‰`,
          String(q.negativeReviews),
        ]),
        [215, 60, 60, 95, 65],
      );

    heading(doc, t('causes'));
    if (!r.rootCauses.length) doc.text(t('none'));
    else
      table(
        doc,
        [t('cause'), t('complaints'), '%'],
        r.rootCauses.slice(0, 6).map((c) => [CAUSE[c.key]?.[i] ?? c.key, String(c.count), share(c.share)]),
        [260, 90, 90],
      );

    heading(doc, t('service'));
    table(
      doc,
      [t('platform'), t('cases'), t('median'), t('p90'), t('slaMet'), t('threeMin')],
      r.service.map((s) => [
        PLATFORM[s.key]?.[i] ?? s.label,
        String(s.cases),
        readableDuration(s.firstResponseP50Ms, locale),
        readableDuration(s.firstResponseP90Ms, locale),
        share(s.slaMetShare),
        share(s.liveChatWithin3MinShare),
      ]),
      [120, 60, 75, 75, 90, 75],
    );

    heading(doc, t('alerts'));
    if (!r.alerts.length) doc.text(t('noAlerts'));
    for (const a of r.alerts) {
      doc.fillColor('#b91c1c').text(
        t('alertLine')
          .replace('{sku}', a.sku)
          .replace('{batch}', a.batch || '—')
          .replace('{observed}', String(a.observed))
          .replace('{signal}', a.signal === 'safety' ? t('safety') : t('quality'))
          .replace('{expected}', String(a.expected)),
      );
    }
    doc
      .moveDown(1)
      .fontSize(8)
      .fillColor('#6b7280')
      .text(
        `${t('dayNote')} ${t('generated')} ${r.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      );
  });
}
