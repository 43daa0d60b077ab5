import type { ComplaintType } from '../db/schema/brand.js';

export type DraftLocale = 'zh-CN' | 'en';

export type DefenceDraftInput = {
  platform: string;
  complainant: string;
  type: ComplaintType;
  rightNo: string | null;
  externalRef: string | null;
  listingTitle: string;
  sku: string | null;
  sourcing: {
    supplierName: string;
    /** The authorisation chain from the rights holder down to us, in order. */
    chain: { partyName: string; validUntil: Date | null; inForce: boolean }[];
    batches: {
      batchNo: string;
      supplierName: string;
      receivedAt: Date;
      invoiceNo: string | null;
      inspectionReportNo: string | null;
    }[];
  } | null;
  exhibits: { kind: string; title: string; sha256: string }[];
};

const TYPE_ZH: Record<ComplaintType, string> = {
  trademark_counterfeit: '商标侵权（假冒注册商标）',
  trademark_shop_name: '商标侵权（店铺名称）',
  trademark_listing_misuse: '商标侵权（商品信息中使用商标）',
  copyright_image: '著作权侵权（图片）',
  copyright_pirated: '著作权侵权（盗版）',
  copyright_artwork: '著作权侵权（美术作品）',
  patent_invention: '发明专利侵权',
  patent_utility_model: '实用新型专利侵权',
  patent_design: '外观设计专利侵权',
  factory_name_address: '冒用厂名厂址',
  counterfeit_goods: '假冒商品',
  other: '知识产权侵权',
};

const TYPE_EN: Record<ComplaintType, string> = {
  trademark_counterfeit: 'trademark infringement (counterfeit mark)',
  trademark_shop_name: 'trademark infringement (shop name)',
  trademark_listing_misuse: 'trademark infringement (use of the mark in the listing)',
  copyright_image: 'copyright infringement (images)',
  copyright_pirated: 'copyright infringement (pirated copies)',
  copyright_artwork: 'copyright infringement (artwork)',
  patent_invention: 'invention patent infringement',
  patent_utility_model: 'utility model patent infringement',
  patent_design: 'design patent infringement',
  factory_name_address: 'misuse of a factory name and address',
  counterfeit_goods: 'counterfeit goods',
  other: 'intellectual property infringement',
};

const KIND_ZH: Record<string, string> = {
  authorisation_letter: '授权书',
  invoice: '采购发票',
  inspection_report: '检验报告',
  certificate: '证书',
  order_record: '采购单据',
  listing_snapshot: '商品页面截图',
  document: '文件',
  photo: '照片',
};

const KIND_EN: Record<string, string> = {
  authorisation_letter: 'authorisation letter',
  invoice: 'purchase invoice',
  inspection_report: 'inspection report',
  certificate: 'certificate',
  order_record: 'purchase record',
  listing_snapshot: 'listing screenshot',
  document: 'document',
  photo: 'photo',
};

/** The supplier closes the chain when the last authorisation names someone else (it authorised the supplier). */
const supplierJoins = (s: NonNullable<DefenceDraftInput['sourcing']>) =>
  s.chain.at(-1)?.partyName.trim() !== s.supplierName.trim();

/** A Beijing calendar date: what the merchant and the platform read. */
const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The answer to an IP complaint against our listing, in the platform's language, from the sourcing
 * record and the exhibits on file: the merchant edits it and submits it on the platform. It claims
 * nothing the record does not show (no chain on file: it says the goods were bought from the named
 * supplier, not that they are authorised).
 */
export function draftDefenceResponse(input: DefenceDraftInput, locale: DraftLocale): string {
  return locale === 'en' ? draftEn(input) : draftZh(input);
}

