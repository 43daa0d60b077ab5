import type { Locale, RemedyChoice } from './recall-types.js';

/** What the statement says, taken from the campaign (nothing about any buyer). */
export type StatementFacts = {
  title: string;
  productName: string | null;
  hazard: string;
  /** SKU labels as buyers see them: "code name". */
  skus: string[];
  batches: string[];
  soldFrom: Date | null;
  soldTo: Date | null;
  remedies: RemedyChoice[];
  claimDeadline: Date | null;
  contact: string | null;
  merchantName: string;
};

const REMEDY_WORDS: Record<Locale, Record<RemedyChoice, string>> = {
  'zh-CN': { refund: '全额退款', exchange: '免费更换为合格产品', repair: '免费维修' },
  en: { refund: 'a full refund', exchange: 'a free replacement with a safe unit', repair: 'a free repair' },
};

/** A date in the shop's zone, as a buyer writes it. */
export function localDate(at: Date, locale: Locale, timeZone = 'Asia/Shanghai'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .format(at)
    .split('-');
  const [y, m, d] = parts.map(Number);
  return locale === 'zh-CN' ? `${y}年${m}月${d}日` : `${y}-${parts[1]}-${parts[2]}`;
}

function joinList(items: string[], locale: Locale): string {
  if (locale === 'zh-CN') return items.join('、');
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function salePeriod(f: StatementFacts, locale: Locale): string | null {
  if (!f.soldFrom && !f.soldTo) return null;
  const from = f.soldFrom ? localDate(f.soldFrom, locale) : null;
  const to = f.soldTo ? localDate(f.soldTo, locale) : null;
  if (locale === 'zh-CN') return from && to ? `${from}至${to}` : from ? `${from}起` : `${to}前`;
  return from && to ? `from ${from} to ${to}` : from ? `since ${from}` : `until ${to}`;
}

/** The official statement, generated in zh-CN or en from the campaign; the merchant edits it before saving. */
export function generateStatement(f: StatementFacts, locale: Locale): string {
  const product = f.productName ?? f.title;
  const period = salePeriod(f, locale);
  const remedies = joinList(
    f.remedies.map((r) => REMEDY_WORDS[locale][r]),
    locale === 'zh-CN' ? 'zh-CN' : 'en',
  );
  if (locale === 'zh-CN') {
    const lines = [
      `【召回公告】${f.title}`,
      '',
      `${f.merchantName}决定主动召回以下产品。我们对由此给您带来的担忧和不便深表歉意。`,
      '',
      '一、召回产品',
      `产品：${product}`,
      ...(f.skus.length ? [`规格：${f.skus.join('、')}`] : []),
      ...(f.batches.length ? [`批次：${f.batches.join('、')}（批次号印在产品或包装上）`] : []),
      ...(period ? [`销售时间：${period}`] : []),
      '',
      '二、存在的风险',
      f.hazard,
      '',
      '三、您现在需要做什么',
      '1. 请立即停止使用该产品，并放在儿童接触不到的地方。',
      `2. 在原购买平台的订单页联系我们的客服，说明“召回”，即可选择${remedies}。退回的运费由我们承担。`,
      ...(f.claimDeadline
        ? [`3. 请在${localDate(f.claimDeadline, locale)}前提出申请；逾期后仍可联系我们处理。`]
        : []),
      '',
      '四、联系我们',
      f.contact ?? '请通过购买平台的店铺客服联系我们。',
      '',
      '我们会在调查完成后公布原因和整改措施。',
    ];
    return lines.join('\n');
  }
  const lines = [
    `RECALL NOTICE: ${f.title}`,
    '',
    `${f.merchantName} is voluntarily recalling the product below. We apologise for the worry and inconvenience this causes.`,
    '',
    '1. Product',
    `Product: ${product}`,
    ...(f.skus.length ? [`Variants: ${f.skus.join(', ')}`] : []),
    ...(f.batches.length
      ? [`Batches: ${f.batches.join(', ')} (printed on the product or its packaging)`]
      : []),
    ...(period ? [`Sold: ${period}`] : []),
    '',
    '2. The hazard',
    f.hazard,
    '',
    '3. What to do now',
    '1) Stop using the product at once and keep it away from children.',
    `2) Contact our customer service from your order page on the platform where you bought it and say "recall": you can choose ${remedies}. We pay the return shipping.`,
    ...(f.claimDeadline
      ? [`3) Please claim by ${localDate(f.claimDeadline, locale)}; we will still help after that date.`]
      : []),
    '',
    '4. Contact',
    f.contact ?? 'Please contact us through the shop’s customer service on the platform.',
    '',
    'We will publish the cause and the corrective actions once our investigation is complete.',
  ];
  return lines.join('\n');
}

/** The campaign's answer to "is mine affected?", suggested (or sent) on every recall inquiry. */
export function defaultAnswer(f: StatementFacts, locale: Locale): string {
  const product = f.productName ?? f.title;
  const remedies = joinList(
    f.remedies.map((r) => REMEDY_WORDS[locale][r]),
    locale,
  );
  const batches = f.batches.length ? joinList(f.batches, locale) : null;
  if (locale === 'zh-CN') {
    return (
      `您好，感谢您的关注。本次召回的是${product}${batches ? `，批次号为${batches}` : ''}（批次号印在产品或包装上）。` +
      `如在召回范围内，请立即停止使用，回复“退款”或“换货”即可为您办理${remedies}，退回运费由我们承担。`
    );
  }
  return (
    `Hello, and thank you for asking. The recall covers ${product}${batches ? `, batch ${batches}` : ''} (the batch number is printed on the product or its packaging). ` +
    `If your order is in scope, please stop using it now and reply "refund" or "exchange": we will arrange ${remedies} and pay the return shipping.`
  );
}

/** The campaign's answer with the one line that depends on the buyer's own order. */
export function answerFor(answer: string, inScope: boolean | null, locale: Locale): string {
  if (inScope === null) return answer;
  const line =
    locale === 'zh-CN'
      ? inScope
        ? '经核对，您购买的商品在本次召回范围内。'
        : '经核对，您的订单不在本次召回范围内，可以放心使用。'
      : inScope
        ? 'We checked: your order is in the scope of this recall.'
        : 'We checked: your order is not in the scope of this recall; you can keep using it.';
  return `${line}${locale === 'zh-CN' ? '' : ' '}${answer}`;
}