function draftZh(d: DefenceDraftInput): string {
  const lines: string[] = [];
  const ref = d.externalRef ? `（投诉编号 ${d.externalRef}）` : '';
  lines.push(
    `关于${d.complainant}对我店商品「${d.listingTitle}」提出的${TYPE_ZH[d.type]}投诉${ref}的申诉说明`,
  );
  lines.push('');
  lines.push(
    `我店销售的该商品${d.sku ? `（SKU ${d.sku}）` : ''}为正品，来源合法，不构成对${d.rightNo ? `第 ${d.rightNo} 号` : '投诉方'}权利的侵犯。理由如下：`,
  );
  const s = d.sourcing;
  let n = 1;
  if (s) {
    lines.push(`${n++}. 货源：该商品由${s.supplierName}供货。`);
    const live = s.chain.filter((c) => c.inForce);
    if (s.chain.length && live.length === s.chain.length) {
      const chain = [
        ...s.chain.map((c) => `${c.partyName}${c.validUntil ? `（有效期至 ${day(c.validUntil)}）` : ''}`),
        ...(supplierJoins(s) ? [`${s.supplierName}（供货商）`] : []),
      ].join(' → ');
      lines.push(`${n++}. 授权链：${chain} → 我店，授权均在有效期内。`);
    }
    const batches = s.batches.slice(0, 5);
    if (batches.length) {
      lines.push(`${n++}. 进货记录：`);
      for (const b of batches) {
        const parts = [`批次 ${b.batchNo}`, `${day(b.receivedAt)} 自${b.supplierName}购入`];
        if (b.invoiceNo) parts.push(`发票号 ${b.invoiceNo}`);
        if (b.inspectionReportNo) parts.push(`检验报告编号 ${b.inspectionReportNo}`);
        lines.push(`   - ${parts.join('，')}`);
      }
    }
  }
  if (d.exhibits.length) {
    lines.push(`${n++}. 随附证据（均附 SHA-256 校验值，可核验未经改动）：`);
    d.exhibits.forEach((e, i) => {
      lines.push(
        `   证据${i + 1}：${KIND_ZH[e.kind] ?? e.kind}「${e.title}」 SHA-256 ${e.sha256.slice(0, 16)}…`,
      );
    });
  }
  lines.push('');
  lines.push('综上，请平台驳回该投诉并恢复/保留相关商品链接。如需原件，我店可随时提供。');
  return lines.join('\n');
}

function draftEn(d: DefenceDraftInput): string {
  const lines: string[] = [];
  const ref = d.externalRef ? ` (complaint ${d.externalRef})` : '';
  lines.push(
    `Response to the ${TYPE_EN[d.type]} complaint by ${d.complainant} against our listing "${d.listingTitle}"${ref}`,
  );
  lines.push('');
  lines.push(
    `The goods we sell under this listing${d.sku ? ` (SKU ${d.sku})` : ''} are genuine and lawfully sourced; they do not infringe ${d.rightNo ? `right no. ${d.rightNo}` : "the complainant's rights"}, for these reasons:`,
  );
  const s = d.sourcing;
  let n = 1;
  if (s) {
    lines.push(`${n++}. Source: the goods were supplied by ${s.supplierName}.`);
    const live = s.chain.filter((c) => c.inForce);
    if (s.chain.length && live.length === s.chain.length) {
      const chain = [
        ...s.chain.map((c) => `${c.partyName}${c.validUntil ? ` (valid until ${day(c.validUntil)})` : ''}`),
        ...(supplierJoins(s) ? [`${s.supplierName} (our supplier)`] : []),
      ].join(' → ');
      lines.push(`${n++}. Authorisation chain: ${chain} → our shop; every authorisation is in force.`);
    }
    const batches = s.batches.slice(0, 5);
    if (batches.length) {
      lines.push(`${n++}. Purchase records:`);
      for (const b of batches) {
        const parts = [`batch ${b.batchNo}`, `bought from ${b.supplierName} on ${day(b.receivedAt)}`];
        if (b.invoiceNo) parts.push(`invoice ${b.invoiceNo}`);
        if (b.inspectionReportNo) parts.push(`inspection report ${b.inspectionReportNo}`);
        lines.push(`   - ${parts.join(', ')}`);
      }
    }
  }
  if (d.exhibits.length) {
    lines.push(`${n++}. Exhibits (each with its SHA-256, so it can be checked unchanged):`);
    d.exhibits.forEach((e, i) => {
      lines.push(
        `   Exhibit ${i + 1}: ${KIND_EN[e.kind] ?? e.kind} "${e.title}" SHA-256 ${e.sha256.slice(0, 16)}…`,
      );
    });
  }
  lines.push('');
  lines.push(
    'We ask the platform to reject this complaint and keep (or restore) the listing. Originals are available on request.',
  );
  return lines.join('\n');
}
